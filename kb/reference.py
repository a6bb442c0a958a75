"""The annotation format's field reference (`docs/annotation-reference.md`), generated from the models.

Every field of every part of an annotation and of a registry entry, with its type, whether it is
required (and its default), its meaning (the field's docstring in the models) and an example from
the corpus (the first place it is used, with the file and line). Quotes, dates and the closed
vocabularies, which many fields share, have sections of their own. The page depends only on the
models and the corpus files, read in sorted order. A test regenerates it and fails when the
committed one differs.
"""

from __future__ import annotations

import enum
import json
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from kb.yamlio import Located, load_yaml

Where = tuple[tuple[str, bool], ...]
"""Where a part is written: its keys from the top of the file, each with whether it holds a list."""

NOT_USED = "*not used in the corpus*"


@dataclass(frozen=True)
class Example:
    """A value a field has in the corpus, and where it is written."""

    value: Any
    file: Path
    line: int | None


@dataclass
class _Tree:
    """One kind of corpus file: its model, the files, and every part below it with where it is written."""

    root: type[BaseModel]
    title: str
    sources: list[Located]
    parts: dict[type[BaseModel], list[Where]]


@dataclass
class _Page:
    """What the page links: the corpus it quotes, each section's heading, and the vocabularies used."""

    corpus: Path
    headings: dict[Any, str] = field(default_factory=dict)
    used: dict[type[enum.Enum], list[str]] = field(default_factory=dict)

    def add(self, key: Any, heading: str) -> None:
        """Give the section of `key` a heading whose anchor no other section has."""
        taken = {anchor(other) for other in self.headings.values()}
        while anchor(heading) in taken:
            heading += " (2)"
        self.headings[key] = heading

    def link(self, key: Any, text: str) -> str:
        """A link to the section of `key`."""
        return f"[{text}](#{anchor(self.headings[key])})"


def render(corpus: Path) -> str:
    """The reference page as Markdown, with examples from the corpus in the folder `corpus`."""
    from kb import dates
    from kb.dates import DateSpec
    from kb.models import Annotation, Entity, Quote

    page = _Page(corpus)
    shared = (Quote, DateSpec)
    trees = [_Tree(Annotation, "Annotation file", _load(corpus / "articles"), _parts(Annotation, shared)),
             _Tree(Entity, "Registry file", _load(corpus / "registry"), _parts(Entity, shared))]
    for key, heading in ((Annotation, "Annotation file"), (Entity, "Registry file"), (Quote, "Quotes"),
                         (DateSpec, "Dates"), ("vocabularies", "Vocabularies")):
        page.add(key, heading)
    for tree in trees:
        for cls, wheres in tree.parts.items():
            if cls is not tree.root and cls not in shared:
                page.add(cls, f"`{wheres[0][-1][0]}`")
            for name, info in _fields(cls) if cls is not DateSpec else ():
                for vocabulary in _enums(info.annotation):
                    page.used.setdefault(vocabulary, []).extend(
                        _show(where) + ("." if where else "") + (info.alias or name) for where in wheres)
    for vocabulary in page.used:
        page.add(vocabulary, _vocabulary_name(vocabulary))

    lines = [
        "# Annotation reference", "",
        "Every field of an article's annotation (`corpus/articles/ID.yaml`) and of a registry entry",
        "(`corpus/registry/*.yaml`), generated from the models in `kb/` with an example of each from the",
        "bundled corpus. Unknown keys are errors. `kb schema annotation` and `kb schema registry` print",
        "the same format as JSON Schemas for editors. How to annotate: [curating.md](curating.md).", "",
        "How to read the tables: an *id* is lower-case letters, digits, `-` and `_` (`syrian-army`); a",
        "field that refers to a registry entity takes its id, and `kb check` checks that the entity is of",
        "the kind the field needs. \"X or list of Xs\" means that a single item may be written alone. A",
        "field that is not required may be left out, and then has its default. The example is the first",
        "value the bundled corpus gives the field, with the file and line where it is written.", "",
    ]
    lines += _contents(page, trees, shared)
    for tree in trees:
        for cls, wheres in tree.parts.items():
            if cls not in shared:
                lines += _section(page, tree, cls, wheres)
    lines += _quotes(page, Quote, [where for tree in trees for where in tree.parts.get(Quote, [])], trees[0].sources)
    lines += _dates(page, dates, [where for tree in trees for where in tree.parts.get(DateSpec, [])],
                    trees[0].sources + trees[1].sources)
    lines += _vocabularies(page)
    return "\n".join(lines).rstrip() + "\n"


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower-cased, punctuation dropped, spaces made hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def _load(folder: Path) -> list[Located]:
    return [load_yaml(path) for path in sorted(folder.glob("*.yaml"))]


