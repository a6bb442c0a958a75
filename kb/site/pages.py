"""The pages of the site, each a function of the knowledge base (`Site`) returning HTML text.

Paths are relative to the site's root: `index.html`, `timeline.html`, `network.html`, `claims.html`,
`entities.html`, `ontology.html`, one `entity/ID.html` per registry entity, one `article/ID.html`
per article and one `claim/ARTICLE/ID.html` per claim. Every link is relative, so the site works
from disk (file://) as well as from any web server.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from kb.readmodel import EDGE_KINDS, KB_NS, RES_NS, SDO_NS, Claim, Fact, Lit, Parts, Quote, local_name, plain
from kb.site import charts
from kb.site.context import Site, term_anchor
from kb.site.html import definition_list, esc, page, safe_slug, table, tag


def anchor(text: str) -> str:
    """A fragment id from a heading: `Equipment types` gives `equipment-types`."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def section(title: str, body: str, id_: str | None = None, level: int = 2) -> str:
    return tag("section", f"<h{level}>{esc(title)}</h{level}>\n{body}", id=id_)


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# --- the home page ---


def home_page(site: Site) -> str:
    here, kb = "index.html", site.kb
    summary = _read_json(site.build_dir / "summary.json")
    validation = _read_json(site.build_dir / "validation.json")
    body = ["<h1>The knowledge base at a glance</h1>",
            f"<p class=\"lead\">{len(kb.articles)} articles, {len(kb.entities)} entities, {len(kb.claims)} claims, "
            f"{sum(len(a) for a in kb.accounts.values())} reports of {len(kb.accounts)} events. "
            "Every fact links to the words of the article it comes from.</p>",
            '<ul class="views">'
            + "".join(f"<li>{tag('a', esc(label), href=target)}: {esc(text)}</li>" for target, label, text in (
                ("timeline.html", "Timeline", "events by date, one bar per report, coloured by type"),
                ("network.html", "Network", "who is party to what, who accuses, denies, contradicts or backs whom"),
                ("claims.html", "Claims", "who said what, denials and contradictions, sources that disagree"),
                ("entities.html", "Entities", "every actor, place, agreement and event, with everything said about it"),
                ("ontology.html", "Ontology", "the vocabulary, and how much the data uses each term"),
            )) + "</ul>"]
    # validation
    if validation is None:
        verdict = '<p class="badge unknown">No validation report in the build folder.</p>'
    else:
        ok = bool(validation.get("conforms"))
        verdict = (f'<p class="badge {"ok" if ok else "fail"}">{"conforms" if ok else "does not conform"}</p>'
                   f"<p>{esc(validation.get('summary', ''))}</p>")
        findings = validation.get("findings") or []
        if findings:
            def where(f: dict) -> str:
                if f.get("source"):
                    return f"{f['source']}:{f['line']}" if f.get("line") else f["source"]
                return f.get("focus", "")

            rows = [[esc(f.get("severity", "")), esc(f.get("rule", "")), esc(where(f)), esc(f.get("message", ""))]
                    for f in findings]
            verdict += table(["severity", "rule", "where", "message"], rows)
    body.append(section("Latest build: validation", verdict, "validation"))
    # counts
    if summary:
        rows = [[esc("articles"), esc(summary.get("articles", ""))]]
        rows += [[esc(label), esc(count)] for label, count in (summary.get("counts") or {}).items()]
        rows.append([esc("triples"), esc(summary.get("triples", ""))])
        counts = table(["what", "count"], rows, "data counts")
    else:
        counts = "<p>No summary in the build folder.</p>"
    categories = Counter(e.category for e in kb.entities.values())
    by_category = table(["kind", "entities"], [
        [tag("a", esc(name), href=f"entities.html#{anchor(name)}"), esc(count)]
        for name, count in sorted(categories.items())], "data counts")
    types = Counter(t for e in kb.entities.values() for t in e.types)
    by_type = table(["type", "entities"], [
        [site.ref(here, iri), esc(count)] for iri, count in sorted(types.items(), key=lambda i: (kb.class_label(i[0]), i[0]))],
        "data counts")
    stances = Counter(c.stance for c in kb.claims.values())
    by_stance = table(["stance", "claims"], [
        [tag("a", esc(kb.label(s)), href=f"claims.html#stance-{safe_slug(local_name(s))}"), esc(n)]
        for s, n in sorted(stances.items(), key=lambda i: (-i[1], kb.label(i[0] or "")))], "data counts")
    body.append(section("Counts by kind", '<div class="columns">' + "".join(
        f"<div>{tag('h3', esc(title))}{content}</div>" for title, content in (
            ("Built", counts), ("Entities by kind", by_category), ("Entities by type", by_type),
            ("Claims by stance", by_stance))) + "</div>", "counts"))
    # articles, from the named query `articles`
    rows = []
    for row in kb.named("articles"):
        article = kb.articles.get(row["article"])
        if article is None:
            continue
        when = site.date(_s(row["earliest"]), _s(row["latest"]), None)
        precision = _s(row["precision"]) or ""
        rows.append([
            site.ref(here, article.iri, article.id), esc(article.title or ""),
            site.ref(here, article.publisher) if article.publisher else esc(_s(row["publisher"]) or ""),
            site.ref(here, article.author) if article.author else "",
            f"{when} <span class=\"precision\">({esc(precision)})</span>" if when else esc(precision),
            long_text(_s(row["how_dated"]) or ""), site.refs(here, article.cites),
        ])
    body.append(section("Articles", table(["article", "title", "publisher", "byline", "date", "how dated", "cites"],
                                          rows), "articles"))
    return page(here, "Home", "\n".join(body), "home")


