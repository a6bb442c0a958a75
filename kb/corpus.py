"""Reading and checking a corpus: the registry, each article's text and its annotation.

Loading is strict and collects every problem it finds (file, line, field, what to do) before it
raises one `CorpusError`, so a curator sees all mistakes at once rather than one per run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from kb.errors import CorpusError, InputError, Problem, display_path, processing
from kb.models import (
    ACTOR_TYPES, EVENT_TYPES, PLACE_RELATIONS, PLACE_TYPES, Annotation, ClaimFact, Entity,
    EntityType, Quote, RelationFact,
)
from kb.messages import describe
from kb.yamlio import Located, load_yaml, read_text

ARTICLES_DIR = "articles"
_ARTICLE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")  # as models.Id: article ids make IRIs and claim references
REGISTRY_DIR = "registry"


@dataclass(frozen=True)
class Span:
    """Where a quote sits in its article: code-point offsets, start inclusive, end exclusive."""

    start: int
    end: int
    quote: str


class QuoteNotFound(ValueError):
    pass


@dataclass
class Article:
    id: str
    text: str
    text_path: Path
    annotation: Annotation
    source: Located

    @property
    def annotation_file(self) -> str:
        return self.source.name

    def line_of(self, loc: tuple) -> int | None:
        return self.source.line_of(loc)

    def locate(self, quote: Quote) -> Span:
        """The span of a quote, checked against the text; raises QuoteNotFound saying why not."""
        text, exact = self.text, quote.quote
        if quote.start is not None:
            end = quote.start + len(exact)
            if quote.end is not None and quote.end != end:
                raise QuoteNotFound(
                    f"`end` is {quote.end} but the quote is {len(exact)} characters long, "
                    f"so it must end at {end}"
                )
            if end > len(text):
                raise QuoteNotFound(
                    f"the offsets {quote.start}-{end} run past the end of the text ({len(text)} characters)"
                )
            if text[quote.start:end] != exact:
                found = _occurrences(text, exact)
                hint = f"; it occurs at {', '.join(map(str, found))}" if found else "; it is not in the text at all"
                raise QuoteNotFound(f"the quote is not at offset {quote.start}{hint}")
            return Span(quote.start, end, exact)
        found = _occurrences(text, exact)
        if not found:
            raise QuoteNotFound(f"the quote {_short(exact)} is not in the article text (it must be copied verbatim)")
        if len(found) > 1:
            raise QuoteNotFound(
                f"the quote {_short(exact)} occurs {len(found)} times (at {', '.join(map(str, found))}); "
                "give `start` to say which one"
            )
        return Span(found[0], found[0] + len(exact), exact)


def _occurrences(text: str, exact: str) -> list[int]:
    found, at = [], text.find(exact)
    while at != -1:
        found.append(at)
        at = text.find(exact, at + 1)
    return found


def _short(text: str, width: int = 60) -> str:
    return repr(text if len(text) <= width else text[: width - 1] + "…")


@dataclass
class Corpus:
    root: Path
    entities: dict[str, Entity]
    entity_origin: dict[str, tuple[str, int | None]]
    articles: dict[str, Article] = field(default_factory=dict)
    elsewhere: tuple[set, set] = field(default_factory=lambda: (set(), set()))
    """Claims ((article, id)) and provisions ((agreement, id)) of articles not loaded."""

    def kind_of(self, entity_id: str) -> EntityType | None:
        entity = self.entities.get(entity_id)
        return entity.type if entity else None


# --- reading --------------------------------------------------------------------------------


def _model_problems(source: Located, err: ValidationError, model: type, prefix: tuple = ()) -> list[Problem]:
    problems = []
    for item in err.errors():
        loc = tuple(step for step in item["loc"] if not _is_union_tag(step))
        problems.append(source.problem(prefix + loc, describe(item, model, loc)))
    return problems


def _is_union_tag(step: Any) -> bool:
    # pydantic names union members and validators in the loc ("function-before[...]", "str")
    return isinstance(step, str) and ("[" in step or step in {"str", "int", "dict[str,any]"})


def corpus_files(folder: Path, pattern: str, root: Path) -> tuple[list[Path], list[Problem]]:
    """The files of `folder` matching `pattern`, sorted, and a problem for each that is a link to
    somewhere outside the corpus `root` (it would pull an outside file into the knowledge base)."""
    if not folder.is_dir():
        return [], []
    inside, problems = [], []
    top = root.resolve()
    for path in sorted(folder.glob(pattern)):
        target = path.resolve()
        if target.is_relative_to(top):
            inside.append(path)
        else:
            problems.append(Problem(display_path(path), None, None,
                                    f"this is a link to {target}, outside the corpus: copy the file into the corpus instead"))
    return inside, problems


def read_registry(folder: Path) -> tuple[dict[str, Entity], dict[str, tuple[str, int | None]], list[Problem]]:
    """Every entity of the registry folder, where each was defined, and the problems found."""
    entities: dict[str, Entity] = {}
    origin: dict[str, tuple[str, int | None]] = {}
    files, problems = corpus_files(folder, "*.yaml", folder.parent)
    if not files and not problems:
        problems.append(Problem(display_path(folder), None, None, "no registry files (*.yaml) found"))
    for path in files:
        try:
            source = load_yaml(path)
        except CorpusError as err:
            problems.extend(err.problems)
            continue
        if not isinstance(source.data, list):
            what = "empty" if source.data is None else f"a {type(source.data).__name__}"
            problems.append(source.problem((), f"a registry file holds a list of entities, but this one is {what}"))
            continue
        for index, item in enumerate(source.data):
            try:
                entity = Entity.model_validate(item)
            except ValidationError as err:
                problems.extend(_model_problems(source, err, Entity, (index,)))
                continue
            line = source.line_of((index,))
            if entity.id in entities:
                first_file, first_line = origin[entity.id]
                problems.append(source.problem(
                    (index, "id"), f"the id {entity.id!r} is already used at {first_file}:{first_line}"
                ))
                continue
            entities[entity.id] = entity
            origin[entity.id] = (source.name, line)
    return entities, origin, problems


def read_article(text_path: Path, annotation_path: Path) -> tuple[Article | None, list[Problem]]:
    try:
        text = read_text(text_path)
        source = load_yaml(annotation_path)
    except CorpusError as err:
        return None, err.problems
    if not isinstance(source.data, dict):
        what = "empty" if source.data is None else f"a {type(source.data).__name__}"
        return None, [source.problem((), f"an annotation is a mapping with an `article:` section, but this one is {what}")]
    try:
        annotation = Annotation.model_validate(source.data)
    except ValidationError as err:
        return None, _model_problems(source, err, Annotation)
    return Article(text_path.stem, text, text_path, annotation, source), []


def article_files(root: Path) -> tuple[list[tuple[Path, Path]], list[Problem]]:
    """Pairs of (text, annotation) files, and a problem for each file without its partner."""
    folder = root / ARTICLES_DIR
    text_files, outside = corpus_files(folder, "*.txt", root)
    annotation_files, outside_annotations = corpus_files(folder, "*.yaml", root)
    texts = {p.stem: p for p in text_files}
    annotations = {p.stem: p for p in annotation_files}
    linked = {Path(problem.file).stem for problem in outside + outside_annotations}
    problems = outside + outside_annotations + [
        Problem(display_path(annotations[stem]), None, None,
                f"the annotation has no article text: add {stem}.txt beside it, or remove it")
        for stem in sorted(annotations.keys() - texts.keys() - linked)
    ] + [
        Problem(display_path(texts[stem]), None, None,
                f"the article text has no annotation: write {stem}.yaml beside it (`kb new` drafts one)")
        for stem in sorted(texts.keys() - annotations.keys() - linked)
    ]
    problems += [
        Problem(display_path(path), None, None,
                f"the file name {stem!r} cannot be an article id: use lower-case letters, digits, hyphens and underscores")
        for stem, path in sorted({**texts, **annotations}.items())
        if not _ARTICLE_ID.fullmatch(stem)
    ]
    pairs = [
        (texts[stem], annotations[stem]) for stem in sorted(texts.keys() & annotations.keys() - linked)
        if _ARTICLE_ID.fullmatch(stem)
    ]
    return pairs, problems


def load_corpus(root: Path, only: set[str] | None = None, declared: tuple[set, set] | None = None) -> Corpus:
    """Read and check a corpus; raises CorpusError listing every problem found.

    `only` restricts the articles read and checked (the registry is always read whole); claims
    and provisions that other articles declare are still known, so references to them resolve:
    from `declared` ((article, claim) and (agreement, provision) pairs) when the caller knows
    them, else by a lenient read of the other annotations.
    """
    if not root.is_dir():
        raise InputError(f"corpus folder not found: {display_path(root)}")
    entities, origin, problems = read_registry(root / REGISTRY_DIR)
    corpus = Corpus(root, entities, origin)
    pairs, pair_problems = article_files(root)
    others: list[Path] = []
    if only is not None:
        known = {path.stem for pattern in ("*.txt", "*.yaml") for path in (root / ARTICLES_DIR).glob(pattern)}
        unknown = only - known
        if unknown:
            raise InputError(f"no such article in {display_path(root)}: {', '.join(sorted(unknown))}")
        others = [annotation for _, annotation in pairs if annotation.stem not in only]
        problems += [problem for problem in pair_problems if Path(problem.file).stem in only]
        pairs = [pair for pair in pairs if pair[0].stem in only]
    else:
        problems += pair_problems
    for text_path, annotation_path in pairs:
        with processing(annotation_path):
            article, article_problems = read_article(text_path, annotation_path)
        problems += article_problems
        if article is not None:
            corpus.articles[article.id] = article
    if not problems:
        corpus.elsewhere = declared if declared is not None else _declared_elsewhere(others)
        problems += check_references(corpus, corpus.elsewhere)
    if problems:
        raise CorpusError(problems)
    return corpus


def _declared_elsewhere(annotations: list[Path]) -> tuple[set, set]:
    """Claim and provision ids that other annotations declare, read leniently (they are not checked here)."""
    claims, provisions = set(), set()
    for path in annotations:
        try:
            data = load_yaml(path).data
        except CorpusError:
            continue
        if not isinstance(data, dict):
            continue
        for claim in data.get("claims") or []:
            if isinstance(claim, dict) and isinstance(claim.get("id"), str):
                claims.add((path.stem, claim["id"]))
        for agreement in data.get("agreements") or []:
            if isinstance(agreement, dict):
                for provision in agreement.get("provisions") or []:
                    if isinstance(provision, dict) and isinstance(provision.get("id"), str):
                        provisions.add((agreement.get("agreement"), provision["id"]))
    return claims, provisions


# --- checking -------------------------------------------------------------------------------

ACTOR, PLACE, EVENT, AGREEMENT, MEDIA, PERSON, EQUIPMENT, ANY = (
    "an actor", "a place", "an event", "an agreement", "a media outlet", "a person",
    "an equipment type", "an entity",
)
_KINDS = {
    ACTOR: ACTOR_TYPES, PLACE: PLACE_TYPES, EVENT: EVENT_TYPES,
    AGREEMENT: {EntityType.Agreement}, MEDIA: {EntityType.MediaOutlet}, PERSON: {EntityType.Person},
    EQUIPMENT: {EntityType.EquipmentType}, ANY: set(EntityType),
}
# what each reference field must point at
_REFERENCE_KIND = {
    "publisher": MEDIA, "byline": MEDIA, "outlet": MEDIA, "medium": MEDIA,
    "dateline": PLACE, "places": PLACE, "place": PLACE, "zone": PLACE, "creates": PLACE,
    "holder": PERSON, "of": ACTOR,
    "subject": ANY, "object": ANY, "about": ANY,
    "agreement": AGREEMENT, "equipment": EQUIPMENT,
    "parties": ACTOR, "signatories": ACTOR, "obligated": ACTOR, "agents": ACTOR, "targets": ACTOR,
    "supporters": ACTOR, "participants": ACTOR, "side": ACTOR, "claimant": ACTOR,
    "alleged_by": ACTOR, "accused": ACTOR, "according_to": ACTOR,
    "event": EVENT, "events": EVENT, "negotiated_at": EVENT, "part_of": EVENT,
    "in_response_to": EVENT, "occasion": EVENT,
}


def _walk(model: BaseModel, loc: tuple) -> Iterator[tuple[tuple, str, Any]]:
    """Every (loc, field name, value) below a model, descending into lists and sub-models."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        yield loc + (name,), name, value
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            if isinstance(item, BaseModel):
                sub = loc + (name,) if index is None else loc + (name, index)
                yield from _walk(item, sub)


