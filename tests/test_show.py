"""`kb show ENTITY`: one entity in the terminal, found by id, IRI, label, alias or a name the articles use."""

from __future__ import annotations

import json

import pytest

from conftest import MINI, run_cli

ENTITY = "https://w3id.org/conflict-news-kb/id/entity/"


def show_json(build, entity: str) -> dict:
    result = run_cli("show", entity, "--build", build, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_table_shows_type_labels_statements_and_claims(built_mini):
    result = run_cli("show", "jane-roe", "--build", built_mini)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Jane Roe" in out and "(person)" in out and f"{ENTITY}jane-roe" in out
    assert "Roe" in out  # the registry's alias
    assert "Stated in article a1" in out and "role: Jane Roe as Minister" in out and "“Minister Jane Roe”" in out
    assert "Claims by it or about it" in out and "This attack violates the Lake Accord," in out and "accuses" in out


@pytest.mark.parametrize("asked", [
    "alba-shelling",  # the id
    f"{ENTITY}alba-shelling",  # the IRI
    f"<{ENTITY}alba-shelling>",
    "shelling of alba, 2 MARCH 2021",  # the label, in any case
])
def test_an_entity_is_found_by_id_iri_or_label(built_mini, asked):
    assert show_json(built_mini, asked)["id"] == "alba-shelling"


def test_an_alias_and_an_articles_name_find_the_entity(built_mini, built_seed):
    assert show_json(built_mini, "roe")["id"] == "jane-roe"  # a registry alias
    data = show_json(built_seed, "Jebhat al-Nusra group")  # a name only an article uses
    assert data["id"] == "hayat-tahrir-al-sham"
    assert "Jebhat al-Nusra group" not in data["aliases"] + [data["label"]]
    assert {"name": "Jebhat al-Nusra group", "article": "002_d237a528e19c67b1", "occurrences": 1} in data["names_in_articles"]


def test_json_gives_statements_as_subject_and_object_per_article_with_quotes(built_mini):
    data = show_json(built_mini, "alba")
    assert data["types"] == [{"iri": "https://w3id.org/conflict-news-kb/ontology#Settlement", "label": "settlement"}]
    contained = next(s for s in data["statements"] if s["property"]["label"] == "contained in place")
    assert contained["position"] == "subject" and contained["article"] == "a1"
    assert contained["object"] == {"iri": f"{ENTITY}border-province", "label": "Border Province"}
    assert contained["quotes"] == [{"article": "a1", "start": 432, "end": 461, "text": "Alba lies in Border Province."}]
    located = [s for s in data["statements"] if s["property"]["label"] == "location"]
    assert {s["article"] for s in located} == {"a1", "a2"} and all(s["position"] == "object" for s in located)
    text = (MINI / "articles" / "a1.txt").read_text(encoding="utf-8")
    for statement in data["statements"]:
        for quote in statement["quotes"]:
            if quote["article"] == "a1":
                assert text[quote["start"]:quote["end"]] == quote["text"]


def test_json_gives_every_claim_by_or_about_it_and_each_account(built_mini):
    data = show_json(built_mini, "alba-shelling")
    claims = {c["iri"].rsplit("/", 1)[1]: c for c in data["claims"]}
    assert set(claims) == {"ministry-report", "roe-violation", "army-denial", "ministry-four-killed"}
    assert all(c["relation"] == "about" for c in claims.values())
    denial = claims["army-denial"]
    assert denial["claimant"]["label"] == "Northern Army" and denial["stance"] == "denies" and denial["article"] == "a1"
    assert denial["quotes"][0]["text"] == "The Northern Army denied the report."
    accounts = {a["article"]: a for a in data["accounts"]}
    assert accounts["a1"]["outcomes"] == ["killed 3 of Southern Guard", "destroyed 2 tank of Southern Guard"]
    assert accounts["a2"]["outcomes"] == ["killed 4 of Southern Guard"]
    assert accounts["a1"]["date"] == "2021-03-02"


def test_claims_by_an_actor_are_listed_as_by(built_mini):
    data = show_json(built_mini, "Southern Ministry")
    relations = sorted((c["relation"], c["iri"].rsplit("/", 1)[1]) for c in data["claims"])
    assert relations == [("by", "ministry-four-killed"), ("by", "ministry-report")]


def test_an_unknown_name_suggests_close_ones(built_mini):
    result = run_cli("show", "Jane Row", "--build", built_mini)
    assert result.exit_code == 2
    assert "no entity named 'Jane Row'" in result.stderr and "did you mean" in result.stderr
    assert "Jane Roe" in result.stderr
    assert result.stdout == ""


def test_an_unknown_iri_is_an_error(built_mini):
    result = run_cli("show", f"{ENTITY}atlantis", "--build", built_mini)
    assert result.exit_code == 2 and "no entity with the IRI" in result.stderr


def test_a_name_of_several_entities_lists_them(built_seed):
    result = run_cli("show", "idlib", "--build", built_seed)
    assert result.exit_code == 2
    assert "names 2 entities" in result.stderr
    assert "idlib-city" in result.stderr and "idlib-province" in result.stderr


def test_the_seed_corpus_shows_dmitry_peskov(built_seed):
    data = show_json(built_seed, "Peskov")
    assert data["id"] == "dmitry-peskov"
    said = {c["said"] for c in data["claims"] if c["relation"] == "by"}
    assert "We consider such sorties from Idlib unacceptable" in said
    assert len(said) == 14
    result = run_cli("show", "dmitry-peskov", "--build", built_seed)
    assert result.exit_code == 0 and "Kremlin spokesman" in result.stdout


def test_without_a_build_show_says_to_build_first(tmp_path):
    result = run_cli("show", "alba", "--build", tmp_path / "nothing")
    assert result.exit_code == 2 and "kb build" in result.stderr


def test_a_bad_format_is_a_usage_error(built_mini):
    result = run_cli("show", "alba", "--build", built_mini, "--format", "yaml")
    assert result.exit_code == 2


def test_the_show_command_has_help():
    result = run_cli("show", "--help")
    assert result.exit_code == 0
    assert "--format" in result.stdout and "table|json" in result.stdout and "--build" in result.stdout
    assert "alias or name the articles use" in result.stdout
