"""Attributed statements, ready-made as candidate claims.

Quotations and transcript turns first (`kb.draft.quotes`); then reported speech, one sentence at
a time: "X said (that) …", "X claims that …", "Damascus is also claiming …", "X told Y that …",
"According to X, …", "…, according to X", "…, X said", "…, said X", "… was confirmed by X", "X
called on Y to …", "X denied the report", "X, along with Y, accuses …", "what X says are …", "X
showed …" (a medium), and a second attribution in the same sentence ("…, but has repeatedly said
that …", "…, and a senior official said …"). The speaker is read by `kb.draft.speakers`."""

from __future__ import annotations

import re
from dataclasses import replace

from kb.draft.findings import Statement, found, trimmed
from kb.draft.quotes import find_quotations, quoted_statements, transcript_statements
from kb.draft.reported import but_according, inner_statements, more_statements
from kb.draft.speakers import Context, Speaker, antecedent, make_statement, speaker_of
from kb.draft.lexicon import DEMONYMS
from kb.draft.names import state_for
from kb.draft.verbs import MEDIA_VERBS, SPEECH_VERBS, is_progressive

V = SPEECH_VERBS
_THAT = re.compile(rf"^(?P<attr>(?P<who>[^\"“”]{{0,140}}?)\b(?P<verb>{V})\b(?P<rest>[^\"“”.;:]{{0,60}}?)\s+that)\s+(?P<clause>\S.*)$", re.DOTALL)
_CALLED_ON = re.compile(r"^(?P<attr>(?P<who>[^\"“”]{0,100}?)\b(?P<verb>called on|calls on|urged|urges|asked|appealed to|pressed)\b(?P<rest>[^\"“”.;:]{1,80}?))\s+(?P<clause>to\s+\S.*)$", re.DOTALL)
_ACCORDING = re.compile(r"^(?:[\"“]?\w+,\s+)?(?P<attr>(?:\b[Aa]ccording to|\b[Aa]s (?:stated|said|reported|noted|announced) (?:in|by)|\b[Ii]n the words of)\s+(?P<who>[^,.;\"“”]{1,80}?)),\s+(?P<clause>\S.*)$", re.DOTALL)
_ACCORDING_AFTER = re.compile(r"^(?P<clause>.+?),?\s+(?P<attr>according to\s+(?P<who>[^,.;\"“”]{1,80}?))\s*[.!?]?$", re.DOTALL)
_ACCORDING_INSIDE = re.compile(r"(?P<attr>\baccording to\s+(?P<who>(?:(?!\b(?:by|in|on|at|from|with|for|to|that|which|who)\b)[^,.;\"“”])+?))(?=\s+(?:by|in|on|at|from|with|for|to|that|which|who)\b|[,.;)])")
_SEGMENT = re.compile(rf"^(?P<who>(?:[^\s,\"“”]+\s+){{1,10}}?)(?P<verb>{V})\b(?P<rest>[^,\"“”]*)$", re.DOTALL)
_SEGMENT_INVERTED = re.compile(r"^(?P<verb>said|stated|emphasi[sz]ed|stressed|recalled|noted|reported|announced|added|warned)\s+(?P<who>[^,\"“”]+)$", re.DOTALL)
_WEEKDAY = r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# after "told", its object ("told Syrian TV", "told supporters Monday"); after any verb, a weekday
_VERB_CLAUSE = re.compile(
    rf"^(?P<attr>(?P<who>[^\"“”]{{0,140}}?)\b(?P<verb>{V}))\b"
    rf"(?P<rest>(?:(?<=told)(?:\s+(?:reporters|journalists|the press|supporters|[A-Z][\w-]*(?:\s+[A-Z][\w-]*){{0,3}}))+)?(?:\s+{_WEEKDAY})?)"
    r"\s+(?P<clause>[^\"“”\s].{8,})$", re.DOTALL)
