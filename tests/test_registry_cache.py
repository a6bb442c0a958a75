"""The registry kept in a build's cache: read back instead of the YAML only while it is the same."""

from __future__ import annotations

import json

import pytest

from kb import corpus as corpus_module
from kb.build import build
from kb.corpus import read_registry
from kb.fingerprints import CACHE_DIR, registry_digest
from kb.registry_cache import REGISTRY_FILE, cached_registry

from test_build import snapshot


def test_the_kept_registry_is_the_one_read_from_the_yaml(tmp_path, mini_corpus):
    out = tmp_path / "out"
    build(mini_corpus, out)
    kept = cached_registry(out / CACHE_DIR, registry_digest(mini_corpus))
    entities, origin, problems = read_registry(mini_corpus / "registry")
    assert kept == (entities, origin) and not problems
    assert len(entities) > 10


def test_a_rebuild_with_the_same_registry_does_not_read_it_and_equals_a_full_build(tmp_path, mini_corpus, monkeypatch):
    out = tmp_path / "out"
    build(mini_corpus, out)
    annotation = mini_corpus / "articles" / "a2.yaml"
    annotation.write_text(annotation.read_text().replace("count: 4", "count: 5"))

    def refused(folder):
        raise AssertionError("the registry was read again")

    with monkeypatch.context() as patched:
        patched.setattr(corpus_module, "read_registry", refused)
        assert build(mini_corpus, out).rebuilt == ["a2"]
    build(mini_corpus, tmp_path / "full", full=True)
    assert snapshot(out) == snapshot(tmp_path / "full")


def test_a_changed_registry_is_read_again(tmp_path, mini_corpus):
    out = tmp_path / "out"
    build(mini_corpus, out)
    registry = mini_corpus / "registry" / "entities.yaml"
    registry.write_text(registry.read_text().replace("label: Border Province", "label: Border Region"))
    assert cached_registry(out / CACHE_DIR, registry_digest(mini_corpus)) is None
    build(mini_corpus, out)
    assert "Border Region" in (out / "kb.ttl").read_text()
    kept = cached_registry(out / CACHE_DIR, registry_digest(mini_corpus))
    assert kept is not None and any(entity.label == "Border Region" for entity in kept[0].values())


@pytest.mark.parametrize("damage", ["not json", "no entities", "an entity breaking the model", "origins out of step",
                                    "missing"])
def test_a_damaged_copy_is_not_used(tmp_path, mini_corpus, damage):
    out = tmp_path / "out"
    build(mini_corpus, out)
    path = out / CACHE_DIR / REGISTRY_FILE
    payload = json.loads(path.read_text())
    if damage == "not json":
        path.write_text("{")
    elif damage == "no entities":
        del payload["entities"]
        path.write_text(json.dumps(payload))
    elif damage == "an entity breaking the model":
        payload["entities"][0]["id"] = "Not An Id"
        path.write_text(json.dumps(payload))
    elif damage == "origins out of step":
        payload["origin"].reverse()
        path.write_text(json.dumps(payload))
    else:
        path.unlink()
    assert cached_registry(out / CACHE_DIR, registry_digest(mini_corpus)) is None
    annotation = mini_corpus / "articles" / "a2.yaml"
    annotation.write_text(annotation.read_text().replace("count: 4", "count: 5"))
    assert build(mini_corpus, out).rebuilt == ["a2"]  # the registry read from its files instead
    assert cached_registry(out / CACHE_DIR, registry_digest(mini_corpus)) is not None