def long_text(text: str, limit: int = 140) -> str:
    """A text, folded behind its first words when it is long."""
    if len(text) <= limit:
        return esc(text)
    return f"<details><summary>{esc(text[:limit].rsplit(' ', 1)[0])} …</summary>{esc(text)}</details>"


def _s(value) -> str | None:
    if value is None:
        return None
    return value.value if isinstance(value, Lit) else value


# --- timeline ---


def timeline_page(site: Site) -> str:
    here, kb = "timeline.html", site.kb
    colours = charts.type_colours(site)
    legend = "".join(
        f'<label class="legend-item"><input type="checkbox" checked data-filter="type" value="{index}">'
        f'<span class="swatch" style="background:{colour}"></span>{esc(kb.class_label(iri) if iri else "event")}</label>'
        for iri, (index, colour) in colours.items())
    body = ["<h1>Timeline of events</h1>",
            "<p class=\"lead\">Each bar is one article's report of an event, placed by its date. An approximate date "
            "is drawn as a bar over its whole range (a month, a range of days); a date known only as "
            "<em>on or before</em> (or <em>on or after</em>) a day fades out towards the unknown side. Long quiet "
            "periods are cut out of the axis (≈). Click a bar for the event and that article's account.</p>",
            f'<div class="legend" data-target="timeline">{legend}</div>',
            f'<div class="chart">{charts.timeline_svg(site, here)}</div>']
    rows = []
    ordered = sorted(kb.accounts.items(), key=lambda item: (
        min((a.latest or a.earliest or "9999") for a in item[1]), kb.label(item[0]), item[0]))
    for event, accounts in ordered:
        type_iri = kb.event_type(event) or ""
        index, colour = colours[type_iri]
        for position, account in enumerate(accounts):  # dated accounts first, in date order
            cells = []
            if position == 0:
                span = f' rowspan="{len(accounts)}"' if len(accounts) > 1 else ""
                type_label = kb.class_label(type_iri) if type_iri else ""
                cells.append(f'<td{span}><span class="swatch" style="background:{colour}"></span>'
                             f'{site.ref(here, event)}<br><span class="type">{esc(type_label)}</span></td>')
            actors = []
            for name, iris in (("by", account.agents), ("against", account.targets), ("supported by", account.supporters),
                               ("with", account.participants)):
                if iris:
                    actors.append(f"{esc(name)} {site.refs(here, iris)}")
            outcomes = "<br>".join(site.parts(here, kb.describe_outcome(o)) for o in account.outcomes)
            when = site.date(account.earliest, account.latest, account.precision) or '<span class="undated">undated</span>'
            cells += [
                f"<td>{when}</td>",
                f"<td>{site.refs(here, account.places)}</td>",
                f"<td>{'<br>'.join(actors)}</td>",
                f"<td>{outcomes}</td>",
                f"<td>{site.article_ref(here, account.article)}<br>{site.quotes(here, account.quotes, 2)}</td>",
            ]
            rows.append(f'<tr class="type-{index}" data-type="{index}">' + "".join(cells) + "</tr>")
    head = "<tr><th>event</th><th>date (this source)</th><th>place</th><th>actors</th><th>outcomes</th><th>source</th></tr>"
    body.append(section("Events in date order, each source's account",
                        f'<table class="data events"><thead>{head}</thead><tbody>\n' + "\n".join(rows)
                        + "\n</tbody></table>", "events"))
    return page(here, "Timeline", "\n".join(body), "timeline")


