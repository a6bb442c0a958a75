"""The annotation format's field reference (`docs/annotation-reference.md`), generated from the models.

Every field of every part of an annotation and of a registry entry, with its type, whether it is
required, its meaning (the field's docstring in the models) and an example from the corpus (the
first place it is used, with the file and line). A test regenerates the page and fails when the
committed one differs.
"""

from __future__ import annotations

import enum
import json
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from kb.yamlio import Located, load_yaml


@dataclass(frozen=True)
class Example:
    """A value a field has in the corpus, and where it is written."""

    value: Any
    file: str
    line: int | None


def render(corpus: Path) -> str:
    """The reference page as Markdown, with examples from the corpus in `corpus`."""
    from kb.models import Annotation, Entity

    annotations = [load_yaml(path) for path in sorted((corpus / "articles").glob("*.yaml"))]
    registry = [load_yaml(path) for path in sorted((corpus / "registry").glob("*.yaml"))]
    lines = [
        "# Annotation reference",
        "",
        "Every field of an article's annotation (`corpus/articles/ID.yaml`) and of a registry entry",
        "(`corpus/registry/*.yaml`), generated from the models in `kb/` with an example of each from the",
        "bundled corpus. Unknown keys are errors. `kb schema annotation` and `kb schema registry` print",
        "the same format as JSON Schemas for editors. How to annotate: [curating.md](curating.md).",
        "",
    ]
    for title, model, sources in (("Annotation", Annotation, annotations), ("Registry entry", Entity, registry)):
        for cls, path in _models(model):
            lines += _section(cls, path, title, sources)
    return "\n".join(lines).rstrip() + "\n"


def _models(root: type[BaseModel]) -> list[tuple[type[BaseModel], tuple[str, ...]]]:
    """Each model below `root` once, with the field path where it is first met, in reading order."""
    found: list[tuple[type[BaseModel], tuple[str, ...]]] = []
    seen: set[type] = set()

    def visit(cls: type[BaseModel], path: tuple[str, ...]) -> None:
        if cls in seen:
            return
        seen.add(cls)
        found.append((cls, path))
        for name, field in cls.model_fields.items():
            for inner in _inner_models(field.annotation):
                visit(inner, path + (name,))

    visit(root, ())
    return found


def _inner_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in _inner_models(arg)]


def _section(cls: type[BaseModel], path: tuple[str, ...], title: str, sources: list[Located]) -> list[str]:
    where = ".".join(path) if path else "the file"
    heading = f"{title}: `{'.'.join(path)}`" if path else title
    out = [f"## {heading}", "", (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " "), "",
           f"Written at {where} ({cls.__name__}).", "",
           "| field | type | required | meaning | example |", "|---|---|---|---|---|"]
    for name, field in cls.model_fields.items():
        example = _example(sources, path, name)
        shown = f"`{_short(example.value)}` ({example.file}:{example.line})" if example else ""
        meaning = (field.description or "").replace("\n", " ").replace("|", "\\|")
        out.append(f"| `{name}` | {_type_name(field.annotation)} | {'yes' if field.is_required() else 'no'} | "
                   f"{meaning} | {shown} |")
    return out + [""]


def _example(sources: list[Located], path: tuple[str, ...], name: str) -> Example | None:
    """The first non-empty value of the field in the corpus (a part holding other parts is shown by
    its own section below)."""
    for source in sources:
        for loc, value in _values_at(source.data, path + (name,)):
            if value in (None, "", [], {}):
                continue
            if isinstance(value, list) and all(isinstance(item, dict) for item in value):
                value = f"{len(value)} item{'s' if len(value) != 1 else ''}, see below"
            elif isinstance(value, dict) and all(isinstance(item, dict) for item in value.values()):
                value = "see below"
            return Example(value, source.name, source.line_of(loc))
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


def _type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _type_name(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        return " or ".join(_type_name(a) for a in members)
    if origin is list:
        return f"list of {_type_name(typing.get_args(annotation)[0])}"
    if origin is dict:
        key, value = typing.get_args(annotation)
        return f"map of {_type_name(key)} to {_type_name(value)}"
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return "one of " + ", ".join(f"`{member.value}`" for member in annotation)
    if isinstance(annotation, type):
        return {"str": "text", "int": "whole number", "float": "number", "bool": "true or false"}.get(
            annotation.__name__, annotation.__name__)
    return str(annotation)


def _short(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(text.split()).replace("|", "\\|").replace("`", "'")
    return text if len(text) <= limit else text[: limit - 1] + "…"
