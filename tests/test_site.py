"""`kb report`: the static site, checked as files (in the browser: `test_site_browser.py`)."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pytest
from markupsafe import escape
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kb.site import generate
from kb.site.marks import crosses, layers_of
from kb.site.paths import safe_slug
from kb.store import Store

from conftest import REPO, run_cli
from site_html import pages, parse, text_files

KB_IRI = "https://w3id.org/conflict-news-kb/"


# --- the command and the files ---


def test_the_report_command_writes_every_page(mini_site):
    for path in ("index.html", "timeline.html", "network.html", "claims.html", "entities.html", "ontology.html",
                 "entity/alba-shelling.html", "entity/jane-roe.html", "entity/lake-accord.html", "article/a1.html",
                 "article/a2.html", "claim/a1/ministry-report.html", "claim/a2/ministry-four-killed.html",
                 "static/site.css", "static/site.js"):
        assert (mini_site / path).is_file(), path
    # one page per registry entity (14 in the fixture), per article (2) and per claim (4)
    assert len(list((mini_site / "entity").glob("*.html"))) == 14
    assert len(list((mini_site / "claim").rglob("*.html"))) == 4


def test_the_report_command_says_what_it_wrote(built_mini, tmp_path):
    result = run_cli("report", "--build", built_mini, "--out", tmp_path / "site")
    assert result.exit_code == 0, result.stderr
    assert "index.html" in result.stdout and "site" in result.stdout


def test_without_a_build_the_report_says_to_build_first(tmp_path):
    result = run_cli("report", "--build", tmp_path / "nothing", "--out", tmp_path / "site")
    assert result.exit_code == 2
    assert "kb build" in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_folder_that_is_not_a_site_is_never_replaced(built_mini, tmp_path):
    out = tmp_path / "precious"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    result = run_cli("report", "--build", built_mini, "--out", out)
    assert result.exit_code == 2
    assert "is not empty and was not made by `kb report`" in result.stderr
    assert (out / "notes.txt").read_text() == "keep me" and not (out / "index.html").exists()


def test_generating_again_replaces_the_previous_site_whole(built_mini, tmp_path):
    out = tmp_path / "site"
    generate(built_mini, out)
    (out / "entity" / "stale.html").write_text("from an older knowledge base")
    generate(built_mini, out)
    assert not (out / "entity" / "stale.html").exists()
    assert (out / "entity" / "alba.html").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no staging folder left behind


def test_generating_twice_gives_byte_identical_files(built_seed, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    generate(built_seed, first)
    generate(built_seed, second)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert len(files) > 150
    different = [str(f) for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


def test_file_names_come_from_ids_as_safe_slugs():
    assert safe_slug("alba-shelling") == "alba-shelling"
    assert safe_slug("001_c19c91b9a6e53232") == "001_c19c91b9a6e53232"
    unsafe = safe_slug("../etc/pass wd")
    assert re.fullmatch(r"[A-Za-z0-9_.-]+", unsafe) and not unsafe.startswith(".")
    # cleaning never makes two ids share a file
    assert safe_slug("a b") != safe_slug("a/b") != safe_slug("a-b")


EXTERNAL_REGISTERS = ("www.wikidata.org/", "sws.geonames.org/", "spelunker.whosonfirst.org/", "www.naturalearthdata.com/")


def test_nothing_refers_to_another_host(seed_site, mini_site):
    """No page, style or script loads anything from outside, and the only links out are an entity's
    external ids and the sources of its coordinates (`rel="external"`): the RDF IRIs are shown as text."""
    outside = re.compile(r"""\b(?:src|href|action|data|poster)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
    external_link = re.compile(r"""<a class="external" rel="external" href="https://$""")
    links_out = 0
    for site in (seed_site, mini_site):
        for path in text_files(site):
            text = path.read_text(encoding="utf-8")
            for match in outside.finditer(text):
                rest = text[match.end():]
                if external_link.search(text[max(0, match.start() - 40):match.end()]) and rest.startswith(EXTERNAL_REGISTERS):
                    links_out += 1
                    continue
                assert rest.startswith(KB_IRI[len("https://"):]), f"{path}: {text[match.start():match.end() + 60]}"
            assert not re.search(r"url\(\s*['\"]?\s*(?:https?:)?//", text, re.IGNORECASE), path
            assert "@import" not in text, path
            assert "//cdn" not in text.lower(), path
            assert not re.search(r"\b(?:fetch|XMLHttpRequest|importScripts)\s*\(", text), path
    # the IRIs are there, as text
    assert f"{KB_IRI}id/entity/alba-shelling" in (mini_site / "entity" / "alba-shelling.html").read_text()
    assert links_out > 20  # Wikidata items and gazetteer records of the seed's places


