"""kb.draft.furniture and kb.draft.metadata: page furniture, title and headings, the stated date,
dateline, outlets and byline, and the publisher given with `--publisher`."""

from __future__ import annotations

import pytest
from conftest import MINI, SEED_CORPUS

from kb.corpus import read_registry
from kb.draft.findings import DraftError
from kb.draft.furniture import find_furniture, find_headings, find_title
from kb.draft.metadata import choose_publisher, find_publication, live_publisher_types
from kb.draft.names import find_mentions

SEED, _, _ = read_registry(SEED_CORPUS / "registry")
MINI_REGISTRY, _, _ = read_registry(MINI / "registry")
VOA_HEAD = ("Accessibility links\n\nBreaking News\n\nSyrian Government Recaptures Strategic Town of Saraqeb from "
            "Turkish-Backed Rebels\n\n\nFILE - Smoke rises after an air strike in Saraqeb in Idlib province, Syria, "
            "Feb. 28, 2020.\nFILE - Smoke rises after an air strike in Saraqeb in Idlib province, Syria, Feb. 28, 2020.\n\n"
            "Syrian government forces have recaptured the strategic town of Saraqeb on the Damascus to Aleppo highway.\n")
KREMLIN_HEAD = ("View settings\n\nFont size:\nSite colours:\n\n\nOfficial website of the President of Russia\n\n"
                "Документ   /\n\nRussian-Turkish talks\n\nMarch 5, 2020, The Kremlin, Moscow\n\n"
                "Vladimir Putin met in the Kremlin with President of the Republic of Turkey Recep Tayyip Erdogan.\n\n* * *\n")


def reasons(text: str) -> dict[str, str]:
    return {piece.quote: reason for piece, reason in find_furniture(text)}


@pytest.mark.parametrize(("line", "reason"), [
    ("Accessibility links", "navigation"), ("Breaking News", "navigation"), ("View settings", "navigation"),
    ("Font size:", "navigation"), ("Site colours:", "navigation"), ("Related Stories", "navigation"),
    ("FILE - Smoke rises after an air strike in Saraqeb in Idlib province, Syria, Feb. 28, 2020.", "photo caption"),
    ("Photo: Example News", "photo credit"), ("  • © Omar Haj Kador", "photo credit"),
    ("Related article: Turkey Says Russia Must Restrain Syrian Forces in Idlib", "link to another article"),
    ("* * *", "separator"), ("847/940", "page counter"), ("Документ   /", "document-type token"),
    ("Official website of the President of Russia", "masthead"),
])
def test_furniture_lines(line, reason):
    found = reasons(f"{line}\n\nThe Kremlin said on Tuesday that all attacks should stop.\n")
    assert reason in found[line.strip()]


@pytest.mark.parametrize("line", [
    "Breaking news came from Idlib on Tuesday, the Kremlin said.", "There are no verifiable photo and video materials, any other evidence supporting statements.",
    "Russia intends to continue to using working contacts with Turkey.", "The strike of the Russian VKS",
])
def test_body_lines_are_not_furniture(line):
    assert reasons(f"{line}\n") == {}


def test_a_leading_metadata_token_is_furniture_and_not_the_title():
    text = "date 2020-03-05 Europe\nRussia and Turkey Agree on Idlib Ceasefire\nBy VOA News\nTurkey said on Thursday that the talks went well.\n"
    furniture = find_furniture(text)
    assert reasons(text) == {"date 2020-03-05 Europe": "a leading metadata token (date and section)"}
    assert find_title(text, furniture).quote == "Russia and Turkey Agree on Idlib Ceasefire"
    # the same token before a dateline is the date, not furniture
    assert reasons(" date 2020-02-23 MOSCOW, February 23. /TASS/. The Russian and Turkish militaries are cooperating.\n") == {}


def test_a_caption_shown_twice_is_furniture_both_times_and_the_title_is_found_past_the_furniture():
    furniture = find_furniture(VOA_HEAD)
    assert [reason for _, reason in furniture].count("photo caption") == 2
    assert find_title(VOA_HEAD, furniture).quote.startswith("Syrian Government Recaptures")


def test_the_title_past_a_masthead_and_a_document_type_token():
    pub = find_publication(KREMLIN_HEAD, SEED)
    assert find_title(KREMLIN_HEAD, find_furniture(KREMLIN_HEAD), pub.header_lines).quote == "Russian-Turkish talks"


def test_no_title_when_the_text_opens_with_its_first_sentence():
    text = "Russia intends to continue to using working contacts with Turkey, Peskov told the reporters.\nEarlier, Erdogan said so.\n"
    assert find_title(text, find_furniture(text)) is None