_PASSIVE = re.compile(r"^(?P<clause>.+?)\s+(?:was|were|has been|have been|had been)\s+(?:(?:widely|strongly|also|later)\s+)?(?P<attr>(?P<verb>confirmed|denied|announced|reported|stated|said|condemned|critici[sz]ed|welcomed|rejected|disputed|denounced|questioned|called for|demanded)\s+by\s+(?P<who>[^,.;\"“”]{1,80}?))(?:\s+(?:after|on|in|at|during|following|before|with|since|late|early)\b[^,;\"“”]*)?\s*(?:,\s*(?:which|who)\b.*)?\.?$", re.DOTALL)
_DENIAL = re.compile(r"^(?P<who>[^\"“”]{1,140}?)\s+(?P<verb>denied|denies|confirmed|confirms|rejected|rejects|dismissed|dismisses)\s+(?P<object>(?:the|these|this|those|that|such|its|his|their|a)\s+[^,\"“”]{1,60})$", re.DOTALL)
_WHAT_SAYS = re.compile(r"\bwhat\s+(?P<who>it|he|she|they|[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})\s+(?P<verb>says|said|calls|called|describes|described|claims|claimed)\s+(?:are|were|is|was|as)\s+(?P<said>[^,.;\"“”]{3,})")
_MEDIA = re.compile(rf"^(?P<attr>(?P<who>[^\"“”]{{0,80}}?)\s+(?P<verb>{MEDIA_VERBS}))\s+(?P<clause>\S[^\"“”]{{8,}})$", re.DOTALL)
_SECOND = re.compile(rf"(?:,\s*|\s+)(?:and|but|while|whereas)\s+(?P<who>(?:(?!that\b)[^,;\"“”]{{0,60}}?\s+)?)(?P<aux>(?:(?:has|have|had|also|again|repeatedly|later|then|once)\s+)*)(?P<verb>{V})\b(?P<rest>[^\"“”.;:]{{0,40}}?)(?:\s+that)?\s+(?P<clause>\S.+)$", re.DOTALL)
_DETERMINER_END = re.compile(r"(?i)(?:^|\s)(?:the|a|an|its|his|her|their|this|these|those|such)\s*$")
_ADDING = re.compile(r",\s*(?P<attr>(?P<verb>adding|saying|noting|stressing|warning)(?:\s+that)?)\s+")
_RELATIVE_NOUN = (r"(?:figures?|claims?|reports?|charges?|accusations?|version|numbers?|toll|account|statement|allegations?|"
                  r"assertion|estimates?|findings?|conclusions?|verdict|ruling)")
_RELATIVE = re.compile(
    rf",\s+(?P<attr>(?:a|the|an)\s+{_RELATIVE_NOUN}\s+(?:that\s+)?"
    r"(?P<who>[^,;\"“”]{1,60}?)\s+(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?(?P<verb>denied|denies|rejected|rejects|disputed|"
    r"disputes|dismissed|dismisses|confirmed|confirms|contested|contests))\s*[.!?]?$")
_ENDS_WITH_ATTRIBUTION = re.compile(rf",\s+(?:[A-Z][\w’'.-]*|the|a|an|his|her|its)(?:\s+[\w’'.-]+){{0,6}}\s+{V}(?:\s+(?:on\s+)?\w+day)?\s*[.!?]?$")
_NEGATED = re.compile(r"(?i)\b(?:not|never|cannot|unable to|declined to|refused to|failed to)\s+(?:\w+ly\s+)?$|n't\s+(?:\w+ly\s+)?$")
_ADVERBIAL = re.compile(r"(?i)(?:on|in|at|by|after|before|during|since|later|earlier|meanwhile|separately)\b[^,]{0,40}|[\w\s]{0,30}\b(?:later|earlier|ago)")
_CLAUSAL = re.compile(r"(?i)\b(?:had|has|have|were|was|is|are|will|would|could|should|must|can)\b")
# the subject of a clause: the words before its first verb ("Secretary Pompeo spoke with … and expressed")
_SUBJECT = re.compile(r"(?P<subject>(?:[\w’'.-]+\s+){0,7}?[\w’'.-]+?)\s+(?:has|have|had|is|are|was|were|will|would|did|does|"
                      r"spoke|met|held|took|made|gave|went|sent|[a-z]+ed)\b")
