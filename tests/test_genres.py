"""The kinds of text and of statement the bundled corpus lacks, on the fixture corpus
tests/fixtures/genres: an agreement's own text (its parties as guarantors, what it supplements and
recalls, when its articles take effect, a deadline in days, a corridor measured from a road), and
a news report with a total and its part from two sources, a joint statement, an unnamed officer
relayed by a radio, a denial and talks still to come. It builds and conforms, and the named
queries show each of these (the violating cases are in tests/fixtures/invalid/)."""

from __future__ import annotations

import pytest

from kb import api
from kb.build import build

from conftest import FIXTURES

GENRES = FIXTURES / "genres"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("genres") / "build"
    build(GENRES, out)
    return out


def rows(built, name: str, **params: str) -> list[dict[str, str]]:
    """The query's rows, an unbound value as an empty string (as the CSV shows it)."""
    return [{key: value or "" for key, value in row.items()}
            for row in api.query(built, name=name, params=params).records()]


def test_the_fixture_corpus_builds_and_conforms(built):
    import json

    summary = json.loads((built / "summary.json").read_text())
    assert summary["validation"].startswith("conforms (") and summary["articles"] == 2


def test_an_agreement_text_states_the_agreement_itself(built):
    found = {(r["article"].rsplit("/", 1)[-1], r["source"], r["aspect"], r["value"], r["detail"])
             for r in rows(built, "agreement", agreement="alba-protocol")}
    text, report = "g1_alba_protocol", "g2_example_news"
    own = "the agreement's own text"
    assert (text, own, "capacity", "Northland", "as guarantor of the ceasefire") in found
    assert (text, own, "refers to", "Lake Accord", "supplements") in found
    assert (text, own, "refers to", "Resolution 7 of the Lake Council", "recalls") in found
    assert (report, "news report", "refers to", "Lake Accord", "supplements") in found
    provisions = {value: detail for article, _, aspect, value, detail in found if aspect == "provision"}
    assert provisions["Cease all military actions along the line of contact"] == \
        "Article 1: obliges Northland, Southland; takes effect 2021-03-06 00:01"
    assert provisions["Begin joint patrols along the North Road"].endswith("within 7 days of Alba Protocol (by 2021-03-12)")
    figure = next(detail for _, _, aspect, value, detail in found if aspect == "figure")
    assert figure.startswith("6 km to the ") and {"north", "south"} <= set(figure.replace(",", " ").split())
    assert figure.endswith(" of North Road")
    # the agreement it supplements: referred to by it, with the report's own date of the Lake Accord
    accord = {(r["aspect"], r["value"]) for r in rows(built, "agreement", agreement="lake-accord")}
    assert ("referred to by", "Alba Protocol") in accord and ("date", "2019-01-01 to 2019-12-31") in accord


def test_the_articles_query_shows_genre_and_the_agreement_a_text_is_of(built):
    by_id = {r["article"].rsplit("/", 1)[-1]: r for r in rows(built, "articles")}
    assert by_id["g1_alba_protocol"]["genre"] == "agreement text"
    assert by_id["g1_alba_protocol"]["text_of"] == "Alba Protocol"
    assert by_id["g1_alba_protocol"]["publisher"] == "Northland"  # a state publishes
    assert by_id["g1_alba_protocol"]["licence"] == "CC0-1.0"
    assert by_id["g2_example_news"]["genre"] == "news report" and by_id["g2_example_news"]["text_of"] == ""


def test_a_total_and_its_part_are_shown_together_and_never_added(built):
    casualties = {r["count"]: r for r in rows(built, "casualties")}
    assert casualties["50"]["qualifier"] == "more than" and casualties["50"]["period"] == "2021-02-01/2021-02-28"
    assert casualties["33"]["part_of"] == "50 (Southern Guard losses, February 2021)"
    (total,) = rows(built, "casualty-totals")
    assert total["added"] == "0" and total["not_added"] == "more than 50 (Southern Guard losses, February 2021)"


def test_who_speaks_jointly_severally_unnamed_and_through_whom(built):
    (roe,) = rows(built, "claims-by-actor", actor="jane-roe")
    assert roe["with"] == "jointly with John Doe"
    (union,) = rows(built, "claims-by-actor", actor="lake-union")
    assert union["with"] == "as did Southland"
    (relayed,) = rows(built, "relays")
    assert (relayed["claimant"], relayed["relayed_by"], relayed["how"]) == ("a Southern Guard officer", "Southland Radio", "according to")


def test_events_are_kept_apart_by_how_they_are_reported(built):
    timeline = [(r["status"], r["event"], r["hedges"]) for r in rows(built, "timeline")]
    # claimed events first (none here is narrated as having happened), then the others apart
    apart = [0 if status == "happened" else 1 if status == "claimed" else 2 for status, _, _ in timeline]
    assert apart == sorted(apart) and set(apart) == {1, 2}
    assert ("denied", "Shelling of Beta, March 2021", "") in timeline
    assert ("planned", "Talks in Alba, March 2021", "") in timeline
    assert ("claimed", "Breaches of the ceasefire, 7 March 2021", "reportedly: reportedly") in timeline
    day = {(r["status"], r["event"].rsplit("/", 1)[-1]) for r in rows(built, "events-on-date", day="2021-03-06")}
    assert ("planned", "alba-ceasefire") in day


def test_most_of_a_place_is_controlled(built):
    found = {(r["property"], r["object"]) for r in rows(built, "entity", entity="border-province")}
    assert ("controls", "Border Province") in found
    statement = api.query(built, sparql=(
        "SELECT ?extent WHERE { ?s <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> "
        "<https://w3id.org/conflict-news-kb/ontology#controls> ; <https://w3id.org/conflict-news-kb/ontology#extent> ?e . "
        "?e <http://www.w3.org/2000/01/rdf-schema#label> ?extent }")).records()
    assert [r["extent"] for r in statement] == ["most"]
