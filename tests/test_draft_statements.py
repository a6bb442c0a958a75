"""kb.draft.statements, quotes and speakers: every common form of attribution, with its speaker
resolved to the registry where possible; and sentences that attribute nothing."""

from __future__ import annotations

import pytest
from conftest import SEED_CORPUS

from kb.corpus import read_registry
from kb.draft import draft_annotation

SEED, _, _ = read_registry(SEED_CORPUS / "registry")


def statements(text: str, date: str = "2020-03-02"):
    return draft_annotation(text, SEED, "x", date=date).statements


def one(text: str, date: str = "2020-03-02"):
    found = statements(text, date)
    assert len(found) == 1, [(s.speaker, s.speaker_name, s.said.quote) for s in found]
    return found[0]


@pytest.mark.parametrize(("text", "speaker", "said", "stance"), [
    ("Turkey said Syrian government airstrikes had killed 54 Turkish soldiers.", "turkey",
     "Syrian government airstrikes had killed 54 Turkish soldiers", "asserts"),
    ("The Syrian Army said it had recaptured the town and the highway.", "syrian-army",
     "it had recaptured the town and the highway", "asserts"),
    ("He says his men are continuing to push forward.", None, "his men are continuing to push forward", "asserts"),
    ("Ankara claims that Syrian troops allegedly attack civilian targets in Idlib.", "turkey",
     "Syrian troops allegedly attack civilian targets in Idlib", "asserts"),
    ("Damascus is also claiming it shot down three Turkish drones.", "syrian-government", "it shot down three Turkish drones", "asserts"),
    ("Russia, along with Syria, accuses Turkey of violating the Sochi agreement.", "russia",
     "Turkey of violating the Sochi agreement", "accuses"),
    ("The Reconciliation Center also announced that the Turkish shelling left four Syrian soldiers injured.",
     "russian-reconciliation-center", "the Turkish shelling left four Syrian soldiers injured", "announces"),
    ("Erdogan warned that Turkey would launch an operation in Idlib.", "recep-tayyip-erdogan",
     "Turkey would launch an operation in Idlib", "warns"),
    ("The Northern Army denied the report.", None, "The Northern Army denied the report", "denies"),
    ("Information about the planned call was confirmed by Dmitry Peskov.", "dmitry-peskov", "Information about the planned call", "confirms"),
    ("Turkey’s Defense Ministry reported that two Turkish soldiers were killed.", "turkish-defense-ministry",
     "two Turkish soldiers were killed", "asserts"),
    ("According to the CPVS, they were supported by Turkish artillery.", "russian-reconciliation-center",
     "they were supported by Turkish artillery", "asserts"),
    ("Earlier, the Russian Defense Ministry announced its air force launched strikes, according to RT.",
     "russian-defense-ministry", "its air force launched strikes", "announces"),
    ("Turkish forces struck what it says are terrorist positions near Saraqib.", "turkish-armed-forces",
     "terrorist positions near Saraqib", "asserts"),
    ("Moscow also once again called on Ankara to cease its support for terrorists in Idlib.", "russia",
     "to cease its support for terrorists in Idlib", "demands"),
])
def test_forms_of_attribution(text, speaker, said, stance):
    st = one(text)
    assert (st.speaker, st.said.quote, st.stance) == (speaker, said, stance)
    assert text[st.said.start:st.said.end] == st.said.quote


def test_a_trailing_attribution_and_its_continuation():
    found = statements("The militants launched a “massive offensive” Southeast of the city of Idlib, the Russian Reconciliation "
                       "Center in Syria said on Thursday, adding that it was Turkish artillery that helped them.")
    assert [(s.speaker, s.said.quote) for s in found] == [
        ("russian-reconciliation-center", "The militants launched a “massive offensive” Southeast of the city of Idlib"),
        ("russian-reconciliation-center", "it was Turkish artillery that helped them")]


def test_a_second_attribution_in_the_same_sentence():
    found = statements("Peskov said there were no plans for talks, but has repeatedly said that such a meeting could be arranged.")
    assert [(s.speaker, s.said.quote) for s in found] == [
        ("dmitry-peskov", "there were no plans for talks"), ("dmitry-peskov", "such a meeting could be arranged")]