# --- network ---


def network_page(site: Site) -> str:
    here, kb = "network.html", site.kb
    kinds = sorted({e.kind for e in kb.edges})
    legend = "".join(
        f'<label class="legend-item"><input type="checkbox" checked data-filter="kind" value="{kind}">'
        f'<span class="swatch line" style="background:{charts.EDGE_COLOURS[kind]}"></span>{esc(EDGE_KINDS[kind])}</label>'
        for kind in kinds)
    node_kinds = sorted({charts.node_kind(site, n) for e in kb.edges for n in (e.source, e.target)})
    nodes_legend = "".join(
        f'<span class="legend-item"><span class="swatch {"square" if k == "Agreement" else "dot"}" '
        f'style="background:{charts.NODE_COLOURS.get(k, "#79706e")}"></span>'
        f'{esc(kb.class_label(KB_NS + k) if k != "Other" else "other")}</span>' for k in node_kinds)
    body = ["<h1>Network of actors</h1>",
            "<p class=\"lead\">Who is party to which agreement, who accuses whom of violating one, whose claims deny "
            "or contradict whose, who is backed by or allied with whom. Each link goes to its evidence: the claim, or "
            "the article's words. Point at an actor to see its links alone.</p>",
            f'<div class="legend" data-target="network">{legend}</div>',
            f'<div class="legend nodes-legend">{nodes_legend}</div>',
            f'<div class="chart">{charts.network_svg(site, here)}</div>']
    rows = []
    for edge in kb.edges:
        evidence = site.edge_link(here, edge)
        rows.append([site.ref(here, edge.source), esc(EDGE_KINDS[edge.kind]), site.ref(here, edge.target),
                     site.article_ref(here, edge.article),
                     tag("a", "claim" if "claim/" in evidence else "quote", href=evidence)
                     + (" " + site.quotes(here, edge.quotes, 1) if edge.quotes else "")])
    body.append(section("Every link, with its source", table(["from", "link", "to", "article", "evidence"], rows), "links"))
    return page(here, "Network", "\n".join(body), "network")


# --- claims ---


def claim_row(site: Site, here: str, claim: Claim, show_claimant: bool = True, show_stance: bool = True) -> list[str]:
    kb = site.kb
    cells = []
    if show_claimant:
        cells.append(site.ref(here, claim.claimant))
    if show_stance:
        cells.append(esc(kb.label(claim.stance)) if claim.stance else "")
    cells += [site.date(claim.earliest, claim.latest, claim.precision),
              tag("a", f"“{esc(claim.text)}”", href=site.link(here, claim.iri), class_="said"),
              site.refs(here, claim.about), site.article_ref(here, claim.article)]
    return cells