_AUX = frozenset("has have had also again repeatedly later then once".split())
_OWN_VOICE = re.compile(r"(?i)^(?:I|we|you)$")


def _ok_who(ctx: Context, m: re.Match, s: int, verb: str) -> Speaker | None:
    """The speaker of a match, if its words before the verb can name one."""
    who = m["who"]
    if _DETERMINER_END.search(who) or re.search(rf"\b{V}\b", who):
        return None  # "the alleged flow": the verb is an adjective; or the real verb came earlier
    if _NEGATED.search(who):
        return None  # "VOA could not independently confirm": no statement, the outlet's caveat
    if is_progressive(verb) and not re.search(r"(?i)\b(?:is|are|was|were|been)\s+(?:\w+\s+)?$", who):
        return None
    if re.search(r"\s(?:and|but)\s+(?:also\s+|then\s+|later\s+|\w+ly\s+)?$", who) and (subject := _SUBJECT.match(who)):
        return speaker_of(ctx, s + m.start("who"), s + m.start("who") + subject.end("subject"))  # "X met Y and expressed"
    return speaker_of(ctx, s + m.start("who"), s + m.end("who"))


def _relative(ctx: Context, first: Statement, clause: tuple[int, int]) -> list[Statement]:
    """", a figure Kiev denied" at the end of the words of a statement: a statement of its own."""
    text = ctx.text
    m = _RELATIVE.search(text, clause[0], clause[1])
    if not m or not (speaker := speaker_of(ctx, m.start("who"), m.end("who"))):
        return [first]
    a, b = trimmed(text, clause[0], m.start())
    attribution = (m.start("attr"), m.end("attr"))
    second = make_statement(ctx, (a, b), False, attribution, (0, 0), m["verb"], speaker=speaker)
    return [replace(first, said=found(text, a, b))] + ([second] if second else [])


def _second(ctx: Context, first: Statement, clause: tuple[int, int]) -> list[Statement]:
    """A second attribution inside the words of the first: the first ends where it starts."""
    text = ctx.text
    if _RELATIVE.search(text, clause[0], clause[1]):
        return _relative(ctx, first, clause)
    m = _SECOND.search(text, clause[0], clause[1])
    if not m or m.start() - clause[0] < 12:
        return but_according(ctx, first, clause)
    who = (m.start("who"), m.end("who"))
    named = any(w.lower() not in _AUX for w in text[who[0]:who[1]].split())
    speaker = speaker_of(ctx, *who) if named else Speaker(first.speaker, first.speaker_name, first.speaker_basis, first.person)
    a, b = trimmed(text, clause[0], m.start())
    if speaker is None or b - a < 2:
        return [first]
    attr_start = m.start("who") if named or text[who[0]:who[1]].strip() else m.start("aux") if m["aux"] else m.start("verb")
    second = make_statement(ctx, (m.start("clause"), clause[1]), False, (attr_start, m.start("clause")), (0, 0),
                            m["verb"], speaker=speaker)
    return [x for x in (replace(first, said=found(text, a, b)), second) if x]