def test_every_link_of_the_site_reaches_a_page_and_its_anchor(seed_site):
    parsed = {path: parse(path) for path in pages(seed_site)}
    checked = 0
    for path, page in parsed.items():
        for link in page.links:
            if link.startswith(("data:", "mailto:")):
                continue
            if link.startswith("https://") and link[len("https://"):].startswith(EXTERNAL_REGISTERS):
                continue  # an external id or a coordinates' source (see test_nothing_refers_to_another_host)
            target, _, fragment = link.partition("#")
            target_path = (path.parent / unquote(target)).resolve() if target else path
            assert target_path.is_file(), f"{path.relative_to(seed_site)} links to missing {link}"
            if fragment and target_path.suffix == ".html":
                assert fragment in parsed[target_path].ids, f"{path.relative_to(seed_site)}: no #{fragment} in {target}"
            checked += 1
    assert checked > 5000


# --- the article pages: every quote marked, whole, even where quotes overlap ---


def test_article_pages_mark_every_quote_whole_even_when_quotes_cross(seed_site, built_seed):
    rows = Store.open(built_seed).query(
        "SELECT DISTINCT ?id ?text ?start ?end ?exact WHERE { ?a <https://schema.org/identifier> ?id ; "
        "<https://schema.org/text> ?text . ?ev <http://www.w3.org/ns/prov#wasQuotedFrom> ?a ; "
        "<http://www.w3.org/ns/oa#start> ?start ; <http://www.w3.org/ns/oa#end> ?end ; <http://www.w3.org/ns/oa#exact> ?exact }")
    by_article: dict[str, tuple[str, set]] = {}
    for row in rows:
        text, spans = by_article.setdefault(row["id"].value, (row["text"].value, set()))
        spans.add((int(row["start"].value), int(row["end"].value), row["exact"].value))
    crossing = 0
    for article, (text, spans) in by_article.items():
        page = parse(seed_site / "article" / f"{article}.html")
        assert "".join(page.base_text) == text  # the marks leave the text exactly as it is
        for start, end, exact in spans:
            assert page.text.get(f"q-{start}-{end}") == exact == text[start:end]
        crossing += sum(1 for a in spans for b in spans if crosses(a[:2], b[:2]))
    assert crossing > 0  # the corpus does have quotes that cross, and they were drawn whole


def test_quotes_are_sorted_into_layers_where_none_cross():
    spans = [(0, 10), (5, 15), (2, 4), (12, 20), (0, 10), (6, 8)]
    layers = layers_of(spans)
    assert sorted(s for layer in layers for s in layer) == sorted(set(spans))
    for layer in layers:
        assert not any(crosses(a, b) for a in layer for b in layer)
    assert len(layers) == 2


# --- the other pages, as files ---


def test_the_home_page_shows_articles_counts_and_the_validation(mini_site, built_mini):
    html = (mini_site / "index.html").read_text()
    summary = json.loads((built_mini / "summary.json").read_text())
    assert 'class="badge ok">conforms<' in html
    assert json.loads((built_mini / "validation.json").read_text())["summary"] in html
    assert "Example News" in html and "2021-03-03" in html
    assert f"<td>triples</td><td>{summary['triples']}</td>" in html
    assert f"<td>claims</td><td>{summary['counts']['claims']}</td>" in html


def test_the_timeline_lists_each_sources_account_of_an_event(mini_site):
    html = (mini_site / "timeline.html").read_text()
    row = html[html.index("Shelling of Alba, 2 March 2021</a><br>"):]
    row = row[: row.index("</tbody>")]
    assert 'rowspan="2"' in html and "a1.html" in row and "a2.html" in row
    assert re.search(r"killed 3 of <a [^>]*>Southern Guard", row) and re.search(r"killed 4 of <a [^>]*>Southern Guard", row)


