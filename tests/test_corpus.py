import pytest

from kb.corpus import QuoteNotFound, load_corpus
from kb.models import Quote

from conftest import MINI


@pytest.fixture(scope="module")
def mini():
    return load_corpus(MINI)


def test_the_fixture_corpus_loads_with_all_its_parts(mini):
    assert sorted(mini.articles) == ["a1", "a2"]
    assert mini.entities["jane-roe"].aliases == ["Roe"]
    file, line = mini.entity_origin["northland"]
    assert file.endswith("registry/entities.yaml") and line == 1


def test_a_unique_quote_gets_its_offsets(mini):
    article = mini.articles["a1"]
    span = article.locate(Quote(quote="Alba lies in Border Province."))
    assert article.text[span.start:span.end] == "Alba lies in Border Province."


def test_an_ambiguous_quote_needs_its_start(mini):
    article = mini.articles["a1"]
    with pytest.raises(QuoteNotFound, match="occurs 2 times"):
        article.locate(Quote(quote="Northern Army"))
    second = article.text.index("Northern Army", article.text.index("Northern Army") + 1)
    assert article.locate(Quote(quote="Northern Army", start=second)).start == second


@pytest.mark.parametrize(
    "quote, complaint",
    [
        (Quote(quote="not in the text"), "is not in the article text"),
        (Quote(quote="Alba", start=0), "not at offset 0"),
        (Quote(quote="Alba", start=10_000), "run past the end"),
        (Quote(quote="GENEVA", start=0, end=7), "must end at 6"),
    ],
)
def test_quotes_that_do_not_match_are_explained(mini, quote, complaint):
    with pytest.raises(QuoteNotFound, match=complaint):
        mini.articles["a1"].locate(quote)


def test_only_loads_the_named_articles_but_the_whole_registry(mini):
    partial = load_corpus(MINI, only={"a1"})
    assert list(partial.articles) == ["a1"]
    assert partial.entities.keys() == mini.entities.keys()
