"""The ontology is OWL 2 DL as a DL reasoner reads it: HermiT (through owlready2, on Java) takes
the ontology alone with no datatype set aside, and finds it and the data together consistent,
with no unsatisfiable class, setting aside only the data's xsd:date literals (xsd:date is not an
OWL 2 datatype; see kb:CalendarDate)."""

import shutil

import pyoxigraph as ox
import pytest

from kb.resources import ontology_file

owlready2 = pytest.importorskip("owlready2", reason="owlready2 is in the test extras")


def _hermit(tmp_path, triples, ignore_unsupported: bool):
    if shutil.which("java") is None:
        pytest.fail("HermiT needs Java: install a JRE (Debian's default-jre-headless)")
    path = tmp_path / "all.nt"
    path.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load(format="ntriples")
    with ontology:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                       ignore_unsupported_datatypes=ignore_unsupported)
    return list(world.inconsistent_classes())


def _ontology():
    return [quad.triple for quad in ox.parse(path=str(ontology_file()), format=ox.RdfFormat.TURTLE)]


def test_hermit_reads_the_ontology_with_no_datatype_set_aside(tmp_path):
    assert _hermit(tmp_path, _ontology(), ignore_unsupported=False) == []


def test_the_ontology_and_the_data_are_consistent(built_seed, tmp_path):
    data = [quad.triple for quad in ox.parse(path=str(built_seed / "kb.trig"), format=ox.RdfFormat.TRIG)]
    assert _hermit(tmp_path, _ontology() + data, ignore_unsupported=True) == []
