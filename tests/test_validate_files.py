"""`kb validate FILE...`: external RDF checked against the shapes, and every way such a file can be wrong.

Exit codes: 0 the data conforms, 1 it does not (the SHACL report goes to stdout), 2 the file cannot
be used (missing, empty, unknown format, unparsable), with a message that names it and no traceback.
"""

from __future__ import annotations

import json

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH

from conftest import run_cli

KB = "https://w3id.org/conflict-news-kb/ontology#"
KBSH = "https://w3id.org/conflict-news-kb/shapes#"

# A claim without claimant, stance or evidence, reported in an article that is not described:
# several violations, each of a known shape.
NONCONFORMING = """\
@prefix kb: <https://w3id.org/conflict-news-kb/ontology#> .
@prefix ex: <http://example.org/> .
ex:claim a kb:Claim ;
    kb:reportedIn ex:article ;
    kb:claimText "The Northern Army denied the report." ;
    kb:directQuote false .
ex:article a kb:Article ;
    <https://schema.org/identifier> "a1" ;
    <https://schema.org/text> "The Northern Army denied the report." ;
    <https://schema.org/inLanguage> "en" ;
    kb:datePrecision kb:DayPrecision ;
    kb:genre kb:NewsReport .
"""


def clean(run) -> str:
    shown = run.stdout + run.stderr
    assert "Traceback" not in shown and "internal error" not in shown, shown
    return shown


@pytest.fixture(scope="module")
def exported(built_mini, tmp_path_factory):
    """The mini knowledge base exported in every format `kb export` writes."""
    folder = tmp_path_factory.mktemp("exported")
    files = {}
    for fmt in ("ttl", "trig", "nt", "nq", "jsonld"):
        path = folder / f"kb.{fmt}"
        run = run_cli("export", "--build", built_mini, "--format", fmt, "--output", path)
        assert run.exit_code == 0, run.stderr
        files[fmt] = path
    return files


# --- files that cannot be used: exit 2 -------------------------------------------------------


def test_a_turtle_syntax_error_names_the_file_and_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.ttl").write_text(
        '@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b "unterminated .\n', encoding="utf-8"
    )
    run = run_cli("validate", "broken.ttl")
    assert run.exit_code == 2
    assert "broken.ttl:3: not valid Turtle" in clean(run)
    assert run.stdout == ""


def test_a_json_ld_syntax_error_names_the_file_and_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.jsonld").write_text('{\n  "@id": "http://example.org/a",\n  "name": \n', encoding="utf-8")
    run = run_cli("validate", "broken.jsonld")
    assert run.exit_code == 2
    assert "broken.jsonld:" in clean(run) and "not valid JSON-LD" in run.stderr


def test_bytes_that_are_not_text_are_a_clean_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "latin1.nt").write_bytes('<http://example.org/a> <http://example.org/b> "Albé" .\n'.encode("latin-1"))
    run = run_cli("validate", "latin1.nt")
    assert run.exit_code == 2
    assert "latin1.nt:1: not valid N-Triples" in clean(run)


