"""Every named query, run on the real corpus, against golden results (pytest --update-golden rewrites them).

The cases are the analysts' competency questions (COMPETENCY.md) and the general questions asked
across the whole base; each answer row carries its source article and, where one applies, the quote.
"""

import pytest

from kb import api
from kb.errors import QueryError
from kb.queries import library, with_values

from conftest import GOLDEN, check_golden

CASES = {
    # 1. What did the Russian Su-24 strike of 20 February 2020 destroy, according to each source?
    "q01-su24-strike-outcomes": ("event-outcomes", {"event": "su24-strike-2020-02-20"}),
    # 2. What did the September 2018 Sochi agreement provide, as the articles report it?
    "q02-sochi-agreement": ("agreement", {"agreement": "sochi-agreement-2018"}),
    # 3. Which states were parties to the May 2017 Astana agreement, how many zones, what happened to each?
    "q03-astana-agreement": ("agreement", {"agreement": "astana-agreement-2017"}),
    "q03-astana-zones": ("agreement-zones", {"agreement": "astana-agreement-2017"}),
    # 4. Under which names and spellings do the articles refer to Hayat Tahrir al-Sham?
    "q04-hts-names": ("entity-names", {"entity": "hayat-tahrir-al-sham"}),
    # 5. Who attacked whom on 11 February 2020, on which fronts, with whose support, with what result?
    "q05-events-2020-02-11": ("events-on-date", {"day": "2020-02-11"}),
    # 6. Where and when were the Russian-Turkish negotiation rounds in February 2020, who took part?
    "q06-negotiation-rounds": ("diplomatic-events", {"type": "https://w3id.org/conflict-news-kb/ontology#NegotiationRound"}),
    # 7. What did Erdogan claim about refugees, when and where, and who denied it?
    "q07-erdogan-refugees": ("claims-by-actor", {"actor": "recep-tayyip-erdogan", "about": "idlib-displacement-2020"}),
    # 8. How many Turkish soldiers were reported killed or injured, in which incidents, per source?
    "q08-turkish-casualties": ("casualties", {"side": "turkish-armed-forces"}),
    # 9. Which Russian actors accused Turkey of violating Russian-Turkish agreements, on what grounds, when?
    "q09-violations-by-turkey": ("violations", {"accused": "turkey"}),
    # 10. Which outlet published each article, on which date (stated or inferred), which media does each cite?
    "q10-articles": ("articles", {}),
    # 11. What did Dmitry Peskov say, in which interviews or briefings, and on which dates?
    "q11-peskov": ("claims-by-actor", {"actor": "dmitry-peskov"}),
    # 12. What did Erdogan say in February 2020 about a military operation in Idlib, and on which days?
    "q12-erdogan-operation": ("claims-by-actor", {"actor": "recep-tayyip-erdogan", "about": "turkish-operation-idlib-2020"}),
    # across the whole base
    "all-claims-about-su24-strike": ("claims-about", {"subject": "su24-strike-2020-02-20"}),
    "all-disagreements": ("disagreements", {}),
    "all-contradictions": ("contradictions", {}),
    "all-timeline": ("timeline", {}),
    "all-about-saraqib": ("entity", {"entity": "saraqib"}),
    "all-casualties": ("casualties", {}),
    "all-casualty-totals": ("casualty-totals", {}),
    "all-violations-of-sochi": ("violations", {"of": "sochi-agreement-2018"}),
    "all-relays": ("relays", {}),
    "all-slips": ("slips", {}),
    "all-diplomatic-events": ("diplomatic-events", {}),
    "all-event-codes": ("event-codes", {}),
}


def test_every_named_query_has_a_golden_case():
    assert {query for query, _ in CASES.values()} == set(library())


@pytest.mark.parametrize("case", sorted(CASES))
def test_named_query_on_the_seed_corpus(case, built_seed, update_golden):
    name, params = CASES[case]
    result = api.query(built_seed, name=name, params=params)
    assert result.rows, f"{case}: the query answers nothing"
    check_golden(GOLDEN / "queries" / f"{case}.csv", result.serialize("csv").decode(), update_golden)


@pytest.mark.parametrize("case, column", [
    ("q01-su24-strike-outcomes", "quotes"), ("q07-erdogan-refugees", "said"), ("q08-turkish-casualties", "quotes"),
    ("q09-violations-by-turkey", "grounds"), ("q11-peskov", "said"), ("all-timeline", "quotes"),
])
def test_answers_carry_their_source_and_quote(case, column, built_seed):
    name, params = CASES[case]
    for row in api.query(built_seed, name=name, params=params).records():
        assert row["article"].startswith("https://w3id.org/conflict-news-kb/id/article/")
        assert row[column]


def test_both_accounts_of_the_su24_strike_are_kept(built_seed):
    rows = api.query(built_seed, name="event-outcomes", params={"event": "su24-strike-2020-02-20"}).records()
    by_article = {}
    for row in rows:
        by_article.setdefault(row["article"].rsplit("/", 1)[-1], set()).add((row["equipment"], row["count"]))
    assert ("infantry fighting vehicle", "6") in by_article["001_c19c91b9a6e53232"]
    assert ("pickup with a large-caliber weapon", "5") in by_article["001_c19c91b9a6e53232"]
    assert ("tank", "1") in by_article["004_3b424afd968655b2"]
    disagreements = api.query(built_seed, name="disagreements").records()
    assert any("tank" in row["what"] or "pickup" in row["what"] for row in disagreements)