def _parts(root: type[BaseModel], shared: tuple[type, ...]) -> dict[type[BaseModel], list[Where]]:
    """Each model below `root` (itself first) with every place it is written at, in reading order;
    the shared models are listed with their places but not descended into."""
    found: dict[type[BaseModel], list[Where]] = {}

    def visit(cls: type[BaseModel], where: Where) -> None:
        first = cls not in found
        found.setdefault(cls, []).append(where)
        if first and cls not in shared:
            for name, info in _fields(cls):
                for inner, listed in _inner_models(info.annotation):
                    visit(inner, where + ((info.alias or name, listed),))

    visit(root, ())
    return found


def _fields(cls: type[BaseModel]) -> list[tuple[str, FieldInfo]]:
    """The fields of a model, its own first (in the order written), then those it inherits."""
    own = [name for name in vars(cls).get("__annotations__", {}) if name in cls.model_fields]
    return [(name, cls.model_fields[name]) for name in own + [n for n in cls.model_fields if n not in own]]


def _inner_models(annotation: Any, listed: bool = False) -> list[tuple[type[BaseModel], bool]]:
    """The models a field's type holds, each with whether it is held in a list."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [(annotation, listed)]
    listed = listed or typing.get_origin(annotation) is list
    return [model for arg in typing.get_args(annotation) for model in _inner_models(arg, listed)]


def _enums(annotation: Any) -> list[type[enum.Enum]]:
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [annotation]
    return [found for arg in typing.get_args(annotation) for found in _enums(arg)]


def _contents(page: _Page, trees: list[_Tree], shared: tuple[type, ...]) -> list[str]:
    out = ["Contents:", ""]
    for tree in trees:
        parts = ", ".join(page.link(cls, page.headings[cls]) for cls in tree.parts
                          if cls is not tree.root and cls not in shared)
        out.append(f"- {page.link(tree.root, tree.title)}: {parts}")
    vocabularies = ", ".join(page.link(vocabulary, page.headings[vocabulary]) for vocabulary in page.used)
    out += ["- " + ", ".join(page.link(cls, page.headings[cls]) for cls in shared),
            f"- {page.link('vocabularies', page.headings['vocabularies'])}: {vocabularies}", ""]
    return out


def _section(page: _Page, tree: _Tree, cls: type[BaseModel], wheres: list[Where]) -> list[str]:
    top = cls is tree.root
    out = [f"{'##' if top else '###'} {page.headings[cls]}", "", _doc(cls), ""]
    if top and tree.root.__name__ == "Entity":
        out += ["A registry file is a list of entries, each a mapping with these fields.", ""]
    elif not top:
        entry = " of an entry" if tree.root.__name__ == "Entity" else ""
        out += ["Written at " + " and ".join(f"`{_show(where)}`" for where in wheres) + entry + ".", ""]
    return out + _table(page, cls, wheres, tree.sources)


def _table(page: _Page, cls: type[BaseModel], wheres: list[Where], sources: list[Located]) -> list[str]:
    paths = [tuple(key for key, _ in where) for where in wheres]
    out = ["| field | type | required | meaning | example |", "|---|---|---|---|---|"]
    for name, info in _fields(cls):
        key = info.alias or name
        example = _example(sources, [path + (key,) for path in paths])
        shown = _link(page, example) if example and _holds_parts(info.annotation) else _shown(page, example)
        kind = _type(page, info.annotation, info.metadata, lenient=name in _lenient(cls))
        out.append(f"| `{key}` | {kind} | {_required(info)} | {_cell(info.description or '')} | {shown} |")
    return out + [""]


def _quotes(page: _Page, quote: type[BaseModel], wheres: list[Where], sources: list[Located]) -> list[str]:
    paths = [tuple(key for key, _ in where) for where in wheres]
    alone = _example(sources, paths, lambda value: isinstance(value, str))
    mapping = _example(sources, paths, lambda value: isinstance(value, dict) and "start" in value)
    return ["## Quotes", "", _doc(quote), "",
            "A quote is written as its text alone, or as a mapping when the words occur more than once.", "",
            "| form | example |", "|---|---|", f"| the text alone | {_shown(page, alone, 100)} |",
            f"| a mapping | {_shown(page, mapping, 100)} |", "", "The keys of a mapping:", "",
            *_table(page, quote, wheres, sources)]


def _dates(page: _Page, dates: types.ModuleType, wheres: list[Where], sources: list[Located]) -> list[str]:
    paths = [tuple(key for key, _ in where) for where in wheres]
    out = ["## Dates", "", _cell(dates.__doc__.split("\n\n")[1]), "", "| form | example |", "|---|---|"]
    forms = {"a day": r"\d{4}-\d{2}-\d{2}", "a month": r"\d{4}-\d{2}", "a year": r"\d{4}"}
    for form, pattern in forms.items():
        example = _example(sources, paths, lambda v: isinstance(v, (str, int)) and re.fullmatch(pattern, str(v)))
        out.append(f"| {form} | {_shown(page, example, 100)} |")
    example = _example(sources, paths, lambda value: isinstance(value, dict))
    out += [f"| a range | {_shown(page, example, 100)} |", "",
            "The keys of a range (`from`, `to` or both, and a note):", "",
            "| key | meaning | example |", "|---|---|---|"]
    for key, meaning in dates.WRITTEN_KEYS.items():
        example = _example(sources, [path + (key,) for path in paths])
        out.append(f"| `{key}` | {_cell(meaning)} | {_shown(page, example)} |")
    return out + [""]


def _vocabularies(page: _Page) -> list[str]:
    out = [f"## {page.headings['vocabularies']}", "",
           "The words a field of a closed vocabulary takes; each stands for a term of the ontology.", ""]
    for vocabulary, used_at in page.used.items():
        out += [f"### {page.headings[vocabulary]}", "", _doc(vocabulary), "",
                "Values: " + ", ".join(f"`{member.value}`" for member in vocabulary) + ".", "",
                "Used by " + ", ".join(f"`{path}`" for path in dict.fromkeys(used_at)) + ".", ""]
    return out


def _vocabulary_name(vocabulary: type[enum.Enum]) -> str:
    """A vocabulary's name in words: OutcomeKind is "Outcome kind"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", vocabulary.__name__).capitalize()