def check_references(corpus: Corpus, elsewhere: tuple[set, set] = (set(), set())) -> list[Problem]:
    problems: list[Problem] = []
    provisions = elsewhere[1] | {
        (agreement.agreement, provision.id)
        for article in corpus.articles.values()
        for agreement in article.annotation.agreements
        for provision in agreement.provisions
    }
    claim_ids = elsewhere[0] | {
        (article.id, claim.id) for article in corpus.articles.values() for claim in article.annotation.claims
    }
    for article in corpus.articles.values():
        with processing(article.source.path):
            problems += _check_article(corpus, article, provisions, claim_ids)
    return problems


def _check_article(corpus: Corpus, article: Article, provisions: set, claim_ids: set) -> list[Problem]:
    problems: list[Problem] = []
    source = article.source

    def reference(loc: tuple, entity_id: str, kind: str) -> None:
        entity = corpus.entities.get(entity_id)
        if entity is None:
            problems.append(source.problem(loc, f"unknown entity {entity_id!r}: add it to the registry, or fix the id"))
        elif entity.type not in _KINDS[kind]:
            problems.append(source.problem(loc, f"{entity_id!r} is a {entity.type.value}, but this must be {kind}"))

    for loc, name, value in _walk(article.annotation, ()):
        if isinstance(value, Quote):
            try:
                article.locate(value)
            except QuoteNotFound as err:
                problems.append(source.problem(loc, str(err)))
        elif isinstance(value, list) and value and isinstance(value[0], Quote):
            for index, quote in enumerate(value):
                try:
                    article.locate(quote)
                except QuoteNotFound as err:
                    problems.append(source.problem(loc + (index,), str(err)))
        kind = _REFERENCE_KIND.get(name)
        if kind is None or value is None:
            continue
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, str):
                    reference(loc + (index,), item, kind)
        elif isinstance(value, str):
            reference(loc, value, kind)

    for entity_id, forms in article.annotation.mentions.items():
        if entity_id not in corpus.entities:
            problems.append(source.problem(("mentions", entity_id), f"unknown entity {entity_id!r}: add it to the registry, or fix the id"))
        for index, form in enumerate(forms):
            if form not in article.text:
                problems.append(source.problem(("mentions", entity_id, index), f"the name {form!r} is not in the article text"))

    for index, relation in enumerate(article.annotation.relations):
        problems += _check_relation(corpus, source, index, relation)

    seen: dict[str, int] = {}
    for index, claim in enumerate(article.annotation.claims):
        if claim.id in seen:
            problems.append(source.problem(("claims", index, "id"), f"the claim id {claim.id!r} is already used by claims[{seen[claim.id]}]"))
        seen.setdefault(claim.id, index)
        problems += _check_claim_links(source, article.id, index, claim, claim_ids)

    for index, violation in enumerate(article.annotation.violations):
        loc = ("violations", index)
        if violation.provision and (violation.agreement, violation.provision) not in provisions:
            problems.append(source.problem(loc + ("provision",), f"no article declares a provision {violation.provision!r} of {violation.agreement!r}"))
        if violation.claim and (article.id, violation.claim) not in claim_ids:
            problems.append(source.problem(loc + ("claim",), f"this article has no claim {violation.claim!r}"))
    return problems


