"""An article's quotes laid out for marking in its text: sorted into layers in which none cross, each
layer cut into the runs of text between the marks' openings and closings.

Quotes may overlap without nesting (one starting inside another and ending after it); HTML elements
cannot, so each layer holds only properly nested spans and the page draws the layers over each other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    """A piece of a layer: `text` (kind "text"), the opening of the mark of the span start–end
    (kind "open"), or the closing of the innermost open mark (kind "close")."""

    kind: str
    text: str = ""
    start: int = 0
    end: int = 0


def crosses(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans (start, end) overlap without one holding the other."""
    return a[0] < b[0] < a[1] < b[1] or b[0] < a[0] < b[1] < a[1]


def layers_of(spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Spans sorted into layers in which no two cross (each layer nests properly), first fit;
    each layer is sorted by start, longer spans first."""
    layers: list[list[tuple[int, int]]] = []
    for span in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        for layer in layers:
            if not any(crosses(span, other) for other in layer):
                layer.append(span)
                break
        else:
            layers.append([span])
    return layers


def runs(text: str, spans: list[tuple[int, int]]) -> list[Run]:
    """The text with each span of a layer (sorted, properly nested) opened and closed around it.

    Joining the "text" runs gives back `text` exactly.
    """
    out: list[Run] = []
    pos, stack = 0, []
    for start, end in spans:
        while stack and stack[-1] <= start:
            closing = stack.pop()
            out += [Run("text", text[pos:closing]), Run("close")]
            pos = closing
        out += [Run("text", text[pos:start]), Run("open", start=start, end=end)]
        pos = start
        stack.append(end)
    while stack:
        closing = stack.pop()
        out += [Run("text", text[pos:closing]), Run("close")]
        pos = closing
    out.append(Run("text", text[pos:]))
    return out
