"""What the drawings share: numbers written for SVG coordinates, and labels cut to fit."""

from __future__ import annotations


def fmt(value: float) -> str:
    """A coordinate with one decimal, without a trailing .0 (stable text for identical files)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def truncate(text: str, limit: int) -> str:
    """The text, cut to at most `limit` characters with an ellipsis when it is longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