def claims_page(site: Site) -> str:
    here, kb = "claims.html", site.kb
    claims = kb.claim_list
    body = ["<h1>Claims</h1>",
            f"<p class=\"lead\">{len(claims)} claims: who said what, when, in which words, reported where. Below: the "
            "claims by claimant and by stance, every denial and contradiction side by side, and where the sources "
            "disagree on figures or dates.</p>",
            '<nav class="toc"><a href="#by-claimant">by claimant</a> · <a href="#by-stance">by stance</a> · '
            '<a href="#contradictions">denials and contradictions</a> · <a href="#disagreements">sources that '
            "disagree</a></nav>"]
    by_claimant: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_claimant[claim.claimant].append(claim)
    parts = []
    for claimant in sorted(by_claimant, key=lambda iri: (kb.label(iri).lower(), iri)):
        items = by_claimant[claimant]
        parts.append(tag("h3", f"{site.ref(here, claimant)} <span class=\"count\">({len(items)})</span>",
                         id=f"claimant-{safe_slug(local_name(claimant))}"))
        parts.append(table(["stance", "date", "said", "about", "article"],
                           [claim_row(site, here, c, show_claimant=False) for c in items]))
    body.append(section("By claimant", "\n".join(parts), "by-claimant"))
    by_stance: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_stance[claim.stance or ""].append(claim)
    parts = []
    for stance in sorted(by_stance, key=lambda s: (-len(by_stance[s]), kb.label(s) if s else "")):
        items = by_stance[stance]
        parts.append(tag("h3", f"{esc(kb.label(stance) if stance else 'no stance')} <span class=\"count\">({len(items)})</span>",
                         id=f"stance-{safe_slug(local_name(stance))}" if stance else None))
        parts.append(table(["claimant", "date", "said", "about", "article"],
                           [claim_row(site, here, c, show_stance=False) for c in items]))
    body.append(section("By stance", "\n".join(parts), "by-stance"))
    # denials and contradictions, from the named query `contradictions`
    pairs = []
    for row in kb.named("contradictions"):
        claim, opposing = kb.claims.get(_s(row["claim"])), kb.claims.get(_s(row["opposing_claim"]))
        if claim is None or opposing is None:
            continue
        pairs.append(
            '<div class="versus">'
            f'<div class="side">{claim_card(site, here, claim)}</div>'
            f'<div class="relation">{esc(_s(row["relation"]))} →</div>'
            f'<div class="side">{claim_card(site, here, opposing)}</div></div>')
    body.append(section("Denials and contradictions, side by side",
                        "\n".join(pairs) or "<p>None recorded.</p>", "contradictions"))
    body.append(section("Where sources disagree", disagreements_table(site, here), "disagreements"))
    return page(here, "Claims", "\n".join(body), "claims")


def claim_card(site: Site, here: str, claim: Claim) -> str:
    kb = site.kb
    stance = kb.label(claim.stance) if claim.stance else ""
    return (f'<p class="who">{site.ref(here, claim.claimant)} <span class="stance">{esc(stance)}</span> '
            f'{site.date(claim.earliest, claim.latest, claim.precision)}</p>'
            f'<blockquote><a href="{esc(site.link(here, claim.iri))}">“{esc(claim.text)}”</a></blockquote>'
            f'<p class="source">reported in {site.article_ref(here, claim.article)}{said_link(site, here, claim)}</p>')


def said_link(site: Site, here: str, claim: Claim) -> str:
    """A link to the claim's words in its article."""
    quote = next((q for q in claim.quotes if q.text == claim.text), claim.quotes[0] if claim.quotes else None)
    return f' · <a href="{esc(site.quote_link(here, quote))}">in the text</a>' if quote else ""


def disagreements_table(site: Site, here: str, event: str | None = None) -> str:
    """The named query `disagreements`, one row per pair of accounts (its quotes gathered)."""
    kb = site.kb
    grouped: dict[tuple, tuple[set, set]] = {}
    labels = {entity.label: iri for iri, entity in sorted(kb.entities.items())}
    for row in kb.named("disagreements"):
        key = tuple(_s(row[name]) for name in ("event", "what", "article_a", "account_a", "article_b", "account_b"))
        if event is not None and labels.get(key[0]) != event:
            continue
        quotes = grouped.setdefault(key, (set(), set()))
        quotes[0].add(_s(row["quote_a"]))
        quotes[1].add(_s(row["quote_b"]))
    rows = []
    for (event_label, what, article_a, account_a, article_b, account_b), (quotes_a, quotes_b) in sorted(grouped.items()):
        def side(article_iri, account, quotes):
            found = sorted(q for q in (site.find_quote(article_iri, text) for text in quotes) if q)
            article = kb.article_ids.get(article_iri, article_iri)
            return (f"<strong>{esc(account)}</strong> in {site.article_ref(here, article)}<br>"
                    + site.quotes(here, found, 3))
        rows.append([site.ref(here, labels.get(event_label), event_label) if labels.get(event_label) else esc(event_label),
                     esc(what), side(article_a, account_a, quotes_a), side(article_b, account_b, quotes_b)])
    if not rows:
        return "<p>No disagreements found.</p>"
    return table(["event", "what", "one source", "the other"], rows)


# --- entities ---


