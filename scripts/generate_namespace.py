"""Write kb/namespace.py, the closed namespace of the ontology's own terms, from ontology/kb.ttl.

Run it after adding a term to the ontology: `python scripts/generate_namespace.py` (or `--check`
to exit 1, naming the file, when it is out of date). A registry type that a curator adds to the
ontology is usable at once without it (`kb.kinds` reads the types from the ontology itself); the
code names a term through `KB` only once it is here.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ONTOLOGY = REPO / "ontology" / "kb.ttl"
TARGET = REPO / "kb" / "namespace.py"
NS = "https://w3id.org/conflict-news-kb/ontology#"

HEADER = '''"""The ontology's own terms as a closed namespace: `KB.Claim`, `KB.claimant`. A mistyped term is an
error where it is used. Generated from ontology/kb.ttl by scripts/generate_namespace.py: do not edit.
"""

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace


class KB(DefinedNamespace):
    """The ontology's own terms, in the order the ontology declares them."""

    _NS = Namespace("{ns}")
    _fail = True

'''


def terms(turtle: str) -> list[str]:
    """The local names the ontology declares (`kb:Name a ...` at the start of a block), in its order."""
    return list(dict.fromkeys(re.findall(r"^kb:([A-Za-z][A-Za-z0-9_]*) a ", turtle, re.MULTILINE)))


def render(turtle: str) -> str:
    """The text of kb/namespace.py for an ontology."""
    return HEADER.format(ns=NS) + "".join(f"    {name}: URIRef\n" for name in terms(turtle))


def main(argv: list[str]) -> int:
    text = render(ONTOLOGY.read_text(encoding="utf-8"))
    if "--check" in argv:
        if TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET} is out of date: run python scripts/generate_namespace.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
