"""`kb check ID` reports exactly what `kb build` reports for that article, for every case of the
bad-input catalogue: the same corpus problems (those in the article's files and the registry) or
the same findings (the article's and the registry's), cross-article rules included.

A build stops at the first stage that fails: when another article cannot be read, it reports
nothing about this one, while a check of this one goes on without the other (a curator checks
their article while a colleague's is half-written): then the check must not fail on the other's
problems."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb import api
from kb.errors import CorpusError, Problem, ValidationFailed

from conftest import MINI
from test_invalid_inputs import CASES, break_corpus, read_case

ARTICLES = ("a1", "a2")


def build_outcome(corpus: Path, out: Path):
    """What a build reports: its findings, or its corpus problems."""
    try:
        return api.build(corpus, out).report.findings
    except ValidationFailed as failed:
        return failed.report.findings
    except CorpusError as err:
        return err.problems


def check_outcome(corpus: Path, article: str, build_dir: Path):
    try:
        return api.check(corpus, [article], build_dir).findings
    except CorpusError as err:
        return err.problems


def concerns(item, article: str) -> bool:
    if hasattr(item, "article"):  # a finding
        return item.article in (article, None)
    return Path(item.file).stem == article or "registry" in Path(item.file).parts


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_check_of_an_article_reports_what_the_build_reports_for_it(tmp_path, monkeypatch, path):
    case = read_case(path)
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI, corpus)
    previous = tmp_path / "previous"
    api.build(corpus, previous)  # the cache a curator's check would use
    break_corpus(corpus, case)
    built = build_outcome(corpus, tmp_path / "out")
    for article in ARTICLES:
        if not (corpus / "articles" / f"{article}.yaml").exists() and not (corpus / "articles" / f"{article}.txt").exists():
            continue
        expected = sorted(str(item) for item in built if concerns(item, article))
        stopped_elsewhere = isinstance(built[0], Problem) and not expected if built else False
        for build_dir in (previous, tmp_path / "none"):  # with the previous build as the cache, and without
            outcome = check_outcome(corpus, article, build_dir)
            if stopped_elsewhere:
                assert not any(isinstance(item, Problem) for item in outcome), f"{path.stem}: kb check {article}"
                continue
            checked = sorted(str(item) for item in outcome)
            assert checked == expected, f"{path.stem}, kb check {article} (cache {build_dir.name})"
