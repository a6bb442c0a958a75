"""`kb push` and `kb query --endpoint` against two real stores, Oxigraph's server and Virtuoso 7,
started on loopback by the tests (`tests/stores.py`): every named query gives the same rows there
as on the embedded store.

Rows are compared as sets. The parts of a GROUP_CONCAT are compared as a set too: SPARQL leaves
their order to the engine, and Virtuoso joins them in another order than Oxigraph.
"""

from __future__ import annotations

import collections
import os

import pytest
from rdflib.plugins.sparql import parser
from rdflib.plugins.sparql.parserutils import CompValue

from kb import api, remote
from kb.credentials import Credentials

from conftest import run_cli
from stores import VIRTUOSO_PASSWORD, VIRTUOSO_USER, start_oxigraph, start_virtuoso
from test_push import MINI_PARAMS
from test_query_order import SEED_PARAMS

# the Sochi agreement creates no zone; the Astana one does
SEED_STORE_PARAMS = SEED_PARAMS | {"agreement-zones": {"agreement": "astana-agreement-2017"}}

SECRET_VARIABLE = "KB_TEST_STORE_CREDENTIALS"


@pytest.fixture(scope="module")
def stores(built_mini, tmp_path_factory):
    """Both stores, started and pushed to; stopped at the end of the module."""
    folder = tmp_path_factory.mktemp("stores")
    started = []
    try:
        started.append(("oxigraph", start_oxigraph(folder / "oxigraph")))
        try:
            started.append(("virtuoso", start_virtuoso(folder / "virtuoso")))
        except RuntimeError as err:
            pytest.fail(str(err))
        running = dict(started)
        api.push(built_mini, running["oxigraph"].store)
        api.push(built_mini, running["virtuoso"].store,
                 credentials=Credentials(VIRTUOSO_USER, VIRTUOSO_PASSWORD, "the test"))
        yield running
    finally:
        for _, store in started:
            store.stop()


@pytest.fixture(scope="module")
def seed_virtuoso(built_seed, tmp_path_factory):
    """A second Virtuoso holding the bundled corpus, whose queries have rows where the fixture's have none."""
    try:
        store = start_virtuoso(tmp_path_factory.mktemp("seed-virtuoso"))
    except RuntimeError as err:
        pytest.fail(str(err))
    try:
        api.push(built_seed, store.store, credentials=Credentials(VIRTUOSO_USER, VIRTUOSO_PASSWORD, "the test"))
        yield store
    finally:
        store.stop()


@pytest.fixture(autouse=True)
def _short_timeout(monkeypatch):
    monkeypatch.setattr(remote, "TIMEOUT", 30)


