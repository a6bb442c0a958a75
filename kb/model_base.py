"""The building blocks of the annotation format: identifiers, quotes and the `Fact` every
statement derives from.

Every model is strict: unknown keys, wrong types and missing fields are errors, which `kb.corpus`
reports with file and line.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=120)]
"""A stable identifier: lower-case letters, digits, hyphens and underscores."""

NonEmpty = Annotated[str, StringConstraints(min_length=1)]

Number = Annotated[float, Field(allow_inf_nan=False)]
"""A finite number (YAML's .nan and .inf have no place in xsd:decimal)."""

ClaimRef = Annotated[str, StringConstraints(pattern=r"^([a-z0-9][a-z0-9_-]*#)?[a-z0-9][a-z0-9_-]*$")]
"""A claim of this article (`id`) or of another one (`article-id#claim-id`)."""


class Strict(BaseModel):
    """A model that rejects unknown keys and cannot be changed once read."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False, use_attribute_docstrings=True)


class Quote(Strict):
    """A verbatim quote of the article; `start` (a code-point offset) is needed when it is ambiguous."""

    quote: NonEmpty
    """The words exactly as they stand in the article's text, character for character (curly quotes,
    dashes and spacing included)."""
    start: Annotated[int, Field(ge=0, strict=True)] | None = None
    """The code-point offset of the quote's first character in the article text, counting from 0;
    needed only when the quote occurs more than once."""
    end: Annotated[int, Field(ge=0, strict=True)] | None = None
    """The offset just after the quote's last character (exclusive); optional, and checked with
    `start`: it must be `start` plus the quote's length."""

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"quote": value} if isinstance(value, str) else value

    @field_validator("quote")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the quote is blank")
        return value


Evidence = Annotated[list[Quote], Field(min_length=1)]


def as_list(value: Any) -> Any:
    """One quote (text or mapping) as a list of one; anything else as it is (for `mode="before"`)."""
    return [value] if isinstance(value, (str, dict)) else value


def ids_as_list(value: Any) -> Any:
    """One id as a list of one; anything else as it is (for `mode="before"`)."""
    return [value] if isinstance(value, str) else value


class Fact(Strict):
    """Anything an article states: it carries its evidence and an optional curator's note."""

    evidence: Evidence
    """The passages of the article that state the fact, quoted verbatim: one quote, or a list; a
    sentence they overlap counts as cited in `kb coverage`."""
    note: str | None = None
    """The curator's note: how the passage was read, or what the text does not say that the structure
    cannot show; kept with the fact as an editorial note."""

    _listify = field_validator("evidence", mode="before")(lambda cls, v: as_list(v))


def slug(text: str) -> str:
    """A lower-case, hyphenated key made from free text, for IRIs."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"
