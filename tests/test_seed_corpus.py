"""The bundled corpus: the five seed articles and two texts of other genres verbatim, every sentence
accounted for, every fact sourced."""

import hashlib
from pathlib import Path

import pytest

from kb.corpus import load_corpus
from kb.coverage import coverage

from conftest import REPO, SEED_CORPUS, run_cli

# the seed articles as published in the project's shared folder, byte for byte
SEED_SHA256 = {
    "000_6736cd512fee04d9": "785a1cf43e1cb1900875bdffa53476d5577e877c92c6cb7d829a688af79f1fe5",
    "001_c19c91b9a6e53232": "c84be497026f51d9c09028f254330753481fc8027a3ff8c65efc94c5fc6286e2",
    "002_d237a528e19c67b1": "e02891bbce4428f0babb9b7eeab76380191b25af08e15360bef74b9e1b0ed95f",
    "003_f22061eb0096845d": "2c0f3b855bd4d9785eb3caa1fa0701948e7d35d30a1c89f960f890c0f121d6a5",
    "004_3b424afd968655b2": "f6ab1302d4ca000686bda95b05d5282a6923800c1bf5d8cc1249ad623cbaeed9",
}
SHARED_SEEDS = REPO.parent / "shared" / "seeds"
# two texts of other genres (a news report with its date inferred, a government's press release and
# transcript), byte for byte as the project's shared folder holds them, under the corpus's ids
OTHER_GENRES = {
    "005_voa_saraqeb": ("voa-2020-03-02-saraqeb.txt", "ed63389d80d1dd4a6cc1f26bad25c76dc71dda86db3fd05bc85ed76f0bb44909"),
    "006_kremlin_talks": ("kremlin-2020-03-05-talks.txt", "11654082656bb5001f93dc2ce50597ee8701ac453a6bd34b29a2846b34d4b67f"),
}
SHARED_ARTICLES = REPO.parent / "shared" / "articles"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(SEED_CORPUS)


def test_the_five_seed_articles_are_in_the_corpus_verbatim():
    for article, digest in SEED_SHA256.items():
        text = (SEED_CORPUS / "articles" / f"{article}.txt").read_bytes()
        assert hashlib.sha256(text).hexdigest() == digest, article


def test_the_texts_of_other_genres_are_in_the_corpus_verbatim():
    for article, (_, digest) in OTHER_GENRES.items():
        text = (SEED_CORPUS / "articles" / f"{article}.txt").read_bytes()
        assert hashlib.sha256(text).hexdigest() == digest, article


@pytest.mark.skipif(not SHARED_ARTICLES.is_dir(), reason="the project's shared folder is not beside this checkout")
def test_the_texts_of_other_genres_equal_the_shared_copies():
    for article, (name, _) in OTHER_GENRES.items():
        assert (SEED_CORPUS / "articles" / f"{article}.txt").read_bytes() == (SHARED_ARTICLES / name).read_bytes()


def test_the_texts_of_other_genres_keep_their_sources_and_licences(corpus):
    voa = corpus.articles["005_voa_saraqeb"].annotation.article
    kremlin = corpus.articles["006_kremlin_talks"].annotation.article
    assert voa.url.startswith("https://voa.pangea-cms.com/") and "public domain" in voa.licence
    assert voa.published.date.note and not voa.published.evidence  # inferred, and said how
    assert kremlin.licence == "https://creativecommons.org/licenses/by/4.0/" and "kremlin.ru" in kremlin.attribution
    assert kremlin.publisher == "kremlin" and corpus.entities["kremlin"].type == "GovernmentBody"
    assert {g.value for g in kremlin.genre} == {"press-release", "official-transcript"}


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="the project's shared folder is not beside this checkout")
def test_the_corpus_texts_equal_the_shared_seeds():
    for seed in sorted(SHARED_SEEDS.glob("*.txt")):
        assert (SEED_CORPUS / "articles" / seed.name).read_bytes() == seed.read_bytes()


