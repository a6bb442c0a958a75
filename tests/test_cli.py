"""End-to-end through the `kb` command: the success paths, the exit codes, and the output formats."""

import csv
import io
import json

import pytest
from rdflib import Dataset, Graph

from conftest import MINI, run_cli

COMMANDS = ["build", "check", "validate", "query", "export", "coverage", "serve", "push", "new", "report", "show"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = run_cli(command, "--help")
    assert result.exit_code == 0
    assert "Usage" in result.stdout and "--help" in result.stdout


def test_no_arguments_shows_help_and_the_exit_codes():
    result = run_cli("--help")
    assert result.exit_code == 0
    assert "Exit codes" in result.stdout
    for command in COMMANDS:
        assert command in result.stdout


def test_build_prints_a_summary_and_writes_the_files(tmp_path):
    result = run_cli("build", "--corpus", MINI, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert "built from 2 articles" in result.stdout
    assert "  claims                       4" in result.stdout
    assert "claims" in result.stdout and "triples" in result.stdout
    assert "validation: conforms" in result.stdout
    assert (tmp_path / "out" / "kb.trig").is_file() and (tmp_path / "out" / "kb.ttl").is_file()
    assert "… validate" in result.stderr  # progress goes to stderr


def test_a_broken_corpus_exits_2_with_file_and_line(mini_corpus, tmp_path):
    annotation = mini_corpus / "articles" / "a1.yaml"
    annotation.write_text(annotation.read_text().replace("stance: denies", "stance: deny"))
    result = run_cli("build", "--corpus", mini_corpus, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "articles/a1.yaml:" in result.stderr and "stance" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "out").exists()


def test_check_one_article(mini_corpus):
    result = run_cli("check", "a2", "--corpus", mini_corpus)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "conforms" in result.stdout


def test_check_an_unknown_article_exits_2(mini_corpus):
    result = run_cli("check", "zz", "--corpus", mini_corpus)
    assert result.exit_code == 2 and "no such article" in result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "build"
    assert run_cli("build", "--corpus", MINI, "--out", out, "--quiet").exit_code == 0
    return out


def test_query_list_shows_names_descriptions_and_parameters():
    result = run_cli("query", "--list")
    assert result.exit_code == 0
    assert "claims-by-actor  [actor=iri about=iri?]" in result.stdout
    assert "Claims by an actor" in result.stdout


def test_named_query_with_a_parameter_as_csv(built):
    result = run_cli("query", "claims-by-actor", "--param", "actor=southern-ministry", "--format", "csv", "--build", built)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {row["said"][:30] for row in rows} == {
        "The Northern Army shelled the ", "four soldiers of the Southern ",
    }
    denied = [row for row in rows if row["contested_by"]]
    assert denied and "Northern Army" in denied[0]["contested_by"]


@pytest.mark.parametrize("fmt, check", [
    ("json", lambda out: json.loads(out)["head"]["vars"][0] == "claim"),
    ("tsv", lambda out: out.startswith("?claim\t")),
    ("xml", lambda out: "<sparql" in out),
    ("table", lambda out: "Jane" not in out and "Southern Ministry" not in out and "claim" in out),
])
def test_result_formats(built, fmt, check):
    result = run_cli("query", "claims-by-actor", "-p", "actor=northern-army", "-f", fmt, "--build", built)
    assert result.exit_code == 0, result.stderr
    assert check(result.stdout)


def test_query_from_text_and_from_a_file(built, tmp_path):
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?c a <https://w3id.org/conflict-news-kb/ontology#Claim> }"
    result = run_cli("query", "--sparql", text, "-f", "csv", "--build", built)
    assert result.stdout.splitlines() == ["n", "4"]
    query_file = tmp_path / "q.rq"
    query_file.write_text("#+ param: who iri The claimant\n" + text.replace("}", "; <https://w3id.org/conflict-news-kb/ontology#claimant> ?who }"))
    result = run_cli("query", "--file", query_file, "-p", "who=jane-roe", "-f", "csv", "--build", built)
    assert result.stdout.splitlines() == ["n", "1"]


def test_parameters_are_data_not_query_text(built):
    sneaky = 'x" } UNION { ?s ?p ?o } #'
    result = run_cli("query", "entity-names", "-p", f"entity={sneaky}", "-f", "csv", "--build", built)
    assert result.exit_code == 2 and "neither an entity id nor an IRI" in result.stderr


@pytest.mark.parametrize("args, complaint", [
    (["query", "no-such-query"], "no named query"),
    (["query", "claims-by-actor"], "needs --param actor=VALUE"),
    (["query", "claims-by-actor", "-p", "actor=x", "-p", "colour=red"], "has no parameter colour"),
    (["query", "--sparql", "SELECT WHERE {"], "not valid SPARQL"),
    (["query", "timeline", "--build", "/nonexistent"], "run `kb build` first"),
])
def test_query_errors_exit_2_with_a_message(built, args, complaint):
    if "--build" not in args:
        args = args + ["--build", str(built)]
    result = run_cli(*args)
    assert result.exit_code == 2
    assert complaint in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("fmt, parse", [
    ("ttl", lambda data: len(Graph().parse(data=data, format="turtle"))),
    ("nt", lambda data: len(Graph().parse(data=data, format="nt"))),
    ("trig", lambda data: len(Dataset().parse(data=data, format="trig"))),
    ("nq", lambda data: len(Dataset().parse(data=data, format="nquads"))),
    ("jsonld", lambda data: len(Dataset().parse(data=data, format="json-ld"))),
])
def test_export_formats_parse_back(built, fmt, parse):
    result = run_cli("export", "--format", fmt, "--build", built)
    assert result.exit_code == 0, result.stderr
    assert parse(result.stdout) > 100


def test_export_to_a_file_equals_the_built_trig(built, tmp_path):
    target = tmp_path / "kb.trig"
    assert run_cli("export", "-f", "trig", "-o", target, "--build", built).exit_code == 0
    assert target.read_bytes() == (built / "kb.trig").read_bytes()


def test_validate_the_corpus_and_an_exported_file(built, tmp_path):
    assert run_cli("validate", "--corpus", MINI).exit_code == 0
    result = run_cli("validate", built / "kb.ttl")
    assert result.exit_code == 0 and "conforms" in result.stdout


def test_coverage_lists_sentences_and_exits_1_when_some_are_uncovered(mini_corpus):
    result = run_cli("coverage", "--corpus", mini_corpus, "--all")
    assert result.exit_code == 0
    assert "a1: 7 sentences, 6 cited, 1 skipped, 0 uncovered" in result.stdout
    annotation = mini_corpus / "articles" / "a2.yaml"
    text = annotation.read_text()
    annotation.write_text(text[: text.index("skipped:")])
    result = run_cli("coverage", "--corpus", mini_corpus)
    assert result.exit_code == 1
    assert "uncovered" in result.stdout and "Northland did not comment." in result.stdout
