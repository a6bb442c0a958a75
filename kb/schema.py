"""JSON Schemas (draft 2020-12) of the corpus files, generated from the annotation models.

Editors that read JSON Schema (VS Code and others, through the yaml-language-server) validate and
complete an annotation as it is typed. The schemas describe what a curator writes, which the models
accept in more forms than their fields' types say: a quote may be its text alone, a list of one
item may be that item, a date is written as `2020-02-21`, `2020-02`, `2020` or a range
`{from, to, note}`. Unknown keys are refused, as the models refuse them.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from pydantic import BaseModel

from kb.dates import WRITTEN_KEYS
from kb.resources import SCHEMA_FILES

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_WRITTEN_DAY = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
                "description": "A day (2020-02-21), a month (2020-02) or a year (2020)."}
_WRITTEN_DATE = {
    "description": "A date as the text allows: a day, a month or a year, or a range with a note on how it "
                   "was resolved.",
    "anyOf": [
        _WRITTEN_DAY,
        {"type": "integer", "minimum": 1, "maximum": 9999, "description": "A year."},
        {"type": "object", "additionalProperties": False, "minProperties": 1,
         "description": "A range: `from`, `to` or both, with a note on how it was read.",
         "properties": {"from": {"anyOf": [_WRITTEN_DAY, {"type": "integer"}], "description": WRITTEN_KEYS["from"]},
                        "to": {"anyOf": [_WRITTEN_DAY, {"type": "integer"}], "description": WRITTEN_KEYS["to"]},
                        "note": {"type": "string", "description": WRITTEN_KEYS["note"]}}},
    ],
}


def annotation_schema() -> dict:
    """The schema of an article's annotation file (`corpus/articles/ID.yaml`)."""
    from kb.models import Annotation

    return _schema(Annotation, "annotation", "An article's annotation: its metadata and everything it states.")


def registry_schema() -> dict:
    """The schema of a registry file (`corpus/registry/*.yaml`): a list of entities."""
    from kb.models import Entity

    entity = _schema(Entity, "registry", "")
    defs = entity.pop("$defs", {})
    item = {key: value for key, value in entity.items() if key not in ("$schema", "$id", "title", "description")}
    return {
        "$schema": DIALECT, "$id": _schema_id("registry"), "title": "registry",
        "description": "A registry file: the entities the corpus speaks of (identity: type, label, aliases).",
        "type": "array", "items": {"$ref": "#/$defs/Entity"}, "$defs": {**defs, "Entity": item},
    }


def schema_text(name: str) -> str:
    """A schema as the text of its file: `name` is annotation or registry."""
    schema = {"annotation": annotation_schema, "registry": registry_schema}[name]()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _schema_id(name: str) -> str:
    from kb.vocabulary import BASE

    return f"{BASE}schema/{SCHEMA_FILES[name]}"


def _schema(model: type[BaseModel], name: str, description: str) -> dict:
    schema = model.model_json_schema(mode="validation")
    defs = schema.setdefault("$defs", {})
    for cls in _models_below(model):
        target = schema if cls is model else defs.get(cls.__name__)
        if target is not None:
            _accept_single_items(cls, target)
    if "Quote" in defs:
        defs["Quote"] = {"description": defs["Quote"].get("description", ""),
                         "anyOf": [{"type": "string", "minLength": 1, "description": "The quote alone."},
                                   {key: value for key, value in defs["Quote"].items() if key != "description"}]}
    if "DateSpec" in defs:
        defs["DateSpec"] = copy.deepcopy(_WRITTEN_DATE)
        defs.pop("Precision", None)
    result = {"$schema": DIALECT, "$id": _schema_id(name), **schema}
    if description:
        result["description"] = description
    return _unwrapped(result)


def _unwrapped(node: Any) -> Any:
    """The schema with each description's lines joined (docstrings break lines; paragraphs stay)."""
    if isinstance(node, list):
        return [_unwrapped(item) for item in node]
    if not isinstance(node, dict):
        return node
    return {key: (unwrap(value) if key == "description" and isinstance(value, str) else _unwrapped(value))
            for key, value in node.items()}


def unwrap(text: str) -> str:
    """A docstring as flowing text: the lines of each paragraph joined by single spaces."""
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in text.strip().split("\n\n"))


def _accept_single_items(model: type[BaseModel], schema: dict) -> None:
    """A list field with a validator that takes a single item also takes it in the schema."""
    lenient = {field for decorator in model.__pydantic_decorators__.field_validators.values()
               if decorator.info.mode == "before" for field in decorator.info.fields}
    for field in sorted(lenient):
        prop = schema.get("properties", {}).get(field)
        if prop and prop.get("type") == "array" and "items" in prop:
            items = prop["items"]
            outer = {key: prop[key] for key in ("title", "description") if key in prop}
            schema["properties"][field] = {"anyOf": [items, {k: v for k, v in prop.items() if k not in outer}],
                                           **outer}


def _models_below(model: type[BaseModel]) -> list[type[BaseModel]]:
    """`model` and every model its fields hold, at any depth, each once."""
    import typing

    seen: list[type[BaseModel]] = []
    todo: list[Any] = [model]
    while todo:
        current = todo.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            if current in seen:
                continue
            seen.append(current)
            todo.extend(field.annotation for field in current.model_fields.values())
        else:
            todo.extend(typing.get_args(current))
    return seen
