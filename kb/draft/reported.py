"""More forms of reported speech, read after those of `kb.draft.statements`:

* "X was quoted as saying (that) …", "X is reported to have said …", "TASS quoted X as saying …",
  "It was reported by X that …";
* "X vowed/pledged/threatened to …", "X warned/spoke of …";
* "The talks, he said, would resume in May": the whole sentence is the words, the attribution inside;
* "X issued a (joint) statement saying/calling for/condemning …";
* "(Estimates by) X put the death toll at N";
* "X has not disclosed A but says B": the speaker of B is the subject, though the first verb is negated;
* "X called the offensive an invasion" (called, dubbed, branded: the verb needs an object and a
  complement, since "called" alone is not speech);
* "The ceasefire, called for by X, took effect": a passive in an apposition;
* "…, X, which (also) urged …": a relative clause whose verb is one of speech, the speaker the name
  before it;
* "X claims that A, but B, according to Y": B is Y's.

Each function takes the context and a sentence's span (or a statement found in it) and returns
statements; none overlaps what the rules before it found (`kb.draft.statements.find_statements`
sets them aside when they do)."""

from __future__ import annotations

import re
from dataclasses import replace

from kb.draft.findings import Statement, found, trimmed
from kb.draft.speakers import Context, make_statement, speaker_of
from kb.draft.verbs import SPEECH_VERBS

V = SPEECH_VERBS
_QUOTED_AS = re.compile(
    r"^(?P<attr>(?P<who>[^\"“”]{1,140}?)\s+(?:was|were|is|are|has been|had been|have been)\s+"
    r"(?:(?:widely|later|also)\s+)?(?:quoted|cited|reported|heard|recorded)\s+(?:by\s+[^,\"“”]{1,60}?\s+)?"
    r"(?:as\s+(?:saying|telling\s+[^,\"“”]{1,40}?|stating|claiming|warning|insisting)|to\s+have\s+(?:said|told\s+[^,\"“”]{1,40}?)))"
    r"(?:\s+that)?[\s,:]+(?P<clause>\S.+)$", re.DOTALL)
_BUT_SAYS = re.compile(
    rf"^(?P<who>[^\"“”,]{{1,80}}?)\s+(?:has|have|had|did|does|do|is|are|was|were)\s+(?:not|never|yet\s+to)\b[^\"“”]{{1,140}}?"
    rf"\s+but\s+(?P<attr>(?:(?:has|have|also|repeatedly)\s+)*(?P<verb>{V}))\b(?:\s+that)?\s+(?P<clause>\S.+)$", re.DOTALL)
_ISSUED = re.compile(
    r"^(?P<attr>(?P<who>[^\"“”]{1,140}?)\s+(?:(?:has|have|had|also|later)\s+)*(?:issued|released|put out|published|sent)\s+"
    r"(?:a|an|its|their)\s+(?:[\w-]+\s+){0,2}?(?:statement|communiqu[eé]|declaration|message|letter)\s+"
    r"(?P<verb>saying|calling for|calling on|urging|condemning|warning|demanding|denying|stating|accusing|rejecting|expressing))"
    r"(?:\s+that)?\s+(?P<clause>\S.+)$", re.DOTALL)
_PUT_AT = re.compile(
    r"^(?P<attr>(?:(?:[Ee]stimates|[Ff]igures|[Dd]ata|[Rr]eports?|[Cc]ounts?|[Rr]ecords)\s+(?:by|from|of|compiled\s+by)\s+)?"
    r"(?P<who>[^\"“”]{1,120}?)\s+(?:(?:has|have|had|later|also)\s+)*(?P<verb>put|puts|placed|places|estimated|estimates|set|sets))\s+"
    r"(?P<clause>the\s+(?:[\w-]+\s+){0,2}?(?:toll|number|figure|total|count|losses)\b.*?\s+at\s+.+)$", re.DOTALL)
_IT_PASSIVE = re.compile(
    r"^(?P<attr>It\s+(?:was|has\s+been|had\s+been|is)\s+(?:\w+ly\s+)?(?P<verb>reported|claimed|announced|alleged|stated|confirmed|"
    r"said|estimated)\s+by\s+(?P<who>[^,\"“”]{1,80}?))\s+that\s+(?P<clause>\S.+)$", re.DOTALL)
_MEDIUM_QUOTED = re.compile(
    r"^(?P<medium>[^\"“”]{1,100}?)\s+(?:quoted|cited)\s+(?P<attr>(?P<who>[^\"“”]{1,120}?)\s+as\s+(?:saying|stating|telling\s+[^,\"“”]{1,40}?))"
    r"(?:\s+that)?[\s,:]+(?P<clause>\S.+)$", re.DOTALL)
_VOWED = re.compile(
    r"^(?P<attr>(?P<who>[^\"“”]{1,140}?)\s+(?:(?:has|have|had|also|again|repeatedly|later)\s+)*(?P<verb>vowed|vows|pledged|pledges|"
    r"promised|promises|threatened|threatens|offered|offers|warned|warns|spoke|speaks))\s+(?P<clause>(?:to|of)\s+\S.+)$", re.DOTALL)
_PARENTHETICAL = re.compile(
    rf"^(?P<clause>[^,\"“”]{{3,160}},\s+(?P<attr>(?P<who>[^,\"“”]{{1,60}}?)\s+(?P<verb>{V})\b(?:\s+(?:on\s+)?[A-Z]\w+day|\s+\w+ly)?)"
    r",\s+(?:had|has|have|would|will|was|were|is|are|could|can|should|must|might|may|did|does)\b.+?)\s*[.!?]?$", re.DOTALL)
