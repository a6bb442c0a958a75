"""A knowledge base of conflict news with provenance.

The public API is in `kb.api` and re-exported here: `build`, `check`, `validate_files`, `query`,
`named_queries`, `export`, `coverage`, `push`, `report`, `show`, `new`. Every error it raises is a
`KbError`.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

__all__ = [
    "KbError", "build", "check", "validate_files", "query", "named_queries", "export", "coverage", "push",
    "report", "show", "new",
]


def __getattr__(name: str) -> Any:
    # imported on first use: the API pulls in rdflib, pySHACL and Oxigraph, which take a while
    if name == "KbError":
        return import_module("kb.errors").KbError
    if name in __all__:
        return getattr(import_module("kb.api"), name)
    raise AttributeError(f"module 'kb' has no attribute {name!r}")
