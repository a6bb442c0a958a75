"""Reading input never executes code, fetches anything from the network, or reads other files.

Annotations are YAML read with a safe loader: language-specific tags are refused, not run. RDF given
to `kb validate` is parsed without remote JSON-LD contexts, owl:imports or external XML entities.
A small HTTP server on 127.0.0.1 stands in for the network: it records every request it gets, and
every test asserts that it got none.
"""

from __future__ import annotations

import http.server
import re
import threading
import time

import pytest

from conftest import MINI, run_cli


@pytest.fixture
def server():
    """A local HTTP server that answers anything with a JSON-LD context, and records each request."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # the name http.server calls
            requests.append(self.path)
            body = b'{"@context": {"name": "http://schema.org/name"}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield url, requests
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_the_server_would_see_a_request(server):
    """The witness works: a real fetch is recorded (so an empty record below means no fetch)."""
    import urllib.request

    url, requests = server
    with urllib.request.urlopen(f"{url}/probe") as response:
        assert response.status == 200
    assert requests == ["/probe"]


def clean(run) -> str:
    shown = run.stdout + run.stderr
    assert "Traceback" not in shown and "internal error" not in shown, shown
    return shown


# --- YAML never runs code -------------------------------------------------------------------


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system [\"touch {marker}\"]",
    "!!python/object/apply:subprocess.check_call [[touch, \"{marker}\"]]",
    "!!python/object/new:subprocess.Popen [[touch, \"{marker}\"]]",
    "!!python/name:os.system",
    "!include {marker}",
], ids=["os.system", "subprocess.check_call", "subprocess.Popen", "python-name", "include"])
def test_a_yaml_code_tag_in_an_annotation_is_refused_and_nothing_runs(tag, mini_corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "ran"
    annotation = mini_corpus / "articles" / "a1.yaml"
    text = annotation.read_text(encoding="utf-8")
    annotation.write_text(text.replace("  dateline: geneva\n", f"  dateline: {tag.format(marker=marker)}\n"), encoding="utf-8")
    run = run_cli("build", "--corpus", mini_corpus, "--out", tmp_path / "out")
    assert run.exit_code == 2
    assert "corpus/articles/a1.yaml:5: YAML syntax error" in clean(run)
    assert "could not determine a constructor for the tag" in run.stderr
    assert not marker.exists()
    assert not (tmp_path / "out").exists()


def test_a_yaml_code_tag_in_the_registry_is_refused_and_nothing_runs(mini_corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "ran"
    registry = mini_corpus / "registry" / "extra.yaml"
    registry.write_text(f'- !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    run = run_cli("check", "--corpus", mini_corpus)
    assert run.exit_code == 2
    assert "corpus/registry/extra.yaml:1: YAML syntax error" in clean(run)
    assert not marker.exists()


def test_an_exponential_yaml_alias_bomb_is_read_quickly_and_refused(mini_corpus, tmp_path, monkeypatch):
    """'Billion laughs': nine levels of nine aliases; the models refuse it without expanding it."""
    monkeypatch.chdir(tmp_path)
    levels = ['lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"lol{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    annotation = mini_corpus / "articles" / "a2.yaml"
    annotation.write_text("\n".join(levels) + "\n" + annotation.read_text(encoding="utf-8"), encoding="utf-8")
    started = time.perf_counter()
    run = run_cli("check", "--corpus", mini_corpus)
    assert time.perf_counter() - started < 10
    assert run.exit_code == 2
    assert "corpus/articles/a2.yaml:10: lol9: unknown key" in clean(run)


def test_yaml_nested_too_deeply_is_a_clean_error(mini_corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    annotation = mini_corpus / "articles" / "a1.yaml"
    text = annotation.read_text(encoding="utf-8")
    deep = "{a: " * 5000 + "1" + "}" * 5000
    annotation.write_text(text.replace("  language: en\n", f"  language: en\n  note: {deep}\n"), encoding="utf-8")
    run = run_cli("check", "--corpus", mini_corpus)
    assert run.exit_code == 2
    # PyYAML 6.0.4 and later stop at a nesting limit of their own (with a line); older ones recurse
    # until Python's limit, which the reader turns into the same kind of message
    assert re.search(r"corpus/articles/a1\.yaml(:\d+)?: (the YAML is nested too deeply to be read"
                     r"|YAML syntax error: exceeded maximum nesting depth)", clean(run)), clean(run)


# --- RDF never fetches ----------------------------------------------------------------------


@pytest.mark.parametrize("context", [
    '"{url}/context.jsonld"',
    '["{url}/context.jsonld", {{"ex": "http://example.org/"}}]',
    '{{"@import": "{url}/context.jsonld", "ex": "http://example.org/"}}',
    '{{"ex": "http://example.org/", "ex:knows": {{"@context": "{url}/scoped.jsonld"}}}}',
], ids=["remote", "remote-in-a-list", "import", "scoped"])
def test_a_remote_json_ld_context_is_not_fetched(context, server, tmp_path, monkeypatch):
    url, requests = server
    monkeypatch.chdir(tmp_path)
    document = f'{{"@context": {context.format(url=url)}, "@id": "http://example.org/a", "ex:knows": {{"name": "x"}}}}'
    (tmp_path / "remote.jsonld").write_text(document, encoding="utf-8")
    run = run_cli("validate", "remote.jsonld")
    shown = clean(run)
    assert requests == []
    # oxigraph has no document loader: a context it would have to fetch is a clean input error
    assert run.exit_code == 2
    assert "remote.jsonld" in shown and "remote context" in shown


def test_owl_imports_and_remote_iris_in_turtle_are_not_followed(server, tmp_path, monkeypatch):
    url, requests = server
    monkeypatch.chdir(tmp_path)
    (tmp_path / "imports.ttl").write_text(
        f"@base <{url}/base/> .\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        f"<> owl:imports <{url}/ontology.ttl> .\n"
        f"<{url}/thing> <http://www.w3.org/2000/01/rdf-schema#seeAlso> <{url}/more.ttl> .\n",
        encoding="utf-8",
    )
    run = run_cli("validate", "imports.ttl")
    clean(run)
    assert run.exit_code == 0
    assert requests == []


def test_rdf_xml_with_an_external_entity_is_refused_unread(server, tmp_path, monkeypatch):
    url, requests = server
    monkeypatch.chdir(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret\n", encoding="utf-8")
    document = (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE rdf:RDF [<!ENTITY remote SYSTEM "{url}/entity"> <!ENTITY local SYSTEM "{secret.as_uri()}">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about="http://example.org/a"><rdf:value>&remote;&local;</rdf:value></rdf:Description>\n'
        "</rdf:RDF>\n"
    )
    (tmp_path / "entities.rdf").write_text(document, encoding="utf-8")
    (tmp_path / "entities.ttl").write_text(document, encoding="utf-8")
    # RDF/XML is not a format `kb validate` reads at all ...
    for args in (["entities.rdf"], ["entities.rdf", "--rdf-format", "xml"]):
        run = run_cli("validate", *args)
        assert run.exit_code == 2 and "unknown RDF format" in clean(run)
    # ... and the same bytes read as Turtle are a syntax error, not an entity expansion
    run = run_cli("validate", "entities.ttl")
    assert run.exit_code == 2 and "entities.ttl:1: not valid Turtle" in clean(run)
    assert "top secret" not in run.stdout + run.stderr
    assert requests == []


def test_building_a_corpus_fetches_none_of_its_urls(server, mini_corpus, tmp_path, monkeypatch):
    """An article's url is data: the build records it and never visits it."""
    url, requests = server
    monkeypatch.chdir(tmp_path)
    annotation = mini_corpus / "articles" / "a1.yaml"
    text = annotation.read_text(encoding="utf-8")
    annotation.write_text(text.replace("  language: en\n", f"  language: en\n  url: {url}/article\n"), encoding="utf-8")
    run = run_cli("build", "--corpus", mini_corpus, "--out", tmp_path / "out", "--quiet")
    assert run.exit_code == 0, clean(run)
    assert f"{url}/article" in (tmp_path / "out" / "kb.ttl").read_text(encoding="utf-8")
    assert requests == []


def test_the_unmodified_fixture_corpus_is_safe_to_read():
    """The fixtures above start from a corpus that builds: their failures come from the defect alone."""
    run = run_cli("check", "--corpus", MINI)
    assert run.exit_code == 0, run.stderr
