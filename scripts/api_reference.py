#!/usr/bin/env python3
"""Write the Python API reference, `docs/api/`, from the docstrings (with pdoc).

    .venv/bin/python scripts/api_reference.py [OUT_DIR]

Every module of the `kb` package is documented; `kb.api` is the place to start. The pages carry
no source code and no search index, so the same code gives the same pages.
"""

from __future__ import annotations

import os
import pkgutil
import sys
import tempfile
import warnings
from pathlib import Path

import pdoc
import pdoc.render

import kb

ROOT = Path(__file__).resolve().parent.parent


def modules() -> list[str]:
    """Every module of the package, by name, sorted."""
    return sorted(info.name for info in pkgutil.walk_packages(kb.__path__, "kb.") if not info.name.endswith("__main__"))


def main(argv: list[str]) -> int:
    if os.environ.get("PYTHONHASHSEED") != "0":  # sets shown as values must list their items in one order
        # and compiled afresh, neither read from nor written to bytecode files: a set of constants is
        # kept in the bytecode in the order of the process that compiled it, whatever its hash seed
        nowhere = os.path.join(tempfile.gettempdir(), "kb-api-reference-reads-no-bytecode")
        os.execve(sys.executable, [sys.executable, __file__, *argv],
                  {**os.environ, "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": nowhere})
    out = Path(argv[0]) if argv else ROOT / "docs" / "api"
    pdoc.render.configure(search=False, show_source=False, docformat="markdown")
    # `kb` re-exports the API lazily, and `kb.models` reads its kind sets from the ontology on first use
    # (module __getattr__s), which pdoc cannot follow: `kb.api` and the models' docstring name them
    warnings.filterwarnings("ignore", message=r"Found '.*' in kb(\.models)?\.__all__, but it does not resolve")
    # a subpackage without __all__ brings its modules along, which are named here too: one page each
    warnings.filterwarnings("ignore", message="The module specification .* has already been added")
    pdoc.pdoc(*modules(), output_directory=out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
