"""kb.draft.figures: stated counts and measures, with their number, qualifier, what is counted,
whose, the outcome they report and who says so; and numbers that are not figures."""

from __future__ import annotations

import pytest
from conftest import SEED_CORPUS

from kb.corpus import read_registry
from kb.draft import draft_annotation

SEED, _, _ = read_registry(SEED_CORPUS / "registry")


def figures(text: str, date: str = "2020-03-02"):
    return draft_annotation(text, SEED, "x", date=date).figures


def summary(text: str, date: str = "2020-03-02"):
    return [((f.low, f.high) if f.low is not None else f.value, f.qualifier, f.what, f.kind) for f in figures(text, date)]


def test_a_count_with_its_outcome_side_and_speaker():
    [f] = figures("Turkey said Syrian government airstrikes had killed 54 Turkish soldiers.")
    assert (f.value, f.what, f.kind, f.side, f.according_to, f.found.quote) == (
        54, "Turkish soldiers", "killed", "turkish-armed-forces", "turkey", "killed 54 Turkish soldiers")


def test_each_item_of_a_list_shares_its_outcome():
    text = ("He claims that Turkish troops have destroyed 135 regime tanks, 22 armored vehicles, 45 artillery pieces, "
            "five air defense systems and nine ammunition depot buildings.")
    assert summary(text) == [(135, None, "regime tanks", "destroyed"), (22, None, "armored vehicles", "destroyed"),
                             (45, None, "artillery pieces", "destroyed"), (5, None, "air defense systems", "destroyed"),
                             (9, None, "ammunition depot buildings", "destroyed")]
    assert [f.equipment for f in figures(text)][:2] == ["tank", "armored-vehicle"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Erdogan said over 100 militants had been killed.", [(100, "over", "militants", "killed")]),
    ("More than 20 settlements came under fire, he said.", [(20, "more than", "settlements", None)]),
    ("Nearly a million people have fled their homes.", [(1_000_000, "nearly", "people", "displaced")]),
    ("Turkey, which already hosts some 3.6 million Syrian refugees, says it cannot take in more.",
     [(3_600_000, "about", "Syrian refugees", None)]),
    ("At least 33 Turkish soldiers were killed.", [(33, "at least", "Turkish soldiers", "killed")]),
    ("Up to 3,000 servicemen had died.", [(3000, "up to", "servicemen", "killed")]),
    ("Officials said between 36 and 60 soldiers were wounded.", [((36, 60), "between", "soldiers", "injured")]),
    ("Putin and Erdogan agreed to create a 15-20 kilometer-wide demilitarized zone.", [((15, 20), "between", "kilometer-wide demilitarized zone", None)]),
    ("A security corridor 6 km deep will run on each side of the highway.", [(6, None, "km deep", None)]),
    ("The two leaders discussed the Syrian crisis.", [(2, None, "leaders", None)]),
])
def test_numbers_qualifiers_and_what_is_counted(text, expected):
    assert summary(text) == expected


def test_others_and_an_elided_noun_take_the_noun_before():
    found = figures("Turkey’s Defense Ministry reported that two Turkish soldiers were killed and five others injured.")
    assert [(f.value, f.what, f.kind, f.side) for f in found] == [
        (2, "Turkish soldiers", "killed", "turkish-armed-forces"), (5, "others", "injured", "turkish-armed-forces")]
    found = figures("Ukrainian officials stated that 179 soldiers had been killed and 110 captured.")
    assert [(f.value, f.what, f.kind) for f in found] == [(179, "soldiers", "killed"), (110, "soldiers", "captured")]


def test_a_single_item_of_an_outcome():
    [f] = figures("Russian Su-24 strike aircraft hit the advancing armed groups, destroying a tank of the militants.")
    assert (f.value, f.what, f.kind, f.equipment, f.side) == (1, "tank", "destroyed", "tank", "idlib-militants")


@pytest.mark.parametrize("text", [
    "On February 20, the militants launched an attack.",
    "Syrian government forces took control of a highway for the first time since 2012.",
    "Turkish fighter jets shot down Syrian Su-24 warplanes near the M4 highway.",
    "Syrian government forces have recaptured Saraqeb, one day after the strike.",
    "More than a year ago the agreements were reached in Sochi.",
    "847/940",
    "The ceasefire takes effect from 00:01 on March 6.",
    "Press Release No. 2020/14 was issued.",
])
def test_numbers_that_are_not_figures(text):
    assert summary(text) == []


def test_a_figure_cut_off_where_the_excerpt_ends():
    text = ("Erdogan told supporters Monday that Turkey has exacted a heavy toll.\n\nHe claims that Turkish troops have "
            "destroyed 135 regime tanks, two Syrian government w\n")
    assert [f.what for f in figures(text)] == ["regime tanks", "Syrian government (cut off)"]
