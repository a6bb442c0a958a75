"""Checking that the facts of an annotation hold together: ids are unique where they must be,
links between facts (a claim's denials, a total's parts, a violation's claim and provision) point
at facts that exist, and nothing links to itself.

Every problem is collected with its file, line and field; `kb.references` runs these checks
after the references to the registry.
"""

from __future__ import annotations

from kb.articles import Article
from kb.errors import Problem
from kb.models import ClaimFact
from kb.yamlio import Located


def check_links(article: Article, provisions: set, claim_ids: set) -> list[Problem]:
    """Every problem of the links between the facts of one article.

    `provisions` holds the (agreement, provision) pairs and `claim_ids` the (article, claim) pairs
    that the corpus declares, this article's included.
    """
    source, annotation = article.source, article.annotation
    problems = _check_totals(source, article)
    seen: dict[str, int] = {}
    for index, claim in enumerate(annotation.claims):
        if claim.id in seen:
            problems.append(source.problem(("claims", index, "id"), f"the claim id {claim.id!r} is already used by claims[{seen[claim.id]}]"))
        seen.setdefault(claim.id, index)
        problems += _check_claim_links(source, article.id, index, claim, claim_ids)
    own_claims = {claim.id for claim in annotation.claims}
    for index, event in enumerate(annotation.events):
        for position, claim_id in enumerate(event.asserted_in):
            if claim_id not in own_claims:
                problems.append(source.problem(("events", index, "asserted_in", position), f"this article has no claim {claim_id!r}"))
    problems += _unique(source, "speakers", [speaker.id for speaker in annotation.speakers], "speaker")
    for index, violation in enumerate(annotation.violations):
        loc = ("violations", index)
        if violation.provision and (violation.agreement, violation.provision) not in provisions:
            problems.append(source.problem(loc + ("provision",), f"no article declares a provision {violation.provision!r} of {violation.agreement!r}"))
        if violation.claim and (article.id, violation.claim) not in claim_ids:
            problems.append(source.problem(loc + ("claim",), f"this article has no claim {violation.claim!r}"))
    return problems


def _check_claim_links(source: Located, article_id: str, index: int, claim: ClaimFact, claim_ids: set) -> list[Problem]:
    problems = []
    for link in ("contradicts", "denies", "supports"):
        for position, ref in enumerate(getattr(claim, link)):
            target = resolve_claim_ref(article_id, ref)
            loc = ("claims", index, link, position)
            if target == (article_id, claim.id):
                problems.append(source.problem(loc, f"the claim {claim.id!r} cannot {link.rstrip('s')} itself"))
            elif target not in claim_ids:
                problems.append(source.problem(loc, f"no claim {ref!r}: write `claim-id` for this article or `article-id#claim-id`"))
    return problems


def resolve_claim_ref(article_id: str, ref: str) -> tuple[str, str]:
    """The (article, claim) a reference names: `claim-id` in this article, `article-id#claim-id` in another."""
    if "#" in ref:
        other, claim = ref.split("#", 1)
        return other, claim
    return article_id, ref


def _check_totals(source: Located, article: Article) -> list[Problem]:
    """Outcome ids are unique in the article; a total includes outcomes of the article, not itself,
    and no outcome is, through its parts, a part of itself."""
    problems, where, totals = [], {}, []
    for index, event in enumerate(article.annotation.events):
        for position, outcome in enumerate(event.outcomes):
            loc = ("events", index, "outcomes", position)
            totals.append((outcome.id, loc, outcome.includes))
            if outcome.id is None:
                continue
            if outcome.id in where:
                first = "events[{}].outcomes[{}]".format(where[outcome.id][1], where[outcome.id][3])
                problems.append(source.problem(loc + ("id",), f"the outcome id {outcome.id!r} is already used by {first}"))
                continue
            where[outcome.id] = loc
    parts = {total: included for total, _, included in totals if total is not None}
    for total, loc, included in totals:
        for position, part in enumerate(included):
            at = loc + ("includes", position)
            if part == total:
                problems.append(source.problem(at, f"the outcome {total!r} cannot include itself"))
            elif part not in where:
                problems.append(source.problem(at, f"this article has no outcome with id {part!r} (give the part an `id`)"))
            elif total is not None and total in _parts_below(parts, part):
                problems.append(source.problem(at, f"the outcome {total!r} includes {part!r}, which includes it in turn"))
    return problems


def _parts_below(parts: dict[str, list[str]], outcome: str) -> set[str]:
    """Every outcome that `outcome` includes, directly or through its parts."""
    found, todo = set(), [outcome]
    while todo:
        for part in parts.get(todo.pop(), ()):
            if part not in found:
                found.add(part)
                todo.append(part)
    return found


def _unique(source: Located, section: str, ids: list[str], what: str) -> list[Problem]:
    """A problem for each id of a section already used by an earlier item."""
    problems, seen = [], {}
    for index, item_id in enumerate(ids):
        if item_id in seen:
            problems.append(source.problem((section, index, "id"), f"the {what} id {item_id!r} is already used by {section}[{seen[item_id]}]"))
        seen.setdefault(item_id, index)
    return problems
