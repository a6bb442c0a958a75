"""`kb new`: everything the drafter finds in a text, gathered in a `Draft` (`draft_annotation`),
and the new article written into the corpus with its draft beside it (`new_article`)."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from kb.coverage import sentences as sentence_spans
from kb.dates import DateSpec, Precision
from kb.draft.dates import find_dates, parse_date_option, written_date
from kb.draft.figures import find_figures
from kb.draft.findings import Draft, DraftError, Found, Mention, found
from kb.draft.furniture import find_furniture, find_headings, find_title
from kb.draft.metadata import URL_IN_TEXT, choose_publisher, find_publication
from kb.draft.names import cut_off_at, find_candidates, find_mentions
from kb.draft.render import date_value, render
from kb.draft.speakers import Context
from kb.draft.statements import find_statements
from kb.errors import CorpusError, InputError, display_path
from kb.models import Annotation, Entity
from kb.yamlio import load_yaml

ARTICLE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_URL = re.compile(r"^https?://\S+$")


def _latest_date(text: str) -> str:
    """A hint for a text that states no publication date: the latest full date it gives."""
    days = [d for d in find_dates(text, None) if isinstance(d.written, str) and len(d.written) == 10]
    if not days:
        return ""
    latest = max(days, key=lambda d: (d.written, -d.found.start))
    return f"; the latest date it gives is {latest.written} ({latest.found.quote!r} at {latest.found.start})"


def _publication_date(date: str | None, stated, problem: str | None, text: str) -> tuple[DateSpec, str]:
    if date is not None:
        return parse_date_option(date), ("Given with `kb new --date`: replace this note by how the date was "
                                         "established, or by the evidence that states it.")
    if stated is not None:
        return DateSpec.model_validate(stated.written), (
            f"Draft (kb new): read from {stated.how}; confirm it, then replace this note by the evidence given below it.")
    why = f"{problem}, and states no other date" if problem else "the text states no publication date"
    why += _latest_date(text)
    raise DraftError(f"{why}: give it with --date (a day such as 2020-02-23, a month 2020-02, or a range such as "
                     "2020-02-18/2020-02-23), and say in the draft's note how you established it")


def draft_annotation(text: str, entities: dict[str, Entity], article_id: str = "new-article", *,
                     date: str | None = None, publisher: str | None = None, url: str | None = None,
                     title: str | None = None, source_name: str = "") -> Draft:
    """Everything `kb new` finds in a text.

    Takes the text, the registry, the article's id and what the curator gave on the command line
    (`date`: a day, month, year or FROM/TO; `publisher`: a registry id, label or alias, or a new
    name; `url`; `title`) and the source file's name. Returns the `Draft` (`render.render` writes it).
    Raises `DraftError` when the text states no publication date and none is given, or an option
    is unusable (a date that is not one, a URL that is not one, a publisher that cannot publish)."""
    furniture = find_furniture(text)
    pub = find_publication(text, entities)
    spec, how_dated = _publication_date(date, pub.stated, pub.problem, text)
    hits = find_mentions(text, entities)
    choice = choose_publisher(publisher, text, entities, pub.outlets, hits) if publisher is not None else None
    if url is not None and not _URL.match(url):
        raise DraftError(f"--url {url!r} is not a URL: it must start with http:// or https:// and hold no spaces")
    if title is not None and not title.strip():
        raise DraftError("--title is empty")

    base = spec.earliest if spec.precision is Precision.day else None
    spans = sentence_spans(text)
    cut = cut_off_at(text)
    title_found = find_title(text, furniture, pub.header_lines)
    headings = find_headings(text, title_found, furniture, pub.header_lines, cut)
    if title is not None:
        at = text.find(title)
        title_found = Found(title, at) if at >= 0 else None
    dates = find_dates(text, base, spans)
    forms: dict[tuple[str, str], list[int]] = defaultdict(list)
    notes: dict[tuple[str, str], str] = {}
    for hit in hits:
        forms[(hit.entity, hit.form)].append(hit.start)
        if hit.note:
            notes[(hit.entity, hit.form)] = hit.note
    entities_of_form: dict[str, list[str]] = defaultdict(list)
    for entity_id, form in forms:
        entities_of_form[form].append(entity_id)
    mentions = [Mention(entity_id, form, tuple(starts), notes.get((entity_id, form), ""))
                for (entity_id, form), starts in sorted(forms.items(), key=lambda kv: (kv[1][0], kv[0]))]
    ctx = Context(text, entities, hits, dates, spans)
    statements = find_statements(ctx, furniture, headings)

    pieces = [p for p, _ in furniture] + headings + pub.header_lines + [d.found for d in dates]
    pieces += [found(text, *m.span()) for m in URL_IN_TEXT.finditer(text)]
    pieces += [title_found] if title_found else []
    pieces += [o.evidence for o in pub.outlets] + ([choice.evidence] if choice and choice.evidence else [])
    taken = [(p.start, p.end) for p in pieces]
    candidates = find_candidates(text, taken + [(h.start, h.end) for h in hits]
                                 + ([(pub.dateline[1].start, pub.dateline[1].end)] if pub.dateline else []),
                                 entities, {s for s, _ in spans}, cut)
    figures = find_figures(text, taken, spans, entities, hits, statements, cut)
    new_entities = {o.new.id: o.new for o in pub.outlets if o.new}
    if choice and choice.new:
        new_entities[choice.new.id] = choice.new
    url_found = found(text, *m.span()) if (m := URL_IN_TEXT.search(text)) else None
    return Draft(
        article_id=article_id, text=text, published=written_date(spec), published_note=how_dated,
        stated_date=pub.stated, title=title, title_found=title_found, url=url, url_found=url_found,
        publisher=choice.entity if choice else None, publisher_found=choice.evidence if choice else None,
        publisher_comment=None if choice is None or choice.live else choice.comment, outlets=pub.outlets,
        byline_people=pub.people, dateline=pub.dateline,
        furniture=sorted(furniture + [(h, "a heading") for h in headings], key=lambda item: item[0].start),
        mentions=mentions, ambiguous={form: ids for form, ids in entities_of_form.items() if len(ids) > 1},
        candidates=candidates, new_entities=list(new_entities.values()), dates=dates, statements=statements,
        figures=figures, sentences=[found(text, s, e) for s, e in spans], source_name=source_name,
    )


@dataclass(frozen=True)
class NewArticle:
    """A new article: its id, the text and draft files written, the draft, and the file it came from."""

    article_id: str
    text_path: Path
    annotation_path: Path
    draft: Draft
    copied_from: Path | None = None

    def summary(self) -> list[str]:
        """What `kb new` reports: the files written and what the draft holds, one line each."""
        d = self.draft
        source = f" (copied from {display_path(self.copied_from)})" if self.copied_from else ""
        how = f" ({d.stated_date.how})" if d.stated_date and str(d.published) == d.stated_date.written else " (given)"
        lines = [
            f"new article {self.article_id}: {display_path(self.text_path)}{source}",
            f"draft annotation: {display_path(self.annotation_path)}",
            f"  published      {date_value(d.published)}{how}",
        ]
        live = d.publisher is not None and d.publisher_comment is None
        if d.publisher and live:
            lines.append(f"  publisher      {d.publisher} (given)")
        elif d.publisher:
            new = any(e.id == d.publisher for e in d.new_entities)
            lines.append(f"  publisher      {d.publisher}? (given; " + ("not in the registry: a new entry is drafted"
                         if new else "written as a comment: see the draft") + ", to confirm)")
        for outlet in (o for o in d.outlets if not (d.publisher and o.role == "publisher")):
            lines.append(f"  {outlet.role:<14} {outlet.entity}? ({outlet.how}: to confirm)")
        resolved = sum(1 for st in d.statements if st.speaker)
        outcomes = sum(1 for f in d.figures if f.kind)
        lines += [
            f"  entities       {len({m.entity for m in d.mentions})} ({len(d.mentions)} forms)",
            f"  new names      {len(d.candidates)}",
            f"  dates          {len(d.dates)}",
            f"  statements     {len(d.statements)} ({resolved} with a registry speaker)",
            f"  figures        {len(d.figures)} ({outcomes} outcome{'' if outcomes == 1 else 's'})",
            f"  sentences      {len(d.sentences)}, "
            + ("none covered yet but the one quoted for --publisher" if live else "none covered yet"),
            (f"next: edit the draft (docs/curating.md says how), then `kb check {self.article_id}` "
             f"and `kb coverage {self.article_id}`"),
        ]
        return lines


def article_id_for(text_file: Path, article_id: str | None) -> str:
    """The new article's id: `article_id` if given (checked), else made from the file's name.

    Raises `DraftError` for an id that cannot be one, or a file name that makes none."""
    if article_id is not None:
        if not ARTICLE_ID.fullmatch(article_id):
            raise DraftError(f"--id {article_id!r} cannot be an article id: use lower-case letters, digits, "
                             "hyphens and underscores, starting with a letter or digit")
        return article_id
    derived = re.sub(r"[^a-z0-9_-]+", "-", text_file.stem.lower()).strip("-_")
    if not derived or not ARTICLE_ID.fullmatch(derived):
        raise DraftError(f"cannot make an article id from the file name {text_file.name!r}: give one with --id")
    return derived
def new_article(corpus: Path, text_file: Path, *, article_id: str | None = None, date: str | None = None,
                publisher: str | None = None, url: str | None = None, title: str | None = None) -> NewArticle:
    """Copy `text_file` into `corpus` under a new article id and write its draft annotation beside it.

    Takes the corpus folder, the text file and the options of `kb new`. Returns the `NewArticle`.
    Raises `InputError` for a missing folder or file, a text that is not UTF-8 or is empty, or a
    file that cannot be written; `CorpusError` for a registry with problems; `DraftError` for an
    article that exists or an unusable option. The text is never overwritten, and is taken back
    if the draft cannot be written."""
    from kb.corpus import ARTICLES_DIR, REGISTRY_DIR, read_registry

    if not corpus.is_dir():
        raise InputError(f"corpus folder not found: {display_path(corpus)} (give it with --corpus)")
    if not text_file.is_file():
        raise InputError(f"no such file: {display_path(text_file)}")
    identifier = article_id_for(text_file, article_id)
    folder = corpus / ARTICLES_DIR
    text_path, annotation_path = folder / f"{identifier}.txt", folder / f"{identifier}.yaml"
    in_place = text_path.exists() and text_path.resolve() == text_file.resolve() and not annotation_path.exists()
    existing = [] if in_place else [p.name for p in (text_path, annotation_path) if p.exists()]
    if existing:
        raise DraftError(f"the article {identifier!r} already exists in {display_path(folder)} "
                         f"({', '.join(existing)}): choose another id with --id")
    raw = text_file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"{display_path(text_file)} is not UTF-8 (byte 0x{raw[err.start]:02x} at offset "
                         f"{err.start}): save it as UTF-8 and try again") from None
    if not text.strip():
        raise InputError(f"{display_path(text_file)} is empty")
    entities, _, problems = read_registry(corpus / REGISTRY_DIR)
    if problems:
        raise CorpusError(problems)
    draft = draft_annotation(text, entities, identifier, date=date, publisher=publisher, url=url,
                             title=title, source_name=text_file.name)
    rendered = schema_modeline(folder) + render(draft)
    folder.mkdir(parents=True, exist_ok=True)
    # exclusive creation: a file that appeared since the check above is never overwritten
    if not in_place:
        _create(text_path, raw, identifier)
    try:
        _create(annotation_path, rendered.encode("utf-8"), identifier)
    except BaseException:
        if not in_place:
            text_path.unlink(missing_ok=True)
        raise
    try:
        _self_check(annotation_path)
    except AssertionError:
        if not in_place:
            text_path.unlink(missing_ok=True)
        raise
    return NewArticle(identifier, text_path, annotation_path, draft, None if in_place else text_file)


def schema_modeline(folder: Path) -> str:
    """The first line of a draft in `folder`: it points editors that read the yaml-language-server's
    modeline at the annotation schema, so that they check and complete fields as the curator types."""
    from kb.resources import schema_file

    schema = schema_file("annotation").resolve()
    try:
        target = Path(os.path.relpath(schema, folder.resolve()))
    except ValueError:  # another drive: no relative path
        target = schema
    return f"# yaml-language-server: $schema={target.as_posix()}\n"


def _create(path: Path, data: bytes, identifier: str) -> None:
    """Write a new file, refusing (DraftError) if it exists; a half-written file is removed."""
    try:
        handle = path.open("xb")
    except FileExistsError:
        raise DraftError(f"the article {identifier!r} already exists ({display_path(path)}): choose another id with --id") from None
    except OSError as err:
        raise InputError(f"cannot write {display_path(path)}: {err.strerror}; nothing was added") from None
    try:
        with handle:
            handle.write(data)
    except BaseException as err:
        path.unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise InputError(f"cannot write {display_path(path)}: {err.strerror}; nothing was added") from None
        raise


def _self_check(annotation_path: Path) -> None:
    """The draft must be an annotation the models accept: if not, that is a bug here; take it back."""
    try:
        data = load_yaml(annotation_path).data
        Annotation.model_validate(data)
    except (CorpusError, ValidationError) as err:
        annotation_path.unlink(missing_ok=True)
        raise AssertionError(f"kb new wrote a draft the models refuse: {err}") from err
