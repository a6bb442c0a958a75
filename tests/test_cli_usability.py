"""The command line as a user meets it: help with every default, a version, and parameters that
name nothing are errors with the nearest names, not empty answers."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import version

import pytest
import typer

from kb.cli import app

from conftest import run_cli


def commands() -> dict:
    group = typer.main.get_command(app)
    return dict(group.commands)


@pytest.mark.parametrize("name", sorted(commands()))
def test_help_shows_every_default(name):
    command = commands()[name]
    result = run_cli(name, "--help")
    assert result.exit_code == 0
    text = re.sub(r"\s+", " ", re.sub(r"[│╭╮╰╯─]", " ", result.stdout))
    for param in command.params:
        if param.name == "help" or getattr(param, "is_flag", False):
            continue
        shown = param.show_default if isinstance(getattr(param, "show_default", None), str) else param.default
        if shown in (None, (), []):
            continue
        assert "[default:" in text, f"{name} --help shows no default at all"
        value = str(shown.value if hasattr(shown, "value") else shown)
        assert value.split()[0] in text, f"{name} --help does not show the default of {param.name} ({value})"


def test_no_help_text_loses_its_brackets():
    """Help text in square brackets was once read as markup and vanished ("Corpus folder .")."""
    for name in commands():
        result = run_cli(name, "--help")
        flat = re.sub(r"[│\s]+", " ", result.stdout)
        assert not re.search(r"\w \.( |$)", flat), f"{name}: {flat}"


def test_version():
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"kb {version('conflict-news-kb')}"


@pytest.mark.parametrize("args", [["--version"], ["--version", "build"], ["--help"]])
def test_the_command_as_installed_answers_its_version_without_the_command_line_library(args):
    """`kb --version` alone is answered before Typer is imported; with anything else, as before."""
    code = ("import sys; from kb.command import main; sys.argv = ['kb', *sys.argv[1:]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('typer' in sys.modules, file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60)
    assert run.stderr.strip().splitlines()[-1] == str(args != ["--version"])
    if args[0] == "--version":
        assert run.stdout.strip() == f"kb {version('conflict-news-kb')}"
    else:
        assert "Usage" in run.stdout


@pytest.mark.parametrize("param, words", [
    ("actor=southern-ministri", ["no entity of the knowledge base", "did you mean southern-ministry"]),
    ("actor=ministry", ["did you mean", "southern-ministry"]),
    ("actor=https://w3id.org/conflict-news-kb/id/entity/nobody", ["'nobody' is no entity"]),
])
def test_an_entity_parameter_that_names_nothing_is_an_error(built_mini, param, words):
    result = run_cli("query", "claims-by-actor", "--param", param, "--build", built_mini)
    assert result.exit_code == 2, result.stdout
    for word in words:
        assert word in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("day", ["2021-02-30", "2021-13-01", "2021-3-1", "yesterday"])
def test_a_date_parameter_that_is_no_calendar_date_is_an_error(built_mini, day):
    result = run_cli("query", "events-on-date", "--param", f"day={day}", "--build", built_mini)
    assert result.exit_code == 2
    assert "is not a date of the calendar" in result.stderr


def test_a_real_entity_still_answers(built_mini):
    result = run_cli("query", "claims-by-actor", "--param", "actor=southern-ministry", "--format", "csv",
                     "--build", built_mini)
    assert result.exit_code == 0 and len(result.stdout.splitlines()) > 1


def test_check_suggests_the_nearest_article_ids(built_mini):
    from conftest import MINI

    result = run_cli("check", "a3", "--corpus", MINI)
    assert result.exit_code == 2
    assert "no such article" in result.stderr and "did you mean" in result.stderr
