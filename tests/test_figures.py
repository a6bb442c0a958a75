"""Figures as the text gives them (point by point: qualifiers, ranges, extents, totals and their
parts), and the queries that compare and add them only where that is sound."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kb.queries import library
from kb.store import Store
from kb.validate import ontology_quads

# Three articles on two events. A: 54 killed in the battle in February, of which 33 in its last
# week (a part of the total, on the same event), and 20 in the strike. B: more than 50 in the battle
# in February (agrees with 54), 25 in the strike (disagrees with 20). C: nearly 40 in the battle in
# February (disagrees with both), of which about 30 in its last week (compared with A's 33, but
# "about" cannot be judged).
SOURCES = """
@prefix kb: <https://w3id.org/conflict-news-kb/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix : <urn:test:> .

:registry { :battle rdfs:label "the battle" . :strike rdfs:label "the strike" . :army rdfs:label "the army" . }
:graph-a {
  :battle kb:hasOutcome :a1, :a2 ; kb:evidence :qa .
  :strike kb:hasOutcome :a3 ; kb:evidence :qa .
  :a1 kb:outcomeKind kb:Killed ; kb:count 54 ; kb:qualifier kb:Exactly ; kb:affectedParty :army ;
      kb:earliestDate "2020-02-01"^^xsd:date ; kb:latestDate "2020-02-29"^^xsd:date ; kb:includes :a2 ; kb:evidence :qa1 .
  :a2 kb:outcomeKind kb:Killed ; kb:count 33 ; kb:qualifier kb:Exactly ; kb:affectedParty :army ;
      kb:earliestDate "2020-02-24"^^xsd:date ; kb:latestDate "2020-02-29"^^xsd:date ; kb:evidence :qa2 .
  :a3 kb:outcomeKind kb:Killed ; kb:count 20 ; kb:qualifier kb:Exactly ; kb:affectedParty :army ; kb:evidence :qa3 .
  :qa oa:exact "A" ; prov:wasQuotedFrom :article-a . :qa1 oa:exact "A: 54 in February" ; prov:wasQuotedFrom :article-a .
  :qa2 oa:exact "A: including 33 last week" ; prov:wasQuotedFrom :article-a . :qa3 oa:exact "A: 20 in the strike" ; prov:wasQuotedFrom :article-a .
}
:graph-b {
  :battle kb:hasOutcome :b1 ; kb:evidence :qb .
  :strike kb:hasOutcome :b2 ; kb:evidence :qb .
  :b1 kb:outcomeKind kb:Killed ; kb:count 50 ; kb:qualifier kb:MoreThan ; kb:affectedParty :army ;
      kb:earliestDate "2020-02-01"^^xsd:date ; kb:latestDate "2020-02-29"^^xsd:date ; kb:evidence :qb1 .
  :b2 kb:outcomeKind kb:Killed ; kb:count 25 ; kb:qualifier kb:Exactly ; kb:affectedParty :army ; kb:evidence :qb2 .
  :qb oa:exact "B" ; prov:wasQuotedFrom :article-b . :qb1 oa:exact "B: more than 50" ; prov:wasQuotedFrom :article-b .
  :qb2 oa:exact "B: 25 in the strike" ; prov:wasQuotedFrom :article-b .
}
:graph-c {
  :battle kb:hasOutcome :c1, :c2 ; kb:evidence :qc .
  :c1 kb:outcomeKind kb:Killed ; kb:count 40 ; kb:qualifier kb:Nearly ; kb:affectedParty :army ;
      kb:earliestDate "2020-02-01"^^xsd:date ; kb:latestDate "2020-02-29"^^xsd:date ; kb:includes :c2 ; kb:evidence :qc1 .
  :c2 kb:outcomeKind kb:Killed ; kb:count 30 ; kb:qualifier kb:About ; kb:affectedParty :army ;
      kb:earliestDate "2020-02-24"^^xsd:date ; kb:latestDate "2020-02-29"^^xsd:date ; kb:evidence :qc2 .
  :qc oa:exact "C" ; prov:wasQuotedFrom :article-c . :qc1 oa:exact "C: nearly 40" ; prov:wasQuotedFrom :article-c .
  :qc2 oa:exact "C: about 30 of them last week" ; prov:wasQuotedFrom :article-c .
}
"""
A, B, C = "urn:test:article-a", "urn:test:article-b", "urn:test:article-c"


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.in_memory(list(ox.parse(SOURCES.encode(), format=ox.RdfFormat.TRIG)) + ontology_quads())


def run(store: Store, name: str, **params: str) -> list[dict[str, str]]:
    solutions = store.query(library()[name].bound(params))
    names = [v.value for v in solutions.variables]
    return [{n: (row[n].value if row[n] is not None else "") for n in names} for row in solutions]


def test_disagreements_read_figures_with_their_qualifiers_and_compare_like_with_like(store):
    found = {(r["event"], r["what"], r["article_a"], r["account_a"], r["article_b"], r["account_b"])
             for r in run(store, "disagreements")}
    assert found == {
        # "nearly 40" is below 54, and below "more than 50"
        ("the battle", "count of killed", A, "54", C, "nearly 40"),
        ("the battle", "count of killed", B, "more than 50", C, "nearly 40"),
        # the parts of the totals (the last week), compared with each other: "about" is shown, not judged
        ("the battle", "approximate count of killed", A, "33", C, "about 30"),
        ("the strike", "count of killed", A, "20", B, "25"),
    }
    # "more than 50" and 54 agree; a part (33, last week) is never set against a total (more than 50)
    assert not any({r["account_a"], r["account_b"]} in ({"54", "more than 50"}, {"33", "more than 50"})
                   for r in run(store, "disagreements"))


def test_casualty_totals_add_exact_figures_but_never_a_total_and_its_part(store):
    rows = {r["article"]: r for r in run(store, "casualty-totals")}
    assert rows[A]["added"] == "74" and rows[A]["figures_added"] == "2"  # 54 + 20: the 33 are in the 54
    assert rows[A]["not_added"] == ""
    assert rows[B]["added"] == "25" and rows[B]["not_added"] == "more than 50 (the battle)"
    assert rows[C]["added"] == "0" and rows[C]["not_added"] == "nearly 40 (the battle)"  # its part is in it


def test_casualties_show_the_qualifier_the_period_and_the_total_a_figure_is_part_of(store):
    rows = {(r["article"], r["count"]): r for r in run(store, "casualties")}
    assert rows[(B, "50")]["qualifier"] == "more than"
    assert rows[(A, "33")]["part_of"] == "54 (the battle)" and rows[(A, "33")]["period"] == "2020-02-24/2020-02-29"
    assert rows[(A, "54")]["part_of"] == "" and rows[(A, "54")]["qualifier"] == "exactly"
