"""`kb report`: a static HTML site over the built knowledge base, for analysts.

The site shows the read model (`kb.readmodel`): each page gathers its data in `kb.site.pages` or
`kb.site.resource_pages` and is rendered from a Jinja2 template of `kb/site/templates/`; the timeline
and the network are drawn as inline SVG (`kb.site.timeline_chart`, `kb.site.network_chart`), with a
little vanilla script from `kb/static/site/`. Pages open from disk or any web server: nothing is
fetched from another host. The same knowledge base always gives byte-identical files. A generation
that fails leaves the previous site as it was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kb.errors import processing
from kb.outputs import check_replaceable, protected_folders, replacing_folder
from kb.readmodel import Knowledge
from kb import acled
from kb.site import map_pages, pages, resource_pages
from kb.site.context import Site
from kb.site.rendering import render_page
from kb.site.search_index import search_script

_STATIC = Path(__file__).resolve().parent.parent / "static" / "site"


@dataclass
class SiteResult:
    """What a generation wrote: the site's folder, its files, and how many pages of each kind."""

    out: Path
    files: list[str]  # paths relative to `out`, sorted
    entities: int
    articles: int
    claims: int

    @property
    def index(self) -> Path:
        """The site's home page."""
        return self.out / "index.html"


def render(build_dir: Path) -> dict[str, bytes]:
    """Every file of the site, by path relative to its root, in path order.

    Raises `kb.errors.StoreError` when `build_dir` holds no store, `kb.errors.QueryError` when a query fails.
    """
    kb = Knowledge.open(build_dir)
    site = Site(kb, build_dir)
    files: dict[str, str | bytes] = {
        "index.html": pages.home_page(site),
        "timeline.html": pages.timeline_page(site),
        "network.html": pages.network_page(site),
        "claims.html": pages.claims_page(site),
        "entities.html": pages.entities_page(site),
        "ontology.html": pages.ontology_page(site),
        "map.html": map_pages.map_page(site),
        "search.html": render_page("search.html.j2", site, "search.html"),
        "events.html": pages.events_page(site),
        "acled.csv": acled.to_csv(acled.rows(kb)),
        "static/search-index.js": search_script(site),
    }
    for iri in kb.entities:
        with processing(f"the page of {iri}"):
            files[site.path_of(iri)] = resource_pages.entity_page(site, iri)
    for iri in kb.articles:
        with processing(f"the page of {iri}"):
            files[site.path_of(iri)] = resource_pages.article_page(site, iri)
    for iri in kb.claims:
        with processing(f"the page of {iri}"):
            files[site.path_of(iri)] = resource_pages.claim_page(site, iri)
    for asset in sorted(_STATIC.iterdir()):
        if asset.is_file():
            files[f"static/{asset.name}"] = asset.read_bytes()
    return {path: data.encode("utf-8") if isinstance(data, str) else data for path, data in sorted(files.items())}


def generate(build_dir: Path, out: Path, protected: list | None = None) -> SiteResult:
    """Write the site to `out`, replacing a site generated there before (and nothing else).

    `protected` lists folders never replaced (see `kb.outputs.protected_folders`); raises
    OutputRefused or OutputBusy when `out` may not be written, StoreError without a build.
    """
    protected = (protected if protected is not None else protected_folders()) + [(build_dir.resolve(), "the build folder")]
    check_replaceable(out.resolve(), "kb report", protected)  # before the work of rendering
    files = render(build_dir)
    with replacing_folder(out, "kb report", protected) as staging:
        for path, data in files.items():
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        os.chmod(staging, 0o755)
    return SiteResult(
        out, list(files),
        entities=sum(1 for path in files if path.startswith("entity/")),
        articles=sum(1 for path in files if path.startswith("article/")),
        claims=sum(1 for path in files if path.startswith("claim/")),
    )
