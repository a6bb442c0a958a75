"""The field reference, `docs/annotation-reference.md`: generated from the models with examples from
the bundled corpus, committed up to date, and every field of the format has a meaning."""

from __future__ import annotations

import re
import typing

import pytest
from pydantic import BaseModel

from kb.models import Annotation, Entity
from kb.reference import anchor, render

from conftest import REPO, SEED_CORPUS

PAGE = REPO / "docs" / "annotation-reference.md"
REGENERATE = "pytest tests/test_reference.py --update-golden"


def models_below(root: type[BaseModel]) -> list[type[BaseModel]]:
    """`root` and every model its fields hold, at any depth, each once."""
    found: list[type[BaseModel]] = []
    todo: list[typing.Any] = [root]
    while todo:
        current = todo.pop(0)
        if isinstance(current, type) and issubclass(current, BaseModel):
            if current not in found:
                found.append(current)
                todo.extend(info.annotation for info in current.model_fields.values())
        else:
            todo.extend(typing.get_args(current))
    return found


MODELS = list(dict.fromkeys(models_below(Annotation) + models_below(Entity)))


def test_the_committed_page_is_up_to_date(update_golden):
    page = render(SEED_CORPUS)
    if update_golden:
        PAGE.write_text(page, encoding="utf-8")
        return
    assert PAGE.exists(), f"{PAGE.relative_to(REPO)} is missing: run `{REGENERATE}` and commit it"
    assert PAGE.read_text(encoding="utf-8") == page, (
        f"{PAGE.relative_to(REPO)} is out of date (the models or the corpus changed): run `{REGENERATE}`, "
        "check the page and commit it")


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_field_says_what_it_means(model):
    missing = [name for name, info in model.model_fields.items() if not (info.description or "").strip()]
    assert missing == [], (
        f"{model.__name__} has fields without a meaning: {', '.join(missing)}; write one as a docstring "
        f"right under each field")


def test_the_models_reached_include_every_part_of_the_format():
    names = {model.__name__ for model in MODELS}
    assert {"Annotation", "ArticleMeta", "Quote", "DateSpec", "Outcome", "RelayStep", "Entity", "Point", "Line"} <= names


def test_every_field_a_curator_writes_has_a_row():
    page = render(SEED_CORPUS)
    for model in MODELS:
        if model.__name__ == "DateSpec":  # written as text or {from, to, note}, shown apart
            assert all(f"| `{key}` |" in page for key in ("from", "to", "note"))
            continue
        for name, info in model.model_fields.items():
            assert f"| `{info.alias or name}` |" in page, f"{model.__name__}.{name} has no row"


def test_every_link_within_the_page_has_its_section():
    page = render(SEED_CORPUS)
    headings = {anchor(line.lstrip("#").strip()) for line in page.splitlines() if line.startswith("#")}
    targets = set(re.findall(r"\]\(#([^)]+)\)", page))
    assert targets and targets <= headings, sorted(targets - headings)


def test_the_examples_come_from_the_corpus_and_the_page_is_the_same_from_anywhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = render(SEED_CORPUS.resolve())
    assert page == render(SEED_CORPUS)
    assert "(../corpus/articles/000_6736cd512fee04d9.yaml#L" in page
    for target in re.findall(r"\]\(\.\./(corpus/[^)#]+)#L(\d+)\)", page):
        path, line = REPO / target[0], int(target[1])
        assert path.is_file() and line <= len(path.read_text(encoding="utf-8").splitlines()), target


def test_the_enum_fields_list_their_words():
    page = render(SEED_CORPUS)
    assert "[stance](#stance)" in page and "`expresses-concern`" in page
    assert "no (default `happened`)" in page and "| `as` | id | yes |" in page
