"""`kb export --format acled`: the events as ACLED's CSV table, one row per report of an event."""

from __future__ import annotations

import csv
import io

import pytest

from kb.acled import COLUMNS, event_date
from kb.readmodel import Account

from conftest import run_cli

ENTITY = "https://w3id.org/conflict-news-kb/id/entity/"


@pytest.fixture(scope="module")
def table(built_seed) -> list[dict[str, str]]:
    result = run_cli("export", "--format", "acled", "--build", built_seed)
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_the_table_has_acleds_columns_then_the_iris(built_seed):
    result = run_cli("export", "--format", "acled", "--build", built_seed)
    header = result.stdout.splitlines()[0]
    assert header.split(",") == list(COLUMNS)
    assert header.startswith("event_date,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,actor2")
    assert header.endswith("notes,fatalities,event_iri,article_iri")


def test_only_acleds_own_types_and_sub_event_types(table):
    types = {
        "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
        "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb", "Grenade",
                                       "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"},
        "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
        "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
        "Riots": {"Violent demonstration", "Mob violence"},
        "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                                   "Headquarters or base established", "Looting/property destruction",
                                   "Non-violent transfer of territory", "Other"},
    }
    assert len(table) > 20
    for row in table:
        assert row["sub_event_type"] in types[row["event_type"]], row


def test_disagreeing_sources_stay_separate_rows(table):
    strike = [row for row in table if row["event_iri"] == ENTITY + "su24-strike-2020-02-20"]
    assert len(strike) == 2 and len({row["article_iri"] for row in strike}) == 2
    assert {row["sub_event_type"] for row in strike} == {"Air/drone strike"}
    notes = sorted(row["notes"] for row in strike)
    assert any("destroyed 1 tank" in n for n in notes) and any("destroyed 5 pickup" in n for n in notes)
    assert not any("destroyed 1 tank" in n and "destroyed 5 pickup" in n for n in notes)  # each its own figures


def test_a_capture_by_the_state_is_government_regains_territory(table):
    (row,) = [row for row in table if row["event_iri"] == ENTITY + "saraqib-capture-2020-02-05"]
    assert (row["event_type"], row["sub_event_type"], row["actor1"]) == ("Battles", "Government regains territory", "Syrian Army")
    assert (row["location"], row["latitude"], row["longitude"], row["geo_precision"]) == ("Saraqib", "35.86447", "36.80591", "1")
    assert (row["country"], row["admin1"], row["event_date"], row["time_precision"]) == ("Syria", "Idlib province", "2020-02-05", "1")
    assert row["source"] == "TASS"


def test_fatalities_add_up_the_reported_deaths(table):
    (row,) = [row for row in table if row["event_iri"] == ENTITY + "clashes-turkish-syrian-forces-2020-02"
              and row["article_iri"].endswith("003_f22061eb0096845d")]
    assert row["fatalities"] == "13" and row["source"] == "The Moscow Times; Reuters"
    # deaths reported without a number: no figure is made up
    assert any(r["fatalities"] == "" and "killed" in r["notes"] for r in table)


def test_types_acled_does_not_code_are_left_out(table):
    events = {row["event_iri"] for row in table}
    for left_out in ("idlib-displacement-2020", "putin-erdogan-call-2020-02-21", "erdogan-kyiv-visit-2020-02",
                     "hts-designated-terrorist-in-russia"):
        assert ENTITY + left_out not in events


def test_rows_are_sorted_and_the_export_is_deterministic(table, built_seed):
    keys = [(row["event_date"] or "9999", row["event_iri"], row["article_iri"]) for row in table]
    assert keys == sorted(keys)
    again = run_cli("export", "--format", "acled", "--build", built_seed)
    assert again.stdout == run_cli("export", "--format", "acled", "--build", built_seed).stdout


@pytest.mark.parametrize("earliest, latest, expected", [
    ("2020-02-20", "2020-02-20", ("2020-02-20", "1")),
    ("2020-02-17", "2020-02-18", ("2020-02-17", "2")),
    ("2020-02-10", "2020-02-16", ("2020-02-13", "2")),
    ("2020-02-01", "2020-02-29", ("2020-02-15", "3")),
    (None, "2020-02-05", ("2020-02-05", "3")),
    (None, None, ("", "")),
])
def test_dates_and_their_precision_follow_acleds_codes(earliest, latest, expected):
    assert event_date(Account("e", "a", earliest=earliest, latest=latest)) == expected


def test_the_export_goes_to_a_file_and_never_over_one_kb_did_not_write(built_seed, tmp_path):
    target = tmp_path / "events.csv"
    assert run_cli("export", "--format", "acled", "--build", built_seed, "--output", target).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("event_date,")
    mine = tmp_path / "mine.csv"
    mine.write_text("my own table")
    refused = run_cli("export", "--format", "acled", "--build", built_seed, "--output", mine)
    assert refused.exit_code == 2 and mine.read_text() == "my own table"