def _type(page: _Page, annotation: Any, metadata: list, plural: bool = False, lenient: bool = False) -> str:
    """The type of a field as a noun phrase for curators: "id", "list of ids", "[date](#dates)"."""
    from kb.model_base import ClaimRef, Id

    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type(page, args[0], list(annotation.__metadata__) + list(metadata), plural, lenient)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type(page, arg, metadata, plural, lenient) for arg in args if arg is not type(None))
    if origin is list:
        items, lists = _type(page, args[0], [], plural=True), "lists" if plural else "list"
        return f"{_type(page, args[0], [])} or list of {items}" if lenient else f"{lists} of {items}"
    if origin is dict:
        return f"map from {_type(page, args[0], [], True)} to {_type(page, args[1], [], True)}"
    if origin is tuple:
        return "`[" + ", ".join(_type(page, arg, []) for arg in args) + "]` pair" + ("s" if plural else "")
    if isinstance(annotation, type) and annotation in page.headings:
        if issubclass(annotation, enum.Enum):
            word = _vocabulary_name(annotation).lower()
            return page.link(annotation, _plural(word) if plural else word)
        if annotation.__name__ in ("Quote", "DateSpec"):
            word = "quote" if annotation.__name__ == "Quote" else "date"
            return page.link(annotation, word + ("s" if plural else ""))
        return f"mapping{'s' if plural else ''} ({page.link(annotation, page.headings[annotation])})"
    patterns = {getattr(item, "pattern", None) for item in metadata} - {None}
    if annotation is str and patterns & _patterns(Id):
        word = "id"
    elif annotation is str and patterns & _patterns(ClaimRef):
        word = "claim id"
    elif annotation is str and any(pattern.startswith("^([01][0-9]|2[0-3]):") for pattern in patterns):
        word = "time `HH:MM`"
    else:
        word = {str: "text", int: "whole number", float: "number", bool: "true or false"}.get(annotation, str(annotation))
    return _plural(word) if plural and word != "true or false" else word


