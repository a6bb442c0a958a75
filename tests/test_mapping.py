from rdflib import BNode, Dataset, Graph
from rdflib.compare import graph_diff, to_isomorphic
from hypothesis import example, given, strategies as st

from kb.corpus import load_corpus
from kb.export import Format, serialize
from kb.mapping import map_corpus
from kb.vocabulary import ARTICLES_GRAPH, KB, REGISTRY_GRAPH, RES, article_graph_iri
from kb.store import dataset_quads

from conftest import GOLDEN, MINI, check_golden


def mapped_mini():
    return map_corpus(load_corpus(MINI))


def test_one_named_graph_per_article_plus_registry_and_metadata():
    graphs = {g.identifier for g in mapped_mini().dataset.graphs() if len(g)}
    assert graphs == {REGISTRY_GRAPH, ARTICLES_GRAPH, article_graph_iri("a1"), article_graph_iri("a2")}


def test_no_blank_nodes_anywhere():
    for quad in mapped_mini().dataset.quads((None, None, None, None)):
        assert not any(isinstance(term, BNode) for term in quad[:3]), quad


def test_iris_come_from_ids_and_stable_keys():
    dataset = mapped_mini().dataset
    a1 = dataset.graph(article_graph_iri("a1"))
    assert (RES["claim/a1/army-denial"], KB.denies, RES["claim/a1/ministry-report"]) in a1
    assert (RES["entity/alba-shelling"], KB.hasOutcome, RES["outcome/a1/alba-shelling/1"]) in a1
    text = "The Northern Army shelled the village of Alba on March 2"
    start = load_corpus(MINI).articles["a1"].text.index(text)
    assert (RES["entity/alba-shelling"], KB.evidence, RES[f"evidence/a1/{start}-{start + len(text)}"]) in a1


def test_each_source_keeps_its_own_figure_in_its_own_graph():
    dataset = mapped_mini().dataset
    counts = {
        graph: int(dataset.graph(graph).value(RES[f"outcome/{article}/alba-shelling/1"], KB["count"]))
        for article, graph in (("a1", article_graph_iri("a1")), ("a2", article_graph_iri("a2")))
    }
    assert counts == {article_graph_iri("a1"): 3, article_graph_iri("a2"): 4}


def test_origins_trace_nodes_to_annotation_lines():
    origins = mapped_mini().origins
    origin = origins[RES["claim/a1/roe-violation"]]
    assert origin.file.endswith("articles/a1.yaml") and origin.article == "a1"
    lines = (MINI / "articles" / "a1.yaml").read_text().splitlines()
    assert lines[origin.line - 1].strip() == "- id: roe-violation"


def test_the_mapping_of_the_fixture_corpus_matches_its_golden_graph(update_golden):
    actual = serialize(dataset_quads(mapped_mini().dataset), Format.trig).decode()
    golden = GOLDEN / "mini.trig"
    if not update_golden and golden.exists():
        # compared as graphs first, so that a difference is shown as the triples that differ
        expected, produced = union_of(golden.read_text()), union_of(actual)
        _, only_golden, only_new = graph_diff(to_isomorphic(expected), to_isomorphic(produced))
        assert not len(only_golden) and not len(only_new), (
            "only in golden:\n" + only_golden.serialize(format="nt")
            + "\nonly in new:\n" + only_new.serialize(format="nt")
        )
    check_golden(golden, actual, update_golden)


def union_of(trig: str) -> Graph:
    dataset, union = Dataset(), Graph()
    dataset.parse(data=trig, format="trig")
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union



def test_a_name_is_counted_where_it_occurs_as_a_whole_word():
    from kb.articles import word_occurrences

    text = "Syria and Syria's army; Syrian forces. Hayat Tahrir al-Sham *, al-Sham"
    assert word_occurrences(text, "Syria") == [0, 10]
    assert word_occurrences(text, "Hayat Tahrir al-Sham *") == [text.index("Hayat")]  # ends in punctuation
    assert word_occurrences(text, "Sham") == [text.index("Sham"), text.rindex("Sham")]


def _word_occurrences_by_pattern(text: str, form: str) -> list[int]:
    import re

    before = r"(?<!\w)" if re.match(r"\w", form[:1]) else ""
    after = r"(?!\w)" if re.match(r"\w", form[-1:]) else ""
    return [match.start() for match in re.finditer(before + re.escape(form) + after, text)]


@given(st.text(alphabet="aé_ 1-.*'ٱ٣\u00b2", max_size=30), st.text(alphabet="aé_ 1-.*'ٱ٣\u00b2", min_size=1, max_size=4))
@example("a a a", "a a")
@example("-a-a-", "-a-")
def test_whole_word_search_finds_what_the_boundary_pattern_finds(text, form):
    from kb.articles import word_occurrences

    # overlapping candidates ("a a" in "a a a"), digits and letters beyond ASCII, names ending in punctuation
    assert word_occurrences(text, form) == _word_occurrences_by_pattern(text, form)


def test_mentions_count_whole_words_only():
    import re

    from kb.mapping import map_article
    from kb.mapper import Mapped
    from kb.vocabulary import OA

    from conftest import SEED_CORPUS

    article = load_corpus(SEED_CORPUS, only={"001_c19c91b9a6e53232"}).articles["001_c19c91b9a6e53232"]
    mapped = Mapped()
    map_article(article, mapped)
    graph = mapped.dataset.graph(article_graph_iri(article.id))
    node = RES["mention/001_c19c91b9a6e53232/syria/Syria"]
    counted = int(graph.value(node, KB.occurrences))
    assert counted == len(re.findall(r"\bSyria\b", article.text)) == 4
    assert article.text.count("Syria") > counted  # "Syrian" is not a mention of Syria
    start = int(graph.value(graph.value(node, KB.evidence), OA.start))
    assert article.text[start:start + 6] != "Syrian"
