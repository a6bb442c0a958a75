"""Entity types come from the ontology: a class added under a top class, as the curator's guide
shows, is a registry type without any change to the code; anything else is refused with the
nearest names."""

from __future__ import annotations

import csv
import io
import re
import shutil

import pytest

from kb import resources
from kb.kinds import kinds, kinds_from
from kb.resources import ontology_file

from conftest import MINI, REPO, run_cli

GUIDE = REPO / "docs" / "curating.md"


def guide_class() -> str:
    """The new event type of the curator's guide, as Turtle."""
    match = re.search(r'```turtle title="ontology/kb.ttl \(a new event type\)"\n(.*?)```', GUIDE.read_text(), re.DOTALL)
    assert match, "the guide shows how to add an event type"
    return match.group(1)


def test_a_class_added_as_the_guide_shows_is_a_type_of_event():
    name = re.search(r"^kb:(\w+) a owl:Class", guide_class(), re.MULTILINE).group(1)
    before = kinds_from(ontology_file().read_bytes())
    after = kinds_from(ontology_file().read_bytes() + b"\n" + guide_class().encode())
    assert name not in before.types
    assert name in after.types and name in after.under("Event") and name in after.under("MilitaryEvent")
    assert name not in after.under("Actor") | after.under("Place")
    assert after.types - before.types == {name}


def test_an_unknown_type_is_refused_with_the_nearest_names():
    assert kinds().problem("Shelling") is None
    message = kinds().problem("Bombing")
    assert "unknown type 'Bombing'" in message and "'Shelling'" in message
    assert kinds().suggest("airstrike") == ["AirStrike"]  # only the case differs
    assert kinds().problem("Claim").startswith("unknown type 'Claim'")  # a class, but not a registry type


@pytest.fixture
def extended_ontology(tmp_path, monkeypatch):
    """The project's ontology with the guide's new class, in place of the real one for this test."""
    path = tmp_path / "kb.ttl"
    path.write_bytes(ontology_file().read_bytes() + b"\n" + guide_class().encode())
    from kb import fingerprints, validate

    for module in (resources, validate, fingerprints):
        monkeypatch.setattr(module, "ontology_file", lambda: path)
    caches = (kinds, validate.ontology_graph, validate._ontology_quads, fingerprints.tool_fingerprint)
    for cache in caches:
        cache.cache_clear()
    yield path
    monkeypatch.undo()
    for cache in caches:
        cache.cache_clear()


def test_the_build_accepts_the_new_type_without_code_changes(extended_ontology, tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI, corpus)
    registry = corpus / "registry" / "entities.yaml"
    registry.write_text(registry.read_text().replace("  type: Shelling\n", "  type: Siege\n"))
    monkeypatch.chdir(tmp_path)
    result = run_cli("build", "--corpus", corpus, "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == 0, result.stderr
    timeline = run_cli("query", "timeline", "--build", tmp_path / "out", "--format", "csv")
    assert timeline.exit_code == 0, timeline.stderr
    assert any(row["type"] == "siege" for row in csv.DictReader(io.StringIO(timeline.stdout)))
