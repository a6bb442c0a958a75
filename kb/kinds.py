"""Entity types, from the ontology: a registry entity's `type` is any class that `ontology/kb.ttl`
declares under one of the registry's top classes (actor, place, event, instrument, equipment
type), so a curator adds a type by adding a class there, without touching code.

The ontology is parsed once per process (with pyoxigraph, which takes a few milliseconds); the
kinds of reference the annotation checks (an actor, a place, an event...) are the sets of types
below each top class, at any depth.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox

from kb import resources
from kb.errors import InputError
from kb.vocabulary import KB_NS, OWL_NS, RDF_TYPE, RDFS_NS

TOP_CLASSES = ("Actor", "Place", "Event", "Instrument", "EquipmentType")
"""The classes whose subclasses (and themselves) a registry entity may have as its type."""

_SUBCLASS = RDFS_NS + "subClassOf"
_CLASS = OWL_NS + "Class"


@dataclass(frozen=True)
class Kinds:
    """The registry types the ontology declares, and which lie below which class.

    `types` holds every type's name (the class's local name); `below` maps the name of each class
    of the ontology to the names of the types at or below it.
    """

    types: frozenset[str]
    below: dict[str, frozenset[str]]

    def under(self, cls: str) -> frozenset[str]:
        """The types at or below the class named `cls` (empty for a class the ontology lacks)."""
        return self.below.get(cls, frozenset())

    def suggest(self, name: str) -> list[str]:
        """The types whose names are nearest to `name`, best first (at most three)."""
        folded = {t.lower(): t for t in self.types}
        if name.lower() in folded:
            return [folded[name.lower()]]
        return difflib.get_close_matches(name, sorted(self.types), n=3, cutoff=0.4)

    def problem(self, name: str) -> str | None:
        """Why `name` is not a registry type, with the nearest names, or None when it is one."""
        if name in self.types:
            return None
        near = self.suggest(name)
        hint = f": did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
        tops = ", ".join(TOP_CLASSES[:-1]) + " or " + TOP_CLASSES[-1]
        return (f"unknown type {name!r}{hint} A type is a class of ontology/kb.ttl under {tops}; "
                "docs/curating.md says how to add one")


def kinds_from(turtle: bytes) -> Kinds:
    """The registry types an ontology (Turtle) declares; raises InputError if it does not parse."""
    try:
        triples = list(ox.parse(turtle, format=ox.RdfFormat.TURTLE))
    except SyntaxError as err:
        raise InputError(f"the ontology does not parse: {err}") from None
    classes, parents = set(), {}
    for triple in triples:
        subject, predicate, obj = triple.subject, triple.predicate.value, triple.object
        if not isinstance(subject, ox.NamedNode) or not subject.value.startswith(KB_NS):
            continue
        name = subject.value[len(KB_NS):]
        if predicate == RDF_TYPE and obj.value == _CLASS:
            classes.add(name)
        elif predicate == _SUBCLASS and isinstance(obj, ox.NamedNode) and obj.value.startswith(KB_NS):
            parents.setdefault(name, set()).add(obj.value[len(KB_NS):])
    below: dict[str, set[str]] = {name: {name} for name in classes}
    for name in classes:
        seen, todo = set(), [name]
        while todo:  # every ancestor, at any depth (a class may have several parents)
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        for ancestor in seen & classes:
            below[ancestor].add(name)
    types = frozenset(name for top in TOP_CLASSES for name in below.get(top, ()))
    return Kinds(types, {name: frozenset(found & types) for name, found in below.items()})


@lru_cache(maxsize=1)
def kinds() -> Kinds:
    """The registry types of the project's ontology, read once per process."""
    return kinds_from(resources.ontology_file().read_bytes())
