"""What a build's cache is keyed by: digests of the source files and of the tool.

Kept apart from `kb.units` (which needs Oxigraph, rdflib and the mapping) so that telling whether
anything changed since a build costs only reading files (`kb.unchanged`).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from kb.corpus_files import REGISTRY_DIR
from kb.resources import data_dir, ontology_file, shapes_files

CACHE_DIR = "cache"
INDEX_FILE = "_index.json"  # in the cache folder: every unit's digest, declarations and findings (a leading
# underscore, as REGISTRY_UNIT's: no article id, and so no unit's file, can take the name)
REGISTRY_UNIT = "_registry"  # cannot clash with an article id, which starts with a letter or digit


def digest(*parts: bytes) -> str:
    """A digest of byte strings, each length-prefixed so that no two lists of parts collide."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(len(part).to_bytes(8, "big"))
        hasher.update(part)
    return hasher.hexdigest()


@lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """What else the output depends on: this package's code, the ontology, shapes and checks."""
    package = Path(__file__).resolve().parent
    sources = sorted(package.glob("*.py")) + [ontology_file()] + shapes_files()
    sources += sorted((data_dir("queries") / "quality").glob("*.rq"))
    from importlib.metadata import version  # the libraries' versions matter too

    versions = " ".join(version(name) for name in ("pyoxigraph", "pyshacl", "rdflib", "pydantic")).encode()
    return digest(versions, *(path.read_bytes() for path in sources))


def registry_digest(corpus_dir: Path) -> str:
    """The registry unit's digest: its files, and the tool that maps them."""
    files = sorted((corpus_dir / REGISTRY_DIR).glob("*.yaml"))
    registry = digest(*(part for path in files for part in (path.name.encode(), path.read_bytes())))
    return digest(tool_fingerprint().encode(), registry.encode())


def article_digest(text: Path, annotation: Path) -> str:
    """An article unit's digest: its text and its annotation."""
    return digest(text.read_bytes(), annotation.read_bytes())