def _one_sentence(ctx: Context, s: int, e: int) -> list[Statement]:
    text = ctx.text
    sentence = text[s:e]

    def at(m: re.Match, group: str) -> tuple[int, int]:
        return s + m.start(group), s + m.end(group)

    if more := more_statements(ctx, s, e):
        return more  # "X was quoted as saying", "X has not … but says", "X called the offensive an invasion"
    if _WHAT_SAYS.search(sentence) and (embedded := _embedded(ctx, s, sentence)):
        return embedded  # "X struck what it says are …": the words after "are" are X's
    if _ENDS_WITH_ATTRIBUTION.search(sentence) and not _RELATIVE.search(sentence) \
            and (found_trailing := _trailing(ctx, s, sentence)):
        return found_trailing  # "X asked for time to study the text, Lavrov said": Lavrov's statement
    for pattern in (_THAT, _CALLED_ON):
        m = pattern.match(sentence)
        if m and _ACCORDING.match(sentence):
            break  # "According to X, A, while Y stated that B": X's first, then Y's (`_second`)
        if m and re.search(rf"\b{V}\b", m["rest"]):
            continue  # "X said A, but has repeatedly said that B": the first verb governs A
        if m and (speaker := _ok_who(ctx, m, s, m["verb"])):
            direct = bool(re.fullmatch(r"[\"“][^\"“”]*[\"”][.!?]?", m["clause"].strip()))
            st = make_statement(ctx, at(m, "clause"), direct, at(m, "attr"), at(m, "who"), m["verb"], at(m, "rest"),
                                speaker=speaker)
            return _second(ctx, st, at(m, "clause")) if st else []
    for pattern in (_ACCORDING, _ACCORDING_AFTER):
        m = pattern.match(sentence)
        if m and pattern is _ACCORDING_AFTER and (inner := _reported_in(ctx, *at(m, "clause"))):
            return inner  # "X announced …, according to RT": X's statement, which RT reports
        if m and (speaker := speaker_of(ctx, *at(m, "who")) or _source(m["who"], ctx.entities)):
            st = make_statement(ctx, at(m, "clause"), False, at(m, "attr"), at(m, "who"), "according to", speaker=speaker)
            return _second(ctx, st, at(m, "clause")) if st and pattern is _ACCORDING else [st] if st else []
    if found_trailing := _trailing(ctx, s, sentence):
        return found_trailing
    m = _PASSIVE.match(sentence)
    if m and (speaker := speaker_of(ctx, *at(m, "who"))):
        st = make_statement(ctx, at(m, "clause"), False, at(m, "attr"), at(m, "who"), m["verb"], speaker=speaker)
        return [st] if st else []
    m = _DENIAL.match(sentence.rstrip(" .!"))
    if m and (speaker := _ok_who(ctx, m, s, m["verb"])):
        st = make_statement(ctx, (s, e), False, None, (0, 0), m["verb"], speaker=speaker)
        return [st] if st else []
    m = _VERB_CLAUSE.match(sentence)
    if m and not re.match(r"(?:by|to|in|of|as)\b|at\b(?!\s+least)", m["clause"]) and (speaker := _ok_who(ctx, m, s, m["verb"])):
        st = make_statement(ctx, at(m, "clause"), False, (s + m.start("attr"), s + m.end("rest")), at(m, "who"), m["verb"],
                            at(m, "rest"), speaker=speaker)
        return _second(ctx, st, at(m, "clause")) if st else []
    m = _MEDIA.match(sentence)
    if m and re.search(r"(?i)\b(?:tv|television|channel|footage|video|agency|radio)\b", m["who"]) \
            and (speaker := speaker_of(ctx, *at(m, "who"))):
        st = make_statement(ctx, at(m, "clause"), False, at(m, "attr"), at(m, "who"), m["verb"], speaker=speaker)
        return [st] if st else []
    return _embedded(ctx, s, sentence)


def _source(words: str, entities: dict | None = None) -> Speaker | None:
    """An unnamed source after "according to" ("most estimates", "local reports")."""
    words = words.strip()
    first = words.split()[0] if words else ""
    if first in DEMONYMS and len(words.split()) <= 3 and (state := state_for(first, entities or {})) and state[1]:
        return Speaker(state[1].id, words, f"{words!r}: an unnamed source of {state[1].id}; check")
    if re.fullmatch(r"(?:[a-z][\w’'-]*\s+){0,3}[a-z][\w-]*", words) and words.split()[-1] not in ("him", "her", "them", "it"):
        return Speaker(None, words, f"{words!r}: an unnamed source; a claimant must be a registry actor: who says so?")
    return None


def _reported_in(ctx: Context, start: int, end: int) -> list[Statement]:
    """The statements of a clause read as a sentence of its own (by the verb patterns only)."""
    text, sentence = ctx.text, ctx.text[start:end]
    for pattern in (_THAT, _VERB_CLAUSE):
        m = pattern.match(sentence)
        if m and (speaker := _ok_who(ctx, m, start, m["verb"])):
            clause = (start + m.start("clause"), start + m.end("clause"))
            st = make_statement(ctx, clause, False, (start + m.start("attr"), start + m.end("attr")),
                                (start + m.start("who"), start + m.end("who")), m["verb"], speaker=speaker)
            return [st] if st and text[clause[0]:clause[1]].strip() else []
    return []