def entities_page(site: Site) -> str:
    here, kb = "entities.html", site.kb
    by_category: dict[str, list] = defaultdict(list)
    for entity in kb.entities.values():
        by_category[entity.category].append(entity)
    facts = Counter()
    for fact in kb.facts:
        for node in (fact.subject, fact.object):
            if isinstance(node, str) and node in kb.entities:
                facts[node] += 1
    claims = Counter()
    for claim in kb.claims.values():
        claims[claim.claimant] += 1
        for about in claim.about:
            claims[about] += 1
    sources: dict[str, set] = defaultdict(set)
    for mention in kb.mentions:
        sources[mention.entity].add(mention.article)
    body = ["<h1>Entities</h1>",
            '<nav class="toc">' + " · ".join(tag("a", esc(name), href=f"#{anchor(name)}")
                                            for name in sorted(by_category)) + "</nav>"]
    for name in sorted(by_category):
        entities = sorted(by_category[name], key=lambda e: (e.label.lower(), e.id))
        rows = [[site.ref(here, e.iri), esc(kb.type_label(e)), esc(", ".join(e.aliases)), esc(facts[e.iri]),
                 esc(claims[e.iri]), esc(len(sources[e.iri]))] for e in entities]
        body.append(section(f"{name} ({len(entities)})", table(
            ["name", "type", "also called", "facts", "claims by or about", "articles naming it"], rows),
            anchor(name)))
    return page(here, "Entities", "\n".join(body), "entities")


def fact_rows(site: Site, here: str, facts: list[Fact]) -> str:
    rows = [[site.value(here, f.subject), property_ref(site, here, f.predicate), site.value(here, f.object),
             esc(f.note or ""), site.quotes(here, f.quotes, 3)] for f in facts]
    return table(["subject", "property", "object", "note", "quotes"], rows, "data facts")


def property_ref(site: Site, here: str, iri: str) -> str:
    return site.ref(here, iri) if iri in site.kb.terms else tag("span", esc(site.kb.label(iri)), title=iri)


def entity_page(site: Site, iri: str) -> str:
    kb = site.kb
    entity = kb.entities[iri]
    here = site.path_of(iri)
    types = ", ".join(site.ref(here, t) for t in entity.types)
    body = [f"<h1>{esc(entity.label)}</h1>", f'<p class="kind">{types}</p>',
            definition_list([
                ("id", tag("code", esc(entity.id))), ("IRI", tag("code", esc(entity.iri))),
                ("also called", esc(", ".join(entity.aliases))),
                ("description", "<br>".join(esc(d) for d in entity.descriptions)),
                ("same as", "<br>".join(tag("code", esc(s)) for s in entity.same_as)),
                ("curator's note", "<br>".join(esc(n) for n in entity.notes)),
            ])]
    # an event: each source's account
    accounts = kb.accounts.get(iri, [])
    if accounts:
        cards = []
        for account in accounts:
            items = [
                ("date", site.date(account.earliest, account.latest, account.precision)
                 + (f" <span class=\"note\">{esc(account.date_note)}</span>" if account.date_note else "")),
                ("time of day", esc(account.time_of_day or "")), ("place", site.refs(here, account.places)),
                ("by", site.refs(here, account.agents)), ("against", site.refs(here, account.targets)),
                ("supported by", site.refs(here, account.supporters)),
                ("participants", site.refs(here, account.participants)),
                ("according to", site.refs(here, account.according_to)),
                ("part of", site.refs(here, account.part_of)),
                ("in response to", site.refs(here, account.in_response_to)),
                ("outcomes", "<br>".join(
                    site.parts(here, kb.describe_outcome(o)) + " " + site.quotes(here, o.quotes, 2)
                    for o in account.outcomes)),
                ("curator's note", "<br>".join(esc(n) for n in account.notes)),
                ("quotes", site.quotes(here, account.quotes)),
            ]
            cards.append(tag("div", f"<h3>According to {site.article_ref(here, account.article)}</h3>"
                                    + definition_list(items), class_="account", id=f"account-{account.article}"))
        body.append(section(f"Accounts ({len(accounts)} source{'s' if len(accounts) != 1 else ''})",
                            '<div class="accounts">' + "\n".join(cards) + "</div>", "accounts"))
        disagreements = disagreements_table(site, here, event=iri)
        if "<table" in disagreements:
            body.append(section("Where the sources disagree", disagreements, "disagreements"))
    # names in the articles
    mentions = kb.mentions_of(iri)
    if mentions:
        rows = [[esc(m.form), site.article_ref(here, m.article), esc(m.occurrences), site.quotes(here, m.quotes, 1)]
                for m in mentions]
        body.append(section("Names in the articles", table(["name", "article", "occurrences", "first"], rows), "names"))
    # claims by it or about it
    involved = kb.claims_involving(iri)
    if involved:
        rows = [[esc(relation)] + claim_row(site, here, claim) + [site.quotes(here, claim.quotes, 2)]
                for relation, claim in involved]
        body.append(section("Claims by it or about it", table(
            ["", "claimant", "stance", "date", "said", "about", "article", "quotes"], rows), "claims"))
    # links in the network
    edges = kb.edges_of(iri)
    if edges:
        rows = [[site.ref(here, e.source), esc(EDGE_KINDS[e.kind]), site.ref(here, e.target),
                 site.article_ref(here, e.article), tag("a", "evidence", href=site.edge_link(here, e))] for e in edges]
        body.append(section("Links in the network", table(["from", "link", "to", "article", "evidence"], rows), "links"))
    # everything the articles state, by article
    facts = kb.facts_about(iri)
    by_article: dict[str, list[Fact]] = defaultdict(list)
    for _, fact in facts:
        by_article[fact.article].append(fact)
    parts = [tag("h3", site.article_ref(here, article)) + fact_rows(site, here, by_article[article])
             for article in sorted(by_article)]
    body.append(section("What the articles state", "\n".join(parts) or "<p>No article states anything about it.</p>",
                        "facts"))
    return page(here, entity.label, "\n".join(body), "entity")