def test_an_unknown_format_is_refused_and_the_right_option_is_named(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data.xyz").write_text("<a> <b> <c> .\n", encoding="utf-8")
    run = run_cli("validate", "data.xyz")
    assert run.exit_code == 2
    assert "data.xyz: unknown RDF format '.xyz'" in clean(run)
    assert "--rdf-format" in run.stderr
    # and an unknown format asked for explicitly
    run = run_cli("validate", "data.xyz", "--rdf-format", "rdfxml")
    assert run.exit_code == 2 and "unknown RDF format '.rdfxml'" in clean(run)


def test_the_format_option_reads_a_file_whatever_its_extension(tmp_path, monkeypatch, exported):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data.txt").write_bytes(exported["ttl"].read_bytes())
    run = run_cli("validate", "data.txt", "--rdf-format", "ttl")
    assert run.exit_code == 0, clean(run)


def test_a_missing_file_is_named(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = run_cli("validate", "nowhere.ttl")
    assert run.exit_code == 2
    assert "nowhere.ttl: no such file" in clean(run)


@pytest.mark.parametrize("content", ["", "   \n\n"], ids=["empty", "blank"])
def test_an_empty_file_is_named(tmp_path, monkeypatch, content):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.ttl").write_text(content, encoding="utf-8")
    run = run_cli("validate", "empty.ttl")
    assert run.exit_code == 2
    assert "empty.ttl: the file is empty" in clean(run)


def test_a_folder_is_not_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder.ttl").mkdir()
    run = run_cli("validate", "folder.ttl")
    assert run.exit_code == 2
    assert "folder.ttl" in clean(run) and "is a directory" in run.stderr


def test_one_bad_file_among_good_ones_stops_the_validation(tmp_path, monkeypatch, exported):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.ttl").write_text("", encoding="utf-8")
    run = run_cli("validate", exported["ttl"], "empty.ttl")
    assert run.exit_code == 2
    assert "empty.ttl: the file is empty" in clean(run)
    assert run.stdout == ""


# --- data that does not conform: exit 1 with a report ----------------------------------------


def test_nonconforming_data_exits_1_with_a_shacl_report_on_stdout(tmp_path):
    path = tmp_path / "claim.ttl"
    path.write_text(NONCONFORMING, encoding="utf-8")
    run = run_cli("validate", path)
    assert run.exit_code == 1
    clean(run)
    for shape in ("Claim-claimant", "Claim-stance", "Claim-evidence"):
        assert f"rule {KBSH}{shape}; focus http://example.org/claim" in run.stdout
    assert "Violation: http://example.org/claim:" in run.stdout
    assert "Result: does not conform: 3 violations" in run.stdout


def test_a_json_report_parses_and_lists_the_violations(tmp_path):
    path = tmp_path / "claim.ttl"
    path.write_text(NONCONFORMING, encoding="utf-8")
    run = run_cli("validate", path, "--format", "json")
    assert run.exit_code == 1
    report = json.loads(run.stdout)
    assert report["conforms"] is False
    assert {(f["rule"], f["focus"], f["path"], f["severity"]) for f in report["findings"]} == {
        (f"{KBSH}Claim-claimant", "http://example.org/claim", f"{KB}claimant", "Violation"),
        (f"{KBSH}Claim-stance", "http://example.org/claim", f"{KB}stance", "Violation"),
        (f"{KBSH}Claim-evidence", "http://example.org/claim", f"{KB}evidence", "Violation"),
    }


def test_a_turtle_report_parses_as_a_shacl_validation_report(tmp_path):
    path = tmp_path / "claim.ttl"
    path.write_text(NONCONFORMING, encoding="utf-8")
    run = run_cli("validate", path, "--format", "turtle")
    assert run.exit_code == 1
    report = Graph().parse(data=run.stdout, format="turtle")
    node = report.value(predicate=RDF.type, object=SH.ValidationReport)
    assert report.value(node, SH.conforms) == Literal(False)
    results = list(report.objects(node, SH.result))
    assert len(results) == 3
    assert {report.value(result, SH.sourceShape) for result in results} == {
        URIRef(f"{KBSH}Claim-claimant"), URIRef(f"{KBSH}Claim-stance"), URIRef(f"{KBSH}Claim-evidence"),
    }
    assert {report.value(result, SH.focusNode) for result in results} == {URIRef("http://example.org/claim")}


# --- data that conforms: exit 0 --------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["ttl", "trig", "nt", "nq", "jsonld"])
def test_an_exported_knowledge_base_conforms(exported, fmt):
    run = run_cli("validate", exported[fmt])
    assert run.exit_code == 0, clean(run)
    assert run.stdout.startswith("Result: conforms")


@pytest.mark.parametrize("fmt, parse", [("json", json.loads), ("turtle", lambda text: Graph().parse(data=text, format="turtle"))])
def test_the_report_of_conforming_data_parses(exported, fmt, parse):
    run = run_cli("validate", exported["ttl"], "--format", fmt)
    assert run.exit_code == 0, clean(run)
    parsed = parse(run.stdout)
    if fmt == "json":
        assert parsed["conforms"] is True and parsed["findings"] == []
    else:
        node = parsed.value(predicate=RDF.type, object=SH.ValidationReport)
        assert parsed.value(node, SH.conforms) == Literal(True)
        assert list(parsed.objects(node, SH.result)) == []


@pytest.mark.parametrize("shift", [1, 100_000])
def test_a_quote_moved_off_its_offsets_is_found(tmp_path, exported, shift):
    """The quality check that each quote is its article's text at its offsets, also past the text's end."""
    import pyoxigraph as ox

    oa = "http://www.w3.org/ns/oa#"
    quads = list(ox.parse(exported["trig"].read_bytes(), format=ox.RdfFormat.TRIG))
    evidence = min(q.subject.value for q in quads if q.predicate.value == oa + "start")
    moved = []
    for quad in quads:
        if quad.subject.value == evidence and quad.predicate.value in (oa + "start", oa + "end"):
            quad = ox.Quad(quad.subject, quad.predicate, ox.Literal(str(int(quad.object.value) + shift),
                           datatype=quad.object.datatype), quad.graph_name)
        moved.append(quad)
    path = tmp_path / "moved.trig"
    path.write_bytes(ox.serialize(moved, format=ox.RdfFormat.TRIG))
    run = run_cli("validate", path, "--format", "json")
    assert run.exit_code == 1, clean(run)
    findings = json.loads(run.stdout)["findings"]
    assert [(f["rule"].rsplit("#", 1)[-1], f["focus"]) for f in findings] == [("evidence-offsets-violation", evidence)]


# --- the compiled shapes report what pySHACL reports ------------------------------------------


def damaged(exported, tmp_path):
    """The mini knowledge base as TriG with a violation of many kinds: triples left out, values of
    the wrong datatype, a blank node where an IRI belongs, and a node given a second value of a
    property in another graph (two values in the union, one in each graph)."""
    import pyoxigraph as ox

    xsd = "http://www.w3.org/2001/XMLSchema#"
    quads = list(ox.parse(exported["trig"].read_bytes(), format=ox.RdfFormat.TRIG))
    out, seen = [], {}
    for index, quad in enumerate(quads):
        obj = quad.object
        if index % 37 == 0:
            continue
        if index % 41 == 0 and isinstance(obj, ox.Literal) and obj.datatype.value in (xsd + "date", xsd + "integer"):
            obj = ox.Literal(obj.value + "x")
        if index % 43 == 0 and isinstance(obj, ox.NamedNode) and quad.predicate.value.startswith(KB):
            obj = ox.BlankNode("b" + str(index))
        out.append(ox.Quad(quad.subject, quad.predicate, obj, quad.graph_name))
        if isinstance(obj, ox.Literal) and obj.datatype.value == xsd + "date":
            seen.setdefault(quad.predicate.value, (quad, []))[1].append(quad.graph_name)
    for quad, graphs in seen.values():
        other = ox.NamedNode("http://example.org/other-graph")
        out.append(ox.Quad(quad.subject, quad.predicate, ox.Literal("1999-01-01", datatype=ox.NamedNode(xsd + "date")),
                           other))
    path = tmp_path / "damaged.trig"
    path.write_bytes(ox.serialize(out, format=ox.RdfFormat.TRIG))
    return path


@pytest.mark.parametrize("in_workers", [False, True], ids=["in-process", "in-workers"])
@pytest.mark.parametrize("case", ["nonconforming", "damaged", "ttl", "trig", "nt", "jsonld"])
def test_the_compiled_shapes_report_exactly_what_pyshacl_reports(case, exported, tmp_path, monkeypatch, in_workers):
    from kb import rdf_files, validate
    from kb.rdf_files import reference_report, validate_files

    forked = []
    if in_workers:  # the checks in forked workers, which share the in-memory stores
        original = validate.forked_map
        monkeypatch.setattr(rdf_files, "_PARALLEL_FROM", 0)
        monkeypatch.setattr(validate, "forked_map", lambda *args: forked.append(found := original(*args)) or found)
    if case == "nonconforming":
        path = tmp_path / "claim.ttl"
        path.write_text(NONCONFORMING, encoding="utf-8")
    elif case == "damaged":
        path = damaged(exported, tmp_path)
    else:
        path = exported[case]
    lines = []
    compiled, reference = validate_files([path], progress=lines.append), reference_report([path])
    assert compiled.to_json() == reference.to_json()
    assert lines and lines[0].startswith("read ")
    assert bool(forked) == in_workers and all(found is not None for found in forked)
    if case in ("nonconforming", "damaged"):
        assert not compiled.conforms and len({f.component for f in compiled.findings}) >= (1 if case == "nonconforming" else 4)
