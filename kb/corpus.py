"""Reading a corpus: the registry, each article's text and its annotation.

Loading is strict and collects every problem it finds (file, line, field, what to do) before it
raises one `CorpusError`, so a curator sees all mistakes at once rather than one per run. What the
annotations refer to is checked by `kb.references`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kb.articles import Article, Corpus, QuoteNotFound, Span, short
from kb.corpus_files import ARTICLES_DIR, REGISTRY_DIR, article_files, corpus_files, listed_ids
from kb.errors import CorpusError, InputError, Problem, display_path, processing
from kb.kinds import kinds
from kb.messages import describe
from kb.models import Annotation, Entity
from kb.references import check_references, resolve_claim_ref, walk
from kb.yamlio import Located, load_yaml, read_text

__all__ = [
    "ARTICLES_DIR", "REGISTRY_DIR", "Article", "Corpus", "QuoteNotFound", "Span", "article_files", "corpus_files",
    "load_corpus", "read_article", "read_registry", "resolve_claim_ref", "walk",
]



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
            unknown = kinds().problem(entity.type)
            if unknown:
                problems.append(source.problem((index, "type"), unknown))
                continue
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
    """One article, read and validated against the models; or None and the problems found."""
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


def load_corpus(root: Path, only: set[str] | None = None, declared: tuple[set, set] | None = None,
                registry: tuple[dict[str, Entity], dict[str, tuple[str, int | None]]] | None = None,
                files: tuple[list[tuple[Path, Path]], list[Problem]] | None = None) -> Corpus:
    """Read and check a corpus; raises CorpusError listing every problem found.

    `only` restricts the articles read and checked (the registry is always read whole); claims
    and provisions that other articles declare are still known, so references to them resolve:
    from `declared` ((article, claim) and (agreement, provision) pairs) when the caller knows
    them, else by a lenient read of the other annotations. `registry` (entities by id, and where
    each is defined) is the registry as read before from the same files, when the caller has it
    (`kb.registry_cache`); `files`, what `article_files` gives, when the caller has listed them.
    """
    if not root.is_dir():
        raise InputError(f"corpus folder not found: {display_path(root)}")
    if registry is not None:
        (entities, origin), problems = registry, []
    else:
        entities, origin, problems = read_registry(root / REGISTRY_DIR)
    corpus = Corpus(root, entities, origin)
    pairs, pair_problems = files if files is not None else article_files(root)
    others: list[Path] = []
    if only is not None:
        unknown = only - listed_ids(pairs, pair_problems)
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