# --- claims, one page each ---


def claim_page(site: Site, iri: str) -> str:
    kb = site.kb
    claim = kb.claims[iri]
    here = site.path_of(iri)
    incoming = []
    for other in kb.claim_list:
        for name, targets in (("contradicted by", other.contradicts), ("denied by", other.denies),
                              ("supported by", other.supports)):
            if iri in targets:
                incoming.append((name, other))
    outgoing = [(name, kb.claims[target]) for name, targets in (
        ("contradicts", claim.contradicts), ("denies", claim.denies), ("supports", claim.supports))
        for target in targets if target in kb.claims]
    body = [f"<h1>Claim by {esc(kb.label(claim.claimant))}</h1>",
            f'<blockquote class="said{" direct" if claim.direct else ""}">“{esc(claim.text)}”</blockquote>',
            f'<p class="kind">{"direct quote" if claim.direct else "reported speech"}</p>',
            definition_list([
                ("claimant", site.ref(here, claim.claimant)),
                ("stance", site.ref(here, claim.stance) if claim.stance else ""),
                ("date", site.date(claim.earliest, claim.latest, claim.precision)
                 + (f" <span class=\"note\">{esc(claim.date_note)}</span>" if claim.date_note else "")),
                ("channel", site.ref(here, claim.channel) if claim.channel else ""),
                ("medium", site.ref(here, claim.medium) if claim.medium else ""),
                ("where", site.ref(here, claim.place) if claim.place else ""),
                ("occasion", site.ref(here, claim.occasion) if claim.occasion else ""),
                ("about", site.refs(here, claim.about)),
                ("reported in", site.article_ref(here, claim.article)),
                ("curator's note", "<br>".join(esc(n) for n in claim.notes)),
                ("IRI", tag("code", esc(claim.iri))),
            ])]
    if outgoing or incoming:
        rows = [[esc(name)] + claim_row(site, here, other) for name, other in outgoing + incoming]
        body.append(section("Related claims", table(["", "claimant", "stance", "date", "said", "about", "article"], rows),
                            "related"))
    violations = [fact for fact in kb.facts if fact.predicate == KB_NS + "allegedIn" and fact.object == iri]
    if violations:
        body.append(section("Alleged violations it makes", "<ul>" + "".join(
            f"<li>{site.parts(here, kb.describe(v.subject))} {site.quotes(here, v.quotes, 2)}</li>" for v in violations)
            + "</ul>", "violations"))
    body.append(section("Evidence", "<ul class=\"evidence\">" + "".join(
        f"<li>{site.quotes(here, [q])} <span class=\"offsets\">characters {q.start}–{q.end} of "
        f"{site.article_ref(here, q.article)}</span></li>" for q in claim.quotes) + "</ul>", "evidence"))
    return page(here, f"Claim by {kb.label(claim.claimant)}", "\n".join(body), "claim")