def _embedded(ctx: Context, s: int, sentence: str) -> list[Statement]:
    """An attribution inside a clause: "what it says are …", "supported according to X by …"."""
    m = _WHAT_SAYS.search(sentence)
    if m:
        who = (s + m.start("who"), s + m.end("who"))
        speaker = speaker_of(ctx, *who)
        if m["who"] in ("it", "they"):
            subject = [h for h in ctx.mentions if s <= h.start < s + m.start() and ctx.entities[h.entity].type != "Settlement"]
            subject_speaker = speaker_of(ctx, subject[0].start, subject[0].end) if subject else None
            if subject_speaker:
                speaker = replace(subject_speaker, basis=f"{m['who']!r}: read as the subject of the sentence "
                                                         f"({subject_speaker.name!r}); check")
        if speaker:
            st = make_statement(ctx, (s + m.start("said"), s + m.end("said")), False, (s + m.start(), s + m.start("said")),
                                who, m["verb"], speaker=speaker)
            return [st] if st else []
    m = _ACCORDING_INSIDE.search(sentence)
    if m and (speaker := speaker_of(ctx, s + m.start("who"), s + m.end("who")) or _source(m["who"], ctx.entities)):
        end = s + len(sentence.rstrip(" .!?"))
        st = make_statement(ctx, (s, end), False, (s + m.start("attr"), s + m.end("attr")), (0, 0), "according to", speaker=speaker)
        return [st] if st else []
    return []


def _trailing(ctx: Context, s: int, sentence: str) -> list[Statement]:
    """"…, X said (on Tuesday)." or "…, said X.": the attribution is a later comma-separated segment."""
    commas = [m.start() for m in re.finditer(",", sentence)]
    if appositive := _trailing_apposition(ctx, s, sentence, commas):
        return appositive
    for comma in reversed(commas):
        nxt = next((c for c in commas if c > comma), len(sentence))
        segment = sentence[comma + 1: nxt]
        body = segment.strip(" \t–—-.!?")
        lead = comma + 1 + (len(segment) - len(segment.lstrip(" \t–—-")))
        if len(sentence[:comma].split()) < 3 or re.match(rf"\s*(?:a|the|an)\s+{_RELATIVE_NOUN}\b", segment):
            continue  # ", a charge Yerevan rejected": a statement of its own (`_relative`), not a tag
        m = _SEGMENT.match(body)
        if m and (len(m["rest"].split()) > 8 or _ADVERBIAL.fullmatch(sentence[:comma].strip())):
            m = None  # "On 17 October, Mike Pence announced a pause …": the words follow the verb
        if m and _CLAUSAL.search(m["rest"]):
            m = None  # "Erdogan said over 100 militants had been killed": a sentence of its own, not a tag
        if m and not (is_progressive(m["verb"]) and not m["verb"].startswith(("adding", "saying"))):
            who = (s + lead + m.start("who"), s + lead + m.end("who"))
            rest = (s + lead + m.start("rest"), s + lead + m.end("rest"))
            if _DETERMINER_END.search(m["who"]) or re.search(rf"\b{V}\b", m["who"]):
                continue
            speaker = speaker_of(ctx, *who)
            if (speaker is None or speaker.entity is None) and re.match(r"\s*(?:in|at|from)\s+the\b", m["rest"]):
                speaker = speaker_of(ctx, *rest) or speaker  # "they stated in the Kremlin"
            if speaker:
                first = make_statement(ctx, (s, s + comma), False, (s + lead, s + lead + len(body)), who, m["verb"],
                                       rest, speaker=speaker)
                return [first] + _adding(ctx, first, s + nxt, s + len(sentence), speaker) if first else []
        m = _SEGMENT_INVERTED.match(body)
        if m and (_CLAUSAL.search(m["who"]) or len(m["who"].split()) > 10):
            m = None  # ", said Turkey would not back down": the words after the verb, not its speaker
        if m and (speaker := speaker_of(ctx, s + lead + m.start("who"), s + lead + m.end("who"))):
            first = make_statement(ctx, (s, s + comma), False, (s + lead, s + lead + len(body)), (0, 0), m["verb"],
                                   speaker=speaker)
            return [first] + _adding(ctx, first, s + nxt, s + len(sentence), speaker) if first else []
    return []