def test_every_sentence_is_cited_or_skipped_with_a_reason(corpus):
    for item in coverage(corpus):
        uncovered = [s.text for s in item.sentences if s.status.value == "uncovered"]
        assert uncovered == [], item.article
        assert all(s.reason for s in item.sentences if s.status.value == "skipped")


def test_kb_coverage_shows_it():
    result = run_cli("coverage", "--corpus", SEED_CORPUS)
    assert result.exit_code == 0
    assert result.stdout.count(" 0 uncovered") == 7


def test_every_article_has_its_publication_date_and_how_it_was_found(corpus):
    for article in corpus.articles.values():
        published = article.annotation.article.published
        assert published.evidence or published.note or published.date.note, article.id


def test_several_dozen_claims_with_their_claimants_and_words(corpus):
    claims = [claim for article in corpus.articles.values() for claim in article.annotation.claims]
    assert len(claims) >= 48
    assert {claimant for claim in claims for claimant in claim.claimant} >= {
        "dmitry-peskov", "recep-tayyip-erdogan", "russian-reconciliation-center", "russian-foreign-ministry",
        "maria-zakharova", "hulusi-akar", "turkish-defense-ministry",
    }


def test_names_of_hayat_tahrir_al_sham_resolve_to_one_entity(corpus):
    forms = {form for article in corpus.articles.values()
             for form in article.annotation.mentions.get("hayat-tahrir-al-sham", [])}
    assert {"Jabhat al-Nusra", "Jebhat al-Nusra", "Front al-Nusra", "Al Nusra", "Hayat Tahrir al-Sham"} <= forms


def test_translation_slips_are_mentions_of_the_right_entity_with_a_note(corpus):
    article = corpus.articles["001_c19c91b9a6e53232"]
    forms = article.annotation.mentions["russian-reconciliation-center"]
    assert "the central air traffic control center" in forms and "the Central Military District" in forms
    assert not any("air traffic" in entity.label.lower() or "military district" in entity.label.lower()
                   for entity in corpus.entities.values())
    text = (SEED_CORPUS / "articles" / "001_c19c91b9a6e53232.yaml").read_text()
    assert "translation slip" in text.lower()


def test_wikidata_ids_are_only_the_certain_ones(corpus):
    ids = {entity.id: entity.wikidata for entity in corpus.entities.values() if entity.wikidata}
    assert ids == {
        "vladimir-putin": "Q7747", "recep-tayyip-erdogan": "Q39259", "bashar-assad": "Q44329", "russia": "Q159",
        "turkey": "Q43", "syria": "Q858", "iran": "Q794", "moscow": "Q649", "ankara": "Q3640",
        # read from Who's On First's concordances and Natural Earth's populated places
        "idlib-province": "Q233218", "idlib-city": "Q504657", "aleppo-province": "Q214064",
        "hama-province": "Q232355", "latakia-province": "Q233236", "saraqib": "Q1895761", "sochi": "Q39420",
        "astana": "Q1520", "kyiv": "Q1899", "aleppo-city": "Q41183", "latakia-city": "Q200030",
    }


def test_every_settlement_area_state_and_facility_is_located_with_its_source(corpus):
    located = {"Settlement", "AdministrativeArea", "State", "Facility"}
    for entity in corpus.entities.values():
        if entity.type in located:
            assert entity.point is not None, entity.id
            assert entity.point.source and entity.point.note, entity.id
        if entity.point is not None and entity.type in {"AdministrativeArea", "State", "Region", "Zone", "Facility"}:
            assert entity.point.approximate, f"{entity.id}: an area's (or a facility's) point only roughly places it"
    border = corpus.entities["syrian-turkish-border"].line
    assert border is not None and border.approximate and len(border.points) > 10
    # from the Mediterranean coast eastwards to the Tigris
    assert border.points[0][1] < 36 < 42 < border.points[-1][1]