# --- articles, one page each: the text with every quote marked ---


def crosses(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[0] < a[1] < b[1] or b[0] < a[0] < b[1] < a[1]


def layers_of(spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Spans sorted into layers in which no two cross (each layer nests properly), first fit."""
    layers: list[list[tuple[int, int]]] = []
    for span in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        for layer in layers:
            if not any(crosses(span, other) for other in layer):
                layer.append(span)
                break
        else:
            layers.append([span])
    return layers


def render_layer(text: str, spans: list[tuple[int, int]], open_mark) -> str:
    """The text with each span (sorted, properly nested) wrapped in the element `open_mark` opens."""
    out, pos, stack = [], 0, []
    for start, end in spans:
        while stack and stack[-1] <= start:
            closing = stack.pop()
            out += [esc(text[pos:closing]), "</mark>"]
            pos = closing
        out += [esc(text[pos:start]), open_mark(start, end)]
        pos = start
        stack.append(end)
    while stack:
        closing = stack.pop()
        out += [esc(text[pos:closing]), "</mark>"]
        pos = closing
    out.append(esc(text[pos:]))
    return "".join(out)


def article_page(site: Site, iri: str) -> str:
    kb = site.kb
    article = kb.articles[iri]
    here = site.path_of(iri)
    citers: dict[tuple[int, int], list[tuple[str, str]]] = defaultdict(list)  # span -> (graph, node)
    quotes: dict[tuple[int, int], Quote] = {}
    for (graph, node), found in sorted(kb.quotes.items()):
        for quote in found:
            if quote.article == article.id:
                citers[(quote.start, quote.end)].append((graph, node))
                quotes[(quote.start, quote.end)] = quote
    described = {span: sorted({plain(describe_citer(site, graph, node, article.id)) for graph, node in nodes})
                 for span, nodes in citers.items()}

    def open_mark(start: int, end: int) -> str:
        title = "; ".join(described[(start, end)])
        return f'<mark id="q-{start}-{end}" data-cite="cite-{start}-{end}" title="{esc(title)}">'

    layers = layers_of(list(quotes))
    text = article.text
    rendered = [f'<div class="layer base">{render_layer(text, layers[0] if layers else [], open_mark)}</div>']
    for layer in layers[1:]:
        rendered.append(f'<div class="layer overlay" aria-hidden="true">{render_layer(text, layer, open_mark)}</div>')
    body = [f"<h1>{esc(article.name)}</h1>",
            definition_list([
                ("id", tag("code", esc(article.id))),
                ("publisher", site.ref(here, article.publisher) if article.publisher else ""),
                ("byline", site.ref(here, article.author) if article.author else ""),
                ("date", site.date(article.earliest, article.latest, article.precision)),
                ("dateline", site.ref(here, article.dateline) if article.dateline else ""),
                ("language", esc(article.language)),
                ("URL", tag("code", esc(article.url)) if article.url else ""),
                ("cites", site.refs(here, article.cites)),
                ("how dated", "<br>".join(esc(n) for n in article.notes)),
                ("IRI", tag("code", esc(article.iri))),
            ]),
            f"<p class=\"hint\">{len(quotes)} quotes are marked in the text (overlapping quotes are drawn over each "
            "other, darker where they overlap). Point at a mark to see what cites it; click it for the list of facts.</p>",
            section("Text", f'<div class="article-text">{"".join(rendered)}</div>', "text")]
    items = []
    for span in sorted(quotes):
        quote = quotes[span]
        facts = []
        for graph, node in citers[span]:
            facts.append(site.parts(here, describe_citer(site, graph, node, article.id)))
        facts = sorted(set(facts))
        items.append(f'<li id="cite-{span[0]}-{span[1]}"><a class="quote" href="#{quote.anchor}">“{esc(quote.text)}”</a> '
                     f'<span class="offsets">{span[0]}–{span[1]}</span><ul>'
                     + "".join(f"<li>{fact}</li>" for fact in facts) + "</ul></li>")
    body.append(section("Quotes and the facts that cite them", f'<ol class="citations">{"".join(items)}</ol>', "citations"))
    reported = sorted((kb.label(e), e) for e, accounts in kb.accounts.items() if any(a.article == article.id for a in accounts))
    claims = [c for c in kb.claim_list if c.article == article.id]
    body.append(section("Reported in this article", "<h3>Events</h3><ul>" + "".join(
        f"<li>{site.ref(here, event)}</li>" for _, event in reported) + "</ul><h3>Claims</h3>"
        + table(["claimant", "stance", "date", "said", "about", "article"], [claim_row(site, here, c) for c in claims]),
        "reported"))
    return page(here, article.name, "\n".join(body), "article")


def describe_citer(site: Site, graph: str, node: str, article: str) -> Parts:
    """What a node citing a quote states, in words with links to the facts' pages."""
    kb = site.kb
    if node in kb.entities:
        kind = kb.entities[node].category.rstrip("s").lower()
        return (f"{kind}: ", kb.ref(node))
    if node in kb.articles:
        return ("the article's own details (date, title)",)
    if node in kb.statements:
        _, s, p, o = kb.statements[node]
        return kb.describe(s) + (f" {kb.label(p)} ",) + kb.describe(o)
    if node.startswith(RES_NS + "mention/"):
        entity = next((m.entity for m in kb.mentions if m.iri == node), None)
        return ("names ", kb.ref(entity)) if entity else ("a mention",)
    return kb.describe(node)


# --- the ontology ---


def ontology_page(site: Site) -> str:
    here, kb = "ontology.html", site.kb
    terms = sorted(kb.terms.values(), key=lambda t: (t.label.lower(), t.iri))
    body = ["<h1>The ontology</h1>",
            "<p class=\"lead\">Every class, property and named individual of <code>ontology/kb.ttl</code>, with its "
            "label, its comment and how many times the knowledge base uses it (counted with SPARQL over every graph "
            "but the ontology's own).</p>",
            '<nav class="toc"><a href="#classes">classes</a> · <a href="#object-properties">object properties</a> · '
            '<a href="#datatype-properties">datatype properties</a> · <a href="#individuals">named individuals</a></nav>']

    def name(term) -> str:
        return (f'<strong>{esc(term.label)}</strong><br><code>kb:{esc(local_name(term.iri))}</code>')

    def refs(iris: list[str]) -> str:
        return ", ".join(site.ref(here, i) if i in kb.terms else tag("code", esc(_short_iri(i))) for i in iris)

    classes = [t for t in terms if t.kind == "class"]
    body.append(section(f"Classes ({len(classes)})", table(
        ["class", "comment", "subclass of", "instances", "with subclasses"],
        [[name(t), esc(t.comment), refs(t.parents), esc(t.uses), esc(t.uses_with_subclasses)] for t in classes],
        ids=[term_anchor(t.iri) for t in classes]), "classes"))
    for kind, anchor in (("object property", "object-properties"), ("datatype property", "datatype-properties")):
        chosen = [t for t in terms if t.kind == kind]
        body.append(section(f"{kind.capitalize()}s ({len(chosen)})", table(
            ["property", "comment", "domain", "range", "subproperty of", "triples"],
            [[name(t), esc(t.comment), refs(t.domain), refs(t.range), refs(t.parents), esc(t.uses)] for t in chosen],
            ids=[term_anchor(t.iri) for t in chosen]), anchor))
    individuals = [t for t in terms if t.kind == "individual"]
    body.append(section(f"Named individuals ({len(individuals)})", table(
        ["individual", "comment", "instance of", "used as a value"],
        [[name(t), esc(t.comment), refs(t.instance_of), esc(t.uses)] for t in individuals],
        ids=[term_anchor(t.iri) for t in individuals]), "individuals"))
    return page(here, "Ontology", "\n".join(body), "ontology")


def _short_iri(iri: str) -> str:
    for namespace, prefix in ((SDO_NS, "schema:"), ("http://www.w3.org/ns/prov#", "prov:"),
                              ("http://www.w3.org/2004/02/skos/core#", "skos:"), ("http://www.w3.org/2001/XMLSchema#", "xsd:"),
                              ("http://www.w3.org/2000/01/rdf-schema#", "rdfs:"), ("http://www.w3.org/ns/oa#", "oa:")):
        if iri.startswith(namespace):
            return prefix + iri[len(namespace):]
    return iri
