"""`kb check` when nothing changed since the build: the build's report, read back without running
the steps, and exactly what the steps would report; anything changed, and the steps run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from kb import api
from kb.build import check_articles
from kb.report import REPORT_JSON, Finding, Report, Severity
from kb.unchanged import unchanged_report

from conftest import MINI

UNDESCRIBED = "- id: harbour-accord\n  type: Agreement\n  label: Harbour Accord\n"


@pytest.fixture
def built(tmp_path, monkeypatch):
    """A copy of the fixture corpus with a registry warning (an agreement no article describes), built."""
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI, corpus)
    with open(corpus / "registry" / "entities.yaml", "a", encoding="utf-8") as registry:
        registry.write(UNDESCRIBED)
    out = tmp_path / "build"
    result = api.build(corpus, out)
    assert [f.severity for f in result.report.findings] == [Severity.Warning]
    return corpus, out


@pytest.mark.parametrize("articles", [None, ["a1"], ["a1", "a2"]])
def test_an_unchanged_corpus_gets_the_report_the_steps_give(built, articles):
    corpus, out = built
    quick = unchanged_report(corpus, out, set(articles) if articles else None)
    assert quick is not None
    assert quick == check_articles(corpus, articles, out)
    assert quick.findings[0].rule.endswith("agreement-not-described-warning")
    assert api.check(corpus, articles, out) == quick


def test_the_build_report_round_trips_through_its_json(built):
    _, out = built
    report = Report.from_json((out / REPORT_JSON).read_text(encoding="utf-8"))
    assert report.to_json() == (out / REPORT_JSON).read_text(encoding="utf-8")
    assert report.checked_triples > 0 and report.rules > 0


@pytest.mark.parametrize("change", ["article text", "annotation", "registry", "new article", "removed article",
                                    "orphan text"])
def test_any_change_runs_the_steps(built, change):
    corpus, out = built
    articles = corpus / "articles"
    if change == "article text":
        (articles / "a1.txt").write_text((articles / "a1.txt").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif change == "annotation":
        (articles / "a1.yaml").write_text((articles / "a1.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif change == "registry":
        (corpus / "registry" / "entities.yaml").write_text(
            (corpus / "registry" / "entities.yaml").read_text(encoding="utf-8").replace(UNDESCRIBED, ""),
            encoding="utf-8")
    elif change == "new article":
        shutil.copy(articles / "a2.txt", articles / "a3.txt")
        shutil.copy(articles / "a2.yaml", articles / "a3.yaml")
    elif change == "removed article":
        (articles / "a2.txt").unlink()
        (articles / "a2.yaml").unlink()
    else:
        (articles / "a9.txt").write_text("No annotation yet.\n", encoding="utf-8")
    assert unchanged_report(corpus, out, {"a1"}) is None
    assert unchanged_report(corpus, out) is None


def test_the_registry_change_shows_in_the_check(built):
    corpus, out = built
    registry = corpus / "registry" / "entities.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(UNDESCRIBED, ""), encoding="utf-8")
    assert api.check(corpus, ["a1"], out).findings == []


def test_an_unknown_article_is_left_to_the_steps_which_name_it(built, cli):
    corpus, out = built
    assert unchanged_report(corpus, out, {"a7"}) is None
    run = cli("check", "a7", "--corpus", corpus, "--build", out)
    assert run.exit_code == 2 and "no such article" in run.stderr and "a1" in run.stderr


@pytest.mark.parametrize("damage", ["no index", "bad index", "no report", "bad report", "report of another shape",
                                    "a finding without a rule", "not a build"])
def test_a_damaged_or_foreign_build_folder_is_not_trusted(built, damage):
    corpus, out = built
    if damage == "no index":
        (out / "cache" / "_index.json").unlink()
    elif damage == "bad index":
        (out / "cache" / "_index.json").write_text("{", encoding="utf-8")
    elif damage == "no report":
        (out / REPORT_JSON).unlink()
    elif damage == "bad report":
        (out / REPORT_JSON).write_text("[]", encoding="utf-8")
    elif damage == "report of another shape":
        (out / REPORT_JSON).write_text(json.dumps({"findings": [], "checked_triples": "many", "rules": 1}),
                                       encoding="utf-8")
    elif damage == "a finding without a rule":
        data = json.loads((out / REPORT_JSON).read_text(encoding="utf-8"))
        del data["findings"][0]["rule"]
        (out / REPORT_JSON).write_text(json.dumps(data), encoding="utf-8")
    else:
        (out / ".kb-outputs").unlink()
    assert unchanged_report(corpus, out) is None
    if damage != "not a build":  # the cache is ignored, so the check still answers
        assert api.check(corpus, ["a1"], out).findings[0].severity is Severity.Warning


def test_a_finding_is_refused_unless_it_is_one():
    good = {"severity": "Warning", "rule": "r", "focus": "f", "message": "m"}
    assert Finding.from_dict(good).severity is Severity.Warning
    for bad in ({**good, "severity": "Bad"}, {**good, "extra": 1}, {**good, "line": "7"}, {**good, "rule": 3}, []):
        with pytest.raises((ValueError, TypeError, KeyError)):
            Finding.from_dict(bad)


def test_the_quick_check_imports_neither_the_models_nor_rdflib(built):
    corpus, out = built
    code = ("import sys; from pathlib import Path; from kb.unchanged import unchanged_report; "
            f"assert unchanged_report(Path({str(corpus)!r}), Path({str(out)!r}), {{'a1'}}) is not None; "
            "print(sorted(m for m in ('kb.models', 'rdflib', 'pydantic', 'kb.mapping', 'kb.steps') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert run.stdout.strip() == "[]"
