"""kb.draft.dates: times of day read with their dates, and the `--date` option."""

from __future__ import annotations

import datetime as dt

import pytest

from kb.coverage import sentences
from kb.draft.dates import find_dates, find_times, parse_date_option, time_of_day, written_date
from kb.draft.findings import DraftError

THURSDAY = dt.date(2020, 3, 5)


def dates(text: str, base: dt.date | None = THURSDAY):
    return [(d.found.quote, d.written, d.time, d.time_of_day) for d in find_dates(text, base, sentences(text))]


def test_a_clock_time_beside_its_date_is_one_finding():
    assert dates("The ceasefire takes effect from 00:01 on March 6.") == [
        ("from 00:01 on March 6", "2020-03-06", "00:01", "night")]


def test_a_time_after_its_date_joins_it():
    assert dates("On 27 September, at 08:10, the armed forces launched an attack.", dt.date(2020, 9, 27)) == [
        ("On 27 September, at 08:10", "2020-09-27", "08:10", "morning")]


def test_a_time_elsewhere_in_the_sentence_is_read_with_its_only_date():
    [(quote, written, time, part)] = dates("Patrols will start after 1 p.m. along the highway on March 15.")
    assert (quote, written, time, part) == ("on March 15", "2020-03-15", "13:00", "afternoon")


def test_a_time_without_a_date_in_its_sentence_stays_unresolved():
    [finding] = find_dates("The ceasefire takes effect at midnight.", THURSDAY, sentences("The ceasefire takes effect at midnight."))
    assert (finding.found.quote, finding.written, finding.time, finding.time_of_day) == ("at midnight", None, "00:00", "night")
    assert "no single date" in finding.how


def test_a_part_of_the_day_is_a_time_of_day():
    assert dates("In the morning of February 11, the Turkey-backed Syrian opposition launched mass-scale attacks.") == [
        ("In the morning of February 11", "2020-02-11", None, "morning")]


@pytest.mark.parametrize("text", ["The 2020/14 release", "a score of 12:30:45", "Su-24 aircraft", "the M4 highway"])
def test_numbers_that_are_not_times(text):
    assert find_times(text) == []


@pytest.mark.parametrize(("clock", "part"), [("05:00", "morning"), ("12:00", "afternoon"), ("18:30", "evening"),
                                             ("23:59", "night"), ("00:01", "night")])
def test_time_of_day(clock, part):
    assert time_of_day(clock) == part


def test_a_month_abbreviation_needs_no_full_stop_beside_a_day():
    assert dates("ANKARA/BEIRUT, Feb 28 (Reuters) - Turkey struck", dt.date(2020, 2, 28))[0][:2] == ("Feb 28", "2020-02-28")
    assert dates("a Feb meeting", dt.date(2020, 2, 28)) == []


def test_the_date_option():
    assert written_date(parse_date_option("2020-03-02")) == "2020-03-02"
    assert written_date(parse_date_option("2020-02-18/2020-02-23")) == {"from": "2020-02-18", "to": "2020-02-23"}
    with pytest.raises(DraftError, match="not a date"):
        parse_date_option("March 2")
