"""`kb report`: the static site as a person sees it, in headless Chromium (see `browser.py`)."""

from __future__ import annotations

import pytest

from kb.site.marks import crosses

from browser import chromium
from site_html import pages, parse


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with chromium(tmp_path_factory.mktemp("chromium")) as browser:
        yield browser


def test_every_page_loads_without_errors_or_outside_requests(mini_site, browser):
    for path in pages(mini_site):
        browser.open(path.as_uri())
        assert browser.find("h1").text, path
        assert browser.console_errors() == [], path
        assert browser.outside_requests("file://") == [], path


def test_the_seed_pages_load_without_errors(seed_site, browser):
    for name in ("index.html", "timeline.html", "network.html", "claims.html", "ontology.html",
                 "entity/su24-strike-2020-02-20.html", "article/001_c19c91b9a6e53232.html"):
        browser.open((seed_site / name).as_uri())
        assert browser.console_errors() == [], name
        assert browser.outside_requests("file://") == [], name


def test_the_timeline_draws_a_bar_per_dated_account(mini_site, browser):
    browser.open((mini_site / "timeline.html").as_uri())
    bars = browser.find_all("svg.timeline a.bar rect")
    assert len(bars) == 2  # the shelling of Alba, as each of the two articles reports it
    assert all(float(bar.get_attribute("width")) >= 3 for bar in bars)
    assert len(browser.find_all("svg.timeline .row-label")) == 1


def test_an_approximate_date_is_drawn_as_a_bar_over_its_range(seed_site, browser):
    browser.open((seed_site / "timeline.html").as_uri())
    width = browser.run("""
        const out = {};
        for (const rect of document.querySelectorAll('svg.timeline a.bar rect')) {
          const title = rect.querySelector('title').textContent;
          out[title.split('\\n')[0] + ' / ' + rect.dataset.precision] = rect.getBBox().width;
        }
        return out;""")
    month = width["Astana talks, May 2017 — negotiation round / month"]
    day = width["Putin-Erdogan meeting in Sochi, 17 September 2018 — meeting / day"]
    days = width["Erdogan's visit to Kyiv, February 2020 — visit / range"]  # 1 to 10 February
    assert month == pytest.approx(31 * day, rel=0.01) and day > 0  # a month spans its days: not a point
    assert days == pytest.approx(10 * day, rel=0.01)  # and the scale is the same in every part of the axis
    open_ended = browser.find_all("svg.timeline rect[fill^='url(#fade-in']")
    assert open_ended and all(r.get_attribute("data-precision") == "on or before" for r in open_ended)
    assert len(browser.find_all("svg.timeline a.bar")) == 35  # every dated account


def test_the_legend_filters_the_timeline(seed_site, browser):
    browser.open((seed_site / "timeline.html").as_uri())
    box = browser.find(".legend input[data-filter='type']")
    rows = browser.find_all(f"svg.timeline g.row[data-type='{box.get_attribute('value')}']")
    assert rows and all(row.is_displayed() for row in rows)
    box.click()
    assert not any(row.is_displayed() for row in rows)


def test_the_network_draws_the_actors_and_their_links(mini_site, browser):
    browser.open((mini_site / "network.html").as_uri())
    nodes = {node.text for node in browser.find_all("svg.network a.node text")}
    assert nodes == {"Northland", "Southland", "Lake Accord", "Jane Roe", "Northern Army", "Southern Ministry"}
    kinds = sorted(edge.get_attribute("data-kind") for edge in browser.find_all("svg.network a.edge"))
    assert kinds == ["denies", "party", "party", "violation"]
    assert len(browser.find_all("svg.network path")) >= 4
    # the denial's evidence is the denying claim's page
    denial = browser.find("svg.network a.edge[data-kind='denies']")
    assert denial.get_dom_attribute("href") == "claim/a1/army-denial.html"
    # pointing at an actor lights its links and dims the others
    browser.hover(browser.find("svg.network a.node circle"))
    browser.wait_until(lambda b: "focus" in b.find("svg.network").get_attribute("class"), seconds=5)
    assert browser.find_all("svg.network a.edge.lit")


def test_the_seed_network_is_drawn(seed_site, browser):
    browser.open((seed_site / "network.html").as_uri())
    titles = {node.get_attribute("textContent") for node in browser.find_all("svg.network a.node title")}
    assert len(titles) == 15
    assert {"Sochi agreement on Idlib (September 2018) (agreement)", "Recep Tayyip Erdogan (person)", "Turkey (state)",
            "Russian Center for Reconciliation of the Opposing Sides in Syria (government body)"} <= titles
    kinds = [edge.get_attribute("data-kind") for edge in browser.find_all("svg.network a.edge")]
    assert len(kinds) == 17 and {"party", "violation", "denies", "contradicts", "backedBy", "allyOf"} <= set(kinds)
    boxes = browser.run(
        "return [...document.querySelectorAll('svg.network a.node')].map(n => n.getBBox()).map(b => [b.x, b.y])")
    assert len({(round(x), round(y)) for x, y in boxes}) == len(boxes)  # no two actors on the same spot


def test_a_quote_on_an_event_page_leads_to_it_highlighted_in_the_article(mini_site, browser):
    browser.open((mini_site / "entity" / "alba-shelling.html").as_uri())
    quote = "The Northern Army shelled the village of Alba on March 2"
    link = browser.find_xpath(f"//section[@id='accounts']//a[@class='quote'][.='“{quote}”']")
    assert link.get_attribute("href").endswith("article/a1.html#q-38-94")
    link.click()
    browser.wait_until(lambda b: b.url.endswith("article/a1.html#q-38-94"))
    target = browser.run("const m = document.querySelector('mark:target'); return m && m.textContent")
    assert target == quote
    colours = browser.run("""
        const target = document.querySelector('mark:target');
        const other = [...document.querySelectorAll('.article-text mark')]
          .find(m => m !== target && !target.contains(m) && !m.contains(target));
        return [getComputedStyle(target).backgroundColor, getComputedStyle(other).backgroundColor];""")
    assert colours[0] != colours[1]  # it is highlighted


def test_a_mark_leads_to_the_facts_that_cite_it(mini_site, browser):
    browser.open((mini_site / "article" / "a1.html").as_uri())
    browser.find("#q-432-461").click()
    browser.wait_until(lambda b: b.url.endswith("#cite-432-461"), seconds=5)
    cited = browser.find("#cite-432-461")
    assert "Alba contained in place Border Province" in cited.text
    link = browser.find_xpath("//li[@id='cite-432-461']//a[.='Alba']")
    assert link.get_attribute("href").endswith("entity/alba.html")


def test_a_quote_that_crosses_another_is_highlighted_whole(seed_site, browser):
    """Both quotes of a crossing pair are whole marks, in different layers, each reachable as a target."""
    page = parse(seed_site / "article" / "001_c19c91b9a6e53232.html")
    spans = sorted(tuple(map(int, key[2:].split("-"))) for key in page.text if key and key.startswith("q-"))
    a, b = next((a, b) for a in spans for b in spans if crosses(a, b))
    for start, end in (a, b):
        browser.open((seed_site / "article" / "001_c19c91b9a6e53232.html").as_uri() + f"#q-{start}-{end}")
        marked = browser.run("const m = document.querySelector('mark:target'); return m && m.textContent")
        assert marked == page.text[f"q-{start}-{end}"] and marked
