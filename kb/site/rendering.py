"""The Jinja2 templates of the site (`kb/site/templates/`), and rendering a page from one.

Every value is escaped unless it is `Markup` (the SVG charts); a name a template uses but is not
given is an error, not an empty string. The templates share the macros of `macros.html.j2`, which
read `site`, `kb` and `here` (the page's path) from the page's context.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from kb.readmodel import EDGE_KINDS, KB_NS, Lit, Ref, local_name
from kb.site.context import Site
from kb.site.paths import anchor, name_anchor, relative, term_anchor

SITE_TITLE = "Conflict news knowledge base"

NAV = (
    ("index.html", "Home"), ("timeline.html", "Timeline"), ("events.html", "Events"), ("map.html", "Map"), ("network.html", "Network"),
    ("claims.html", "Claims"), ("entities.html", "Entities"), ("index.html#articles", "Articles"),
    ("ontology.html", "Ontology"), ("search.html", "Search"),
)


@cache
def environment() -> Environment:
    """The templates' environment, made once: autoescaping, strict about undefined names, block tags
    on lines of their own leaving no blank line behind."""
    env = Environment(
        loader=PackageLoader("kb.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        SITE_TITLE=SITE_TITLE, NAV=NAV, EDGE_KINDS=EDGE_KINDS, KB_NS=KB_NS, BR=Markup("<br>"),
        relative=relative, anchor=anchor, term_anchor=term_anchor, name_anchor=name_anchor, local_name=local_name,
    )
    env.tests.update(ref=lambda value: isinstance(value, Ref), literal=lambda value: isinstance(value, Lit))
    return env


def render_page(template: str, site: Site, here: str, **values: Any) -> str:
    """The page at `here` (its path from the site's root) rendered from `template` with `values`.

    Raises `jinja2.TemplateError` when the template is missing or uses a name it is not given
    (a bug of the site, not of the knowledge base).
    """
    return environment().get_template(template).render(site=site, kb=site.kb, here=here, **values)