def test_headings_stand_alone_without_final_punctuation():
    text = ("Title of the Page\n\nThe Center also reported that they monitor the situation.\n\n“Terrorists block all exit routes”\n\n"
            "The escalation was caused by massive attacks, recalled in the center.\n\nIn addition, the militants do not\n")
    title = find_title(text, [])
    assert [h.quote for h in find_headings(text, title, [])] == ["“Terrorists block all exit routes”"]


def test_a_date_line_with_its_place_gives_the_date_and_the_dateline():
    pub = find_publication(KREMLIN_HEAD, SEED)
    assert pub.stated.written == "2020-03-05" and pub.stated.evidence.quote == "March 5, 2020"
    assert pub.dateline[0] == "moscow" and pub.dateline[1].quote == "Moscow"


def test_a_date_line_with_a_time():
    pub = find_publication("Statement\n\n27 September 2020, 14:30\n\nOn 27 September the forces launched an attack.\n", SEED)
    assert (pub.stated.written, pub.stated.time, pub.stated.evidence.quote) == ("2020-09-27", "14:30", "27 September 2020, 14:30")


def test_a_dateline_of_two_places_with_its_outlet():
    pub = find_publication("Title line here\n\nANKARA/BEIRUT, Feb 28 (Reuters) - Turkey struck Syrian government targets on Friday.\n", SEED)
    assert pub.dateline[0] == "ankara" and pub.problem == "the dateline gives 'Feb 28' without a year"
    assert [(o.entity, o.role, o.evidence.quote) for o in pub.outlets] == [("reuters", "publisher", "(Reuters)")]


def test_a_byline_of_an_outlet_the_registry_lacks_is_a_new_entry_and_the_publisher():
    pub = find_publication("Russia and Turkey Agree on Idlib Ceasefire\nBy VOA News\nMarch 5, 2020\nTurkey said so.\n", SEED)
    assert [(o.entity, o.role) for o in pub.outlets] == [("voa-news", "byline"), ("voa-news", "publisher")]
    new = pub.outlets[0].new
    assert (new.id, new.type, new.label) == ("voa-news", "MediaOutlet", "VOA News")


def test_a_byline_of_people_is_not_an_outlet():
    pub = find_publication("A title of the story\nBy Suleiman Al-Khalidi and Orhan Coskun\nMarch 5, 2020\nTurkey said so.\n", SEED)
    assert pub.outlets == [] and pub.people.quote == "By Suleiman Al-Khalidi and Orhan Coskun"


def test_a_masthead_names_the_site_as_a_new_outlet():
    [outlet] = find_publication(KREMLIN_HEAD, SEED).outlets
    assert outlet.new.label == "Official website of the President of Russia" and outlet.role == "publisher"


VOA_TEXT = "Syrian government forces have recaptured Saraqeb. VOA could not independently confirm the claim.\n"


def choose(value: str, text: str = VOA_TEXT, registry=SEED):
    return choose_publisher(value, text, registry, find_publication(text, registry).outlets, find_mentions(text, registry))


def test_a_publisher_by_id_label_or_alias():
    text = "MOSCOW, February 23. /TASS/. The Russian and Turkish militaries are cooperating.\n"
    for value in ("tass", "TASS", "tass".upper()):
        choice = choose(value, text)
        assert (choice.entity, choice.live, choice.evidence.quote) == ("tass", True, "/TASS/")
    assert choose("Rossiya-24", "Peskov said in an interview with Rossiya-24 TV channel.").entity == "rossiya-24"


def test_a_publisher_the_registry_lacks_is_a_new_entry_with_the_form_the_text_uses():
    choice = choose("VOA News")
    assert (choice.entity, choice.live, choice.evidence.quote) == ("voa-news", False, "VOA")
    assert (choice.new.id, choice.new.type, choice.new.label, choice.new.aliases) == ("voa-news", "MediaOutlet", "VOA News", ("VOA",))
    assert "not in the registry" in choice.comment


def test_a_government_body_publishes_as_the_format_allows():
    assert {"MediaOutlet", "GovernmentBody", "State"} <= live_publisher_types()
    choice = choose("kremlin", KREMLIN_HEAD)
    assert (choice.entity, choice.live) == ("kremlin", True)


def test_a_place_cannot_publish():
    with pytest.raises(DraftError, match="not an entity that publishes"):
        choose("moscow", KREMLIN_HEAD)


def test_an_outlet_the_text_does_not_name():
    choice = choose("example-news", "GENEVA, June 15, 2022. The Northern Army denied the report.\n", MINI_REGISTRY)
    assert not choice.live and choice.evidence is None and "does not name 'Example News'" in choice.comment


def test_a_press_release_date_line_with_its_place():
    pub = find_publication("Press Release\n\nAnkara, 17 February 2020\n\nSince 1 December, nearly 900,000 people have fled.\n", SEED)
    assert (pub.stated.written, pub.stated.evidence.quote, pub.dateline[0]) == ("2020-02-17", "17 February 2020", "ankara")
