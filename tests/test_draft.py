"""`kb new`: a new article's text copied into the corpus, and a draft annotation that holds what a
machine finds (each finding with its quote and offsets, as comments) and builds as it is."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
import yaml
from conftest import MINI, SEED_CORPUS, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.corpus import read_registry
from kb.coverage import sentences
from kb.draft.render import render
from kb.draft import draft_annotation, find_dates
from kb.models import Annotation

# An article written for these tests, in the world of the fixture corpus (tests/fixtures/mini).
# Wednesday, June 15, 2022.
STORY = (
    "GENEVA, June 15, 2022 (Example News). The Northern Army shelled Alba on Friday, the Southern Ministry said. "
    '"We will not accept this," Minister Jane Roe told reporters on Saturday. According to the Southern Ministry, '
    "two tanks were destroyed last week near Border Province.\n"
    "General Tom Smith of the Eastern Legion said that the Lake Accord was dead. Northland denied the report. "
    "Southland signed the Lake Accord in September 2018, ratified it on September 17, 2018, and renewed it on "
    "February 20.\n"
    "Roe noted that talks with Northland would resume in 2023.\n"
)

class _NoDates(yaml.SafeLoader):
    """YAML as kb reads it: dates stay text (2020-02-23 is compared as written)."""


_NoDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(text: str):
    return yaml.load(text, Loader=_NoDates)


QUOTE = re.compile(r'\{quote: ("(?:[^"\\]|\\.)*"), start: (\d+), end: (\d+)\}')


def quotes_in(draft: str) -> list[tuple[str, int, int]]:
    """Every `{quote, start, end}` the draft holds, live or in comments."""
    return [(load(q), int(s), int(e)) for q, s, e in QUOTE.findall(draft)]


def uncomment(draft: str, *blocks: str, also: tuple[str, ...] = ()) -> str:
    """The draft with the comment blocks that start with `# BLOCK:` uncommented (a curator's
    confirmation), and the commented lines that start with any of `also`."""
    out, inside = [], False
    for line in draft.splitlines():
        if any(line == f"# {block}:" for block in blocks):
            inside = True
            out.append(line[2:])
        elif inside and line.startswith("#   "):
            out.append(line[2:])
        else:
            inside = False
            stripped = line.lstrip()
            if any(stripped.startswith(f"# {key}") for key in also):
                line = line.replace("# ", "", 1)
            out.append(line)
    return "\n".join(out) + "\n"


def claims_block(draft: str) -> list[dict]:
    return load(uncomment(draft, "claims"))["claims"]


@pytest.fixture
def story(mini_corpus, tmp_path):
    source = tmp_path / "story.txt"
    source.write_bytes(STORY.encode("utf-8"))
    result = run_cli("new", source, "--corpus", mini_corpus)
    assert result.exit_code == 0, result.stderr
    return mini_corpus, source, mini_corpus / "articles" / "story.yaml", result


# --- the files ------------------------------------------------------------------------------


def test_the_text_is_copied_byte_for_byte(mini_corpus, tmp_path):
    raw = "GENEVA, June 15, 2022 (Example News). Northland’s army\r\nshelled Alba. «Café» été.\r\n".encode()
    source = tmp_path / "Odd Name.txt"
    source.write_bytes(raw)
    result = run_cli("new", source, "--corpus", mini_corpus)
    assert result.exit_code == 0, result.stderr
    assert (mini_corpus / "articles" / "odd-name.txt").read_bytes() == raw
    assert "new article odd-name" in result.stdout


def test_new_reports_what_it_wrote_and_found(story):
    corpus, _, annotation, result = story
    assert annotation.is_file() and (corpus / "articles" / "story.txt").is_file()
    assert "published      2022-06-15 (the dateline)" in result.stdout
    assert "publisher      example-news? (named in the dateline: to confirm)" in result.stdout
    assert f"sentences      {len(sentences(STORY))}, none covered yet" in result.stdout


def test_the_draft_builds_with_nothing_confirmed_and_coverage_starts_at_zero(story, tmp_path):
    corpus, _, annotation, _ = story
    result = run_cli("build", "--corpus", corpus, "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / "kb.trig").is_file()
    coverage = run_cli("coverage", "story", "--corpus", corpus)
    count = len(sentences(STORY))
    assert count == 8
    assert f"story: {count} sentences, 0 cited, 0 skipped, {count} uncovered" in coverage.stdout
    assert coverage.exit_code == 1
    # only the article's metadata is live: the rest is comments
    live = load(annotation.read_text(encoding="utf-8"))
    assert set(live) == {"article"}
    assert live["article"]["published"]["date"] == "2022-06-15"


def test_every_quote_of_the_draft_is_in_the_text_at_its_offsets(story):
    _, _, annotation, _ = story
    draft = annotation.read_text(encoding="utf-8")
    found = quotes_in(draft)
    assert len(found) >= 20
    for quote, start, end in found:
        assert STORY[start:end] == quote and end - start == len(quote), (quote, start, end)
    # the mentions' and dates' offsets, written as "FORM at N, M"
    for form, offsets in re.findall(r"(?:#   \w[\w-]*: \[.*?\]  # |; )([^;#\n]+?) at ([\d, ]+)", draft):
        for offset in offsets.split(","):
            start = int(offset)
            assert STORY[start:start + len(form)] == form, (form, start)


def test_the_registry_entities_named_in_the_text_are_found(story):
    _, _, annotation, _ = story
    confirmed = load(uncomment(annotation.read_text(encoding="utf-8"), "mentions"))
    assert confirmed["mentions"] == {
        "example-news": ["Example News"],
        "northern-army": ["Northern Army"],
        "alba": ["Alba"],
        "southern-ministry": ["Southern Ministry"],
        "jane-roe": ["Jane Roe", "Roe"],
        "border-province": ["Border Province"],
        "lake-accord": ["Lake Accord"],
        "northland": ["Northland"],
        "southland": ["Southland"],
    }


def test_new_names_are_candidates_and_occur_in_the_text():
    entities, _, _ = read_registry(MINI / "registry")
    draft = draft_annotation(STORY, entities, "story")
    assert {c.name for c in draft.candidates} == {"Tom Smith", "Eastern Legion"}
    for candidate in draft.candidates:
        for start in candidate.starts:
            assert STORY[start:start + len(candidate.name)] == candidate.name
    for found in draft.quotes():
        assert STORY[found.start:found.end] == found.quote


def test_dates_are_resolved_against_the_publication_date(story):
    _, _, annotation, _ = story
    lines = re.findall(r'^#   ("(?:[^"\\]|\\.)*") at (\d+): (.*?)(?:  # .*)?$', annotation.read_text(encoding="utf-8"), re.MULTILINE)
    found = {load(quote): load(value) for quote, _, value in lines}
    assert found == {
        "June 15, 2022": "2022-06-15",
        "on Friday": "2022-06-10",
        "on Saturday": "2022-06-11",
        "last week": {"from": "2022-06-06", "to": "2022-06-12",
                      "note": '"last week": the week of 2022-06-06 (Monday) to 2022-06-12, read against the publication date (2022-06-15)'},
        "in September 2018": "2018-09",
        "on September 17, 2018": "2018-09-17",
        "on February 20": "2022-02-20",
        "in 2023": 2023,
    }


@pytest.mark.parametrize(("text", "base", "expected"), [
    ("The Kremlin said on Tuesday that", dt.date(2020, 2, 11), "2020-02-11"),  # the day itself
    ("He spoke on Tuesday.", dt.date(2020, 2, 12), "2020-02-11"),
    ("It happened on Friday February 21.", dt.date(2020, 2, 21), "2020-02-21"),
    ("Russia said last week that", dt.date(2020, 2, 11), {"from": "2020-02-03", "to": "2020-02-09"}),
    ("in the past week", dt.date(2020, 2, 11), {"from": "2020-02-04", "to": "2020-02-11"}),
    ("another deal in October last year", dt.date(2020, 2, 11), "2019-10"),
    ("in early February, during a visit", dt.date(2020, 2, 21), {"from": "2020-02-01", "to": "2020-02-10"}),
    ("in October", dt.date(2020, 2, 11), "2019-10"),
    ("held in Moscow on Monday and Tuesday.", dt.date(2020, 2, 20), {"from": "2020-02-17", "to": "2020-02-18"}),
    ("a deal with Turkey in 2018", None, "2018"),
    ("by October 15, 2018.", None, "2018-10-15"),
    ("23 February 2020", None, "2020-02-23"),
])
def test_date_expressions(text, base, expected):
    found = find_dates(text, base)
    assert len(found) == 1, found
    written = found[0].written
    if isinstance(written, dict):
        written = {key: value for key, value in written.items() if key != "note"}
    assert written == expected
    assert text[found[0].found.start:found[0].found.end] == found[0].found.quote


def test_relative_dates_stay_unresolved_without_a_publication_day():
    found = find_dates("The talks took place last week, on Monday.", None)
    assert [d.found.quote for d in found] == ["last week", "on Monday"]
    assert all(d.written is None and "resolve it by hand" in d.how for d in found)


def test_attributed_statements_and_their_speakers(story):
    _, _, annotation, _ = story
    claims = claims_block(annotation.read_text(encoding="utf-8"))
    summary = [(c["claimant"], c["said"]["quote"], c["direct"], c.get("date"), c.get("channel"), c["stance"]) for c in claims]
    assert summary == [
        ("southern-ministry", "The Northern Army shelled Alba on Friday", False,
         {"to": "2022-06-15", "note": "undated; before the article"}, None, "asserts"),
        ("jane-roe", "We will not accept this", True, "2022-06-11", "told-reporters", "asserts"),
        ("southern-ministry", "two tanks were destroyed last week near Border Province", False,
         {"to": "2022-06-15", "note": "undated; before the article"}, None, "asserts"),
        ("tom-smith", "the Lake Accord was dead", False, {"to": "2022-06-15", "note": "undated; before the article"}, None, "asserts"),
        ("northland", "Northland denied the report", False, {"to": "2022-06-15", "note": "undated; before the article"}, None, "denies"),
        ("jane-roe", "talks with Northland would resume in 2023", False,
         {"to": "2022-06-15", "note": "undated; before the article"}, None, "asserts"),
    ]
    evidence = [c.get("evidence", {}).get("quote") for c in claims]
    assert evidence == ["the Southern Ministry said", "Minister Jane Roe told reporters on Saturday",
                        "According to the Southern Ministry", "General Tom Smith of the Eastern Legion said that",
                        None, "Roe noted that"]


def test_a_pronoun_is_read_as_the_last_person_named():
    entities, _, _ = read_registry(MINI / "registry")
    text = 'GENEVA, March 3, 2021. Jane Roe met the Southern Guard. "We stand firm," she said.'
    draft = draft_annotation(text, entities, "x")
    [statement] = draft.statements
    assert statement.speaker == "jane-roe" and statement.direct and statement.said.quote == "We stand firm"
    assert "she" in statement.speaker_basis


def test_confirmed_findings_build_and_cover_sentences(story):
    corpus, _, annotation, _ = story
    draft = annotation.read_text(encoding="utf-8")
    confirmed = uncomment(draft, "mentions", "claims", also=("publisher", "dateline", "evidence"))
    # the one claim whose speaker is not in the registry is left out
    confirmed = re.sub(r"  - id: claim-1\n(?:    .*\n)+", "", confirmed)
    annotation.write_text(confirmed, encoding="utf-8")
    result = run_cli("check", "story", "--corpus", corpus)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "conforms" in result.stdout
    coverage = run_cli("coverage", "story", "--corpus", corpus)
    assert "story: 8 sentences, 6 cited, 0 skipped, 2 uncovered" in coverage.stdout


# --- refusals -------------------------------------------------------------------------------


def test_an_existing_article_is_never_overwritten(story):
    corpus, source, annotation, _ = story
    annotation.write_text(annotation.read_text(encoding="utf-8") + "# curator's work\n", encoding="utf-8")
    before = annotation.read_bytes()
    result = run_cli("new", source, "--corpus", corpus)
    assert result.exit_code == 2
    assert "already exists" in result.stderr and "--id" in result.stderr
    assert annotation.read_bytes() == before
    again = run_cli("new", source, "--corpus", corpus, "--id", "a1")  # an article of the fixture corpus
    assert again.exit_code == 2 and "'a1' already exists" in again.stderr


@pytest.mark.parametrize("bad", ["Story", "-story", "story.v2", "a b"])
def test_a_malformed_id_is_refused(mini_corpus, tmp_path, bad):
    source = tmp_path / "story.txt"
    source.write_text(STORY, encoding="utf-8")
    result = run_cli("new", source, "--corpus", mini_corpus, "--id", bad)
    assert result.exit_code == 2 and "cannot be an article id" in result.stderr
    assert not list((mini_corpus / "articles").glob("story*"))


def test_without_a_stated_date_new_asks_for_date(mini_corpus, tmp_path):
    source = tmp_path / "undated.txt"
    source.write_text("The Northern Army shelled Alba, the Southern Ministry said.\n", encoding="utf-8")
    result = run_cli("new", source, "--corpus", mini_corpus)
    assert result.exit_code == 2 and "--date" in result.stderr and "states no publication date" in result.stderr
    assert not (mini_corpus / "articles" / "undated.txt").exists()
    dated = run_cli("new", source, "--corpus", mini_corpus, "--date", "2021-03-02/2021-03-10")
    assert dated.exit_code == 0, dated.stderr
    live = load((mini_corpus / "articles" / "undated.yaml").read_text(encoding="utf-8"))
    assert live["article"]["published"]["date"] == {"from": "2021-03-02", "to": "2021-03-10"}
    assert "--date" in live["article"]["published"]["note"]
    assert run_cli("check", "undated", "--corpus", mini_corpus).exit_code == 0


def test_a_dateline_without_a_year_is_not_enough(mini_corpus, tmp_path):
    source = tmp_path / "noyear.txt"
    source.write_text("GENEVA, March 3 (Example News). The Northern Army denied the report.\n", encoding="utf-8")
    result = run_cli("new", source, "--corpus", mini_corpus)
    assert result.exit_code == 2 and "without a year" in result.stderr


def test_the_options_override_and_are_checked(mini_corpus, tmp_path):
    source = tmp_path / "story.txt"
    source.write_text(STORY, encoding="utf-8")
    bad = run_cli("new", source, "--corpus", mini_corpus, "--publisher", "alba")
    assert bad.exit_code == 2 and "is a Settlement, not an entity that publishes" in bad.stderr
    result = run_cli("new", source, "--corpus", mini_corpus, "--publisher", "example-news", "--url",
                     "https://example.org/story", "--title", "Alba shelled again", "--date", "2022-06-16")
    assert result.exit_code == 0, result.stderr
    draft = (mini_corpus / "articles" / "story.yaml").read_text(encoding="utf-8")
    article = load(draft)["article"]
    assert article["publisher"] == "example-news"
    assert article["url"] == "https://example.org/story" and article["title"] == "Alba shelled again"
    assert article["published"]["date"] == "2022-06-16"
    assert "states 2022-06-15, not the --date given" in draft  # what the text says is kept, for the curator
    # the publisher is the curator's statement: it is live, with the quote that names the outlet
    assert article["publisher_evidence"] == {"quote": "(Example News)", "start": 22, "end": 36}
    assert "# publisher: example-news" not in draft
    assert run_cli("check", "story", "--corpus", mini_corpus).exit_code == 0
    coverage = run_cli("coverage", "story", "--corpus", mini_corpus)
    assert "story: 8 sentences, 1 cited, 0 skipped, 7 uncovered" in coverage.stdout


def test_a_publisher_the_text_does_not_name_is_written_as_a_comment(mini_corpus, tmp_path):
    source = tmp_path / "story.txt"
    source.write_text("GENEVA, June 15, 2022. The Northern Army denied the report.\n", encoding="utf-8")
    result = run_cli("new", source, "--corpus", mini_corpus, "--publisher", "example-news")
    assert result.exit_code == 0, result.stderr
    assert "publisher      example-news? (given; written as a comment" in result.stdout
    draft = (mini_corpus / "articles" / "story.yaml").read_text(encoding="utf-8")
    assert "  # publisher: example-news  # the text does not name 'Example News'" in draft
    assert "publisher" not in load(draft)["article"]
    assert run_cli("check", "story", "--corpus", mini_corpus).exit_code == 0


def test_a_text_already_in_the_corpus_gets_its_draft(mini_corpus):
    text = mini_corpus / "articles" / "a3.txt"
    text.write_text(STORY, encoding="utf-8")
    result = run_cli("new", text, "--corpus", mini_corpus)
    assert result.exit_code == 0, result.stderr
    assert text.read_text(encoding="utf-8") == STORY and (mini_corpus / "articles" / "a3.yaml").is_file()


def test_a_text_that_is_not_utf8_is_refused(mini_corpus, tmp_path):
    source = tmp_path / "latin.txt"
    source.write_bytes("GENEVA, March 3, 2021. Caf\xe9.".encode("latin-1"))
    result = run_cli("new", source, "--corpus", mini_corpus)
    assert result.exit_code == 2 and "not UTF-8" in result.stderr
    assert not (mini_corpus / "articles" / "latin.txt").exists()


# --- the seed texts -------------------------------------------------------------------------

# The seed articles 001, 002 and 004 state no date; their curators' readings are given with --date.
SEED_DATES = {"001": "2020-02-21", "002": "2020-02-18/2020-02-23", "004": "2020-02-20/2020-02-25",
              "005": "2020-03-02/2020-03-08"}  # texts in which kb new reads no date (006 states "March 5, 2020")


def test_new_on_the_seed_texts(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    drafts = {}
    for text in sorted((SEED_CORPUS / "articles").glob("*.txt")):
        number = text.name[:3]
        source = tmp_path / f"seed-{number}.txt"
        shutil.copy(text, source)
        args = ["new", source, "--corpus", corpus, "--id", f"new-{number}"]
        if number in SEED_DATES:
            assert run_cli(*args).exit_code == 2  # no stated date: --date is asked for
            args += ["--date", SEED_DATES[number]]
        result = run_cli(*args)
        assert result.exit_code == 0, (number, result.stderr)
        draft = (corpus / "articles" / f"new-{number}.yaml").read_text(encoding="utf-8")
        content = text.read_bytes().decode("utf-8")
        assert (corpus / "articles" / f"new-{number}.txt").read_bytes() == text.read_bytes()
        for quote, start, end in quotes_in(draft):
            assert content[start:end] == quote, (number, quote, start)
        drafts[number] = draft

    # 000: the dateline's date and TASS
    article = load(drafts["000"])["article"]
    assert article["published"]["date"] == "2020-02-23"
    assert "  # publisher: tass  # named in the dateline" in drafts["000"]
    assert '# publisher_evidence: {quote: "/TASS/", start: 38, end: 44}' in drafts["000"]
    assert "# dateline: moscow" in drafts["000"]
    # 003: the date on a line of its own, Reuters in the byline, the Moscow Times in the URL
    assert load(drafts["003"])["article"]["published"]["date"] == "2020-02-11"
    assert "# byline: reuters" in drafts["003"] and "# publisher: the-moscow-times" in drafts["003"]
    # 004: the outlet's signature
    assert "# publisher: rna" in drafts["004"]
    # 001: speakers the curator also found
    assert "#     claimant: russian-reconciliation-center  # named in the attribution ('CPVS')" in drafts["001"]

    result = run_cli("build", "--corpus", corpus, "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == 0, result.stderr
    coverage = run_cli("coverage", "new-000", "--corpus", corpus)
    assert "new-000: 13 sentences, 0 cited, 0 skipped, 13 uncovered" in coverage.stdout


# --- any text -------------------------------------------------------------------------------

_WORDS = st.sampled_from([
    "Peskov", "said", "that", '"', "“", "”", ",", ".", "\n", "on", "Friday", "February", "20", "2018", "last",
    "week", "According", "to", "Russia", "the", "Kremlin", "he", "told", "reporters", "In", "September", "Idlib",
    "MOSCOW", "/TASS/", "(", ")", "By", "Reuters", "early", "May", "and", "Monday", "Tuesday", "–", "2020-02-30",
    "date", "2020-02-23", "al-Nusra", "é", "\t",
])


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(st.text(max_size=200), st.lists(st.one_of(_WORDS, st.text(max_size=4)), max_size=50).map(" ".join)),
       st.sampled_from(["2020-02-23", "2020-02", "2020-02-18/2020-02-23"]))
def test_on_any_text_every_finding_is_in_the_text_and_the_draft_is_an_annotation(text, date):
    entities, _, _ = read_registry(SEED_CORPUS / "registry")
    draft = draft_annotation(text, entities, "x", date=date)
    for found in draft.quotes():
        assert text[found.start:found.end] == found.quote
    Annotation.model_validate(load(render(draft)))
