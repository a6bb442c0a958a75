"""Headless Chromium (Debian's package) driven by Selenium, for testing pages as a person sees them.

Only this module imports Selenium, and only when a browser is started, so the other tests run
without it. Without Selenium or Chromium, starting one fails the test with what to install: never
a skip, which would pass for a success.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
SETUP = "run the tests with `bash scripts/test.sh`, which installs everything they need"


def missing() -> list[str]:
    """What the browser tests need and this machine lacks, each with how to install it."""
    problems = []
    if importlib.util.find_spec("selenium") is None:
        problems.append("Selenium is not installed (`pip install -e '.[test]'` or `pip install selenium`)")
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        problems.append("Chromium is not installed (Debian's `chromium` and `chromium-driver` packages)")
    return problems


class Browser:
    """One headless Chromium window, with the few ways the tests find and drive elements.

    Elements are Selenium's `WebElement`s (`.text`, `.click()`, `.get_attribute(name)`, ...).
    """

    def __init__(self, driver):
        """Drive the Selenium WebDriver `driver`."""
        self.driver = driver

    def open(self, url: str) -> None:
        """Load a page and wait until it has loaded."""
        self.driver.get(url)

    @property
    def url(self) -> str:
        """The address of the page shown now, with its #fragment."""
        return self.driver.current_url

    def find(self, css: str):
        """The first element matching a CSS selector; raises Selenium's NoSuchElementException when none does."""
        return self.driver.find_element("css selector", css)

    def find_all(self, css: str) -> list:
        """Every element matching a CSS selector, in document order."""
        return self.driver.find_elements("css selector", css)

    def find_xpath(self, xpath: str):
        """The first element an XPath selects; raises Selenium's NoSuchElementException when it selects none."""
        return self.driver.find_element("xpath", xpath)

    def run(self, script: str) -> Any:
        """The value a script's `return` gives, run in the page."""
        return self.driver.execute_script(script)

    def wait_until(self, condition: Callable[[Browser], Any], seconds: float = 10) -> Any:
        """Wait for `condition(browser)` to be true and return it; raises Selenium's TimeoutException after `seconds`."""
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.driver, seconds).until(lambda _: condition(self))

    def hover(self, element) -> None:
        """Move the pointer over an element."""
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(self.driver).move_to_element(element).perform()

    def choose(self, css: str, value: str) -> None:
        """Choose the option with that value in the `<select>` a CSS selector finds."""
        from selenium.webdriver.support.ui import Select

        Select(self.find(css)).select_by_value(value)

    def console_errors(self) -> list[str]:
        """The errors the page logged to its console since the last call."""
        return [entry["message"] for entry in self.driver.get_log("browser") if entry["level"] == "SEVERE"]

    def outside_requests(self, origin: str) -> list[str]:
        """Resources the page fetched from anywhere but its own origin."""
        urls = self.run("return performance.getEntriesByType('resource').map(e => e.name)")
        return [url for url in urls if not url.startswith(origin)]


@contextmanager
def chromium(tmp_path: Path) -> Iterator[Browser]:
    """A headless Chromium with its profile in `tmp_path`, closed afterwards.

    Fails the test, saying what to install, when Selenium or Chromium is missing.
    """
    problems = missing()
    if problems:
        pytest.fail("The browser tests cannot run: " + "; ".join(problems) + f". To set them up, {SETUP}.",
                    pytrace=False)
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium fetch a driver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    try:
        yield Browser(driver)
    finally:
        driver.quit()