def _trailing_apposition(ctx: Context, s: int, sentence: str, commas: list[int]) -> list[Statement]:
    """"…, the press secretary of the Ministry, Shushan Stepanyan, announced.": a verb alone after
    the last comma, the speaker (and a description of the speaker) in the segments before it."""
    if len(commas) < 2 or not (m := re.fullmatch(rf"\s*(?P<verb>{V})\b(?P<rest>[^,\"“”]*?)\s*[.!?]?", sentence[commas[-1] + 1:])) \
            or len(m["rest"].split()) > 5 or _CLAUSAL.search(m["rest"]) \
            or (m["rest"].strip() and not re.match(r"\s*(?:on|in|at|to|during|after|late|early|earlier|later|today|yesterday)\b", m["rest"])
                and not m["verb"].startswith("told")):
        return []  # "The deputy mayor, Ivan Lutsenko, says the city has …": the words follow the verb
    name = sentence[commas[-2] + 1:commas[-1]].strip()
    if not re.fullmatch(r"[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3}", name):
        return []
    start = commas[-2]
    if len(commas) >= 3:
        description = sentence[commas[-3] + 1:commas[-2]].strip()
        if re.match(r"(?i)(?:the|a|an|its|his|her)\s", description) and not _CLAUSAL.search(description) and len(description.split()) <= 8:
            start = commas[-3]
    if len(sentence[:start].split()) < 3:
        return []
    who = (s + start + 1, s + commas[-1] + 1)
    speaker = speaker_of(ctx, *who)
    if speaker is None:
        return []
    end = s + len(sentence.rstrip(" .!?"))
    st = make_statement(ctx, (s, s + start), False, (s + start + 1, end), who, m["verb"], speaker=speaker)
    return [st] if st else []


def _adding(ctx: Context, first: Statement, start: int, end: int, speaker: Speaker) -> list[Statement]:
    """", adding that …" after an attribution: a second statement of the same speaker."""
    m = _ADDING.match(ctx.text, start, end)
    if not m:
        return []
    second = make_statement(ctx, (m.end(), end), False, (m.start("attr"), m.end("attr")), (0, 0), m["verb"], speaker=speaker)
    return [second] if second else []


def find_statements(ctx: Context, furniture: list = (), headings: list = ()) -> list[Statement]:
    """Every attributed statement of the text (see the module), in text order.

    Takes the context (text, registry, mentions, dates, sentences), the page furniture and the
    headings (no statement is read in them); returns the candidate claims. A pronoun is read once
    every statement is found, so that "he" may stand for a speaker quoted later in the text."""
    quoted = quoted_statements(ctx, find_quotations(ctx.text))
    turns = transcript_statements(ctx, list(furniture), list(headings))
    attributions = [(st.attribution.start, st.attribution.end) for st in quoted if st.attribution]
    quoted_said = [(st.said.start, st.said.end) for st in quoted]
    skip = [(p.start, p.end) for p, _ in furniture] + [(h.start, h.end) for h in headings]
    reported = []
    # the sentences inside a quotation of several, where another speaker may be reported
    inside = [(q.said.start + m.start(), q.said.start + m.end()) for q in quoted
              for m in re.finditer(r"[A-Z][^.!?]*(?:[.!?]+|$)", q.said.quote) if m.end() < len(q.said.quote) or m.start()]
    for s, e in _clauses(ctx.text, _joined(ctx.text, ctx.sentences)) + inside:
        if any(a <= s and e <= b for a, b in skip):
            continue
        for statement in _with_inner(ctx, s, e, _one_sentence(ctx, s, e)):
            spans = [(statement.attribution.start, statement.attribution.end)] if statement.attribution else []
            if (any(x < b and a < y for x, y in spans for a, b in attributions + quoted_said) and not _relayed(statement, quoted)) or (
                    not spans and any(a <= statement.said.start and statement.said.end <= b for a, b in quoted_said)):
                continue  # the quotation's own attribution, or words inside a quotation: already a statement
            in_turn = any(t.said.start <= statement.said.start < t.said.end for t in turns)
            if in_turn and (_OWN_VOICE.match(statement.speaker_name) or any(
                    (t.speaker, t.speaker_name if t.speaker is None else "") == (statement.speaker, statement.speaker_name if
                                                                                 statement.speaker is None else "")
                    and t.said.start <= statement.said.start < t.said.end for t in turns)):
                continue  # the turn's speaker speaking of himself: the turn is the statement
            reported.append(statement)
            ctx.spoken.append(statement)
    return _pronouns_again(ctx, sorted(quoted + turns + reported, key=lambda st: (st.said.start, st.said.end)))


