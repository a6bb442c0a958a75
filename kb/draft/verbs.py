"""Verbs of speech: their forms (said, says, saying...), the stance each suggests, and the channel
an attribution names (told reporters, in an interview, in a statement...)."""

from __future__ import annotations

import re

# lemma -> stance; the stance is a guess the curator checks
_LEMMAS = {
    "say": "asserts", "tell": "asserts", "state": "asserts", "note": "asserts", "add": "asserts",
    "report": "asserts", "announce": "announces", "claim": "asserts", "deny": "denies", "warn": "warns",
    "confirm": "confirms", "emphasize": "asserts", "emphasise": "asserts", "stress": "asserts",
    "declare": "asserts", "insist": "asserts", "accuse": "accuses", "recall": "asserts", "explain": "asserts",
    "write": "asserts", "argue": "asserts", "assert": "asserts", "threaten": "threatens", "urge": "demands",
    "demand": "demands", "point out": "asserts", "complain": "asserts", "acknowledge": "confirms",
    "admit": "confirms", "allege": "accuses", "inform": "asserts", "dismiss": "denies", "reject": "denies",
    "condemn": "accuses", "blame": "accuses", "vow": "intends", "pledge": "intends", "promise": "intends",
    "estimate": "asserts", "reiterate": "asserts", "underline": "asserts", "underscore": "asserts",
    "observe": "asserts", "mention": "asserts", "reveal": "asserts", "disclose": "asserts", "predict": "asserts",
    "caution": "warns", "concede": "confirms", "maintain": "asserts", "contend": "asserts", "remark": "asserts",
    "conclude": "asserts", "document": "asserts", "describe": "asserts", "call on": "demands",
    "call for": "demands", "dispute": "denies", "contest": "denies", "express concern": "expresses-concern", "voice concern": "expresses-concern",
    "reaffirm": "asserts", "affirm": "asserts", "express": "asserts", "welcome": "asserts", "assure": "asserts",
    "suggest": "asserts", "indicate": "asserts", "tweet": "asserts", "testify": "asserts", "recount": "asserts",
    "reply": "asserts", "retort": "asserts", "hint": "asserts", "praise": "asserts", "hail": "asserts",
    "criticise": "accuses", "criticize": "accuses", "denounce": "accuses", "decry": "accuses", "deplore": "accuses",
    "lament": "asserts", "brand": "accuses", "appeal": "demands", "advise": "asserts", "believe": "asserts",
    "fear": "expresses-concern", "suspect": "accuses",
}
# lemmas that are nouns as often as verbs: only their past form is read as a verb of speech
_PAST_ONLY = {"question": "asserts", "counter": "asserts", "charge": "accuses", "protest": "asserts",
              "respond": "asserts", "signal": "asserts", "term": "asserts", "label": "asserts"}
_IRREGULAR = {"say": ("said", "says", "saying"), "tell": ("told", "tells", "telling"),
              "write": ("wrote", "writes", "writing", "written"), "call on": ("called on", "calls on", "calling on"),
              "call for": ("called for", "calls for", "calling for"),
              "label": ("labelled", "labeled", "labels", "labelling")}
# base forms that are verbs often enough after a plural or pronoun subject ("officials say")
_BASE = frozenset("say tell claim deny warn insist accuse confirm argue maintain allege estimate believe fear".split())


def _forms(lemma: str) -> list[str]:
    head, _, tail = lemma.partition(" ")
    if lemma in _IRREGULAR:
        return list(_IRREGULAR[lemma])
    if head.endswith("e"):
        forms = [head + "d", head + "s", head[:-1] + "ing"]
    elif head.endswith("y") and head[-2] not in "aeiou":
        forms = [head[:-1] + "ied", head[:-1] + "ies", head + "ing"]
    elif head in ("admit", "regret"):
        forms = [head + "ted", head + "s", head + "ting"]
    else:
        forms = [head + "ed", head + "es" if head.endswith(("s", "sh", "ch")) else head + "s", head + "ing"]
    return [f"{form} {tail}" if tail else form for form in forms]


STANCE: dict[str, str] = {}
for _lemma, _stance in _LEMMAS.items():
    for _form in _forms(_lemma) + ([_lemma] if _lemma in _BASE else []):
        STANCE.setdefault(_form, _stance)
for _lemma, _stance in _PAST_ONLY.items():
    for _form in _forms(_lemma)[:2 if _lemma == "label" else 1]:
        STANCE.setdefault(_form, _stance)
STANCE.update({"found that": "asserts", "finds that": "asserts", "ruled that": "asserts", "rules that": "asserts",
               "determined that": "asserts"})  # verbs of finding: speech only before "that"
STANCE.update({"according to": "asserts", "showed": "asserts", "shows": "asserts", "broadcast": "asserts",
               "aired": "asserts"})

SPEECH_VERBS = "(?:" + "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in sorted(
    (f for f in STANCE if f not in ("according to", "showed", "shows", "broadcast", "aired")), key=len, reverse=True)) + ")"
"""A regular expression for any form of a verb of speech."""
MEDIA_VERBS = r"(?:showed|shows|broadcast|aired)"


def stance_of(verb: str) -> str:
    """The stance a verb suggests ("denied": denies), `asserts` when it suggests none."""
    return STANCE.get(re.sub(r"\s+", " ", verb.lower()), "asserts")


def is_progressive(verb: str) -> bool:
    """Whether the form is the -ing one ("claiming"), which is an attribution only after be."""
    return verb.lower().split()[0].endswith("ing")


def channel_of(words: str, media: bool = False) -> str:
    """The channel an attribution names: told-reporters, interview, statement, press-briefing,
    speech, or unspecified. `media` says the attribution names a medium it was told to."""
    lowered = words.lower()
    if re.search(r"\btold (?:the )?(?:reporters|journalists|the press|a news conference|a press conference)\b", lowered):
        return "told-reporters"
    if "interview" in lowered or (media and re.search(r"\btold\b", lowered)):
        return "interview"
    if re.search(r"\b(?:briefing|press conference|news conference)\b", lowered):
        return "press-briefing"
    if "statement" in lowered:
        return "statement"
    if re.search(r"\b(?:speech|address(?:ing)?|told (?:supporters|a rally|parliament|lawmakers|the nation))\b", lowered):
        return "speech"
    return "unspecified"
