"""Shared fixtures: the small fixture corpus, the real corpus, built knowledge bases, the CLI."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kb.build import build
from kb.cli import app
from kb.site import generate

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini"
SEED_CORPUS = REPO / "corpus"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files from the current output.")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture
def mini_corpus(tmp_path) -> Path:
    """A private copy of the fixture corpus, free to be changed by the test."""
    target = tmp_path / "corpus"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture(scope="session")
def built_mini(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("mini") / "build"
    build(MINI, out)
    return out


@pytest.fixture(scope="session")
def built_seed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "build"
    build(SEED_CORPUS, out)
    return out


@pytest.fixture(scope="session")
def mini_site(built_mini, tmp_path_factory) -> Path:
    """The site of the fixture corpus, made by `kb report` (not to be changed by tests)."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = run_cli("report", "--build", built_mini, "--out", out)
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def seed_site(built_seed, tmp_path_factory) -> Path:
    """The site of the bundled corpus (not to be changed by tests)."""
    out = tmp_path_factory.mktemp("seed-site") / "site"
    generate(built_seed, out)
    return out


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(*args: str | Path) -> Run:
    result = CliRunner().invoke(app, [str(arg) for arg in args], catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def cli():
    return run_cli


def check_golden(path: Path, actual: str, update: bool) -> None:
    """Compare text with a golden file exactly; rewrite it instead with --update-golden."""
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        if not update:
            pytest.fail(f"golden file {path.name} did not exist; it was written: check it and commit it")
        return
    expected = path.read_bytes().decode("utf-8")  # exactly: CSV results end lines with CRLF
    assert actual == expected, f"output differs from {path}; if the change is intended, run pytest --update-golden"
