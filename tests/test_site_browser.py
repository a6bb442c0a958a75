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
    assert len(browser.find_all("svg.timeline a.bar")) == 50  # every dated account


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
    assert len(titles) == 17
    assert {"Sochi agreement on Idlib (September 2018) (agreement)", "Recep Tayyip Erdogan (person)", "Turkey (state)",
            "Russian Center for Reconciliation of the Opposing Sides in Syria (government body)"} <= titles
    kinds = [edge.get_attribute("data-kind") for edge in browser.find_all("svg.network a.edge")]
    assert len(kinds) == 20 and {"party", "violation", "denies", "contradicts", "backedBy", "allyOf"} <= set(kinds)
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


# --- the map, the search, the filters and the downloads ---


def test_the_map_draws_every_located_place_and_a_click_lists_its_events(seed_site, browser, tmp_path):
    browser.driver.set_window_size(1280, 1000)
    browser.open((seed_site / "map.html").as_uri())
    assert browser.console_errors() == [] and browser.outside_requests("file://") == []
    views = browser.find_all("svg.map")
    assert len(views) == 2  # every place, and around the busiest
    points = views[0].find_elements("css selector", "a.place circle")
    expected = len(set(p.get_attribute("data-place") for p in points))
    assert len(points) == expected >= 15  # one point per located place (places sharing a point share it)
    assert len(browser.find_all("svg.map path.country")) > 10 and browser.find_all("svg.map polyline.line")
    # the drawing is not blank: the screenshot has the sea, the land and the points' colours
    shot = tmp_path / "map.png"
    views[0].screenshot(str(shot))
    colours = browser.run("""
        const svg = document.querySelector('svg.map');
        return [...svg.querySelectorAll('circle.point')].map(c => c.getAttribute('fill'));""")
    assert shot.stat().st_size > 20_000 and len(set(colours)) >= 3
    # Idlib province (with the places drawn at its centre): the most events; a click shows its panel
    # alone, with its events and the reports of each
    sizes = {p.get_attribute("data-place"): int(p.get_attribute("data-events")) for p in points}
    busiest = max(sizes, key=sizes.get)
    assert sizes[busiest] > 10
    views[1].find_element("css selector", f"a.place[data-place='{busiest}']").click()  # the closer view
    panel = browser.find(f"#{busiest}")
    browser.wait_until(lambda b: "selected" in panel.get_attribute("class"), seconds=5)
    assert panel.is_displayed() and not browser.find("#at-saraqib").is_displayed()
    assert "Idlib province" in panel.find_element("css selector", "h3").text
    events = panel.find_elements("css selector", "ul.place-events > li")
    assert len(events) == sizes[busiest]
    quote = panel.find_element("css selector", "a.quote")
    assert "/article/" in quote.get_attribute("href") and "#q-" in quote.get_attribute("href")


def test_the_search_finds_entities_names_claims_and_quotes(seed_site, browser):
    browser.open((seed_site / "search.html").as_uri() + "?q=nusra")
    browser.wait_until(lambda b: b.find_all("#results li"), seconds=5)
    kinds = {ul.get_attribute("class").split()[-1] for ul in browser.find_all("#results ul.results")}
    assert {"entity", "name", "quote"} <= kinds
    links = [a.get_attribute("href") for a in browser.find_all("#results a")]
    assert any(link.endswith("entity/hayat-tahrir-al-sham.html") for link in links)
    # from any page's box, every word must occur
    browser.open((seed_site / "index.html").as_uri())
    box = browser.find("header form.search input")
    box.send_keys("peskov turkish\n")
    browser.wait_until(lambda b: b.url.split("?")[0].endswith("search.html") and b.find_all("#results li"), seconds=5)
    titles = [a.text for a in browser.find_all("#results ul.claim a")]
    assert titles and all("Peskov" in t for t in titles)
    assert browser.outside_requests("file://") == []


def test_the_filters_keep_the_rows_of_a_place_and_a_date_range(seed_site, browser):
    browser.open((seed_site / "events.html").as_uri())
    rows = browser.find_all("table#reports tbody tr")
    assert all(row.is_displayed() for row in rows)
    browser.choose("form.filters select[name=place]", "saraqib")
    shown = [row for row in rows if row.is_displayed()]
    assert 0 < len(shown) < len(rows) and all("Saraqib" in row.text for row in shown)
    browser.choose("form.filters select[name=place]", "")
    browser.run("""const f = document.querySelector('form.filters');
        f.elements.from.value = '2020-02-20'; f.elements.to.value = '2020-02-20';
        f.dispatchEvent(new Event('change'));""")
    shown = [row for row in rows if row.is_displayed()]
    assert shown and all(row.get_attribute("data-start") <= "2020-02-20" <= row.get_attribute("data-end") for row in shown)
    assert "rows shown" in browser.find("form.filters .shown").text
    # the timeline's drawing follows the same filters
    browser.open((seed_site / "timeline.html").as_uri())
    browser.choose("form.filters select[name=type]", "AirStrike")
    bars = [g for g in browser.find_all("svg.timeline g.row") if g.is_displayed()]
    assert bars and all(g.get_attribute("data-kind-of") == "AirStrike" for g in bars)
    # and the claims page, by claimant
    browser.open((seed_site / "claims.html").as_uri())
    browser.choose("form.filters select[name=actor]", "dmitry-peskov")
    said = [row for row in browser.find_all("tr[data-row]") if row.is_displayed()]
    assert said and all("dmitry-peskov" in row.get_attribute("data-actors") for row in said)


def test_every_table_downloads_as_csv(seed_site, browser):
    from urllib.parse import unquote

    browser.open((seed_site / "events.html").as_uri())
    tables, links = browser.find_all("table.data"), browser.find_all("a.csv")
    assert len(links) == len(tables) == 1
    browser.run("document.querySelector('a.csv').dispatchEvent(new MouseEvent('click', {cancelable: true}));"
                "document.querySelector('a.csv').removeAttribute('download');")
    data = unquote(links[0].get_attribute("href").split(",", 1)[1])
    lines = data.strip().split("\r\n")
    assert lines[0] == "date,event,type,ACLED,CAMEO,places,actors,outcomes,source"
    assert len(lines) == 1 + len(browser.find_all("table#reports tbody tr"))
    browser.open((seed_site / "entity" / "saraqib.html").as_uri())
    assert len(browser.find_all("a.csv")) == len(browser.find_all("table.data")) > 0
    assert browser.find_all("svg.map.small circle.point")