def test_the_claims_page_sets_denials_and_disagreements_side_by_side(mini_site):
    html = (mini_site / "claims.html").read_text()
    versus = re.findall(r'<div class="versus">(.*?)</div></div>', html, re.S)
    denial = next(block for block in versus if "denied by" in block)
    assert "The Northern Army shelled the village of Alba on March 2" in denial
    assert "The Northern Army denied the report." in denial
    assert any("contradicted by" in block and "four soldiers of the Southern Guard" in block for block in versus)
    disagreements = html[html.index('id="disagreements"'):]
    assert "count of killed" in disagreements and "<strong>3</strong>" in disagreements and "<strong>4</strong>" in disagreements
    assert 'id="claimant-jane-roe"' in html and 'id="stance-Denies"' in html


def test_the_ontology_page_documents_every_term_with_its_use(mini_site, built_mini):
    html = (mini_site / "ontology.html").read_text()
    ontology = Graph().parse(REPO / "ontology" / "kb.ttl")
    terms = {s for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
             for s in ontology.subjects(RDF.type, kind)}
    for term in terms:
        assert f'<tr id="term-{str(term).rsplit("#", 1)[1]}">' in html, term
    claimants = next(iter(Store.open(built_mini).query(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?c <https://w3id.org/conflict-news-kb/ontology#claimant> ?a } }")))
    row = html[html.index('<tr id="term-claimant">'):]
    row = row[: row.index("</tr>")]
    assert row.endswith(f"<td>{claimants['n'].value}</td>") and claimants["n"].value == "4"
    claimant = URIRef("https://w3id.org/conflict-news-kb/ontology#claimant")
    assert str(ontology.value(claimant, RDFS.label)) in row
    assert escape(str(ontology.value(claimant, RDFS.comment))) in row


def test_an_entity_page_groups_what_each_article_states_with_its_quotes(mini_site):
    html = (mini_site / "entity" / "alba.html").read_text()
    facts = html[html.index('id="facts"'):]
    assert facts.index("a1.html") < facts.index("a2.html")
    assert "contained in place" in facts and "border-province.html" in facts
    assert 'href="../article/a1.html#q-432-461">“Alba lies in Border Province.”' in facts


def test_the_report_command_has_help():
    result = run_cli("report", "--help")
    assert result.exit_code == 0
    assert "--out" in result.stdout and "--build" in result.stdout and "static HTML site" in result.stdout


# --- the templates ---


def test_every_text_from_the_knowledge_base_is_escaped(mini_corpus, tmp_path):
    """Markup in the data is shown as text wherever it appears: in the pages' templates and in the drawings."""
    label = """Jane <script>alert("roe")</script> O'Roe & <b>Co</b>"""
    registry = mini_corpus / "registry" / "entities.yaml"
    registry.write_text(registry.read_text().replace("label: Jane Roe", f"label: '{label.replace(chr(39), chr(39) * 2)}'"))
    assert run_cli("build", "--corpus", mini_corpus, "--out", tmp_path / "build").exit_code == 0
    site = tmp_path / "site"
    generate(tmp_path / "build", site)
    escaped = str(escape(label))
    assert "&lt;script&gt;" in escaped and "&#39;" in escaped and "&amp;" in escaped
    for path in pages(site):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<b>Co" not in html, path
    assert f"<h1>{escaped}</h1>" in (site / "entity" / "jane-roe.html").read_text()
    assert f">{escaped}</a>" in (site / "claims.html").read_text()  # a claimant, linked
    network = (site / "network.html").read_text()
    assert f"<title>{escaped} (person)</title>" in network  # in the drawing too


def test_the_templates_refuse_a_name_they_are_not_given():
    from jinja2 import UndefinedError

    from kb.site.rendering import environment

    template = environment().from_string("<p>{{ missing }}</p>")
    with pytest.raises(UndefinedError):
        template.render()
    assert environment().from_string("{{ text }}").render(text="<i>") == "&lt;i&gt;"
