"""The compiled shapes' checks, run a node shape at a time.

Each compiled check (`kb.shacl_sparql.Check`) first collects its node shape's focus nodes, then
joins them with one scan of its property: at a million triples, collecting the 91,782 evidence
nodes took 272 ms of every one of their fifteen checks. The checks of one node shape that join
(all but `sh:minCount`, which takes away) are therefore asked in one query: the focus nodes
collected once, joined with a `UNION` of the checks' bodies, each tagged with its position in the
group (`?_check`). Each body keeps its own `DISTINCT` rows, so the group finds what its checks
find one by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kb.shacl_sparql import Check  # the compiler needs rdflib; grouping its checks does not

CHECK_VARIABLE = "_check"  # the variable that tags each row of a group's query with its check


@dataclass(frozen=True)
class CheckGroup:
    """Checks asked in one query: a row's `?_check` is the position of its check (when there are several)."""

    checks: tuple[Check, ...]
    query: str

    @property
    def name(self) -> str:
        """The shape the group checks, for messages (its first check's property shape)."""
        return self.checks[0].shape


def grouped(checks: tuple[Check, ...]) -> tuple[CheckGroup, ...]:
    """The checks in groups of one node shape's joining checks, in the order of their first check;
    a check that cannot join a group (or is alone) is a group of its own, with its own query."""
    together: dict[str | Check, list[Check]] = {}  # by the targets they join (a dict keeps their order)
    for check in checks:
        together.setdefault(check.targets if check.body else check, []).append(check)
    return tuple(CheckGroup(tuple(members), members[0].query if len(members) == 1 else _group_query(members))
                 for members in together.values())


def _group_query(checks: list[Check]) -> str:
    branches = " UNION ".join(f"{{ {check.body} BIND ({index} AS ?{CHECK_VARIABLE}) }}"
                              for index, check in enumerate(checks))
    return f"SELECT DISTINCT ?{CHECK_VARIABLE} ?focus ?value WHERE {{ {checks[0].targets} {{ {branches} }} }}"


__all__ = ["CHECK_VARIABLE", "CheckGroup", "grouped"]
