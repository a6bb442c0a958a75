"""kb.ttl's each-triple-once writer over units built by hand: the triples an article says about its
own nodes are only counted, and a unit that says something about another article's nodes sends
the writer back to every triple's key."""

from __future__ import annotations

from rdflib import Literal, URIRef

from kb.mapper import Mapped
from kb.units import Unit, make_unit, save_cache, write_each_triple_once
from kb.vocabulary import RES_NS, node_article

LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
ENTITY = URIRef(RES_NS + "entity/alba")


def _unit(key: str, triples: list[tuple]) -> Unit:
    graph = URIRef(RES_NS + f"graph/article/{key}")
    return make_unit(key, key, Mapped(quads=[(s, p, o, graph) for s, p, o in triples]))


def _claim(article: str, claim: str) -> URIRef:
    return URIRef(RES_NS + f"claim/{article}/{claim}")


def _written(path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("@prefix")}


def test_a_node_names_its_article_and_an_entity_none():
    assert node_article(RES_NS + "claim/a1/c1") == "a1"
    assert node_article(RES_NS + "article/a1") == "a1"
    assert node_article(RES_NS + "evidence/a1/x/y") == "a1"
    assert node_article(RES_NS + "entity/a1") is None  # an entity may share an article's id
    assert node_article(RES_NS + "provision/a1/p1") is None  # an agreement's, described by many articles
    assert node_article("https://example.org/claim/a1/c1") is None


def test_own_triples_are_counted_and_shared_ones_written_once(tmp_path):
    first = _unit("a1", [(ENTITY, LABEL, Literal("Alba")), (_claim("a1", "c"), LABEL, Literal("one"))])
    second = _unit("a2", [(ENTITY, LABEL, Literal("Alba")), (_claim("a2", "c"), LABEL, Literal("two"))])
    assert (first.own_triples, len(first.triple_keys()), first.foreign) == (1, 1, False)
    path = tmp_path / "kb.ttl"
    assert write_each_triple_once(path, [first, second]) == 3
    assert path.read_text(encoding="utf-8").count('"Alba"') == 1


def test_a_unit_speaking_of_another_articles_node_is_deduplicated_too(tmp_path):
    said_twice = (_claim("a1", "c"), LABEL, Literal("one"))
    first = _unit("a1", [said_twice])
    second = _unit("a2", [said_twice, (_claim("a2", "c"), LABEL, Literal("two"))])
    assert second.foreign and not first.foreign
    path = tmp_path / "kb.ttl"
    assert write_each_triple_once(path, [first, second]) == 2
    assert path.read_text(encoding="utf-8").count('"one"') == 1


def _adopted_second(tmp_path):
    """The second of two units sharing a triple, cached in `old` and adopted into `new`."""
    first = _unit("a1", [(ENTITY, LABEL, Literal("Alba"))])
    second = _unit("a2", [(ENTITY, LABEL, Literal("Alba")), (_claim("a2", "c"), LABEL, Literal("two"))])
    write_each_triple_once(tmp_path / "kb.ttl", [first, second])
    old, new = tmp_path / "old", tmp_path / "new"
    save_cache([first, second], old)
    cached = Unit.load(old, "a2", second.index_entry(), has_once=True)
    assert cached.once_digest is not None  # its kb.ttl chunk leaves out the triple a1 wrote
    new.mkdir()
    assert cached.adopt(new) and cached.cached_in == new
    assert (new / "a2.once").samefile(old / "a2.once") and (new / "a2.unit").samefile(old / "a2.unit")
    return cached, old, new


def test_an_adopted_units_new_chunk_leaves_the_previous_caches_file_as_it_was(tmp_path):
    cached, old, new = _adopted_second(tmp_path)
    before = (old / "a2.once").read_bytes()
    cached.contents[".once"], cached.once_digest = b"<x> <y> <z> .\n", "another"
    cached.save(new)
    assert (new / "a2.once").read_bytes() == b"<x> <y> <z> .\n"
    assert (old / "a2.once").read_bytes() == before


def test_an_adopted_unit_whose_chunk_is_whole_again_drops_its_left_out_chunk(tmp_path):
    cached, old, new = _adopted_second(tmp_path)
    cached.once_digest = None
    cached.save(new)
    assert not (new / "a2.once").exists() and (old / "a2.once").is_file()


def test_a_unit_whose_files_are_gone_is_not_adopted(tmp_path):
    cached, old, new = _adopted_second(tmp_path)
    moved = Unit.load(old, "a2", cached.index_entry(), has_once=False)
    (old / "a2.unit").unlink()
    other = tmp_path / "other"
    other.mkdir()
    assert not moved.adopt(other) and moved.cached_in == old
    assert list(other.iterdir()) == []  # nothing half-linked