def test_a_capital_speaks_for_its_state_never_for_the_city():
    st = one("Moscow said the strikes would continue.")
    assert st.speaker == "russia" and "not the city" in st.speaker_basis
    sources, kiev = statements("Separatist sources claimed that several hundred soldiers had been captured, a figure Kiev denied.")
    assert (sources.speaker_name, sources.said.quote) == ("Separatist sources", "several hundred soldiers had been captured")
    assert (kiev.speaker, kiev.speaker_name, kiev.stance, kiev.attribution.quote) == (None, "Kiev", "denies", "a figure Kiev denied")
    assert "government of Ukraine" in kiev.speaker_basis


def test_a_medium_and_an_unnamed_speaker():
    tv = one("Syrian state TV showed its correspondent standing next to the highway.")
    assert (tv.speaker, tv.speaker_name) == ("syrian-state-tv", "Syrian state TV")  # in the registry now
    officer = one("A Syrian army officer told Syrian TV that his men were trying to reopen the highway.")
    assert (officer.speaker, officer.speaker_name, officer.person, officer.channel) == (
        "syrian-army", "A Syrian army officer", True, "interview")
    side = one("The Russian side called on Turkey to take measures to ensure the safe exit of residents.")
    assert side.speaker == "russia"


def test_pronouns_are_the_last_person_or_body_that_spoke():
    found = statements("A Syrian army officer told Syrian TV that his men were trying to reopen the highway. "
                       "He says his men are continuing to push forward.")
    assert [(s.speaker_name, s.said.quote[:14]) for s in found] == [("A Syrian army officer", "his men were t"),
                                                                    ("A Syrian army officer", "his men are co")]
    found = statements("Russia's Defence Ministry said Turkish soldiers had been among militants near the Syrian forces. "
                       "It said Russian jets had not been in action in the area.")
    assert [s.speaker for s in found] == ["russian-defense-ministry", "russian-defense-ministry"]


def test_quotations():
    found = statements('Kremlin spokesman Dmitry Peskov told reporters: "We are in contact." '
                       '"We consider such sorties from Idlib unacceptable," he said. "The agreements must be upheld."\n\n'
                       '"At the moment, we consider the implementation of agreements the most important thing." Peskov left.')
    assert [(s.speaker, s.direct, s.said.quote, s.channel) for s in found] == [
        ("dmitry-peskov", True, "We are in contact", "told-reporters"),
        ("dmitry-peskov", True, "We consider such sorties from Idlib unacceptable", "unspecified"),
        ("dmitry-peskov", True, "The agreements must be upheld", "unspecified")]
    assert "'he'" in found[1].speaker_basis
    assert found[2].attribution.quote == "he said"  # a quotation that goes on after an attributed one


def test_a_transcript_each_paragraph_a_statement_of_its_speaker():
    text = ("Russian-Turkish talks\n\nMarch 5, 2020, The Kremlin, Moscow\n\n"
            "President of Russia Vladimir Putin: Good afternoon, Mr President.\n\nThank you for coming to Russia.\n\n"
            "Regrettably, nobody was aware of your troops’ location. The Syrian army reported major losses.\n\n"
            "President of Turkey Recep Tayyip Erdogan (retranslated): Yes, Mr President, thank you.\n")
    found = draft_annotation(text, SEED, "x").statements
    assert [(s.speaker, s.direct, s.said.quote[:20]) for s in found] == [
        ("vladimir-putin", True, "Good afternoon, Mr P"), ("vladimir-putin", True, "Thank you for coming"),
        ("vladimir-putin", True, "Regrettably, nobody "), ("syrian-army", False, "major losses"),
        ("recep-tayyip-erdogan", True, "Yes, Mr President, t")]
    assert found[-1].attribution.quote == "President of Turkey Recep Tayyip Erdogan (retranslated)"


@pytest.mark.parametrize("text", [
    "VOA could not independently confirm the claim.",
    "Information about the alleged flow of refugees is untrue.",
    "The situation in Idlib deteriorated dramatically after the Russian and Turkish taskforces had made another attempt.",
    "Kremlin to Turkey: Help Stop Attacks on Syrian and Russian Forces in Idlib",
    "Recalling the talks in Sochi, the two sides met again.",
    "The agreement said nothing about patrols.",
])
def test_sentences_that_attribute_nothing(text):
    assert statements(text) == []


def test_a_surname_after_the_full_name_and_a_fuller_name_for_one_the_registry_lacks():
    akar = statements("Turkish Defence Minister Hulusi Akar visited Hatay. According to Akar, Turkish drones hit 200 targets.")[-1]
    assert (akar.speaker, akar.said.quote) == ("hulusi-akar", "Turkish drones hit 200 targets")
    lavrov = statements("Sergei Lavrov met the delegations in Moscow. The talks lasted seven hours, Lavrov said.")[-1]
    assert (lavrov.speaker, lavrov.speaker_name) == (None, "Sergei Lavrov")
    # a surname before the full name is not yet a mention
    assert statements("According to Akar, Turkish drones hit 200 targets.")[0].speaker is None


