"""Which sentences of each article the annotation accounts for: cited by a fact, or skipped.

A sentence counts as cited when the evidence of some fact (not a mere mention, nor a slip the text
makes) overlaps it, and
as skipped when a `skipped` entry of the annotation overlaps it. Sentences are found with pySBD.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

import pysbd

from kb.corpus import Article, Corpus, walk
from kb.models import Quote


class Status(str, Enum):
    """Whether a sentence is cited by a fact, skipped with a reason, or not yet covered."""
    cited = "cited"
    skipped = "skipped"
    uncovered = "uncovered"


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article: its position, offsets (code points), text, status and the skip reason."""
    index: int
    start: int
    end: int
    text: str
    status: Status
    reason: str | None = None


@dataclass(frozen=True)
class ArticleCoverage:
    """The sentences of one article, each with its status."""
    article: str
    sentences: tuple[Sentence, ...]

    def count(self, status: Status | str) -> int:
        """How many sentences have this status (a Status or its name)."""
        status = Status(status)
        return sum(1 for sentence in self.sentences if sentence.status is status)

    @property
    def complete(self) -> bool:
        """True when every sentence is cited or skipped."""
        return self.count(Status.uncovered) == 0


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (code-point offsets), paragraph by paragraph, without surrounding spaces."""
    spans = []
    for paragraph in re.finditer(r"[^\n]+", text):
        if not paragraph.group().strip():
            continue
        for piece in _segmenter().segment(paragraph.group()):
            start, end = paragraph.start() + piece.start, paragraph.start() + piece.end
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                spans.append((start, end))
    return spans


def fact_spans(article: Article) -> list[tuple[int, int]]:
    """Spans of every quote that evidences a fact (mentions and skips excluded)."""
    spans = []
    for loc, name, value in walk(article.annotation, ()):
        if loc[0] in ("skipped", "slips"):  # a skip, or a slip of the text, states no fact
            continue
        quotes = value if isinstance(value, list) else [value]
        for quote in quotes:
            if isinstance(quote, Quote):
                span = article.locate(quote)
                spans.append((span.start, span.end))
    return spans


def article_coverage(article: Article) -> ArticleCoverage:
    """The coverage of one checked article: each sentence, cited if a fact's quote overlaps it,
    skipped if a skip covers it, else uncovered.
    """
    cited = fact_spans(article)
    skipped = [(article.locate(skip.quote), skip.reason) for skip in article.annotation.skipped]
    result = []
    for index, (start, end) in enumerate(sentences(article.text), start=1):
        status, reason = Status.uncovered, None
        if any(s < end and start < e for s, e in cited):
            status = Status.cited
        else:
            for span, why in skipped:
                if span.start < end and start < span.end:
                    status, reason = Status.skipped, why
                    break
        result.append(Sentence(index, start, end, article.text[start:end], status, reason))
    return ArticleCoverage(article.id, tuple(result))


def coverage(corpus: Corpus) -> list[ArticleCoverage]:
    """The coverage of every article of a checked corpus, in the corpus's order."""
    return [article_coverage(article) for article in corpus.articles.values()]