_NO_PREPOSITION = r"(?:(?!\b(?:after|on|in|at|to|for|with|from|by|during|about|over)\b)[^,;\"“”])"
_CALLED = re.compile(
    r"^(?P<attr>(?P<who>[^\"“”]{1,140}?)\s+(?:(?:has|have|had|also|repeatedly)\s+)*(?P<verb>called|calls|dubbed|dubs|branded|brands))"
    rf"\s+(?P<clause>(?:the|it|this|these|those|them|their|his|her|its|[A-Z][\w’'-]+)\b{_NO_PREPOSITION}{{0,80}}?\s+(?:an?|as)\s+\S.*)$",
    re.DOTALL)
_APPOSITIVE_PASSIVE = re.compile(
    r"^(?P<said>[^,\"“”]{3,120}?),\s+(?P<attr>(?:(?:first|repeatedly|also)\s+)?(?P<verb>called for|demanded|proposed|announced|"
    r"urged|denied|confirmed|reported|claimed|condemned|brokered)\s+by\s+(?P<who>[^,;\"“”]{1,100}?)),")
_NAME_WORD = r"(?:[A-Z][\w’'.-]*|of|for|the|and|on|al-[\w’'-]+)"
_WHICH = re.compile(
    rf"(?<![\w’'.-])(?P<who>(?:the\s+|The\s+)?[A-Z][\w’'.-]*(?:\s+{_NAME_WORD}){{0,8}}?),\s+(?P<attr>(?:which|who)\s+(?:(?:has|have|had|also|later|then|repeatedly|itself|"
    rf"first|previously)\s+)*(?P<verb>{V}))\b(?:\s+that)?\s+(?P<clause>[^\"“”]+?)(?=,\s+(?:and|but|while)\s|[.;!?]?$|,\s+[a-z]+\s+(?:said|says)\b)",
    re.DOTALL)
_BUT_ACCORDING = re.compile(
    r",?\s+(?:but|while|whereas|and)\s+(?P<clause>[^\"“”]+?),?\s+(?P<attr>according to\s+(?P<who>[^,.;\"“”]{1,80}?))\s*[.!?]?$")


def _statement(ctx: Context, m: re.Match, s: int, clause: str = "clause", verb: str | None = None) -> list[Statement]:
    """The statement of a match whose `who` names the speaker, or nothing when it names none."""
    who = (s + m.start("who"), s + m.end("who"))
    if re.search(rf"\b{V}\b", m["who"]):
        return []  # "X stated that A and threatened to B": a verb of speech before, the rules of statements read it
    speaker = speaker_of(ctx, *who)
    if speaker is None:
        return []
    said = (s + m.start(clause), s + m.end(clause))
    st = make_statement(ctx, said, False, (s + m.start("attr"), s + m.end("attr")), who, verb or m["verb"], speaker=speaker)
    return [st] if st else []


def more_statements(ctx: Context, s: int, e: int) -> list[Statement]:
    """The statements of the sentence `text[s:e]` in the forms of this module that the rules of
    `kb.draft.statements` do not read: "quoted as saying", "has not … but says", "called X a Y"."""
    sentence = ctx.text[s:e]
    if m := _QUOTED_AS.match(sentence):
        return _statement(ctx, m, s, verb="said")
    if m := _IT_PASSIVE.match(sentence):
        return _statement(ctx, m, s)
    if m := _PARENTHETICAL.match(sentence):
        return _statement(ctx, m, s)
    if m := _MEDIUM_QUOTED.match(sentence):
        return _statement(ctx, m, s, verb="said")
    if (m := _VOWED.match(sentence)) and not (m["verb"].startswith("spo") and m["clause"].startswith("to")):
        return _statement(ctx, m, s)
    if m := _PUT_AT.match(sentence):
        return _statement(ctx, m, s, verb="estimated")
    if m := _ISSUED.match(sentence):
        return _statement(ctx, m, s)
    if m := _BUT_SAYS.match(sentence):
        return _statement(ctx, m, s)
    if m := _CALLED.match(sentence):
        return _statement(ctx, m, s)
    return []


def inner_statements(ctx: Context, s: int, e: int) -> list[Statement]:
    """Statements inside a sentence whatever else it says: a passive in an apposition ("The
    ceasefire, called for by X, took effect") and a relative clause of speech ("the United
    Nations, which urged both sides to …")."""
    sentence = ctx.text[s:e]
    out = []
    if m := _APPOSITIVE_PASSIVE.match(sentence):
        out += _statement(ctx, m, s, clause="said")
    for m in _WHICH.finditer(sentence):
        if re.search(rf"\b{V}\b", m["who"]):
            continue  # "…, X said, which …": the clause's subject is not a name
        out += _statement(ctx, m, s)
    return out


def but_according(ctx: Context, first: Statement, clause: tuple[int, int]) -> list[Statement]:
    """"X claims that A, but B, according to Y": the words of the first statement end before "but",
    and B is a statement of Y's. Returns the first statement, and the second when there is one."""
    text = ctx.text
    m = _BUT_ACCORDING.search(text, clause[0], clause[1])
    if not m or m.start() - clause[0] < 12:
        return [first]
    speaker = speaker_of(ctx, m.start("who"), m.end("who"))
    if speaker is None:
        return [first]
    a, b = trimmed(text, clause[0], m.start())
    second = make_statement(ctx, (m.start("clause"), m.end("clause")), False, (m.start("attr"), m.end("attr")),
                            (m.start("who"), m.end("who")), "according to", speaker=speaker)
    return [replace(first, said=found(text, a, b))] + ([second] if second else [])