def _patterns(alias: Any) -> set[str]:
    return {getattr(item, "pattern", None) for item in getattr(alias, "__metadata__", ())} - {None}


def _plural(word: str) -> str:
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


def _holds_parts(annotation: Any) -> bool:
    """Whether the field holds parts with sections of their own (shown by where they are written)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__ not in ("Quote", "DateSpec")
    return any(_holds_parts(arg) for arg in typing.get_args(annotation))


def _lenient(cls: type[BaseModel]) -> set[str]:
    """The list fields of a model that also take a single item (through a validator run before)."""
    return {name for decorator in cls.__pydantic_decorators__.field_validators.values()
            if decorator.info.mode == "before" for name in decorator.info.fields}


def _required(info: FieldInfo) -> str:
    if info.is_required():
        return "yes"
    if info.default in (None, [], {}):
        return "no"
    return f"no (default `{_short(_plain(info.default))}`)"


def _plain(value: Any) -> Any:
    """A value as YAML holds it: an enum as its word, a list of them as a list of words."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _example(sources: list[Located], paths: list[tuple[str, ...]], fits=None) -> Example | None:
    """The first value in the corpus at one of `paths` (file by file, in sorted order) that is not
    empty; with `fits`, the first value or item of a list that fits."""
    for source in sources:
        for path in paths:
            for loc, value in _values_at(source.data, path):
                items = list(enumerate(value)) if fits and isinstance(value, list) else [(None, value)]
                for index, item in items:
                    if item not in (None, "", [], {}) and (fits is None or fits(item)):
                        return Example(item, source.path, source.line_of(loc if index is None else loc + (index,)))
    return None


def _values_at(data: Any, path: tuple[str, ...]):
    """Every (location, value) that `path` (field names; lists are walked) reaches in `data`."""
    if not path:
        yield (), data
    elif isinstance(data, list):
        for index, item in enumerate(data):
            for loc, value in _values_at(item, path):
                yield (index,) + loc, value
    elif isinstance(data, dict) and path[0] in data:
        for loc, value in _values_at(data[path[0]], path[1:]):
            yield (path[0],) + loc, value


def _shown(page: _Page, example: Example | None, limit: int = 60) -> str:
    return f"`{_short(example.value, limit)}` ({_link(page, example)})" if example else NOT_USED


def _link(page: _Page, example: Example) -> str:
    """Where an example is written, as a link from `docs/` to the file and line."""
    relative = example.file.resolve().relative_to(page.corpus.resolve().parent).as_posix()
    return f"[{example.file.name}:{example.line}](../{relative}#L{example.line})"


def _show(where: Where) -> str:
    return ".".join(key + ("[]" if listed else "") for key, listed in where)


def _doc(item: Any) -> str:
    """The first paragraph of a docstring, as one line."""
    return _cell((item.__doc__ or "").strip().split("\n\n")[0])


def _cell(text: str) -> str:
    """Text for a table cell: one line, with its pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _short(value: Any, limit: int = 60) -> str:
    """A value as a curator writes it (YAML's flow style), cut at `limit` characters, for a code span."""
    text = " ".join(_flow(value, top=True).split()).replace("|", "\\|").replace("`", "'")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _flow(value: Any, top: bool = False) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, str) and not top and (not value or re.search(r"[,:\[\]{}#\"']|^[\s&*!%@`>|-]", value)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