def _check_relation(corpus: Corpus, source: Located, index: int, relation: RelationFact) -> list[Problem]:
    if relation.relation not in PLACE_RELATIONS:
        return []
    return [
        source.problem(("relations", index, end), f"{entity_id!r} is a {kind.value}, but `{relation.relation.value}` relates places")
        for end, entity_id in (("subject", relation.subject), ("object", relation.object))
        if (kind := corpus.kind_of(entity_id)) is not None and kind not in PLACE_TYPES
    ]


def _check_claim_links(source: Located, article_id: str, index: int, claim: ClaimFact, claim_ids: set) -> list[Problem]:
    problems = []
    for link in ("contradicts", "denies", "supports"):
        for position, ref in enumerate(getattr(claim, link)):
            target = resolve_claim_ref(article_id, ref)
            loc = ("claims", index, link, position)
            if target == (article_id, claim.id):
                problems.append(source.problem(loc, f"the claim {claim.id!r} cannot {link.rstrip('s')} itself"))
            elif target not in claim_ids:
                problems.append(source.problem(loc, f"no claim {ref!r}: write `claim-id` for this article or `article-id#claim-id`"))
    return problems


def resolve_claim_ref(article_id: str, ref: str) -> tuple[str, str]:
    if "#" in ref:
        other, claim = ref.split("#", 1)
        return other, claim
    return article_id, ref