def test_the_refugee_claim_and_its_denial(built_seed):
    rows = api.query(built_seed, name="claims-by-actor",
                     params={"actor": "recep-tayyip-erdogan", "about": "idlib-displacement-2020"}).records()
    million = [row for row in rows if "about a million" in row["said"]]
    assert million and any("Reconciliation" in row["contested_by"] for row in million)


def test_values_binding_reaches_every_where_group():
    text = "SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?y } } FILTER (?y != 'WHERE {') } # WHERE {"
    bound = with_values(text, {"y": __import__("pyoxigraph").Literal("v")})
    assert bound.count('VALUES (?y) { ("v") }') == 2
    assert bound.endswith("# WHERE {")


def test_values_binding_skips_groups_that_do_not_use_the_parameter():
    text = ("SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?yy } } { SELECT ?x WHERE { ?x ?p $y } } "
            "{ SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?q ?y } } } } }")
    bound = with_values(text, {"y": __import__("pyoxigraph").Literal("v")})
    block = 'VALUES (?y) { ("v") }'
    assert bound.count(block) == 2
    assert "WHERE { " + block + " ?x ?p $y }" in bound and "WHERE { " + block + " ?x ?q ?y }" in bound
    # a parameter no group uses still binds at the top, as a column of the answer
    assert with_values("SELECT * WHERE { ?s ?p ?o }", {"z": __import__("pyoxigraph").Literal("v")}).count("VALUES (?z)") == 1


def test_a_query_without_where_cannot_take_parameters():
    with pytest.raises(QueryError, match="no `WHERE"):
        with_values("ASK { ?s ?p ?o }", {"s": __import__("pyoxigraph").NamedNode("urn:x")})


# Three articles about two events: A and B give different counts for the same outcome; C reports
# another side's losses (neither a different count nor a missing outcome) and an outcome A and B do
# not report; A and C date the battle to days that do not overlap.
DISAGREEING_SOURCES = """
@prefix kb: <https://w3id.org/conflict-news-kb/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix : <urn:test:> .

:registry { :strike rdfs:label "the strike" . :battle rdfs:label "the battle" .
            :Destroyed rdfs:label "destroyed" . :Killed rdfs:label "killed" . :tank rdfs:label "tank" . }
:graph-a {
  :strike kb:hasOutcome :a1 ; kb:evidence :qa0 .
  :a1 kb:outcomeKind :Destroyed ; kb:count 3 ; kb:equipmentType :tank ; kb:affectedParty :army ; kb:evidence :qa1 .
  :battle kb:earliestDate "2020-02-01"^^xsd:date ; kb:latestDate "2020-02-02"^^xsd:date ; kb:evidence :qa2 .
  :qa0 oa:exact "A on the strike" ; prov:wasQuotedFrom :article-a .
  :qa1 oa:exact "A: three tanks" ; prov:wasQuotedFrom :article-a .
  :qa2 oa:exact "A: early February" ; prov:wasQuotedFrom :article-a .
}
:graph-b {
  :strike kb:hasOutcome :b1 ; kb:evidence :qb0 .
  :b1 kb:outcomeKind :Destroyed ; kb:count 5 ; kb:equipmentType :tank ; kb:affectedParty :army ; kb:evidence :qb1 .
  :qb0 oa:exact "B on the strike" ; prov:wasQuotedFrom :article-b .
  :qb1 oa:exact "B: five tanks" ; prov:wasQuotedFrom :article-b .
}
:graph-c {
  :strike kb:hasOutcome :c1 , :c2 ; kb:evidence :qc0 .
  :c1 kb:outcomeKind :Destroyed ; kb:count 7 ; kb:equipmentType :tank ; kb:affectedParty :militia ; kb:evidence :qc1 .
  :c2 kb:outcomeKind :Killed ; kb:count 2 ; kb:evidence :qc2 .
  :battle kb:earliestDate "2020-02-10"^^xsd:date ; kb:latestDate "2020-02-10"^^xsd:date ; kb:evidence :qc3 .
  :qc0 oa:exact "C on the strike" ; prov:wasQuotedFrom :article-c .
  :qc1 oa:exact "C: seven militia tanks" ; prov:wasQuotedFrom :article-c .
  :qc2 oa:exact "C: two killed" ; prov:wasQuotedFrom :article-c .
  :qc3 oa:exact "C: on the tenth" ; prov:wasQuotedFrom :article-c .
}
"""


def test_disagreements_finds_each_kind_of_difference():
    import pyoxigraph as ox

    from kb.store import Store

    store = Store.in_memory(ox.parse(DISAGREEING_SOURCES.encode(), format=ox.RdfFormat.TRIG))
    rows = {tuple(term.value for term in row) for row in store.query(library()["disagreements"].bound({}))}
    a, b, c = "urn:test:article-a", "urn:test:article-b", "urn:test:article-c"
    assert rows == {
        ("the strike", "count of destroyed tank", a, "3", b, "5", "A: three tanks", "B: five tanks"),
        ("the strike", "outcome only one source reports: killed", c, "2", a, "not reported",
         "C: two killed", "A on the strike"),
        ("the strike", "outcome only one source reports: killed", c, "2", b, "not reported",
         "C: two killed", "B on the strike"),
        ("the battle", "date", a, "2020-02-01/2020-02-02", c, "2020-02-10/2020-02-10",
         "A: early February", "C: on the tenth"),
    }
