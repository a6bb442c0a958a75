"""Every `$ kb ...` example in the README runs, and prints what the README shows.

With `pytest --update-golden` the README's example output is rewritten from the real output.
"""

import re
import shlex

import pytest

from conftest import REPO, run_cli

README = REPO / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)


def examples(text: str) -> list[tuple[str, str]]:
    """(command, expected output) pairs, in order, from the README's console blocks."""
    pairs = []
    for block in BLOCK.findall(text):
        command, output = None, []
        for line in block.splitlines(keepends=True):
            if line.startswith("$ "):
                if command is not None:
                    pairs.append((command, "".join(output)))
                command, output = line[2:].strip(), []
            else:
                output.append(line)
        if command is not None:
            pairs.append((command, "".join(output)))
    return pairs


def test_the_readme_has_the_two_commands():
    text = README.read_text()
    setup = "python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/kb build"
    tests = "bash scripts/test.sh"
    assert setup in text and tests in text
    # CI runs exactly the README's test command
    assert tests in (REPO / ".ci" / "run").read_text()


def test_every_command_is_documented():
    import typer

    from kb.cli import app

    text = README.read_text()
    commands = typer.main.get_command(app).commands  # every command the CLI has, not a list kept by hand
    assert len(commands) >= 12
    for command in commands:
        assert f"`kb {command}" in text, command


def test_readme_examples_print_what_the_readme_shows(tmp_path, monkeypatch, update_golden):
    monkeypatch.chdir(tmp_path)
    text = README.read_text()
    actual_outputs = []
    for command, expected in examples(text):
        args = shlex.split(command)
        assert args[0] == "kb", command
        result = run_cli(*args[1:])
        assert result.exit_code == 0, f"{command}: {result.stderr}"
        actual_outputs.append((command, expected, result.stdout))
    if update_golden:
        for command, expected, actual in actual_outputs:
            text = text.replace(f"$ {command}\n{expected}", f"$ {command}\n{actual}", 1)
        README.write_text(text)
        return
    for command, expected, actual in actual_outputs:
        assert actual == expected, f"the README's output of `{command}` is out of date (pytest --update-golden)"