def test_a_person_in_apposition_to_a_description_speaks():
    beglaryan = one("The Human Rights Defender of Artsakh, Artak Beglaryan, reported that a woman had been killed.")
    assert beglaryan.speaker_name == "Artak Beglaryan"
    dogan = one("Rahmi Dogan, governor of the Turkish border province of Hatay, said the soldiers were killed.")
    assert dogan.speaker_name == "Rahmi Dogan"
    stepanyan = one("Two helicopters of the adversary were shot down, and three tanks were hit, the press secretary of "
                    "the Ministry, Shushan Stepanyan, announced.")
    assert (stepanyan.speaker_name, stepanyan.said.quote) == (
        "Shushan Stepanyan", "Two helicopters of the adversary were shot down, and three tanks were hit")


def test_the_title_of_a_person_who_spoke_before():
    found = statements('Prime Minister Nikol Pashinyan announced martial law. "We are on the verge of a full-scale war," '
                       "the Prime Minister warned. He called on the international community to condemn the aggression.")
    assert [s.speaker_name for s in found] == ["Nikol Pashinyan"] * 3
    assert statements('"We are on the verge of a full-scale war," the Prime Minister warned.')[0].speaker_name == "the Prime Minister"


def test_a_body_of_another_state_is_not_the_registry_s_body_of_the_same_words():
    found = statements("The Ministry of Defence of Azerbaijan claims that its forces launched an operation. "
                       "The Ministry of Defence categorically denies the statements of the Azerbaijani side.")
    assert [(s.speaker, s.speaker_name) for s in found] == [(None, "Ministry of Defence of Azerbaijan"), (None, "Ministry of Defence")]
    assert one("Earlier, the Ministry of Defense announced that its air force launched strikes.").speaker == "russian-defense-ministry"


def test_an_unnamed_source_after_according_to():
    st = one("The town was defended by between 6,000 and 8,000 Ukrainian soldiers according to most estimates.")
    assert (st.speaker, st.speaker_name) == (None, "most estimates")
    embedded = one("The forces, supported according to Ukraine and NATO by Russian troops, took the town.")
    assert embedded.speaker_name == "Ukraine and NATO"
    assert statements("According to the agreements concluded between Russia and Turkey, Ankara was to ensure the separation.")[0].speaker == "turkey"


def test_a_quotation_inside_reported_speech_and_a_pronoun_read_after_every_statement():
    found = statements('Separatist leader Alexander Zakharchenko said that the ceasefire did not apply to Debaltseve, '
                       'which he described as "internal territory".')
    assert [(s.speaker_name, s.direct, s.said.quote) for s in found] == [
        ("Alexander Zakharchenko", False, 'the ceasefire did not apply to Debaltseve, which he described as "internal territory"'),
        ("Alexander Zakharchenko", True, "internal territory")]


def test_an_attribution_at_the_end_governs_the_sentence():
    st = one("Khalifa Haftar, whose army has been besieging the capital since April, asked for more time to study "
             "the document until Tuesday morning, Lavrov said.")
    assert (st.speaker_name, st.said.quote[:14]) == ("Lavrov", "Khalifa Haftar")
    assert one("Both sides accused each other of violating it within hours.").speaker_name == "Both sides"


def test_abbreviations_do_not_end_an_attribution():
    found = statements('"The violence in north-west Syria is indiscriminate," Mr. Lowcock said. Germany will host a summit '
                       "on Libya in Berlin on Jan. 19, a government spokesman in Berlin said.")
    assert [(s.speaker_name, s.said.quote[:12]) for s in found] == [("Lowcock", "The violence"),
                                                                   ("a government spokesman", "Germany will")]


def test_calls_for_estimates_and_an_auxiliary_after_an_apposition():
    guterres = one("The Secretary-General, António Guterres, has called for an immediate ceasefire.")
    assert (guterres.speaker_name, guterres.said.quote, guterres.stance) == ("António Guterres", "an immediate ceasefire", "demands")
    assert one("Aid agencies estimate that 280,000 people are living in tents.").speaker_name == "Aid agencies"
    st = one("Between 900 and 1,000 Syrian fighters were reportedly killed, according to Turkish estimates.")
    assert (st.speaker, st.speaker_name) == ("turkey", "Turkish estimates")
