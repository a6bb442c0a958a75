"""Where the ontology, shapes, queries and bundled corpus are.

In a source checkout they are the top-level folders of the repository; an installed wheel carries
them inside the package as `kb/_data/`.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder of the shipped data `name` (ontology, shapes, queries, corpus): inside the
    installed package, or at the top of a source checkout.
    """
    shipped = _PACKAGE / "_data" / name
    if shipped.is_dir():
        return shipped
    return _PACKAGE.parent / name


def ontology_file() -> Path:
    """The ontology, `ontology/kb.ttl`."""
    return data_dir("ontology") / "kb.ttl"


def alignments_file() -> Path:
    """The alignments of the ontology's terms to ACLED's and CAMEO's codes, loaded into the ontology's graph."""
    return data_dir("ontology") / "alignments.ttl"


def shapes_files() -> list[Path]:
    """The SHACL shapes files, sorted."""
    return sorted(data_dir("shapes").glob("*.ttl"))


def queries_dir() -> Path:
    """The folder of the named queries (with the quality checks in `quality/`)."""
    return data_dir("queries")


SCHEMA_FILES = {"annotation": "annotation.schema.json", "registry": "registry.schema.json"}
"""The shipped JSON Schemas of the corpus files, by the file they describe."""


def schema_file(name: str) -> Path:
    """The shipped JSON Schema of a corpus file (`annotation` or `registry`)."""
    return data_dir("schemas") / SCHEMA_FILES[name]


def bundled_corpus() -> Path:
    """The corpus that ships with the package."""
    return data_dir("corpus")


def default_corpus(cwd: Path | None = None) -> Path:
    """`corpus/` in the working directory when there is one, else the corpus the package ships."""
    local = (cwd or Path.cwd()) / "corpus"
    if (local / "articles").is_dir() or (local / "registry").is_dir():
        return local
    return bundled_corpus()