def _relayed(statement: Statement, quoted: list[Statement]) -> bool:
    """Whether a statement is another speaker's, reported inside a quotation ("The Minister
    stressed that …" in a spokesperson's words): a statement of its own."""
    attribution = statement.attribution
    around = [q for q in quoted if attribution and q.said.start <= attribution.start and attribution.end <= q.said.end]
    return bool(around) and not _OWN_VOICE.match(statement.speaker_name) and not statement.pronoun and all(
        (q.speaker, q.speaker_name) != (statement.speaker, statement.speaker_name) and not (
            q.speaker_name and statement.speaker_name and q.speaker_name.split()[-1] in statement.speaker_name)
        and not any(a < attribution.end and attribution.start < b for a, b in [(q.attribution.start, q.attribution.end)] if q.attribution)
        for q in around)


def _with_inner(ctx: Context, s: int, e: int, statements: list[Statement]) -> list[Statement]:
    """The statements of a sentence, with those of its appositions and relative clauses
    (`kb.draft.reported.inner_statements`) that overlap none of them."""
    spans = [(st.said.start, st.said.end) for st in statements] + [
        (st.attribution.start, st.attribution.end) for st in statements if st.attribution]
    inner = [st for st in inner_statements(ctx, s, e) if not any(
        a < st.attribution.end and st.attribution.start < b for a, b in spans)]
    return sorted(statements + inner, key=lambda st: st.said.start)


_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Gov|Sen|Rep|St|No|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)|\b(?:[A-Z]\.){1,3}[A-Z])\.$")


def _clauses(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences, each cut at a semicolon that another attribution follows ("A said …; B said …"),
    less a transcript's label at the start of a line."""
    out = []
    for s, e in sentences:
        if (label := re.match(r"[A-Z][\w’'. -]{0,40}:[ \t]+(?=\S)", text[s:e])) and (s == 0 or text[s - 1] == "\n"):
            s += label.end()  # a transcript's label ("Spokesperson: According to …"): the turn's words after it
        for m in re.finditer(r";\s+", text[s:e]):
            if re.search(rf"\b{V}\b", text[s + m.end():e]) and not re.search(r"[\"“”]", text[s:e]):
                out.append((s, s + m.start()))
                s += m.end()
        out.append((s, e))
    return out


def _joined(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences, with those cut after an abbreviation ("Mr.", "Jan.", "U.N.") joined again."""
    out: list[tuple[int, int]] = []
    for s, e in sentences:
        if out and _ABBREVIATION.search(text[out[-1][0]:out[-1][1]]) and "\n" not in text[out[-1][1]:s]:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _pronouns_again(ctx: Context, statements: list[Statement]) -> list[Statement]:
    """Each pronoun read again against every statement before it, in text order."""
    out: list[Statement] = []
    for statement in statements:
        if statement.pronoun and statement.attribution:
            ctx.spoken = list(out)
            speaker = antecedent(ctx, statement.attribution.start, statement.pronoun)
            if speaker and (speaker.entity, speaker.name) != (statement.speaker, statement.speaker_name):
                statement = replace(statement, speaker=speaker.entity, speaker_name=speaker.name,
                                    speaker_basis=speaker.basis, person=speaker.person)
        out.append(statement)
    ctx.spoken = list(out)
    return out
