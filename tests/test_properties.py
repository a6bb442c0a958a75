"""Property: whatever is done to valid annotations, a build succeeds or fails cleanly, all or nothing.

Hypothesis mutates the fixture corpus's annotations and registry at random (deletes a key, changes a
value's type, replaces a string, duplicates a list item, swaps an id, truncates a quote, adds a
key...) and builds. Every outcome must be a success or one of the library's own errors, each
problem located at a line of a corpus file; never another exception. After a failure the previous output
must be byte-for-byte as it was, with nothing left beside it.
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kb import api
from kb.errors import CorpusError, InputError, KbError, ValidationFailed

from conftest import MINI

FILES = ("articles/a1.yaml", "articles/a2.yaml", "registry/entities.yaml")
ORIGINAL = {name: yaml.safe_load((MINI / name).read_text(encoding="utf-8")) for name in FILES}
IDS = sorted(entity["id"] for entity in ORIGINAL["registry/entities.yaml"])
ODD_VALUES = [None, 0, -1, 2.5, True, "", " ", "x", [], {}, [1, 2], {"key": "value"}, "2020-02-30", 10**30]
ODD_STRINGS = [
    "", "Northern Army", "Alba", "a1#ministry-report", "2021-13-01", "asserts", "Shelling", "not-an-id!",
    "[/bold] [red]", "ünïcödé “quotes”", "line\nbreak", "\t", "%s {0} \\N", "x" * 300,
]


def paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """The path of every value in a YAML document (keys and list indexes), the root excepted."""
    found = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for key, value in items:
        found.append(prefix + (key,))
        found += paths(value, prefix + (key,))
    return found


def parent_and_key(document: Any, path: tuple) -> tuple[Any, Any]:
    node = document
    for step in path[:-1]:
        node = node[step]
    return node, path[-1]


def value_at(document: Any, path: tuple) -> Any:
    parent, key = parent_and_key(document, path)
    return parent[key]


def odd(draw, values: list) -> Any:
    return copy.deepcopy(draw(st.sampled_from(values)))  # a fresh copy: the lists and dicts above are shared


DATE_KEYS = ("date", "from", "to", "deadline")
# which values each kind of change applies to: (parent, key, value) -> bool
APPLIES = {
    "delete": lambda parent, key, value: True,
    "retype": lambda parent, key, value: True,
    "restring": lambda parent, key, value: isinstance(value, str),
    "duplicate": lambda parent, key, value: isinstance(parent, list),
    "swap-id": lambda parent, key, value: value in IDS,
    "truncate": lambda parent, key, value: isinstance(value, str) and len(value) > 1,
    "add-key": lambda parent, key, value: isinstance(value, dict),
    "wrap-in-list": lambda parent, key, value: True,
    "redate": lambda parent, key, value: key in DATE_KEYS and not isinstance(value, dict),
}


@st.composite
def mutation(draw, documents: dict) -> str:
    """Apply one random change to one of `documents`, in place; return what was done."""
    name = draw(st.sampled_from(FILES))
    document = documents[name]
    kind = draw(st.sampled_from(sorted(APPLIES)))
    candidates = [path for path in paths(document) if APPLIES[kind](*parent_and_key(document, path), value_at(document, path))]
    if not candidates:  # nothing of that sort left in this document: change a value's type instead
        kind, candidates = "retype", paths(document) or [()]
    path = draw(st.sampled_from(candidates))
    if not path:  # the document is no longer a mapping or a list: replace it whole
        documents[name] = odd(draw, ODD_VALUES)
        return f"replace {name}"
    parent, key = parent_and_key(document, path)
    value = parent[key]
    if kind == "delete":
        del parent[key]
    elif kind == "retype":
        parent[key] = odd(draw, ODD_VALUES)
    elif kind == "restring":
        parent[key] = draw(st.sampled_from(ODD_STRINGS) | st.text(max_size=20))
    elif kind == "duplicate":
        parent.insert(key, copy.deepcopy(value))
    elif kind == "swap-id":
        parent[key] = draw(st.sampled_from(IDS))
    elif kind == "truncate":
        cut = draw(st.integers(1, len(value) - 1))
        parent[key] = value[:cut] if draw(st.booleans()) else value[cut:]
    elif kind == "add-key":
        value[draw(st.sampled_from(["note", "evidence", "date", "start", "id", "typo", "quote"]))] = odd(
            draw, ODD_VALUES + ODD_STRINGS
        )
    elif kind == "wrap-in-list":
        parent[key] = [value]
    elif kind == "redate":
        # a real date, but perhaps after the article, or a range the wrong way round: the quality checks' turn
        day = draw(st.dates(dt.date(2018, 1, 1), dt.date(2022, 12, 31))).isoformat()
        parent[key] = day[: draw(st.sampled_from([4, 7, 10]))]
    return f"{kind} {name}:{'.'.join(map(str, path))}"


def snapshot(folder: Path) -> dict[str, bytes | None]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() if path.is_file() else None
        for path in sorted(folder.rglob("*"))
    }


@pytest.fixture(scope="module")
def previous_output(tmp_path_factory) -> tuple[Path, dict]:
    """A build of the unchanged corpus, copied as the 'previous output' of every example."""
    out = tmp_path_factory.mktemp("previous") / "out"
    api.build(MINI, out)
    return out, snapshot(out)


def test_the_mutations_start_from_a_corpus_that_builds(previous_output):
    _, before = previous_output
    assert before.get("kb.trig")
    assert len(paths(ORIGINAL["articles/a1.yaml"])) > 100


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_any_mutation_builds_or_fails_cleanly_leaving_the_previous_output(data, previous_output):
    pristine_out, before = previous_output
    documents = copy.deepcopy(ORIGINAL)
    done = [data.draw(mutation(documents)) for _ in range(data.draw(st.integers(1, 3)))]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        corpus, out = root / "corpus", root / "out"
        shutil.copytree(MINI, corpus)
        shutil.copytree(pristine_out, out)
        for name, document in documents.items():
            (corpus / name).write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
        try:
            result = api.build(corpus, out)
        except (CorpusError, ValidationFailed, InputError) as err:
            event(type(err).__name__)  # shown by pytest --hypothesis-show-statistics
            if isinstance(err, CorpusError):
                assert err.problems, done
                for problem in err.problems:  # each at a line of the file changed: no file here is empty
                    assert problem.message and any(problem.file.endswith(name) for name in FILES), (done, str(problem))
                    assert problem.line is not None, (done, str(problem))
            elif isinstance(err, ValidationFailed):
                assert not err.report.conforms, done
            assert snapshot(out) == before, f"a failed build changed the previous output after {done}"
        except KbError as err:  # any other library error is a wrong kind of failure for a build
            pytest.fail(f"{type(err).__name__} after {done}: {err}")
        else:
            event("success")
            assert result.report.conforms, done
            assert (out / "kb.trig").is_file() and (out / "store").is_dir()
        assert sorted(path.name for path in root.iterdir()) == ["corpus", "out"], done
