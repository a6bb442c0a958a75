"""kb.draft.names: registry names where the text gives them (and other spellings of them), and
names the registry lacks, without junk: no sentence-initial word, heading, furniture or cut-off
name; a name that extends a registry name resolves to it."""

from __future__ import annotations

import pytest
from conftest import SEED_CORPUS

from kb.corpus import read_registry
from kb.coverage import sentences
from kb.draft import draft_annotation
from kb.draft.names import cut_off_at, entity_named, find_candidates, find_mentions, state_for

SEED, _, _ = read_registry(SEED_CORPUS / "registry")


def forms(text: str) -> dict[str, str]:
    return {h.form: h.entity for h in find_mentions(text, SEED)}


def candidates(text: str, date: str = "2020-03-02") -> list[str]:
    return [c.name for c in draft_annotation(text, SEED, "x", date=date).candidates]


@pytest.mark.parametrize(("text", "form", "entity"), [
    ("The Syrian army reported major losses.", "Syrian army", "syrian-army"),
    ("Russia's Defence Ministry said Turkish soldiers had been among militant fighters.", "Russia's Defence Ministry", "russian-defense-ministry"),
    ("Syrian President Bashar al-Assad did not comment.", "Bashar al-Assad", "bashar-assad"),
])
def test_other_spellings_of_registry_names(text, form, entity):
    [hit] = [h for h in find_mentions(text, SEED) if h.form == form]
    assert hit.entity == entity and "another spelling" in hit.note


def test_exact_names_win_and_lower_case_is_not_a_name():
    assert forms("The Syrian Army said it had recaptured the town.")["Syrian Army"] == "syrian-army"
    assert "syrian army" not in forms("units of the syrian army")
    hits = find_mentions("Syrian government forces have recaptured Saraqeb.", SEED)
    assert [(h.form, h.entity) for h in hits] == [("Syrian government forces", "syrian-army")]


def test_a_name_that_extends_a_registry_name_is_not_a_candidate():
    assert candidates("Syrian President Bashar al-Assad did not comment on Thursday.") == []
    assert candidates("Meanwhile, Turkish President Recep Tayyip Erdogan told supporters Monday that Turkey has exacted a heavy toll.") == []


@pytest.mark.parametrize("text", [
    "Recalling the talks, Erdogan said the ceasefire would hold.",
    "Have the parties agreed? Nobody knows.",
    "Clashes between Syrian and Turkish troops regularly take place in the Idlib area.",
    "Loss of life is always a big tragedy.",
])
def test_a_sentence_initial_word_is_not_a_name(text):
    assert candidates(text) == []


def test_a_name_that_recurs_inside_a_sentence_is_kept():
    assert candidates("Saraqeb fell. Syrian government forces have recaptured the strategic town of Saraqeb.") == ["Saraqeb"]


def test_headings_and_furniture_are_not_names():
    text = ("Accessibility links\n\nBreaking News\n\nRelated Stories\n\nThe Russian side called on Turkey to take measures, "
            "the ministry said on Tuesday, and Putin agreed to it.\n\nThe Strike Of The Russian VKS\n\nThe Kremlin said so.\n")
    assert candidates(text) == []


def test_a_name_cut_off_where_the_excerpt_ends():
    text = "Vladimir Putin said so.\n\nAs you know, we were going to hold this meeting in Turke\n"
    assert cut_off_at(text) == text.index("Turke")
    assert candidates(text, "2020-03-05") == []
    assert cut_off_at("Vladimir Putin said so.\n\nPhoto: Example News\n") is None


def test_candidates_and_their_types():
    text = ("Turkish Defence Minister Hulusi Akar and Rahmi Dogan, governor of Hatay, met in the town of Reyhanli. "
            "General Tom Smith of the Eastern Legion said the Syrian Observatory for Human Rights had reported it.")
    found = {c.name: c.type for c in draft_annotation(text, SEED, "x", date="2020-02-28").candidates}
    assert found == {"Rahmi Dogan": "Person", "Hatay": "TYPE", "Reyhanli": "Settlement", "Tom Smith": "Person",
                     "Eastern Legion": "ArmedForce", "Syrian Observatory for Human Rights": "GovernmentBody"}


def test_lookups_by_name_and_what_a_capital_stands_for():
    assert entity_named("the Kremlin", SEED).id == "kremlin"
    assert entity_named("turkish armed forces", SEED).id == "turkish-armed-forces"
    assert entity_named("VOA News", SEED) is None
    assert state_for("Moscow", SEED)[1].id == "russia"
    assert state_for("Kiev", SEED) == ("Ukraine", None)
    assert state_for("Saraqib", SEED) is None


def test_candidates_need_no_draft():
    text = "Officials met in Reyhanli on Friday."
    assert [c.name for c in find_candidates(text, [], SEED, {s for s, _ in sentences(text)})] == ["Reyhanli"]


def test_a_surname_after_the_full_name_is_a_mention_not_a_candidate():
    text = "Turkish Defence Minister Hulusi Akar said so. According to Akar, the drones hit their targets."
    assert [(h.form, h.entity) for h in find_mentions(text, SEED)] == [("Hulusi Akar", "hulusi-akar"), ("Akar", "hulusi-akar")]
    assert "surname" in find_mentions(text, SEED)[1].note
    assert [h.form for h in find_mentions("According to Akar, the drones hit their targets.", SEED)] == []


def test_a_possessive_inside_a_name_and_outside_one():
    text = "The forces of the Donetsk and Luhansk People's Republics held the town. Libya's civil war went on."
    assert candidates(text, "2021") == ["Donetsk", "Luhansk People's Republics"]


def test_words_that_also_name_a_body_of_another_state_are_a_doubtful_mention():
    text = "The Ministry of Defence of Azerbaijan claims so. The Ministry of Defence denies it."
    [hit] = find_mentions(text, SEED)
    assert (hit.form, hit.entity, hit.start) == ("Ministry of Defence", "russian-defense-ministry", text.rindex("Ministry of Defence"))
    assert "doubtful" in hit.note
    assert "Ministry of Defence of Azerbaijan" in candidates(text)


def test_epithets_demonyms_offices_and_longer_place_names():
    text = ("Fayez al-Sarraj heads the U.N.-recognised Government of National Accord in Tripoli, which the Libyan National "
            "Army besieges. The operation was conducted in the Idlib Governorate by the Syrian Arab Army. Officials said "
            "so, and the Emergency Relief Coordinator Mark Lowcock agreed.")
    assert candidates(text, "2020-01-13") == [
        "Fayez al-Sarraj", "Government of National Accord", "Tripoli", "Libyan National Army", "Idlib Governorate",
        "Syrian Arab Army", "Emergency Relief Coordinator", "Mark Lowcock"]


def test_a_name_that_opens_a_sentence_keeps_its_first_word():
    text = "Operation Spring Shield was a cross-border military operation. The operation ended in March."
    assert candidates(text, "2021") == ["Operation Spring Shield"]
