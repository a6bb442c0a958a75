"""One validation report for SHACL shapes and quality queries, in text, JSON and SHACL Turtle.

Plain dataclasses, not models: `kb check` reads a build's report back at every run, and nothing
here needs validating beyond what `Finding.from_dict` checks.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from enum import Enum

from kb.vocabulary import compact


class Severity(str, Enum):
    """How serious a finding is (SHACL's three levels)."""
    Violation = "Violation"
    Warning = "Warning"
    Info = "Info"


REPORT_JSON = "validation.json"  # the file of a build's folder that holds its report

_RANK = {Severity.Violation: 0, Severity.Warning: 1, Severity.Info: 2}


@dataclass(frozen=True)
class Finding:
    """One thing wrong with the data: which rule, on which node and path, and where it came from."""

    severity: Severity
    rule: str
    focus: str
    message: str
    path: str | None = None
    value: str | None = None
    source: str | None = None
    line: int | None = None
    article: str | None = None
    component: str | None = None

    def to_dict(self) -> dict:
        """The finding as JSON values, its fields in their declared order."""
        data = dataclasses.asdict(self)
        data["severity"] = self.severity.value
        return {name: data[name] for name in _FIELD_ORDER}

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        """A finding from `to_dict`'s output; raises ValueError (or KeyError, TypeError) for anything else."""
        if not isinstance(data, dict) or data.keys() - _FIELD_ORDER:
            raise ValueError(f"not a finding: {data!r}")
        finding = cls(**{**data, "severity": Severity(data["severity"])})
        for name in ("rule", "focus", "message"):
            if not isinstance(getattr(finding, name), str):
                raise ValueError(f"a finding's {name} is text, not {getattr(finding, name)!r}")
        if finding.line is not None and not isinstance(finding.line, int):
            raise ValueError(f"a finding's line is a number, not {finding.line!r}")
        return finding

    def sort_key(self) -> tuple:
        """The order findings are reported in: by severity, then file and line, then focus and rule (and,
        for two constraints of one rule on the same value, by constraint component)."""
        return (_RANK[self.severity], self.source or "", self.line or 0, self.focus, self.rule, self.path or "",
                self.value or "", self.component or "", self.message)

    def where(self) -> str:
        """Where the finding points: its annotation file and line, else its focus node."""
        if self.source:
            return f"{self.source}:{self.line}" if self.line else self.source
        return self.focus


@dataclass(frozen=True)
class Origin:
    """Where a node of the graph was written: file, line, and the article it belongs to."""

    file: str
    line: int | None
    article: str | None = None


# the order of JSON's keys, as reports have always listed them
_FIELD_ORDER = ("severity", "rule", "focus", "path", "value", "message", "source", "line", "article", "component")


@dataclass
class Report:
    """One validation report: the findings of the shapes and the quality checks, and how much was checked."""
    findings: list[Finding] = field(default_factory=list)
    checked_triples: int = 0
    rules: int = 0

    def sorted(self) -> Report:
        """A copy with the findings in report order."""
        return dataclasses.replace(self, findings=sorted(self.findings, key=Finding.sort_key))

    def about(self, articles: set[str]) -> Report:
        """A copy with only the findings about these articles, and those about no article (the registry's)."""
        return dataclasses.replace(self, findings=[finding for finding in self.findings
                                                   if finding.article in articles or finding.article is None])

    @classmethod
    def from_json(cls, text: str) -> Report:
        """The report `to_json` wrote; raises ValueError (or KeyError, TypeError) for anything else."""
        data = json.loads(text)
        report = cls([Finding.from_dict(item) for item in data["findings"]], data["checked_triples"], data["rules"])
        if not isinstance(report.checked_triples, int) or not isinstance(report.rules, int):
            raise ValueError("a report counts triples and rules in whole numbers")
        return report

    def count(self, severity: Severity) -> int:
        """How many findings have this severity."""
        return sum(1 for finding in self.findings if finding.severity is severity)

    @property
    def conforms(self) -> bool:
        """True when no finding is a violation (warnings do not count)."""
        return self.count(Severity.Violation) == 0

    def summary(self) -> str:
        """One line: conforms, with how many rules on how many triples, or how many findings of each severity."""
        if not self.findings:
            return f"conforms ({self.rules} rules on {self.checked_triples} triples)"
        parts = [f"{self.count(s)} {s.value.lower()}{'s' if self.count(s) != 1 else ''}" for s in Severity if self.count(s)]
        verdict = "conforms" if self.conforms else "does not conform"
        return f"{verdict}: {', '.join(parts)}"

    # --- renderers ---

    def to_text(self) -> str:
        """The report for people: one block per finding, then the summary line."""
        lines = []
        for finding in self.sorted().findings:
            lines.append(f"{finding.severity.value}: {finding.where()}: {finding.message}")
            detail = [f"rule {finding.rule}", f"focus {compact(finding.focus)}"]
            if finding.path:
                detail.append(f"path {compact(finding.path)}")
            if finding.value is not None:
                detail.append(f"value {finding.value}")
            if finding.article:
                detail.append(f"article {finding.article}")
            lines.append("    " + "; ".join(detail))
        lines.append(f"Result: {self.summary()}")
        return "\n".join(lines) + "\n"

    def to_json(self) -> str:
        """The report for tools, as JSON."""
        payload = {
            "conforms": self.conforms,
            "summary": self.summary(),
            "checked_triples": self.checked_triples,
            "rules": self.rules,
            "findings": [finding.to_dict() for finding in self.sorted().findings],
        }
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"

    def to_turtle(self) -> str:
        """A SHACL validation report (sh:ValidationReport), with IRIs for results so it is stable."""
        from rdflib import RDF, Graph, Literal, URIRef  # only this report's Turtle needs rdflib
        from rdflib.namespace import SH

        from kb.vocabulary import PREFIXES

        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        graph.bind("sh", SH)
        report = URIRef("urn:kb:validation-report")
        graph.add((report, RDF.type, SH.ValidationReport))
        graph.add((report, SH.conforms, Literal(self.conforms)))
        for index, finding in enumerate(self.sorted().findings, start=1):
            result = URIRef(f"urn:kb:validation-report:result:{index}")
            graph.add((report, SH.result, result))
            graph.add((result, RDF.type, SH.ValidationResult))
            graph.add((result, SH.resultSeverity, SH[finding.severity.value]))
            graph.add((result, SH.focusNode, URIRef(finding.focus)))
            graph.add((result, SH.resultMessage, Literal(finding.message)))
            graph.add((result, SH.sourceShape, URIRef(finding.rule)))
            if finding.path:
                graph.add((result, SH.resultPath, URIRef(finding.path)))
            if finding.value is not None:
                graph.add((result, SH.value, Literal(finding.value)))
            if finding.component:
                graph.add((result, SH.sourceConstraintComponent, URIRef(finding.component)))
        return graph.serialize(format="turtle")

