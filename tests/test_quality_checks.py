"""The quality checks (queries/quality/*.rq) on small graphs: for each check, conforming data that
it passes and violating data in which it finds exactly the expected focus nodes.

The data is TriG: one named graph per article, as the build makes them, beside the ontology (the
checks follow the class hierarchy). A case names the check, the data and the focus nodes the check
must report (none for a conforming case).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
import pytest

from kb.queries import quality_checks
from kb.store import Store
from kb.validate import ontology_quads, quality_findings

PREFIXES = """
@prefix kb: <https://w3id.org/conflict-news-kb/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .
"""


@dataclass(frozen=True)
class Case:
    """One case of one check: its TriG data, and the focus nodes the check must report."""

    check: str
    name: str
    data: str
    focus: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.check}-{self.name}"


def ex(*names: str) -> tuple[str, ...]:
    return tuple(f"http://example.org/{name}" for name in names)


CASES: list[Case] = [
    # --- sources of every genre
    Case("agreement-text-violation", "an agreement's own text and a report", """
        ex:meta { ex:text a kb:Article ; kb:genre kb:AgreementText ; kb:textOf ex:accord .
                  ex:report a kb:Article ; kb:genre kb:NewsReport .
                  ex:page a kb:Article ; kb:genre kb:PressRelease, kb:OfficialTranscript . }"""),
    Case("agreement-text-violation", "an agreement text that names no agreement", """
        ex:meta { ex:text a kb:Article ; kb:genre kb:AgreementText . }""", ex("text")),
    Case("agreement-text-violation", "a report that says it is the agreement's text", """
        ex:meta { ex:report a kb:Article ; kb:genre kb:NewsReport ; kb:textOf ex:accord . }""", ex("report")),
    # --- what is only claimed
    Case("event-status-violation", "narrated, claimed by a source, announced in a claim, planned by the outlet", """
        ex:g { ex:strike kb:eventStatus kb:Happened .
               ex:drones kb:eventStatus kb:Claimed ; kb:accordingTo ex:damascus .
               ex:call kb:eventStatus kb:Announced ; kb:assertedIn ex:claim .
               ex:talks kb:eventStatus kb:Planned . }"""),
    Case("event-status-violation", "a source's account reported as having happened; a denial without its source", """
        ex:g { ex:operation kb:eventStatus kb:Happened ; kb:accordingTo ex:erdogan .
               ex:massacre kb:eventStatus kb:Denied . }""", ex("operation", "massacre")),
    # --- links to one of two kinds
    Case("reference-kind-violation", "a role in an agreement, a role of a person, days from a signing", """
        ex:reg { ex:accord a kb:Agreement . ex:state a kb:State . ex:talks a kb:Meeting . ex:minister a kb:Person . }
        ex:g { ex:guarantor kb:roleHolder ex:state ; kb:roleOf ex:accord .
               ex:envoy kb:roleHolder ex:minister ; kb:roleOf ex:state .
               ex:patrols kb:deadlineDays 7 ; kb:deadlineFrom ex:accord .
               ex:withdrawal kb:deadlineDays 3 ; kb:deadlineFrom ex:talks . }"""),
    Case("reference-kind-violation", "a role of a place, days from a person", """
        ex:reg { ex:town a kb:Settlement . ex:minister a kb:Person . }
        ex:g { ex:mayor kb:roleOf ex:town . ex:patrols kb:deadlineDays 7 ; kb:deadlineFrom ex:minister . }""",
         ex("mayor", "patrols")),
    # --- totals and their parts
    Case("outcome-part-violation", "54 killed, including 33; more than 50, including 33; between 40 and 60, including 50", """
        ex:g { ex:total kb:outcomeKind kb:Killed ; kb:affectedParty ex:army ; kb:count 54 ; kb:qualifier kb:Exactly ;
                   kb:includes ex:part .
               ex:part kb:outcomeKind kb:Killed ; kb:affectedParty ex:army ; kb:count 33 ; kb:qualifier kb:Exactly .
               ex:bound kb:outcomeKind kb:Killed ; kb:count 50 ; kb:qualifier kb:MoreThan ; kb:includes ex:part .
               ex:range kb:outcomeKind kb:Killed ; schema:minValue 40 ; schema:maxValue 60 ; kb:qualifier kb:Between ;
                   kb:includes ex:fifty .
               ex:fifty kb:outcomeKind kb:Killed ; kb:count 50 ; kb:qualifier kb:About . }"""),
    Case("outcome-part-violation", "a part of another kind, of another side, larger than its total", """
        ex:g { ex:total kb:outcomeKind kb:Killed ; kb:affectedParty ex:army ; kb:count 54 ; kb:qualifier kb:Exactly ;
                   kb:includes ex:injured .
               ex:injured kb:outcomeKind kb:Injured ; kb:affectedParty ex:army ; kb:count 3 ; kb:qualifier kb:Exactly .
               ex:total2 kb:outcomeKind kb:Killed ; kb:affectedParty ex:army ; kb:includes ex:militia .
               ex:militia kb:outcomeKind kb:Killed ; kb:affectedParty ex:militia-group .
               ex:total3 kb:outcomeKind kb:Killed ; kb:count 30 ; kb:qualifier kb:UpTo ; kb:includes ex:more .
               ex:more kb:outcomeKind kb:Killed ; kb:count 30 ; kb:qualifier kb:MoreThan . }""",
         ex("total", "total2", "total3")),
]


def findings(case: Case) -> list:
    (check,) = [c for c in quality_checks() if c.name == case.check]
    quads = list(ox.parse((PREFIXES + case.data).encode(), format=ox.RdfFormat.TRIG))
    return quality_findings(Store.in_memory(quads + ontology_quads()), checks=[check])


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_quality_check_finds_exactly_its_cases(case):
    assert sorted(f.focus for f in findings(case)) == sorted(case.focus)


def test_each_check_of_a_case_exists_and_has_a_conforming_and_a_violating_case():
    names = {check.name for check in quality_checks()}
    for check in {case.check for case in CASES}:
        assert check in names, check
        kinds = {bool(case.focus) for case in CASES if case.check == check}
        assert kinds == {True, False}, f"{check} needs a conforming and a violating case"
