"""The vocabulary is closed both ways: what the data uses is declared, what is declared is used."""

import re

import pytest
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import OWL

from kb.mapping import map_corpus
from kb.corpus import load_corpus
from kb.vocabulary import KB
from kb.resources import ontology_file, queries_dir, shapes_files

from conftest import FIXTURES, MINI, REPO, SEED_CORPUS

NS = str(KB._NS)


@pytest.fixture(scope="module")
def ontology():
    return Graph().parse(ontology_file())


def own_terms(graph):
    return {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)}


def used_terms(graph):
    return {t for triple in graph for t in triple if isinstance(t, URIRef) and str(t).startswith(NS)}


def test_the_ontology_has_its_metadata(ontology):
    from rdflib.namespace import DCTERMS

    node = URIRef("https://w3id.org/conflict-news-kb/ontology")
    assert (node, RDF.type, OWL.Ontology) in ontology
    for predicate in (DCTERMS.title, DCTERMS.description, OWL.versionInfo, DCTERMS.license):
        assert ontology.value(node, predicate) is not None, predicate


def test_every_own_term_has_a_label_and_a_comment(ontology):
    for term in own_terms(ontology):
        assert ontology.value(term, RDFS.label), f"{term} has no label"
        assert ontology.value(term, RDFS.comment), f"{term} has no comment"


def test_the_namespace_class_and_the_ontology_agree(ontology):
    """Every term of `KB` is declared; every declared term is in `KB`, but for registry types, which
    the code reaches through kb.kinds (so that a curator adds a type to the ontology alone)."""
    from kb.kinds import kinds

    declared = {str(term)[len(NS):] for term in own_terms(ontology)}
    in_class = set(KB.__annotations__)
    assert in_class - declared == set()
    assert declared - in_class <= kinds().types


def test_the_offsets_unit_is_stated(ontology):
    assert "Unicode code points" in str(ontology.value(KB.Evidence, RDFS.comment))


@pytest.mark.parametrize("corpus", [MINI, SEED_CORPUS, FIXTURES / "genres"], ids=["mini", "seed", "genres"])
def test_the_data_uses_only_declared_terms(ontology, corpus):
    declared = own_terms(ontology)
    dataset = map_corpus(load_corpus(corpus)).dataset
    used = {t for quad in dataset.quads((None, None, None, None)) for t in quad[:3]
            if isinstance(t, URIRef) and str(t).startswith(NS)}
    assert used - declared == set()


def test_shapes_and_queries_use_only_declared_terms(ontology):
    declared = own_terms(ontology)
    shapes = Graph()
    for path in shapes_files():
        shapes.parse(path)
    assert used_terms(shapes) - declared == set()
    for path in sorted(queries_dir().rglob("*.rq")):
        for local in re.findall(r"(?<![\w:])kb:([A-Za-z][A-Za-z0-9_]*)", path.read_text()):
            assert URIRef(NS + local) in declared, f"{path.name} uses undeclared kb:{local}"


def test_every_declared_term_is_used_by_shapes_mapping_or_queries(ontology):
    shapes = Graph()
    for path in shapes_files():
        shapes.parse(path)
    texts = "\n".join(path.read_text() for path in sorted(queries_dir().rglob("*.rq")))
    code = "\n".join(path.read_text() for path in sorted((REPO / "kb").glob("*.py")) if path.name != "namespace.py")
    used = used_terms(shapes)
    used |= {URIRef(NS + local) for local in re.findall(r"(?<![\w:])kb:([A-Za-z][A-Za-z0-9_]*)", texts)}
    used |= {URIRef(NS + local) for local in re.findall(r"\bKB\.([A-Za-z][A-Za-z0-9_]*)", code)}
    # entity types are written KB[entity.type]: every registry type may be used by the mapping
    from kb.kinds import kinds

    used |= {URIRef(NS + name) for name in kinds().types}
    # classes used only as superclasses of used classes are used through them
    used |= {o for s, o in ontology.subject_objects(RDFS.subClassOf) if s in used}
    # and the classes of the individuals used (stances, channels, precisions...)
    used |= {o for s, o in ontology.subject_objects(RDF.type) if s in used}
    # and the datatypes that are the ranges of the properties used (kb:CalendarDate)
    used |= {o for s, o in ontology.subject_objects(RDFS.range) if s in used}
    unused = sorted(str(term)[len(NS):] for term in own_terms(ontology) - used)
    assert unused == []
