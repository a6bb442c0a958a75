#!/usr/bin/env python3
"""How much of an article `kb new`'s draft finds: attributions, figures, and junk.

    python benchmarks/draft_score.py [--set tuned|held-out|all] [--verbose]

Drafts each text with `kb.draft.draft_annotation` against the bundled registry
(`corpus/registry/`), as `kb new` does, and scores the draft against the answer file written by
hand for the text (`benchmarks/draft_answers/NAME.yaml`: the text's path, its attributions, its
figures, and the real names it contains). It prints, per text and in total for the tuned texts
(the five seed articles, the two real texts of `benchmarks/draft_texts/`, and nine texts written
for the benchmark, on which the rules were developed) and for the held-out ones (four more texts
written for the benchmark, which the rules were never run on while being written), the
recall of attributions and of figures and the junk candidates per 1,000 characters. It is a
measurement, not a test: it asserts nothing.

The nine written texts of the tuned set were held out in turn, three at a time, each set written
before the rules it was to measure and scored once before its misses guided the rules:

* the first (a wire report, a ministry statement, an encyclopedia article): 23 of 36 attributions
  (63.9%), 23 of 24 figures (95.8%), 0.94 junk candidates per 1,000 characters;
* the second (a news agency report, an international organisation's press release, an
  encyclopedia article): 19 of 31 attributions (61.3%), 20 of 20 figures (100%), 1.17 junk;
* the third (a news agency report, a foreign ministry's press statement, an encyclopedia
  article): 20 of 30 attributions (66.7%), 13 of 15 figures (86.7%), 1.13 junk.

Each then joined the tuned set, and the next three texts, written before any of the changes it
led to, were held out in its place.

The fourth held-out set (a news agency's report, a foreign ministry's press release with a
spokesperson's statement quoted over several paragraphs, an encyclopedia article, a meetings
coverage of the Security Council; 10,967 characters) was written and committed before the rules
it measures, which were developed on the tuned set and on sentences written apart from both, and
scored once: 56 of 67 attributions (83.6%), 19 of 20 figures (95.0%), 0.91 junk candidates per
1,000 characters. Per text: the wire report 20/21 attributions, 5/5 figures, no junk; the press
release 5/11, 4/4, 2.25 junk (a quotation introduced by "In response to media queries, the
Official Spokesperson, Shri Anurag Srivastava, said:" finds no speaker, so its four paragraphs
and the minister's words inside them are lost; titles and an honorific are proposed as names);
the encyclopedia article 13/16, 7/8, 1.41 junk ("Lanao del Sur" and a council's name with "and"
are cut in two); the meetings coverage 18/19, 3/3, no junk.

Definitions:

* An attribution is found when a proposed claim's words (`said`) or attribution (`evidence`)
  overlap the answer's words in the text (`said`: the first words of the statement), and its
  speaker is the answer's: the registry id (or one of the ids the answer accepts), or, for a
  speaker the answer names in words, a proposed speaker whose words contain them (any case).
* A figure is found when a proposed figure has the answer's number (or range `[low, high]`), its
  qualifier (none when the answer gives none), and counts what the answer counts: the last word of
  the answer's `what`, singular or plural, is among the proposed words.
* Junk is a proposed candidate for a new entity, or a proposed speaker given in words (not a
  registry id), that is not a real name of an actor, place or thing in the text: a candidate that
  is not exactly one of the names the answer lists, or a speaker that neither contains nor is
  contained in one of the answer's speakers or names. Sentence-initial words ("Recalling"),
  headings, page furniture ("Breaking News"), cut-off names ("Turke") and truncated ones
  ("Syrian President Bashar") are junk.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"

try:
    import kb  # noqa: F401
except ImportError:  # run with the project's virtualenv, which has kb installed
    if VENV_PYTHON.exists() and Path(sys.prefix).resolve() != VENV_PYTHON.parent.parent.resolve():
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), __file__, *sys.argv[1:]])
    raise

import yaml  # noqa: E402

from kb.corpus import read_registry  # noqa: E402
from kb.draft import DraftError, draft_annotation  # noqa: E402

# (answer file, set, --date for a text that states no full publication date; "stated:DATE" for a
# text that states its date, DATE being used, and said, only if the drafter does not find it)
TEXTS = [
    ("seed-000", "tuned", None),
    ("seed-001", "tuned", "2020-02-21"),
    ("seed-002", "tuned", "2020-02-18/2020-02-23"),
    ("seed-003", "tuned", None),
    ("seed-004", "tuned", "2020-02-20/2020-02-25"),
    ("voa-2020-03-02-saraqeb", "tuned", "2020-03-02"),
    ("kremlin-2020-03-05-talks", "tuned", None),
    # held out for the first scoring, then used to develop the rules (see the module)
    ("wire-2020-02-28-idlib-strike", "tuned", "2020-02-28"),
    ("ministry-2020-09-27-karabakh", "tuned", None),
    ("encyclopedia-debaltseve-2015", "tuned", "2021"),
    ("wire-2020-01-13-libya-talks", "tuned", "2020-01-13"),
    ("un-2020-02-17-idlib-displacement", "tuned", "stated:2020-02-17"),
    ("encyclopedia-spring-shield-2020", "tuned", "2021"),
    ("wire-2020-10-10-karabakh-truce", "tuned", "2020-10-10"),
    ("statedept-2020-02-20-idlib", "tuned", "stated:2020-02-20"),
    ("encyclopedia-peace-spring-2019", "tuned", "2021"),
    ("wire-2020-11-15-tigray-rockets", "held-out", "2020-11-15"),
    ("mea-2020-06-17-galwan", "held-out", "stated:2020-06-17"),
    ("encyclopedia-marawi-2017", "held-out", "2021"),
    ("unsc-2018-12-21-yemen", "held-out", "stated:2018-12-21"),
]


def _singular(word: str) -> str:
    word = word.lower().strip(".,;:\"'“”")
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _attribution_found(answer: dict, span: tuple[int, int], draft, registry: dict) -> bool:
    accepted = answer["speaker"] if isinstance(answer["speaker"], list) else [answer["speaker"]]
    ids = [a for a in accepted if a in registry]
    words = [a.lower() for a in accepted if a not in registry]
    for st in draft.statements:
        spans = [(st.said.start, st.said.end)] + ([(st.attribution.start, st.attribution.end)] if st.attribution else [])
        if not any(_overlaps(span, s) for s in spans):
            continue
        if st.speaker in ids or any(w in (st.speaker_name or "").lower() for w in words):
            return True
    return False


def _figure_found(answer: dict, draft) -> bool:
    number = answer["number"]
    low, high = (number if isinstance(number, list) else (None, None))
    head = _singular(answer["what"].split()[-1])
    for f in draft.figures:
        if low is not None:
            if (f.low, f.high) != (low, high):
                continue
        elif f.value != number:
            continue
        if (f.qualifier or None) != answer.get("qualifier"):
            continue
        if head in {_singular(w) for w in f.what.replace("-", " - ").split()} | {_singular(w) for w in f.what.split()}:
            return True
    return False


def _junk(answers: dict, draft) -> list[str]:
    names = set(answers.get("names") or [])
    speakers = {str(s).lower() for a in answers["attributions"]
                for s in (a["speaker"] if isinstance(a["speaker"], list) else [a["speaker"]])}
    lowered = {n.lower() for n in names} | speakers
    junk = [f"candidate {c.name!r}" for c in draft.candidates if c.name not in names]
    for st in draft.statements:
        if st.speaker:
            continue
        name = (st.speaker_name or "").lower()
        if not name or not any(n in name or name in n for n in lowered):
            junk.append(f"speaker {st.speaker_name!r}")
    return junk


def score(name: str, date: str | None, registry: dict) -> dict:
    """The figures of one text: counts of attributions and figures found, junk, and what was missed."""
    answers = yaml.safe_load((HERE / "draft_answers" / f"{name}.yaml").read_text(encoding="utf-8"))
    text = (ROOT / answers["text"]).read_text(encoding="utf-8")
    note = ""
    if date and date.startswith("stated:"):
        try:
            draft = draft_annotation(text, registry, name)
        except DraftError:
            note, draft = "the stated date was not found", draft_annotation(text, registry, name, date=date[7:])
    else:
        draft = draft_annotation(text, registry, name, date=date)
    missed_attributions, missed_figures = [], []
    for answer in answers["attributions"]:
        start = text.find(answer["said"])
        if start < 0:
            raise SystemExit(f"{name}: {answer['said']!r} is not in the text")
        if not _attribution_found(answer, (start, start + len(answer["said"])), draft, registry):
            missed_attributions.append(f"{answer['speaker']}: {answer['said']!r}")
    for answer in answers["figures"]:
        if not _figure_found(answer, draft):
            missed_figures.append(f"{answer.get('qualifier') or ''} {answer['number']} {answer['what']}".strip())
    return {
        "chars": len(text), "attributions": len(answers["attributions"]), "figures": len(answers["figures"]),
        "attributions_found": len(answers["attributions"]) - len(missed_attributions),
        "figures_found": len(answers["figures"]) - len(missed_figures),
        "junk": _junk(answers, draft), "missed_attributions": missed_attributions, "missed_figures": missed_figures,
        "proposed_claims": len(draft.statements), "proposed_figures": len(draft.figures), "note": note,
    }


def _row(label: str, group: str, r: dict) -> str:
    def pct(found: int, total: int) -> str:
        return f"{found:>3}/{total:<3} {100 * found / total:5.1f}%" if total else f"{found:>3}/{total:<3}    - "
    junk = len(r["junk"]) if isinstance(r["junk"], list) else r["junk"]
    return (f"{label:<30} {group:<9} {r['chars']:>6}  {pct(r['attributions_found'], r['attributions'])}  "
            f"{pct(r['figures_found'], r['figures'])}  {junk:>4}  {1000 * junk / r['chars']:6.2f}  "
            f"{r['proposed_claims']:>5} {r['proposed_figures']:>5}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["tuned", "held-out", "all"], default="all")
    parser.add_argument("--verbose", action="store_true", help="list what each draft missed, and its junk")
    args = parser.parse_args()
    registry, _, problems = read_registry(ROOT / "corpus" / "registry")
    if problems:
        raise SystemExit("the registry has problems: run kb check")
    print(f"{'text':<30} {'set':<9} {'chars':>6}  {'attributions':>17}  {'figures':>17}  {'junk':>4}  {'/1000':>6}  "
          f"{'claims':>5} {'figs':>5}")
    totals: dict[str, dict] = {}
    for name, group, date in TEXTS:
        if args.set != "all" and group != args.set:
            continue
        r = score(name, date, registry)
        print(_row(name, group, r) + (f"  ({r['note']})" if r["note"] else ""))
        if args.verbose:
            for line in r["missed_attributions"]:
                print(f"    missed attribution  {line}")
            for line in r["missed_figures"]:
                print(f"    missed figure       {line}")
            for line in r["junk"]:
                print(f"    junk                {line}")
        total = totals.setdefault(group, {k: 0 for k in ("chars", "attributions", "figures", "attributions_found",
                                                         "figures_found", "junk", "proposed_claims", "proposed_figures")})
        for key in total:
            total[key] += len(r[key]) if key == "junk" else r[key]
    print()
    for group, total in totals.items():
        print(_row(f"total ({group})", group, total))


if __name__ == "__main__":
    main()
