"""`Knowledge`: the read model's tables, with the ways of looking things up in them and describing them in words."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from kb import queries as query_library
from kb.readmodel.loading import Tables, every, first, read
from kb.readmodel.records import Alignment, Claim, Edge, Entity, Fact, Lit, Mention, Outcome, Parts, Ref, Term
from kb.readmodel.sparql import as_str, rows
from kb.readmodel.text import date_text, humanize, joined, local_name, short
from kb.vocabulary import KB_NS, OTHER_LABELS, RES_NS, SDO_NS
from kb.store import Store


class Knowledge(Tables):
    """Everything the site and `kb show` present, read once from a built store.

    The tables (`entities`, `articles`, `facts`, `claims`, `accounts`, ...) are those of `Tables`;
    the methods look things up in them and say them in words. Nothing here changes the store.
    """

    def __init__(self, store: Store):
        """Read every table from `store` (an open `kb.store.Store`); raises `kb.errors.QueryError` when a query fails."""
        super().__init__()
        self.store = store
        self._named: dict[tuple, list[dict[str, Term | None]]] = {}
        read(store, into=self)

    @classmethod
    def open(cls, build_dir: Path) -> Knowledge:
        """The knowledge base of a build folder; raises `kb.errors.StoreError` when it holds no store that opens."""
        return cls(Store.open(build_dir))

    def query(self, text: str) -> list[dict[str, Term | None]]:
        """The rows of a SELECT query over the store (see `kb.readmodel.sparql.rows`)."""
        return rows(self.store, text)

    def named(self, name: str, params: dict[str, str] | None = None) -> list[dict[str, Term | None]]:
        """Rows of a named query of the library (`queries/NAME.rq`), run once per parameters.

        Raises `kb.errors.QueryError` for an unknown name, bad parameters or a query that fails.
        """
        key = (name, tuple(sorted((params or {}).items())))
        if key not in self._named:
            self._named[key] = self.query(query_library.get(name).bound(params or {}))
        return self._named[key]

    def value(self, graph: str, node: str, predicate: str) -> str | None:
        """One value of a node's property in a graph (`predicate` a full IRI or a kb: local name), or None."""
        return first(self.props, graph, node, predicate)

    # --- looking things up ---

    def label(self, iri: str) -> str:
        """What to call a resource: an entity's, term's or article's label, a claim as `claimant: “words”`,
        else a local name (or, for the knowledge base's own IRIs, the path after `id/`)."""
        if iri in self.entities:
            return self.entities[iri].label
        if iri in self.terms:
            return self.terms[iri].label
        if iri in self.articles:
            return self.articles[iri].name
        if iri in OTHER_LABELS:
            return OTHER_LABELS[iri]
        if iri in self.claims:
            claim = self.claims[iri]
            return f"{self.label(claim.claimant)}: “{short(claim.text)}”"
        return local_name(iri) if not iri.startswith(RES_NS) else iri[len(RES_NS):]

    def ref(self, iri: str) -> Ref:
        """The resource as a `Ref` with its `label`."""
        return Ref(iri, self.label(iri))

    @cached_property
    def claim_list(self) -> list[Claim]:
        """Every claim, by date (undated last), then article and id."""
        return sorted(self.claims.values(), key=lambda c: (c.latest or "9999", c.earliest or "", c.article, c.id))

    def claims_involving(self, iri: str) -> list[tuple[str, Claim]]:
        """Claims by an entity (relation `by`: its claimant) or about it (`about`), as (relation, claim), by date."""
        found = []
        for claim in self.claim_list:
            if claim.claimant == iri:
                found.append(("by", claim))
            if iri in claim.about:
                found.append(("about", claim))
        return found

    def facts_about(self, iri: str) -> list[tuple[str, Fact]]:
        """What the articles state with the entity as subject or object, as (`subject` or `object`, fact);
        claims' claimant and topic links are left to `claims_involving`."""
        found = []
        for fact in self.facts:
            if fact.subject in self.claims and fact.predicate in (KB_NS + "claimant", KB_NS + "about"):
                continue
            if fact.subject == iri:
                found.append(("subject", fact))
            elif fact.object == iri:
                found.append(("object", fact))
        return found

    def mentions_of(self, iri: str) -> list[Mention]:
        """The names the articles use for an entity, by form and article."""
        return [m for m in self.mentions if m.entity == iri]

    def edges_of(self, iri: str) -> list[Edge]:
        """The network's links from or to an entity."""
        return [e for e in self.edges if iri in (e.source, e.target)]

    def class_label(self, iri: str) -> str:
        """A class's label from the ontology, else words from its local name."""
        return self.terms[iri].label if iri in self.terms else humanize(local_name(iri))

    def type_label(self, entity: Entity) -> str:
        """An entity's classes as words (`person, minister`), or `entity` when it has none."""
        return ", ".join(self.class_label(t) for t in entity.types) or "entity"

    def event_type(self, event: str) -> str | None:
        """The first class IRI of a registry event, or None when it is not in the registry or has no class."""
        entity = self.entities.get(event)
        return entity.types[0] if entity and entity.types else None

    def date_text(self, earliest: str | None, latest: str | None, precision: str | None) -> str:
        """A date range in words (see `kb.readmodel.text.date_text`), `precision` being an IRI or None."""
        return date_text(earliest, latest, self.label(precision) if precision else None)

    def containers(self, place: str) -> list[str]:
        """The places that contain a place, as any article states it (schema:containedInPlace), nearest
        first (then by IRI), following chains: Saraqib in Idlib province in Syria."""
        found, frontier = [], [place]
        while frontier:
            step = sorted({f.object for f in self._containment.get(frontier.pop(0), ())} - set(found) - {place})
            found += step
            frontier += step
        return found

    def state_of(self, place: str) -> str | None:
        """The state a place is in (or is), by stated containment; None when no article says."""
        for candidate in [place] + self.containers(place):
            entity = self.entities.get(candidate)
            if entity is not None and KB_NS + "State" in entity.types:
                return candidate
        return None

    def codes(self, type_iri: str | None, scheme: str) -> list[Alignment]:
        """The codes of a scheme (`acled` or `cameo`) an event type or stance matches, closest first."""
        return [a for a in self.alignments.get(type_iri or "", []) if a.scheme == scheme]

    @cached_property
    def _containment(self) -> dict[str, list[Fact]]:
        by_place: dict[str, list[Fact]] = {}
        for fact in self.facts:
            if fact.predicate == SDO_NS + "containedInPlace" and isinstance(fact.object, str):
                by_place.setdefault(fact.subject, []).append(fact)
        return by_place

    # --- describing nodes in words ---

    def describe(self, node: Term) -> Parts:
        """A node as words and links: a literal by its value, an entity, article or term by its label,
        an intermediate node (claim, outcome, role, alleged violation, provision) by what it says."""
        if isinstance(node, Lit):
            return (node.value,)
        if node in self.entities or node in self.articles or node in self.terms:
            return (self.ref(node),)
        if node in self.claims:
            claim = self.claims[node]
            return ("claim by ", self.ref(claim.claimant), ": ", Ref(node, f"“{short(claim.text)}”"))
        if node in self.outcomes:
            return self.describe_outcome(self.outcomes[node], with_event=True)
        kind = node[len(RES_NS):].split("/", 1)[0] if node.startswith(RES_NS) else ""
        graph = self._graphs.get(node)
        if kind == "role" and graph:
            parts: list = ["role: ", self.ref(self.value(graph, node, "roleHolder") or ""), " as ",
                           self.value(graph, node, "roleTitle") or ""]
            of = self.value(graph, node, "roleOf")
            if of:
                parts += [" of ", self.ref(of)]
            return tuple(parts)
        if kind == "violation" and graph:
            parts = ["alleged violation of ", self.ref(self.value(graph, node, "violatedAgreement") or "")]
            accused = every(self.props, graph, node, "accused")
            if accused:
                parts += [" by "] + joined([self.ref(a) for a in accused])
            return tuple(parts)
        if kind == "provision" and graph:
            if node.count("/") > RES_NS.count("/") + 2:  # a figure: provision/AGREEMENT/ID/QUANTITY
                values = self.props.get((graph, node), {})
                number = next((as_str(values[p][0]) for p in (SDO_NS + "value", SDO_NS + "minValue", SDO_NS + "maxValue")
                               if values.get(p)), "")
                unit = as_str(values.get(SDO_NS + "unitText", [Lit("")])[0])
                return (f"{local_name(node)}: {number} {unit}".strip(),)
            agreement = node[len(RES_NS):].split("/")[1]
            return ("provision of ", self.ref(f"{RES_NS}entity/{agreement}"), ": ",
                    self.value(graph, node, "obligation") or local_name(node))
        return (self.label(node),)

    def describe_outcome(self, outcome: Outcome, with_event: bool = False) -> Parts:
        """An outcome in words (`killed about 4 of X at Y (according to Z)`), after its event when `with_event`."""
        parts: list = []
        if with_event:
            parts += ["outcome of ", self.ref(outcome.event), ": "]
        parts.append(self.label(outcome.kind) if outcome.kind else "outcome")
        qualified = outcome.qualifier and outcome.qualifier != KB_NS + "Exactly"
        if outcome.count is not None:
            parts.append(f" {self.label(outcome.qualifier) + ' ' if qualified else ''}{outcome.count}")
        elif outcome.minimum is not None:
            parts.append(f" {outcome.minimum} to {outcome.maximum}")
        if outcome.amount:
            parts.append(f" {outcome.amount}")
        if outcome.equipment:
            parts += [" ", self.ref(outcome.equipment)]
        if outcome.side:
            quantified = outcome.count is not None or outcome.amount or outcome.equipment
            parts += [" of " if quantified else ": ", self.ref(outcome.side)]
        if outcome.place:
            parts += [" at ", self.ref(outcome.place)]
        if outcome.according_to:
            parts += [" (according to ", self.ref(outcome.according_to), ")"]
        return tuple(parts)

    @cached_property
    def _graphs(self) -> dict[str, str]:
        """The graph in which each intermediate node is described (each lives in one graph)."""
        return {subject: graph for graph, subject in sorted(self.props)}
