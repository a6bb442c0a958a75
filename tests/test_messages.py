"""Errors of the annotation models say in words what is allowed at that place."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from kb.messages import describe, model_at, unknown_key
from kb.models import Annotation, Entity, Outcome

from conftest import MINI, run_cli


def errors(model, data):
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [(item, tuple(step for step in item["loc"] if not ("[" in str(step) or step in {"str", "int"})))
            for item in caught.value.errors()]


@pytest.mark.parametrize("loc, closest, fields", [
    (("article", "languag"), "language", {"publisher", "url"}),
    (("events", 0, "outcomes", 1, "kinds"), "kind", {"count", "side", "according_to"}),
    (("claims", 2, "claimnt"), "claimant", {"said", "stance"}),
])
def test_an_unknown_key_lists_the_keys_valid_there_closest_first(loc, closest, fields):
    message = unknown_key(Annotation, loc)
    assert message.startswith(f"unknown key {loc[-1]!r}: did you mean {closest}? the keys here are {closest}, ")
    listed = message.split("the keys here are ")[1].split(", ")
    assert fields <= set(listed)


def test_an_unknown_key_with_nothing_close_lists_them_all():
    message = unknown_key(Entity, ("zzz",))
    assert "did you mean" not in message
    assert message.split("the keys here are ")[1].split(", ") == sorted(Entity.model_fields)


def test_model_at_walks_lists_dicts_and_optionals():
    assert model_at(Annotation, ("events", 0, "outcomes", 3)) is Outcome
    assert model_at(Annotation, ("mentions", "alba")) is None  # a list of names, not a model
    assert model_at(Annotation, ("article", "published")).__name__ == "Published"


@pytest.mark.parametrize("model, data, words", [
    (Entity, {"id": "Alba City", "type": "Settlement", "label": "Alba"}, "this must be an id: lower-case letters"),
    (Entity, {"id": "alba", "type": "Settlement", "label": "Alba", "wikidata": "q12"}, "a Wikidata id: Q followed by digits"),
])
def test_a_pattern_is_said_in_words(model, data, words):
    (item, loc), = errors(model, data)
    message = describe(item, model, loc)
    assert words in message and "^" not in message and "(got " in message


def test_a_build_with_warnings_prints_them(tmp_path, mini_corpus):
    registry = mini_corpus / "registry" / "entities.yaml"
    # an event in the registry that no article reports: a warning, and the data still conforms
    registry.write_text(registry.read_text() + "\n- id: unreported-raid\n  type: Attack\n  label: A raid no article reports\n")
    result = run_cli("build", "--corpus", mini_corpus, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert "validation: conforms: 1 warning" in result.stdout
    assert "Warning: " in result.stderr and "no article reports this event" in result.stderr
