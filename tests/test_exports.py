"""What `kb build` and `kb export` write: kb.ttl holds each triple once, files get the usual mode,
and JSON-LD is compacted with the project's prefixes."""

import json
import os
import subprocess
import sys

import pyoxigraph as ox

from kb.vocabulary import PREFIXES

from conftest import run_cli


def test_kb_ttl_holds_each_triple_once(built_seed):
    triples = [quad.triple for quad in ox.parse(path=str(built_seed / "kb.ttl"), format=ox.RdfFormat.TURTLE)]
    union = {quad.triple for quad in ox.parse(path=str(built_seed / "kb.trig"), format=ox.RdfFormat.TRIG)}
    assert len(triples) == len(set(triples)) == len(union)
    assert set(triples) == union
    summary = json.loads((built_seed / "summary.json").read_text())
    assert summary["distinct_triples"] == len(union) < summary["triples"]


def test_the_build_summary_explains_its_counts(tmp_path):
    result = run_cli("build", "--out", tmp_path / "build")
    assert result.exit_code == 0, result.stderr
    import re

    import pyoxigraph as ox

    found = re.search(r"(\d+) statements in (\d+) graphs \((\d+) distinct triples", result.stdout)
    assert found, result.stdout
    statements, graphs, distinct = map(int, found.groups())
    quads = list(ox.parse((tmp_path / "build" / "kb.trig").read_bytes(), format=ox.RdfFormat.TRIG))
    assert statements == len(quads) and graphs == len({q.graph_name for q in quads})
    assert distinct == len({q.triple for q in quads}) < statements


def test_an_exported_file_has_the_usual_mode(built_seed, tmp_path):
    target = tmp_path / "kb.nt"
    previous = os.umask(0o022)
    try:
        assert run_cli("export", "--build", built_seed, "--format", "nt", "--output", target).exit_code == 0
    finally:
        os.umask(previous)
    assert target.stat().st_mode & 0o777 == 0o644


def test_jsonld_is_compacted_with_the_prefixes_and_deterministic(built_seed):
    runs = [subprocess.run([sys.executable, "-m", "kb", "export", "--build", str(built_seed), "--format", "jsonld"],
                           capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}, check=True).stdout
            for seed in ("1", "2")]
    assert runs[0] == runs[1]
    document = json.loads(runs[0])
    assert document["@context"] == {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    assert '"kb:claimText"' in runs[0].decode() and "ontology#claimText" not in runs[0].decode()
    quads = {quad for quad in ox.parse(runs[0], format=ox.RdfFormat.JSON_LD)}
    expected = set(ox.parse(path=str(built_seed / "kb.trig"), format=ox.RdfFormat.TRIG))
    assert quads == expected
