"""What the annotation models' errors mean, in words a curator understands.

pydantic reports an unknown key, a value that does not match a pattern, a wrong type. This module
turns each error into a message that says what is allowed at that place: the keys that are valid
there (the closest to what was written first), or what an id, a language tag or a URL looks like.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel

# what each pattern of the models allows, in words (keyed by the pattern itself, read from the models)
_PATTERN_WORDS = {
    r"^[a-z0-9][a-z0-9_-]*$": "an id: lower-case letters, digits, hyphens and underscores, starting with a letter or digit",
    r"^Q[1-9][0-9]*$": "a Wikidata id: Q followed by digits, such as Q3766",
    r"^[a-z]{2}(-[A-Z]{2})?$": "a language tag: two lower-case letters, optionally a region, such as en or en-GB",
    r"^https?://\S+$": "a URL beginning with http:// or https://, without spaces",
    r"^(morning|afternoon|evening|night)$": "one of morning, afternoon, evening, night",
    r"^([a-z0-9][a-z0-9_-]*#)?[a-z0-9][a-z0-9_-]*$":
        "a claim id of this article, or ARTICLE-ID#CLAIM-ID for a claim of another article",
}


def describe(item: dict, model: type[BaseModel], loc: tuple) -> str:
    """The message for one pydantic error `item` of `model`, at `loc` (the error's location with
    union tags removed)."""
    kind = item["type"]
    if kind == "extra_forbidden":
        return unknown_key(model, loc)
    if kind == "missing":
        return "required field is missing"
    message = item["msg"].removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        pattern = (item.get("ctx") or {}).get("pattern", "")
        message = f"this must be {_PATTERN_WORDS[pattern]}" if pattern in _PATTERN_WORDS else message
    if kind != "value_error" and isinstance(value := item.get("input"), (str, int, float)):
        # say what was written, as the corpus's own checks do
        message += f" (got {_short(value) if isinstance(value, str) else repr(value)})"
    return message


def unknown_key(model: type[BaseModel], loc: tuple) -> str:
    """The message for an unknown key at `loc`: the keys valid there, the closest first."""
    key = str(loc[-1]) if loc else ""
    parent = model_at(model, loc[:-1])
    if parent is None:
        return "unknown key: check its spelling, or remove it"
    valid = list(parent.model_fields)
    closest = difflib.get_close_matches(key, valid, n=3, cutoff=0.5)
    ordered = closest + sorted(name for name in valid if name not in closest)
    hint = f"did you mean {closest[0]}? " if closest else ""
    return f"unknown key {key!r}: {hint}the keys here are {', '.join(ordered)}"


def model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that holds the value at `loc` below `model` (None where it is not a model)."""
    current: Any = model
    for step in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(step) if isinstance(step, str) else None
            if field is None:
                return None
            current = field.annotation
        elif _is_container(current):
            current = _item_type(current)
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional (X | None) down to the one type they carry."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation


def _is_container(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (list, dict, tuple)


def _item_type(annotation: Any) -> Any:
    args = typing.get_args(annotation)
    return args[-1] if args else Any  # a list's item, a dict's value


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[: width - 1] + "…")
