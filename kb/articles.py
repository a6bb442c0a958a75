"""A corpus in memory: its articles (text, annotation, where each quote sits) and its registry.

`kb.corpus` reads a corpus into these; `kb.references` checks them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kb.models import Annotation, Entity, Quote
from kb.yamlio import Located


@dataclass(frozen=True)
class Span:
    """Where a quote sits in its article: code-point offsets, start inclusive, end exclusive."""

    start: int
    end: int
    quote: str


class QuoteNotFound(ValueError):
    """A quote that is not where the annotation says, or is ambiguous; the message says why."""

    pass


@dataclass
class Article:
    """One article: its id, verbatim text, annotation and the YAML it was read from (for lines)."""

    id: str
    text: str
    text_path: Path
    annotation: Annotation
    source: Located

    @property
    def annotation_file(self) -> str:
        """The annotation file's name as messages show it."""
        return self.source.name

    def line_of(self, loc: tuple) -> int | None:
        """The line of the annotation at `loc` (a path of keys and indexes), or of its nearest parent."""
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
            raise QuoteNotFound(f"the quote {short(exact)} is not in the article text (it must be copied verbatim)")
        if len(found) > 1:
            raise QuoteNotFound(
                f"the quote {short(exact)} occurs {len(found)} times (at {', '.join(map(str, found))}); "
                "give `start` to say which one"
            )
        return Span(found[0], found[0] + len(exact), exact)


def _occurrences(text: str, exact: str) -> list[int]:
    found, at = [], text.find(exact)
    while at != -1:
        found.append(at)
        at = text.find(exact, at + 1)
    return found


def word_occurrences(text: str, form: str) -> list[int]:
    """Where a name occurs in the text as a whole word: "Syria" in "Syria's" but not in "Syrian".

    A boundary is required only at an end of the name that is a letter or digit, so that names
    ending in punctuation ("Hayat Tahrir al-Sham *") are found as they are written. Occurrences do
    not overlap: the search goes on after the end of each one found.
    """
    if not form:
        return []
    # `str.find` and a look at the neighbours: what `(?<!\w)form(?!\w)` finds, without compiling a
    # pattern per name (there are tens of thousands of names in a large corpus)
    bounded_before, bounded_after = _is_word(form[0]), _is_word(form[-1])
    found, at, width = [], text.find(form), len(form)
    while at != -1:
        end = at + width
        if ((not bounded_before or at == 0 or not _is_word(text[at - 1]))
                and (not bounded_after or end == len(text) or not _is_word(text[end]))):
            found.append(at)
            at = text.find(form, end)
        else:
            at = text.find(form, at + 1)
    return found


def _is_word(char: str) -> bool:
    # what `\w` matches in a str pattern: a Unicode letter or digit, or the underscore
    return char.isalnum() or char == "_"


def short(text: str, width: int = 60) -> str:
    """A text quoted for a message, cut with an ellipsis beyond `width` characters."""
    return repr(text if len(text) <= width else text[: width - 1] + "…")


@dataclass
class Corpus:
    """A loaded corpus: its folder, the registry (and where each entity is defined) and the articles."""

    root: Path
    entities: dict[str, Entity]
    entity_origin: dict[str, tuple[str, int | None]]
    articles: dict[str, Article] = field(default_factory=dict)
    elsewhere: tuple[set, set] = field(default_factory=lambda: (set(), set()))
    """Claims ((article, id)) and provisions ((agreement, id)) of articles not loaded."""

    def kind_of(self, entity_id: str) -> str | None:
        """The registry type of an entity, or None for an unknown id."""
        entity = self.entities.get(entity_id)
        return entity.type if entity else None


