"""The query page in headless Chromium: a query typed into the page returns rows; nothing is fetched from outside."""

import pytest

from kb.serve import ServeConfig, serve_in_thread

from browser import chromium


@pytest.fixture(scope="module")
def endpoint(built_mini):
    server, endpoint, _ = serve_in_thread(ServeConfig(built_mini, "127.0.0.1", 0, timeout=5.0, workers=1))
    host, port = server.server_address
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()
    endpoint.close()


def test_a_typed_query_returns_rows_and_nothing_comes_from_outside(endpoint, tmp_path):
    with chromium(tmp_path) as browser:
        browser.open(endpoint + "/")
        box = browser.find("#query")
        box.clear()
        box.send_keys("SELECT ?said WHERE { ?c <https://w3id.org/conflict-news-kb/ontology#claimText> ?said } ORDER BY ?said")
        browser.find("#run").click()
        browser.wait_until(lambda b: b.find_all("#result-table tbody tr"), seconds=20)
        cells = [td.text for td in browser.find_all("#result-table tbody td")]
        assert "The Northern Army denied the report." in cells and len(cells) == 4
        assert "4 row(s)" in browser.find("#status").text
        assert browser.console_errors() == []
        assert browser.outside_requests(endpoint) == []


def test_the_named_queries_are_offered_as_examples(endpoint, tmp_path):
    with chromium(tmp_path) as browser:
        browser.open(endpoint + "/")
        browser.wait_until(lambda b: len(b.find_all("#examples option")) > 5, seconds=20)
        browser.choose("#examples", "claims-by-actor")
        text = browser.find("#query").get_attribute("value")
        # bound as `kb query` binds it: in each subquery that uses the parameter, not only at the top
        assert text.count("VALUES (?actor) { (<https://w3id.org/conflict-news-kb/id/entity/dmitry-peskov>) }") >= 2
        assert "kb:claimant ?actor" in text and "VALUES (?about" not in text
        browser.find("#run").click()
        browser.wait_until(lambda b: "row(s)" in b.find("#status").text
                           or b.find("#status").get_attribute("class") == "error", seconds=20)
        assert browser.find("#status").get_attribute("class") != "error"
        # the fixture has no claim by the example's actor; bound at the top alone, the query would
        # have answered with every claim of the corpus
        assert "0 row(s)" in browser.find("#status").text
        assert browser.console_errors() == []


def test_an_error_is_shown_in_the_page(endpoint, tmp_path):
    with chromium(tmp_path) as browser:
        browser.open(endpoint + "/")
        box = browser.find("#query")
        box.clear()
        box.send_keys("SELECT WHERE {")
        browser.find("#run").click()
        browser.wait_until(lambda b: b.find("#status").get_attribute("class") == "error", seconds=20)
        assert "not valid SPARQL" in browser.find("#status").text