def _nodes(tree):
    """Every CompValue in a parsed query, depth first."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
        if isinstance(node, (CompValue, dict)):
            stack.extend(dict.values(node))
        elif isinstance(node, (list, tuple)):
            stack.extend(node)


def concatenated(text: str) -> dict[str, str]:
    """The columns of a query that are GROUP_CONCATs (in its projection or a subquery's), with their
    separators, from the parsed query."""
    columns = {}
    for node in _nodes(parser.parseQuery(text)[1]):
        for item in node.get("projection") or []:
            if "evar" not in item:
                continue
            for inner in _nodes(item["expr"]):
                if inner.name == "Aggregate_GroupConcat":
                    separator = inner.get("separator")
                    columns[str(item["evar"])] = " " if separator is None else str(separator)
                    break
    return columns


def comparable(records: list[dict], columns: dict[str, str]) -> collections.Counter:
    def row(record):
        return tuple(sorted(
            (name, tuple(sorted((value or "").split(columns[name]))) if name in columns else (value or ""))
            for name, value in record.items()))
    return collections.Counter(row(record) for record in records)


# Columns made from a GROUP_CONCAT by a later expression, with the separator of their parts.
DERIVED_LISTS = {"casualty-totals": {"not_added": "; "}}


def _compare(build, endpoint: str, name: str, params: dict[str, str]):
    columns = concatenated(api.named_queries()[name].text) | DERIVED_LISTS.get(name, {})
    local = api.query(build, name=name, params=params).records()
    there = api.query(name=name, params=params, endpoint=endpoint).records()
    here, away = comparable(local, columns), comparable(there, columns)
    return local, there, here == away, (here - away, away - here)


@pytest.mark.parametrize("name", sorted(api.named_queries()))
def test_every_named_query_gives_the_same_rows_on_oxigraph_server(built_mini, stores, name):
    local, there, same, _ = _compare(built_mini, stores["oxigraph"].query, name, MINI_PARAMS.get(name, {}))
    assert same and there == local, name  # the same engine: the same order too


@pytest.mark.parametrize("name", sorted(api.named_queries()))
def test_every_named_query_gives_the_same_rows_on_virtuoso(built_mini, stores, name):
    local, there, same, (only_here, only_there) = _compare(built_mini, stores["virtuoso"].query, name,
                                                           MINI_PARAMS.get(name, {}))
    assert same, f"{name}: {len(local)} rows here, {len(there)} on Virtuoso; only here {only_here}, only there {only_there}"


@pytest.mark.parametrize("name", sorted(api.named_queries()))
def test_every_named_query_gives_the_same_rows_on_virtuoso_over_the_bundled_corpus(built_seed, seed_virtuoso, name):
    local, there, same, (only_here, only_there) = _compare(built_seed, seed_virtuoso.query, name,
                                                           SEED_STORE_PARAMS.get(name, {}))
    assert local, f"{name} has no rows on the bundled corpus: the comparison would prove nothing"
    assert same, f"{name}: {len(local)} rows here, {len(there)} on Virtuoso; only here {only_here}, only there {only_there}"


def test_a_named_query_runs_on_virtuoso_through_the_cli(stores):
    result = run_cli("query", "articles", "--endpoint", stores["virtuoso"].query, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("article,") and len(result.stdout.splitlines()) == 3


def test_pushing_to_virtuoso_needs_its_password_and_never_shows_it(built_mini, stores, monkeypatch, tmp_path):
    endpoint = stores["virtuoso"].store
    result = run_cli("push", "--endpoint", endpoint, "--build", built_mini)
    assert result.exit_code == 2 and "asks for a user name and password" in result.stderr

    wrong = "not-the-password-7f3a"
    monkeypatch.setenv(SECRET_VARIABLE, f"{VIRTUOSO_USER}:{wrong}")
    result = run_cli("push", "--endpoint", endpoint, "--build", built_mini, "--credentials-env", SECRET_VARIABLE)
    assert result.exit_code == 2 and "refused the password" in result.stderr
    assert wrong not in result.stdout + result.stderr

    monkeypatch.setenv(SECRET_VARIABLE, f"{VIRTUOSO_USER}:{VIRTUOSO_PASSWORD}")
    result = run_cli("push", "--endpoint", endpoint, "--build", built_mini, "--credentials-env", SECRET_VARIABLE)
    assert result.exit_code == 0, result.stderr
    assert "pushed 4 graphs" in result.stdout and "the ontology's graph" in result.stdout
    assert f":{VIRTUOSO_PASSWORD}" not in result.stdout + result.stderr

    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login {VIRTUOSO_USER} password {VIRTUOSO_PASSWORD}\n")
    netrc.chmod(0o600)
    result = run_cli("push", "--endpoint", endpoint, "--build", built_mini, "--netrc-file", netrc)
    assert result.exit_code == 0, result.stderr


def test_credentials_errors_name_their_source_and_nothing_more(built_mini, stores, monkeypatch, tmp_path):
    endpoint = stores["virtuoso"].store
    monkeypatch.delenv(SECRET_VARIABLE, raising=False)
    result = run_cli("push", "--endpoint", endpoint, "--build", built_mini, "--credentials-env", SECRET_VARIABLE)
    assert result.exit_code == 2 and f"{SECRET_VARIABLE} is not set" in result.stderr
    monkeypatch.setenv(SECRET_VARIABLE, "no-colon-secret-81b2")
    result = run_cli("push", "--endpoint", endpoint, "--build", built_mini, "--credentials-env", SECRET_VARIABLE)
    assert result.exit_code == 2 and "USER:PASSWORD" in result.stderr and "81b2" not in result.stderr
    netrc = tmp_path / "netrc"
    netrc.write_text("machine elsewhere.example login someone password hidden-4c1d\n")
    result = run_cli("push", "--endpoint", endpoint, "--build", built_mini, "--netrc-file", netrc)
    assert result.exit_code == 2 and "no login for 127.0.0.1" in result.stderr and "4c1d" not in result.stderr
    result = run_cli("push", "--endpoint", endpoint.replace("http://", "http://dba:secret-9e0a@"), "--build", built_mini)
    assert result.exit_code == 2 and "9e0a" not in result.stderr and "--credentials-env" in result.stderr


def test_the_repr_of_credentials_hides_the_password():
    assert "s3cr3t" not in repr(Credentials("dba", "s3cr3t", "$X"))
