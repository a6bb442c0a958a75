"""The exception hierarchy: every error the library raises derives from `KbError`.

The CLI catches `KbError` at one place and turns it into a message and an exit code; anything
else that escapes is an internal error.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

_processing: ContextVar[str | None] = ContextVar("processing", default=None)


@contextmanager
def processing(what: Path | str) -> Iterator[None]:
    """Name the file being worked on, so an unexpected error can say where it happened."""
    token = _processing.set(display_path(what) if isinstance(what, Path) else what)
    try:
        yield
    finally:
        _processing.reset(token)


def currently_processing() -> str | None:
    """The file being worked on, as named by the innermost `processing` block, or None."""
    return _processing.get()


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as it can be."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {what}"


class KbError(Exception):
    """Root of every error raised by this library."""

    exit_code = 2


class InputError(KbError):
    """A file or argument given by the user cannot be used (missing, unreadable, unparsable)."""


class CorpusError(KbError):
    """The corpus has one or more problems; each is reported with its file, line and field."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the corpus")


class ValidationFailed(KbError):
    """The data does not conform to the shapes or a quality check; carries the report."""

    exit_code = 1

    def __init__(self, report):
        self.report = report
        super().__init__(f"the data does not conform: {report.summary()}")


@dataclass(frozen=True, order=True)
class Refusal:
    """One SHACL construct of one shape that the build's validator does not compile."""

    shape: str  # "node shape <iri>", or where a blank-node shape is
    construct: str  # the parameter, path or value it cannot check, as written in Turtle

    def __str__(self) -> str:
        return f"{self.shape}: {self.construct}"


class UnsupportedShape(KbError):
    """The shapes use SHACL that the build's validator does not compile; carries each refusal.

    `supported` is the compiler's own account of what it does compile, for the user to read.
    """

    def __init__(self, refusals: list[Refusal], supported: str):
        self.refusals = sorted(set(refusals))
        count = len(self.refusals)
        lines = "".join(f"\n  {refusal}" for refusal in self.refusals)
        super().__init__(
            f"the shapes use {count} SHACL construct{'s' if count != 1 else ''} that the build's validator "
            f"does not compile, so it cannot check them:{lines}\n"
            f"It compiles only what SUPPORTED in kb/shacl_sparql.py lists:\n{supported}"
        )


class QueryError(KbError):
    """A query is unknown, malformed, misses a parameter, or failed to run."""


class StoreError(KbError):
    """The knowledge base store is missing or cannot be opened."""


class Refused(KbError):
    """A request `kb serve` will not answer: the HTTP status, a message, and headers to send."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


def display_path(path: Path) -> str:
    """A path as users should see it: relative to the working directory when it is below it.

    Links are not followed, so a link is named by its own path, not by where it points.
    """
    try:
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(path)
