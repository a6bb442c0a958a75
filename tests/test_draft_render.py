"""kb.draft.render: the draft is deterministic, and each block of findings, once uncommented, is
in the very form the annotation takes (the models accept it)."""

from __future__ import annotations

import re

import yaml
from conftest import REPO, SEED_CORPUS

from kb.corpus import read_registry
from kb.draft.render import render
from kb.draft import draft_annotation
from kb.models import ClaimFact, Entity, Figure, Outcome, Skip

SEED, _, _ = read_registry(SEED_CORPUS / "registry")
TEXTS = REPO / "benchmarks" / "draft_texts"


class _NoDates(yaml.SafeLoader):
    """YAML as kb reads it: dates stay text."""


_NoDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def block(draft: str, key: str) -> list | dict | None:
    """The commented block that starts with `# KEY:`, uncommented and read."""
    lines = draft.splitlines()
    try:
        start = lines.index(f"# {key}:")
    except ValueError:
        return None
    body = []
    for line in lines[start + 1:]:
        if not line.startswith("#   "):
            break
        body.append(line[2:])
    return yaml.load(f"{key}:\n" + "\n".join(body), Loader=_NoDates)[key]


def voa_draft() -> str:
    text = (TEXTS / "voa-2020-03-02-saraqeb.txt").read_text(encoding="utf-8")
    return render(draft_annotation(text, SEED, "voa", date="2020-03-02", publisher="VOA News"))


def test_the_same_text_gives_the_same_draft_byte_for_byte():
    assert voa_draft().encode() == voa_draft().encode()


def test_each_block_once_uncommented_is_what_the_models_accept():
    draft = voa_draft()
    claims = [ClaimFact.model_validate(c) for c in block(draft, "claims")]
    assert len(claims) >= 9
    outcomes = [Outcome.model_validate(o) for o in block(draft, "outcomes")]
    assert [o.count for o in outcomes][:3] == [2, 3, 135]
    entries = re.findall(r"^# (- id: .*\n(?:#   .*\n)+)", draft, re.MULTILINE)
    [entry] = [Entity.model_validate(e) for e in yaml.safe_load("".join(re.sub(r"(?m)^# ?", "", e) for e in entries))]
    assert (entry.id, entry.type, entry.aliases) == ("voa-news", "MediaOutlet", ["VOA"])
    skipped = [s for s in block(draft, "skipped") if s["reason"]]
    assert [Skip.model_validate(s).reason for s in skipped][:2] == ["page furniture (navigation)"] * 2


def test_figures_and_candidates_are_valid_when_completed():
    text = ("Officials met in the town of Reyhanli. Putin and Erdogan agreed to create a 15-20 kilometer-wide "
            "demilitarized zone. A security corridor 6 km deep will run on each side of the highway.")
    draft = render(draft_annotation(text, SEED, "x", date="2020-03-05"))
    figures = [Figure.model_validate(f) for f in block(draft, "figures")]
    assert [(f.quantity, f.min, f.max, f.value, f.unit) for f in figures] == [
        ("width", 15, 20, None, "km"), ("depth", None, None, 6, "km")]
    [candidate] = re.findall(r"^#   - (\{id: .*\})  # at", draft, re.MULTILINE)
    assert Entity.model_validate(yaml.safe_load(candidate)).type == "Settlement"


def test_times_and_new_speakers_are_shown():
    text = "GENEVA, March 5, 2021 (Example News). The ceasefire starts from 00:01 on March 6, a senior official said."
    draft = render(draft_annotation(text, SEED, "x"))
    assert '"from 00:01 on March 6" at 59: 2021-03-06  # time_of_day: night; from 00:01; the year' in draft
    assert "#     claimant: a-senior-official  # NOT IN THE REGISTRY: 'a senior official'" in draft
