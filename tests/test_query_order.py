"""Every named query states its row order, fully and in terms every engine sorts alike.

Read from the parsed query (rdflib's algebra), not from its text: the top-level query must end in
ORDER BY; its keys must name every grouping key (an aggregate query) or every projected variable
(any other), so that no two rows tie and no engine breaks a tie its own way; and a key that may be
an IRI is sorted as its string, because SPARQL leaves the order of IRIs against each other and
against literals to the engine (Virtuoso sorts IRIs by its internal ids, not by their text).
"""

import pytest
from rdflib.plugins.sparql import parser
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Variable

from kb import api

WRAPPERS = {"Project", "Distinct", "Reduced", "Slice", "ToMultiSet"}


def _variables(node) -> set[Variable]:
    found, stack = set(), [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Variable):
            found.add(item)
        elif isinstance(item, CompValue):
            stack.extend(dict.values(item))
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return found


def _top_order(algebra: CompValue) -> CompValue | None:
    node = algebra.p
    while isinstance(node, CompValue):
        if node.name == "OrderBy":
            return node
        if node.name not in WRAPPERS:
            return None
        node = node.p
    return None


def _grouping_keys(order: CompValue) -> set[Variable] | None:
    """The variables of the top-level GROUP BY, or None when the query does not group."""
    node = order.p
    while isinstance(node, CompValue) and node.name in {"Extend", "Filter", "AggregateJoin", "Group"}:
        if node.name == "Group":
            return set() if node.expr is None else _variables(node.expr)
        node = node.p
    return None


@pytest.mark.parametrize("name", sorted(api.named_queries()))
def test_every_named_query_orders_its_rows_fully(name):
    query = api.named_queries()[name]
    algebra = translateQuery(parser.parseQuery(query.text)).algebra
    order = _top_order(algebra)
    assert order is not None, f"{name}: no ORDER BY at the top of the query"
    keys = set().union(*(_variables(condition.expr) for condition in order.expr))
    grouping = _grouping_keys(order)
    needed = grouping if grouping is not None else set(algebra.PV)
    assert needed <= keys, f"{name}: rows that agree on the ORDER BY keys tie on {sorted(needed - keys)}"


# a parameter value for each named query that needs one, on the bundled corpus
SEED_PARAMS = {
    "agreement": {"agreement": "sochi-agreement-2018"}, "agreement-zones": {"agreement": "sochi-agreement-2018"},
    "claims-about": {"subject": "turkey"}, "claims-by-actor": {"actor": "dmitry-peskov"},
    "entity": {"entity": "idlib-province"}, "entity-names": {"entity": "hayat-tahrir-al-sham"},
    "event-outcomes": {"event": "su24-strike-2020-02-20"}, "events-on-date": {"day": "2020-02-11"},
}


@pytest.mark.parametrize("name", sorted(api.named_queries()))
def test_iris_are_ordered_as_strings(built_seed, name):
    query = api.named_queries()[name]
    algebra = translateQuery(parser.parseQuery(query.text)).algebra
    keys = [condition.expr for condition in _top_order(algebra).expr if isinstance(condition.expr, Variable)]
    result = api.query(built_seed, name=name, params=SEED_PARAMS.get(name, {}))
    assert result.rows or name == "agreement-zones", f"{name} answers nothing on the bundled corpus"
    for key in keys:
        if str(key) not in result.variables:
            continue
        column = result.variables.index(str(key))
        iris = [row[column] for row in result.rows if type(row[column]).__name__ == "NamedNode"]
        assert not iris, (f"{name}: ORDER BY ?{key} sorts IRIs ({iris[0].value}), whose order against each other "
                          f"and against literals SPARQL leaves to the engine: write STR(?{key})")
