"""The query page in headless Chromium: a query typed into the page returns rows; nothing is fetched from outside."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from kb.serve import ServeConfig, serve_in_thread

from browser import chromium, console_errors, outside_requests


@pytest.fixture(scope="module")
def endpoint(built_mini):
    server, endpoint, _ = serve_in_thread(ServeConfig(built_mini, "127.0.0.1", 0, timeout=5.0, workers=1))
    host, port = server.server_address
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()
    endpoint.close()


def test_a_typed_query_returns_rows_and_nothing_comes_from_outside(endpoint, tmp_path):
    with chromium(tmp_path) as driver:
        driver.get(endpoint + "/")
        box = driver.find_element(By.ID, "query")
        box.clear()
        box.send_keys("SELECT ?said WHERE { ?c <https://w3id.org/conflict-news-kb/ontology#claimText> ?said } ORDER BY ?said")
        driver.find_element(By.ID, "run").click()
        WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#result-table tbody tr"))
        cells = [td.text for td in driver.find_elements(By.CSS_SELECTOR, "#result-table tbody td")]
        assert "The Northern Army denied the report." in cells and len(cells) == 4
        assert "4 row(s)" in driver.find_element(By.ID, "status").text
        assert console_errors(driver) == []
        assert outside_requests(driver, endpoint) == []


def test_the_named_queries_are_offered_as_examples(endpoint, tmp_path):
    with chromium(tmp_path) as driver:
        driver.get(endpoint + "/")
        WebDriverWait(driver, 20).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#examples option")) > 5)
        Select(driver.find_element(By.ID, "examples")).select_by_value("claims-by-actor")
        text = driver.find_element(By.ID, "query").get_attribute("value")
        assert "VALUES (?actor ?about)" in text and "kb:claimant ?actor" in text
        driver.find_element(By.ID, "run").click()
        WebDriverWait(driver, 20).until(lambda d: "row(s)" in d.find_element(By.ID, "status").text
                                        or d.find_element(By.ID, "status").get_attribute("class") == "error")
        assert driver.find_element(By.ID, "status").get_attribute("class") != "error"
        assert console_errors(driver) == []


def test_an_error_is_shown_in_the_page(endpoint, tmp_path):
    with chromium(tmp_path) as driver:
        driver.get(endpoint + "/")
        box = driver.find_element(By.ID, "query")
        box.clear()
        box.send_keys("SELECT WHERE {")
        driver.find_element(By.ID, "run").click()
        WebDriverWait(driver, 20).until(lambda d: d.find_element(By.ID, "status").get_attribute("class") == "error")
        assert "not valid SPARQL" in driver.find_element(By.ID, "status").text
