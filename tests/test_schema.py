"""The JSON Schemas of the corpus files: generated from the models, shipped up to date, and
accepting exactly what the models accept in every corpus file, refusing unknown keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from kb.resources import schema_file
from kb.schema import annotation_schema, registry_schema, schema_text
from kb.yamlio import load_yaml

from conftest import FIXTURES, MINI, SEED_CORPUS, run_cli

CORPORA = [SEED_CORPUS, MINI]


@pytest.fixture(scope="module")
def validators():
    return {"annotation": Draft202012Validator(annotation_schema()), "registry": Draft202012Validator(registry_schema())}


@pytest.mark.parametrize("name", ["annotation", "registry"])
def test_the_shipped_schemas_are_up_to_date(name):
    assert schema_file(name).read_text(encoding="utf-8") == schema_text(name), (
        f"schemas/{schema_file(name).name} is out of date: run `kb schema {name} > schemas/{schema_file(name).name}`")


@pytest.mark.parametrize("name", ["annotation", "registry"])
def test_the_schemas_are_valid_draft_2020_12(name):
    schema = json.loads(schema_text(name))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def corpus_files():
    for corpus in CORPORA:
        for path in sorted((corpus / "articles").glob("*.yaml")):
            yield "annotation", path
        for path in sorted((corpus / "registry").glob("*.yaml")):
            yield "registry", path


@pytest.mark.parametrize("kind, path", list(corpus_files()), ids=lambda value: getattr(value, "name", value))
def test_every_corpus_file_validates(validators, kind, path):
    errors = [f"{list(error.path)}: {error.message}" for error in validators[kind].iter_errors(load_yaml(path).data)]
    assert errors == []


@pytest.mark.parametrize("change, valid", [
    (lambda a: a["article"].update(languag="en"), False),  # an unknown key
    (lambda a: a["claims"][0].update(stance="mumbles"), False),
    (lambda a: a["claims"][0].update(said="the quote as a plain string"), True),
    (lambda a: a["claims"][0].update(date="2021-03"), True),
    (lambda a: a["claims"][0].update(date=2021), True),
    (lambda a: a["claims"][0].update(date={"from": "2021-03-01", "note": "after the first"}), True),
    (lambda a: a["claims"][0].update(date={"since": "2021-03-01"}), False),
    (lambda a: a["claims"][0].update(date="March 2021"), False),
    (lambda a: a["events"][0].update(places="alba"), True),  # a list of one may be the item alone
    (lambda a: a["events"][0].update(places=["Alba"]), False),  # not an id
])
def test_the_schema_accepts_what_the_models_accept(validators, change, valid):
    from pydantic import ValidationError

    from kb.models import Annotation

    annotation = load_yaml(MINI / "articles" / "a1.yaml").data
    change(annotation)
    assert validators["annotation"].is_valid(annotation) is valid
    try:
        Annotation.model_validate(annotation)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted is valid, "the models and the schema disagree"


def test_kb_schema_prints_them():
    result = run_cli("schema", "annotation")
    assert result.exit_code == 0 and json.loads(result.stdout)["title"] == "Annotation"
    assert run_cli("schema", "nothing").exit_code == 2


def test_a_draft_points_editors_at_the_schema_and_validates(tmp_path, monkeypatch, validators):
    import shutil

    monkeypatch.chdir(tmp_path)
    shutil.copytree(MINI, tmp_path / "corpus")
    text = tmp_path / "incoming.txt"
    text.write_text("Alba, 2 March 2021. The Southern Ministry said the shelling killed 4 people.\n")
    assert run_cli("new", text, "--date", "2021-03-02").exit_code == 0
    draft = tmp_path / "corpus" / "articles" / "incoming.yaml"
    first = draft.read_text().splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (draft.parent / first.split("$schema=", 1)[1]).resolve()
    assert target == schema_file("annotation").resolve()
    assert validators["annotation"].is_valid(load_yaml(draft).data)
