"""What a query sent to `kb serve` may do, decided from the parsed query, never from its text.

The query is parsed with rdflib's SPARQL grammar and its parse tree is walked: a `SERVICE` pattern
anywhere in it (nested in OPTIONAL, UNION, MINUS, EXISTS, GRAPH or a sub-select, with an IRI, a
prefixed name or a variable for endpoint, SILENT or not) is refused with 403; so is anything that
parses as an update. A variable `?service`, a term `ex:service`, the word in a string or a comment
are none of that and run as any other query.

This check gives clear refusals; it is not what stops the server from making requests. The query
workers are cut off from the network by the operating system (`kb.confine`), so a query that rdflib
reads differently from Oxigraph still cannot reach another host. Hence, for a query rdflib cannot
parse: with confined workers the engine decides (it runs the query or reports its syntax error);
without confinement (macOS) this check is the only defence, and the query is refused as unchecked.

Unicode escapes: rdflib expands `\\uXXXX` everywhere before parsing (so `S\\u0045RVICE` is read as
SERVICE), but Oxigraph 0.5 expands them only inside strings and IRIs, where rdflib's expansion can
end a string early (`"\\u0022"`) and hide what follows inside another one. A query with escapes is
therefore read both ways, and must pass both; where rdflib cannot read it without expanding them
(they stand in a string or an IRI), it is unchecked.

rdflib's parser is slow (10 to 150 ms for the named queries), so verdicts are cached by query text.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache
from http import HTTPStatus

from pyparsing import ParseResults
from rdflib.plugins.sparql import parser
from rdflib.plugins.sparql.parserutils import CompValue

from kb.errors import Refused

_ESCAPE = re.compile(r"\\u", re.IGNORECASE)
_CACHED_TEXT = 64 * 1024  # longer queries are checked each time, so the cache stays small
_REASON = 160  # characters of rdflib's complaint worth showing


class Verdict(Enum):
    """What the parsed query is: a plain query, a federated one, an update, or one rdflib cannot read."""
    QUERY = "a query without SERVICE"
    FEDERATED = "a federated query"
    UPDATE = "an update"
    UNCHECKED = "not readable by rdflib"


def verdict(query: str) -> tuple[Verdict, str]:
    """What the query is, from its parse tree, with rdflib's complaint when it is UNCHECKED.

    Never raises: anything rdflib cannot read (a syntax error, a nesting too deep) is UNCHECKED.
    """
    if len(query) <= _CACHED_TEXT:
        return _cached_verdict(query)
    return _verdict(query)


def refuse_unsafe(query: str, engine_confined: bool) -> None:
    """Raise Refused for an update (403), a federated query (403), or, when the engine is not
    confined, a query that cannot be checked (400); return for anything else."""
    kind, complaint = verdict(query)
    if kind is Verdict.UPDATE:
        raise Refused(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates and LOAD are refused")
    if kind is Verdict.FEDERATED:
        raise Refused(HTTPStatus.FORBIDDEN,
                      "federated SERVICE calls are not allowed on this endpoint: it makes no request to other hosts")
    if kind is Verdict.UNCHECKED and not engine_confined:
        raise Refused(HTTPStatus.BAD_REQUEST,
                      f"the query could not be checked, so it is not run (rdflib: {complaint})")


def _verdict(query: str) -> tuple[Verdict, str]:
    try:
        tree = parser.parseQuery(query)
    except Exception as err:  # pyparsing's errors, a bad escape, a RecursionError on deep nesting
        return _update_or_unchecked(query, err)
    if _has_service(tree):
        return Verdict.FEDERATED, ""
    if _ESCAPE.search(query):
        try:  # as Oxigraph reads it: the grammar itself, without rdflib's expansion first
            raw = parser.Query.parse_string(query, parse_all=True)
        except Exception as err:
            return Verdict.UNCHECKED, "\\u escapes inside a string or an IRI: " + _short(err)
        if _has_service(raw):
            return Verdict.FEDERATED, ""
    return Verdict.QUERY, ""


def _update_or_unchecked(query: str, query_error: Exception) -> tuple[Verdict, str]:
    try:
        update = parser.parseUpdate(query)
    except Exception:
        return Verdict.UNCHECKED, _short(query_error)
    # an empty text (or one that is all comments) parses as an update doing nothing
    return (Verdict.UPDATE, "") if dict.get(update, "request") else (Verdict.UNCHECKED, _short(query_error))


_cached_verdict = lru_cache(maxsize=512)(_verdict)


def _has_service(tree) -> bool:
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return True
            stack.extend(dict.values(node))  # the raw values: CompValue's own accessors resolve them
        elif isinstance(node, (ParseResults, list, tuple)):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
    return False


def _short(err: Exception) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return text if len(text) <= _REASON else text[:_REASON] + "..."
