"""The SPARQL the read model runs, and its result rows as plain Python values.

Each query reads one kind of record from the built store; `rows` gives a result as dictionaries of
IRIs (str), `Lit` values and None, so nothing past this module sees pyoxigraph's terms.
"""

from __future__ import annotations

import pyoxigraph as ox

from kb.readmodel.records import Lit, Term
from kb.vocabulary import ENTITY_CATEGORIES, KB_NS, META, ONT, RES_NS, SPARQL_PREFIXES, REG
from kb.store import Store


def term_value(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> Term | None:
    """A result term as an IRI (str) or a `Lit`; None for an unbound variable."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    return Lit(term.value)


def rows(store: Store, text: str) -> list[dict[str, Term | None]]:
    """The solutions of a SELECT query, each a dictionary from variable name to `term_value`.

    Raises `kb.errors.QueryError` when the query is not valid SPARQL or fails.
    """
    return [{v.value: term_value(row[v.value]) for v in result.variables}
            for result in [store.query(text)] for row in result]


def as_str(value: Term | None) -> str | None:
    """An IRI or a literal's lexical form as text; None stays None."""
    if value is None:
        return None
    return value.value if isinstance(value, Lit) else value


Q_REGISTRY = SPARQL_PREFIXES + f"""
SELECT ?entity ?p ?o WHERE {{
  GRAPH {REG} {{ ?entity ?p ?o }}
  FILTER (?p IN (rdf:type, rdfs:label, skos:altLabel, schema:description, schema:sameAs, skos:editorialNote))
  FILTER (STRSTARTS(STR(?entity), "{RES_NS}entity/"))  # not the places' points and lines
}}"""

Q_ENTITY_CATEGORIES = SPARQL_PREFIXES + f"""
SELECT ?entity ?top WHERE {{
  GRAPH {REG} {{ ?entity a ?class }}
  GRAPH {ONT} {{ ?class rdfs:subClassOf* ?top }}
  VALUES ?top {{ {' '.join(f'<{iri}>' for iri, _ in ENTITY_CATEGORIES)} }}
}}"""

Q_ONTOLOGY = SPARQL_PREFIXES + f"""
SELECT ?term ?kind ?p ?o WHERE {{
  GRAPH {ONT} {{
    ?term a ?kind .
    FILTER (?kind IN (owl:Class, owl:ObjectProperty, owl:DatatypeProperty, owl:NamedIndividual))
    FILTER (STRSTARTS(STR(?term), "{KB_NS}"))
    OPTIONAL {{
      ?term ?p ?o .
      FILTER (?p IN (rdfs:label, rdfs:comment, rdfs:subClassOf, rdfs:subPropertyOf, rdfs:domain, rdfs:range, rdf:type))
    }}
  }}
}}"""

Q_PROPERTY_USES = SPARQL_PREFIXES + f"""
SELECT ?term (COUNT(*) AS ?uses) WHERE {{ GRAPH ?g {{ ?s ?term ?o }} FILTER (?g != {ONT}) }} GROUP BY ?term"""

Q_CLASS_USES = SPARQL_PREFIXES + f"""
SELECT ?term (COUNT(DISTINCT ?s) AS ?uses) WHERE {{ GRAPH ?g {{ ?s a ?term }} FILTER (?g != {ONT}) }} GROUP BY ?term"""

Q_CLASS_USES_DEEP = SPARQL_PREFIXES + f"""
SELECT ?term (COUNT(DISTINCT ?s) AS ?uses) WHERE {{
  GRAPH ?g {{ ?s a ?class }} FILTER (?g != {ONT})
  GRAPH {ONT} {{ ?class rdfs:subClassOf* ?term }}
}} GROUP BY ?term"""

Q_INDIVIDUAL_USES = SPARQL_PREFIXES + f"""
SELECT ?term (COUNT(*) AS ?uses) WHERE {{
  GRAPH {ONT} {{ ?term a owl:NamedIndividual }}
  GRAPH ?g {{ ?s ?p ?term }} FILTER (?g != {ONT})
}} GROUP BY ?term"""

Q_ARTICLES = SPARQL_PREFIXES + f"""
SELECT ?article ?p ?o WHERE {{
  GRAPH {META} {{ ?article a kb:Article ; ?p ?o }}
  FILTER (?p IN (schema:identifier, schema:text, schema:inLanguage, schema:headline, schema:url, kb:earliestDate,
                 kb:latestDate, kb:datePrecision, schema:publisher, schema:author, schema:locationCreated, kb:cites,
                 skos:editorialNote, kb:dateNote))
}}"""

Q_EVIDENCE = SPARQL_PREFIXES + """
SELECT ?g ?node ?article ?exact ?start ?end WHERE {
  GRAPH ?g { ?node kb:evidence ?evidence }
  ?evidence oa:exact ?exact ; oa:start ?start ; oa:end ?end ; prov:wasQuotedFrom ?article .
}"""

# Every triple the articles state, without the bookkeeping (evidence, reification, mentions, texts).
Q_FACTS = SPARQL_PREFIXES + f"""
SELECT ?g ?s ?p ?o WHERE {{
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER (?g NOT IN ({REG}, {ONT}))
  FILTER (?p NOT IN (kb:evidence, rdf:subject, rdf:predicate, rdf:object, oa:hasBody, kb:surfaceForm,
                     kb:occurrences, schema:text, oa:exact, oa:start, oa:end, prov:wasQuotedFrom))
}}"""

Q_STATEMENTS = SPARQL_PREFIXES + """
SELECT ?g ?statement ?s ?p ?o ?note ?earliest ?latest WHERE {
  GRAPH ?g {
    ?statement a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    OPTIONAL { ?statement skos:editorialNote ?note }
    OPTIONAL { ?statement kb:earliestDate ?earliest }
    OPTIONAL { ?statement kb:latestDate ?latest }
  }
}"""

Q_MENTIONS = SPARQL_PREFIXES + """
SELECT ?g ?mention ?entity ?form ?occurrences WHERE {
  GRAPH ?g { ?mention a kb:Mention ; oa:hasBody ?entity ; kb:surfaceForm ?form ; kb:occurrences ?occurrences }
}"""

# One row per event and reporting article (the article named by the account's evidence).
Q_ACCOUNTS = SPARQL_PREFIXES + f"""
SELECT DISTINCT ?g ?event ?article WHERE {{
  GRAPH {REG} {{ ?event a ?class }}
  GRAPH {ONT} {{ ?class rdfs:subClassOf* kb:Event }}
  GRAPH ?g {{ ?event kb:evidence ?evidence }}
  ?evidence prov:wasQuotedFrom ?article .
}}"""

# The actors' network: who is party to what, who accuses, denies or contradicts whom, who backs whom.
Q_EDGES = SPARQL_PREFIXES + """
SELECT DISTINCT ?kind ?source ?target ?g ?via WHERE {
  { GRAPH ?g { ?target kb:party ?source } BIND ("party" AS ?kind) BIND (?target AS ?via) }
  UNION { GRAPH ?g { ?target kb:signatory ?source } BIND ("signatory" AS ?kind) BIND (?target AS ?via) }
  UNION { GRAPH ?g { ?via a kb:AllegedViolation ; kb:allegedBy ?source ; kb:accused ?target }
           BIND ("violation" AS ?kind) }
  UNION { GRAPH ?g { ?via kb:denies ?claim ; kb:claimant ?source } ?claim kb:claimant ?target .
           BIND ("denies" AS ?kind) }
  UNION { GRAPH ?g { ?via kb:contradicts ?claim ; kb:claimant ?source } ?claim kb:claimant ?target .
           BIND ("contradicts" AS ?kind) }
  UNION { GRAPH ?g { ?via rdf:subject ?source ; rdf:predicate ?link ; rdf:object ?target }
           VALUES (?link ?kind) { (kb:backedBy "backedBy") (kb:allyOf "allyOf") } }
}"""

Q_GEOMETRY = SPARQL_PREFIXES + f"""
SELECT ?entity ?kind ?lat ?long ?wkt ?source ?approximate ?note WHERE {{
  GRAPH {REG} {{
    {{ ?entity geo:location ?geometry . ?geometry geo:lat ?lat ; geo:long ?long . BIND ("point" AS ?kind) }}
    UNION {{ ?entity gsp:hasGeometry ?geometry . ?geometry gsp:asWKT ?wkt . BIND ("line" AS ?kind) }}
    OPTIONAL {{ ?geometry dcterms:source ?source }}
    OPTIONAL {{ ?geometry kb:approximateGeometry ?approximate }}
    OPTIONAL {{ ?geometry skos:editorialNote ?note }}
  }}
}}"""

# The ontology's terms matched to ACLED's and CAMEO's codes (ontology/alignments.ttl), and the
# reasons given where a term has none.
Q_ALIGNMENTS = SPARQL_PREFIXES + f"""
SELECT ?term ?match ?concept ?scheme ?name ?notation ?parent WHERE {{
  GRAPH {ONT} {{
    VALUES (?relation ?match) {{ (skos:exactMatch "exact") (skos:closeMatch "close") (skos:broadMatch "broad")
                                (skos:narrowMatch "narrow") }}
    ?term ?relation ?concept .
    ?concept skos:inScheme ?scheme ; skos:prefLabel ?name .
    OPTIONAL {{ ?concept skos:notation ?notation }}
    OPTIONAL {{ ?concept skos:broader/skos:prefLabel ?parent }}
  }}
}}"""

Q_ALIGNMENT_GAPS = SPARQL_PREFIXES + f"""
SELECT ?term ?gap ?reason WHERE {{
  GRAPH {ONT} {{ VALUES ?gap {{ kb:noAcledMatch kb:noCameoMatch }} ?term ?gap ?reason }}
}}"""
