"""The curator's guide, docs/curating.md: its worked example runs as it shows (from `kb new` to a
clean build and the queries), its examples are copied from the seed corpus, and its error messages
are the ones `kb build` prints for the breakages it describes."""

from __future__ import annotations

import json
import re
import shlex
import shutil

import pytest
from conftest import MINI, REPO, run_cli

GUIDE = REPO / "docs" / "curating.md"
FENCE = re.compile(r'^```(?P<lang>\w+)(?: title="(?P<title>[^"]*)")?\n(?P<body>.*?)^```$', re.MULTILINE | re.DOTALL)
BREAK = re.compile(r"<!-- break: (?P<spec>\{.*?\}) -->\n```text\n\$ kb build\n(?P<message>.*?)```", re.DOTALL)


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def section(heading: str) -> str:
    text = guide()
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start: end if end != -1 else len(text)]


def console_steps(body: str) -> list[tuple[str, str]]:
    steps: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    return [(command, "\n".join(output)) for command, output in steps]


def is_subsequence(lines: list[str], of: list[str]) -> bool:
    it = iter(of)
    return all(any(line == candidate for candidate in it) for line in lines)


def normalized(text: str, mask_numbers: bool = False) -> str:
    text = " ".join(text.replace("\r\n", "\n").split())
    return re.sub(r"\d+", "N", text) if mask_numbers else text


def test_the_guide_is_linked_from_the_readme_with_kb_new():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "docs/curating.md" in readme
    assert "`kb new" in readme


def test_the_guide_covers_each_kind_of_fact_and_judgement_call():
    text = guide()
    for heading in ("Actors", "Places and containment", "Agreements and provisions", "Events and outcomes",
                    "Claims", "Contradictions and denials", "Alleged violations", "Skipped sentences",
                    "Narrated or attributed", "Approximate dates", "Conflicting figures", "Translation slips",
                    "A new entity or an alias", "Common errors", "A worked example"):
        assert re.search(rf"^##+ {re.escape(heading)}", text, re.MULTILINE), heading


def test_the_examples_are_copied_from_the_seed_corpus():
    """Excerpts of the bundled corpus, and of the fixture corpus of the kinds of text it lacks."""
    excerpts = [m for m in FENCE.finditer(guide()) if (m["title"] or "").endswith("(excerpt)")
                and (m["title"] or "").startswith(("corpus/", "tests/fixtures/")) and "(draft" not in m["title"]]
    assert len(excerpts) >= 15
    seen_files = set()
    for m in excerpts:
        path = REPO / m["title"].removesuffix(" (excerpt)")
        assert path.is_file(), m["title"]
        lines = m["body"].rstrip("\n").splitlines()
        source = path.read_text(encoding="utf-8").splitlines()
        assert is_subsequence(lines, source), f"{m['title']}: the excerpt is not in the file as shown:\n{m['body']}"
        seen_files.add(path.name)
    # every seed article lends an example
    assert {p.name for p in (REPO / "corpus" / "articles").glob("*.yaml")} <= seen_files


def test_the_error_messages_are_the_ones_kb_prints(tmp_path, monkeypatch):
    breakages = list(BREAK.finditer(section("Common errors")))
    assert len(breakages) >= 12
    monkeypatch.chdir(tmp_path)
    for index, m in enumerate(breakages):
        spec = json.loads(m["spec"])
        corpus = tmp_path / "corpus"
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.copytree(MINI, corpus)
        target = corpus / spec["file"]
        if "replace" in spec:
            old, new = spec["replace"]
            content = target.read_text(encoding="utf-8")
            assert old in content, spec
            target.write_text(content.replace(old, new, 1), encoding="utf-8")
        else:
            target.write_text(spec["write"], encoding="utf-8")
        result = run_cli("build", "--quiet", "--out", tmp_path / f"out{index}")
        shown = m["message"].rstrip("\n").splitlines()
        assert result.exit_code == (1 if shown[0].startswith("Violation") else 2), (spec, result.stderr)
        printed = (result.stdout + result.stderr).splitlines()
        for line in shown:
            assert line in printed, f"{spec}: the guide shows\n{line}\nbut kb printed\n" + "\n".join(printed)
        assert not (tmp_path / f"out{index}").exists()


def test_the_worked_example_runs_as_the_guide_shows(tmp_path, monkeypatch):
    shutil.copytree(MINI, tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    example = section("A worked example")
    blocks = list(FENCE.finditer(example))
    kinds = [(m["lang"], m["title"]) for m in blocks]
    assert ("text", "a3.txt") in kinds and ("yaml", "corpus/articles/a3.yaml") in kinds
    queries = 0
    for m in blocks:
        lang, title, body = m["lang"], m["title"], m["body"]
        if lang == "text" and title:
            (tmp_path / title).write_text(body, encoding="utf-8")
        elif lang == "yaml" and title and title.endswith("(draft, excerpt)"):
            draft = (tmp_path / title.split(" ")[0]).read_text(encoding="utf-8").splitlines()
            lines = body.rstrip("\n").splitlines()
            assert len(lines) > 10 and is_subsequence(lines, draft), "the draft excerpt is not what kb new wrote"
        elif lang == "yaml" and title:
            target = tmp_path / title
            if title == "corpus/articles/a3.yaml":
                assert "# claims:" in target.read_text(encoding="utf-8")  # the draft is there, to be replaced
            target.write_text(body, encoding="utf-8")
        elif lang == "console":
            for command, expected in console_steps(body):
                args = shlex.split(command)
                assert args[0] == "kb", command
                result = run_cli(*args[1:])
                output = result.stdout
                if args[1] == "coverage" and " 0 uncovered" not in output:
                    assert result.exit_code == 1, (command, result.stderr)
                else:
                    assert result.exit_code == 0, (command, output, result.stderr)
                if args[1] == "query":
                    queries += 1
                    rows = expected.splitlines()
                    assert len(rows) >= 2, f"{command}: the guide shows no rows"
                    assert output.replace("\r\n", "\n").rstrip("\n") == expected.rstrip("\n"), command
                else:
                    mask = args[1] in ("check", "build")
                    assert normalized(output, mask) == normalized(expected, mask), (command, output)
    assert queries >= 3
    assert (tmp_path / "build" / "kb.trig").is_file()


@pytest.mark.parametrize("name", ["a3.txt"])
def test_the_example_text_holds_what_its_annotation_quotes(name):
    """The finished annotation of the worked example quotes its text verbatim (checked again by the
    build above; this names the culprit when the two blocks drift apart)."""
    import yaml

    example = section("A worked example")
    files = {m["title"]: m["body"] for m in FENCE.finditer(example) if m["title"]}
    text, annotation = files[name], yaml.safe_load(files["corpus/articles/a3.yaml"])
    quotes = [annotation["article"]["published"]["evidence"], annotation["roles"][0]["evidence"]]
    quotes += [claim["said"] for claim in annotation["claims"]]
    assert all(quote in text for quote in quotes)
