"""The site's search index, written at report time as a script (`static/search-index.js`) that sets
`KB_SEARCH`: every entity (label, aliases, type, description), every name an article uses, every
claim and every quote, each with the page it links to. `static/search.js` searches it in the
browser, offline; a script rather than JSON, since pages opened from disk may not read files."""

from __future__ import annotations

import json

from kb.readmodel.text import short
from kb.site.context import Site


def entries(site: Site) -> list[dict[str, str]]:
    """The index's entries, sorted: kind (`k`), title (`t`), the text searched (`x`), the link from the
    site's root (`u`) and a detail line (`d`)."""
    kb = site.kb
    found = []
    for iri, entity in kb.entities.items():
        text = " ".join([entity.label, *entity.aliases, kb.type_label(entity), *entity.descriptions])
        found.append({"k": "entity", "t": entity.label, "x": text, "u": site.path_of(iri), "d": kb.type_label(entity)})
    names = {}
    for mention in kb.mentions:
        entity = kb.entities.get(mention.entity)
        if entity is not None and mention.form != entity.label:
            names.setdefault((mention.form, mention.entity), []).append(mention.article)
    for (form, entity), articles in names.items():
        found.append({"k": "name", "t": form, "x": form, "u": site.path_of(entity),
                      "d": f"a name of {kb.label(entity)}, in {len(set(articles))} article(s)"})
    for iri, claim in kb.claims.items():
        found.append({"k": "claim", "t": f"{kb.label(claim.claimant)}: “{short(claim.text)}”",
                      "x": f"{kb.label(claim.claimant)} {claim.text}", "u": site.path_of(iri),
                      "d": kb.label(claim.stance) if claim.stance else ""})
    quotes = {quote for found_quotes in kb.quotes.values() for quote in found_quotes}
    for quote in sorted(quotes):
        article = site.article_by_id(quote.article)
        found.append({"k": "quote", "t": f"“{short(quote.text)}”", "x": quote.text,
                      "u": f"{site.article_path(quote.article)}#{quote.anchor}",
                      "d": article.name if article else quote.article})
    return sorted(found, key=lambda e: (e["k"], e["t"].lower(), e["u"]))


def search_script(site: Site) -> str:
    """The index as the script the search page loads."""
    data = json.dumps(entries(site), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"// The site's search index, written by kb report.\nwindow.KB_SEARCH = {data};\n"
