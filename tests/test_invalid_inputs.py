"""Bad input: a catalogue of broken corpora, one defect per file in tests/fixtures/invalid/.

Each case copies the valid fixture corpus, builds it once, breaks the copy as its file says and
builds again through the CLI. The second build must fail cleanly: the right exit code, a message
that names the file (and line, for YAML) and the field or quote concerned, no traceback, and the
previous build output left exactly as it was.

A case file says how to break the corpus, then what must happen:

    description: what is wrong, in a sentence
    write:    {path: new full content}        # paths relative to the corpus folder
    patch:    {path: [[old, new], ...]}      # each `old` must occur exactly once in the file
    encoding: {path: latin-1}                # re-encode the file after writing or patching it
    rename:   {old path: new path}
    delete:   [path, ...]
    expect:
      exit: 2                  # 2: the corpus is wrong (CorpusError); 1: validation found violations
      file: articles/a1.yaml   # the message names this file (or each file of a list) ...
      line: 4                  # ... at this line, as "file:line:" (or a list, one line per file)
      contains: [languag, unknown key]   # the field or quote concerned, and the gist

The steps run in the order write, patch, encoding, rename, delete.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, run_cli

INVALID = FIXTURES / "invalid"
CASES = sorted(INVALID.glob("*.yaml"))
STEPS = {"description", "write", "patch", "encoding", "rename", "delete", "expect"}
EXPECT = {"exit", "file", "line", "contains"}


def read_case(path: Path) -> dict:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(case, dict) and case.keys() <= STEPS, f"{path.name}: unknown keys {set(case) - STEPS}"
    assert case.get("description") and case["expect"].keys() <= EXPECT, path.name
    assert case.keys() & {"write", "patch", "rename", "delete"}, f"{path.name} breaks nothing"
    return case


def break_corpus(corpus: Path, case: dict) -> None:
    for name, content in case.get("write", {}).items():
        (corpus / name).write_text(content, encoding="utf-8")
    for name, replacements in case.get("patch", {}).items():
        path = corpus / name
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            assert text.count(old) == 1, f"{name}: {old!r} must occur exactly once, to say where the defect goes"
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    for name, encoding in case.get("encoding", {}).items():
        path = corpus / name
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    for old, new in case.get("rename", {}).items():
        (corpus / old).rename(corpus / new)
    for name in case.get("delete", []):
        (corpus / name).unlink()


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and folder (None) below `folder`, the database included."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() if path.is_file() else None
        for path in sorted(folder.rglob("*"))
    }


def as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def test_the_catalogue_covers_every_kind_of_defect():
    names = {path.stem for path in CASES}
    for needed in (
        "yaml-syntax-error", "annotation-empty-file", "annotation-is-a-list", "annotation-unknown-key",
        "annotation-missing-required-field", "annotation-wrong-type", "annotation-not-utf8",
        "annotation-without-text", "text-without-annotation", "date-impossible", "date-range-ends-before-start",
        "count-negative", "count-not-integer", "stance-unknown", "event-type-unknown", "quote-empty",
        "quote-not-in-text", "quote-wrong-offsets", "quote-ambiguous", "quote-past-end", "entity-unknown",
        "entity-wrong-kind-place-as-claimant", "entity-wrong-kind-person-as-agreement", "registry-duplicate-id",
        "claim-contradicts-itself", "place-contained-in-itself", "place-containment-cycle", "agreement-one-party",
        "claim-after-article", "event-after-article",
    ):
        assert needed in names


@pytest.mark.parametrize("case_file", CASES, ids=[path.stem for path in CASES])
def test_a_bad_input_fails_cleanly_and_keeps_the_previous_output(case_file, mini_corpus, tmp_path, monkeypatch):
    case = read_case(case_file)
    expect = case["expect"]
    monkeypatch.chdir(tmp_path)  # messages then show paths relative to here, as a user sees them
    out = tmp_path / "out"

    first = run_cli("build", "--corpus", mini_corpus, "--out", out, "--quiet")
    assert first.exit_code == 0, first.stderr
    before = snapshot(out)
    assert {"kb.trig", "kb.ttl", "validation.json", "summary.json", "store"} <= before.keys()

    break_corpus(mini_corpus, case)
    result = run_cli("build", "--corpus", mini_corpus, "--out", out)
    shown = result.stdout + result.stderr

    assert result.exit_code == expect["exit"], shown
    assert "Traceback" not in shown and "internal error" not in shown, shown
    assert "nothing was written" in result.stderr
    files = as_list(expect["file"])
    lines = as_list(expect["line"]) if "line" in expect else [None] * len(files)
    for file, line in zip(files, lines, strict=True):
        where = f"corpus/{file}:{line}:" if line is not None else f"corpus/{file}:"
        assert where in result.stderr, f"the message should point at {where}\n{result.stderr}"
    for words in expect["contains"]:
        assert words in result.stderr, f"the message should say {words!r}\n{result.stderr}"

    assert snapshot(out) == before, "a failed build changed the previous output"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["corpus", "out"], "a failed build left files beside the output"


def test_a_yaml_problem_is_reported_as_file_line_field_message(mini_corpus, tmp_path, monkeypatch):
    """The shape of one message, so that editors can jump to it: `path:line: field: message`."""
    monkeypatch.chdir(tmp_path)
    break_corpus(mini_corpus, read_case(INVALID / "annotation-unknown-key.yaml"))
    result = run_cli("build", "--corpus", mini_corpus, "--out", tmp_path / "out")
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert "error: corpus/articles/a1.yaml:4: article.languag: unknown key 'languag': did you mean language? the keys here are language, attribution, byline, byline_evidence, cites, dateline, genre, licence, note, published, publisher, publisher_evidence, text_of, title, title_evidence, url" in errors
    assert re.search(r"^\d+ problem\(s\) found", result.stderr, re.MULTILINE)
    assert not (tmp_path / "out").exists()


VALIDATION_CASES = [path for path in CASES if read_case(path)["expect"]["exit"] == 1]


@pytest.mark.parametrize("case_file", VALIDATION_CASES, ids=[path.stem for path in VALIDATION_CASES])
def test_a_rebuild_finds_what_a_full_build_finds(case_file, mini_corpus, tmp_path):
    """A rebuild validates only the changed articles (on a small store of their own); it must find
    the same violations, traced to the same lines, as a full build of the broken corpus."""
    from kb.build import build
    from kb.errors import ValidationFailed

    build(mini_corpus, tmp_path / "out")
    break_corpus(mini_corpus, read_case(case_file))
    reports = []
    for full in (False, True):
        with pytest.raises(ValidationFailed) as failure:
            build(mini_corpus, tmp_path / "out", full=full)
        reports.append(failure.value.report.to_json())
    assert reports[0] == reports[1]
