"""Figures: the counts and measures a text states, as outcomes or as figures of a provision.

A number in digits ("54", "3.6 million", "2,475") or words ("two", "a dozen", "a million"), with
its qualifier (over, more than, nearly, about, at least, up to, less than; "between 36 and 60" and
"15-20" are ranges), what it counts ("Turkish soldiers", "km deep") and, when a verb or noun says
so, the outcome it reports (killed, injured, destroyed, captured, displaced). Each item of a list
("destroyed 135 tanks, 22 armored vehicles and 45 artillery pieces") shares the list's outcome;
"others" and an elided noun ("179 soldiers had been killed and 110 captured") take the noun of
the figure before. Dates, times, years, designations ("Su-24", "M4") and time spans ("one day
after") are not figures. Whose: the actor named in the phrase, or the armed force of a demonym
("Turkish soldiers"); the speaker: the statement the figure is in."""

from __future__ import annotations

import re
from dataclasses import replace

from kb.draft.findings import FigureFound, Statement, found
from kb.draft.lexicon import DEMONYMS, DIMENSIONS, NUMBER_WORDS, OUTCOME_WORDS, QUALIFIERS, SCALES, TIME_UNITS, UNITS
from kb.draft.names import Hit, armed_force_of, is_actor, registry_names
from kb.models import Entity

_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_NUM = re.compile(
    r"(?<![\w.,/:$£€-])(?:(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<glued>km|%|m|kg)?"
    rf"|(?P<word>(?:{_TENS})-(?:one|two|three|four|five|six|seven|eight|nine)|{_WORDS})"
    r"|(?P<a>an?)(?=\s+(?:dozen|hundred|thousand|million|billion)\b))"
    r"(?:\s+(?P<scale>dozen|hundred|thousand|million|billion))?(?![\w/:]|[.,]\d)", re.IGNORECASE)
# the second number of a range ("15-20"), which may follow a hyphen
_SECOND_NUM = re.compile(_NUM.pattern.replace(r"(?<![\w.,/:$£€-])", "", 1), re.IGNORECASE)
_QUALIFIER = re.compile(r"(?i)\b(?P<q>" + "|".join(sorted(map(re.escape, QUALIFIERS), key=len, reverse=True))
                        + r"|between|from)\s+[\"“«]?$")
_RANGE_REST = re.compile(r"\s*(?P<sep>-|–|to|and)\s*")
_TOKEN = re.compile(r"\s+[\"“«]?(?P<w>[A-Za-z][\w’'-]*|\d[\w-]*[A-Za-z][\w-]*)[\"”»]?")
# "404 of their servicemen": the noun after a partitive; "three of them": the noun of the figure before
_PARTITIVE = re.compile(r"\s+of\s+(?:(?P<pronoun>them|these|those)\b|(?:the|their|its|his|her|our|whose)\s+(?=[a-z]))")
_STOP = frozenset("""in on at from with to by for of and or but that which who were was had have has are is be been
being will would could can as after before since during while near into across against than along among
including between this last next ago later this these those its their his her the a an over under
per according""".split()) - {"per"}
_KIND_BEFORE = re.compile(
    r"(?i)\b(?P<kind>killed|killing|kills|kill|wounded|wounding|injured|injuring|destroyed|destroying|destroy|"
    r"shot down|shooting down|downed|hit|neutrali[sz]ed|captured|capturing|seized|displaced|displacing|left)\s+"
    r"(?:(?:a total of|an estimated|at least|more than|nearly|about|some|up to|as many as|over|almost|around|"
    r"approximately|the|its|his|their|another|other|\w+ly)\s+)*[\"“]?$")
_KIND_AFTER = re.compile(
    r"(?:\s+(?:with|of|in|from|on|at|near|belonging to)\s+[^,.;]{1,40}?)?\s*(?:(?:who|that|which)\s+)?"
    r"(?:(?:were|was|are|is|have|has|had|been|being|reportedly|also|allegedly|all)\s+)*"
    r"(?P<kind>killed|died|dead|wounded|injured|destroyed|shot down|downed|hit|captured|seized|displaced|fled|"
    r"neutrali[sz]ed)\b", re.IGNORECASE)
_PLURALS = frozenset("people men women children personnel police staff".split())
_OUTCOME_NOUNS = frozenset("deaths death dead casualties".split())
_MILITARY = frozenset("soldiers soldier troops servicemen forces military personnel officers troopers marines".split())


def _value(m: re.Match) -> float | None:
    if m["digits"]:
        value = float(m["digits"].replace(",", ""))
    elif m["word"]:
        parts = m["word"].lower().split("-")
        value = float(sum(NUMBER_WORDS[p] for p in parts))
    else:
        value = 1.0
    if m["scale"]:
        value *= 12 if m["scale"].lower() == "dozen" else SCALES[m["scale"].lower()]
    return value


def _what(text: str, at: int, end: int) -> tuple[str, int, str | None, str | None]:
    """The words after a number, up to `end`: (what is counted, where it ends, unit, dimension)."""
    pos, words = at, []
    if partitive := _PARTITIVE.match(text, at, end):
        if partitive["pronoun"]:
            return "", partitive.end(), None, None
        pos = partitive.end() - 1
    while len(words) < 6 and (m := _TOKEN.match(text, pos, end)):
        word = m["w"]
        if word.lower() in _STOP and not (word.lower() == "per" and not words) or \
                (word.lower() in OUTCOME_WORDS and word.lower() not in _OUTCOME_NOUNS):
            break
        words.append(word)
        pos = m.end()
        if (len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")) and word.lower() not in UNITS) \
                or word.lower() in _PLURALS:
            break  # a plural noun ends the phrase: "two leaders discussed...", "2.5 million people need aid"
    what = " ".join(words)
    unit = dimension = None
    first = " ".join(words[:2]).lower()
    if first in UNITS:
        unit = UNITS[first]
    elif words and words[0].lower() in UNITS:
        unit = UNITS[words[0].lower()]
        if "-" in words[0] and words[0].split("-")[-1].lower() in DIMENSIONS:
            dimension = words[0].split("-")[-1].lower()
        elif len(words) > 1 and words[1].lower() in DIMENSIONS:
            dimension = words[1].lower()
    return what, pos, unit, dimension


def _side(text: str, what: str, start: int, end: int, entities: dict[str, Entity], mentions: list[Hit]) -> tuple[str | None, str | None]:
    """Whose: (the words that say it, the registry actor) for the counted phrase at start-end."""
    inside = [h for h in mentions if start <= h.start and h.end <= end + 24 and is_actor(entities[h.entity])
              and (h.end <= end or re.match(r"\s+of\s+(?:the\s+)?$", text[end:h.start]))]
    if inside:
        return inside[0].form, inside[0].entity
    words = what.split()
    for word in words:
        if word in DEMONYMS:
            force = armed_force_of(word, entities) if words[-1].lower() in _MILITARY else None
            return word, force.id if force else None
    for word in ("regime", "government", "rebel", "opposition", "militant", "enemy", "adversary"):
        if word in (w.lower() for w in words):
            return word, None
    return None, None


def _equipment(what: str, entities: dict[str, Entity]) -> str | None:
    words = what.lower().replace("-", " ").split()
    if not words:
        return None
    words[-1] = re.sub(r"(?<!s)s$", "", words[-1])
    for length in range(len(words), 0, -1):
        tail = " ".join(words[-length:])
        for entity in sorted(entities.values(), key=lambda e: e.id):
            if entity.type == "EquipmentType" and any(n.lower() == tail for n in registry_names(entity)):
                return entity.id
    return None


def find_figures(text: str, taken: list[tuple[int, int]], sentences: list[tuple[int, int]],
                 entities: dict[str, Entity], mentions: list[Hit], statements: list[Statement],
                 cut: int | None = None) -> list[FigureFound]:
    """The counts and measures of the text (see the module), in text order.

    Takes the text, spans to leave alone (dates, times, furniture, the title, URLs), the sentence
    spans, the registry, its mentions, the statements (for the speaker of each figure) and where
    a cut-off text's last word starts (what is counted is then marked as cut off)."""
    figures: list[FigureFound] = []
    for s, e in sentences:
        figures += _in_sentence(text, s, e, taken, entities, mentions)
    out: list[FigureFound] = []
    for figure in figures:
        if not figure.what and out and out[-1].what and re.search(r"\bof\s+(?:them|these|those)$", figure.found.quote):
            figure = replace(figure, what=out[-1].what.split()[-1])  # "four zones … three of them": zones
        if cut is not None and figure.found.end > cut:
            figure = replace(figure, what=" ".join(figure.what.split()[:-1] + ["(cut off)"]))
        speaker = next((st for st in statements if st.said.start <= figure.found.start and figure.found.end <= st.said.end), None)
        out.append(replace(figure, according_to=speaker.speaker or speaker.speaker_name or None) if speaker else figure)
    return out


_ONE_ITEM = re.compile(
    rf"(?i)\b(?P<kind>destroying|destroyed|killing|killed|wounding|wounded|injuring|injured|capturing|captured|"
    rf"seized|shot down|downed)\s+(?P<item>an?\s+(?P<what>[a-z][\w-]*(?:\s+[a-z][\w-]*){{0,2}}?))"
    rf"(?=\s*(?:,|\band\b)\s*(?:\d|(?:{_WORDS})\b)|\s+(?:of|belonging to)\b|\s*[,.;]|\s+(?:in|near|on|at)\b)")


def _in_sentence(text: str, s: int, e: int, taken, entities, mentions) -> list[FigureFound]:
    found_here: list[FigureFound] = []
    spans: list[tuple[int, int, int]] = []  # (figure start, phrase end, index)
    pos = s
    for m in _ONE_ITEM.finditer(text, s, e):
        # "destroying a tank and six vehicles": "a tank" is the list's first item, one of them
        what = m["what"]
        whose, side = _side(text, what, m.start("what"), m.end("what"), entities, mentions)
        found_here.append(FigureFound(found(text, m.start(), m.end("item")), 1.0, what=what,
                                      kind=OUTCOME_WORDS.get(m["kind"].lower()), kind_word=m["kind"],
                                      whose=whose, side=side, equipment=_equipment(what, entities)))
        spans.append((m.start("item"), m.end("item"), len(found_here) - 1))
    for m in _NUM.finditer(text, s, e):
        if m.start() < pos or any(m.start() < b and a < m.end() for a, b in taken):
            continue
        value = _value(m)
        digits = m["digits"] or ""
        start, end = m.start(), m.end()
        q = _QUALIFIER.search(text, max(s, start - 25), start)
        qualifier = (q["q"].lower() if q else None)
        low = high = None
        if m["digits"] and re.fullmatch(r"(?:19|20)\d\d", digits) and not re.match(r"\s+\w+s\b", text[end:e]):
            continue  # a year
        if re.match(r"[-–\s](?:year|month|week|day)s?[-–\s]old\b", text[end:e]):
            continue  # "a 42-year-old farmer": an age
        rest = _RANGE_REST.match(text, end, e)
        second = _SECOND_NUM.match(text, rest.end(), e) if rest else None
        if second and (rest["sep"] in "-–" or qualifier in ("between", "from") or (rest["sep"] == "to" and qualifier != "up to")):
            low, high, end, value = value, _value(second), second.end(), None
            qualifier = "between"
        elif qualifier in ("between", "from"):
            qualifier = None
        if q and qualifier:
            start = q.start()
        qualifier = QUALIFIERS.get(qualifier, qualifier)
        skip_quote = re.match(r"[”\"’»]", text[end:end + 1])
        what, phrase_end, unit, dimension = _what(text, end + (1 if skip_quote else 0), e)
        first = what.split()[0].lower() if what else ""
        if first in TIME_UNITS or (m["word"] and m["word"].lower() == "one" and not m["scale"] and not what):
            continue
        if m["glued"]:
            unit = UNITS.get(m["glued"].lower(), m["glued"])
        kind_word = None
        before = _KIND_BEFORE.search(text, max(s, start - 60), start)
        after = _KIND_AFTER.match(text, phrase_end, e)
        if after:
            kind_word = after["kind"]
        elif before and before["kind"].lower() != "left":
            kind_word = before["kind"]
        elif what and what.split()[-1].lower() in ("deaths", "dead", "casualties"):
            kind_word = what.split()[-1]
        if m["word"] and m["word"].lower() == "one" and not m["scale"] and not kind_word:
            continue
        quote_end = max(phrase_end, after.end() if after else 0)
        quote_start = before.start() if before and not found_here else start
        whose, side = _side(text, what, end, phrase_end, entities, mentions)
        figure = FigureFound(found(text, quote_start, quote_end), value, low, high, qualifier, what, unit,
                             OUTCOME_WORDS.get(kind_word.lower()) if kind_word else None, kind_word, whose, side,
                             _equipment(what, entities) if not unit else None)
        figure = _dimensioned(figure, dimension)
        found_here.append(figure)
        spans.append((start, phrase_end, len(found_here) - 1))
        pos = phrase_end
    return _lists(text, found_here, spans, entities)


def _dimensioned(figure: FigureFound, dimension: str | None) -> FigureFound:
    if dimension:
        return replace(figure, what=figure.what if dimension in figure.what else f"{figure.what} {dimension}".strip())
    return figure


def _lists(text: str, figures: list[FigureFound], spans: list[tuple[int, int, int]], entities) -> list[FigureFound]:
    """Items of one list share its outcome; "others" and an elided noun take the noun before."""
    groups: list[list[int]] = []
    for i, (start, _, _) in enumerate(spans):
        if groups and re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+|or\s+)", text[spans[i - 1][1]:start]):
            groups[-1].append(i)
        else:
            groups.append([i])
    out = list(figures)
    for group in groups:
        kinds = [out[i].kind for i in group if out[i].kind]
        for i in group:
            if out[i].kind is None and kinds:
                out[i] = replace(out[i], kind=kinds[0], kind_word=next(out[j].kind_word for j in group if out[j].kind))
    for i in range(1, len(out)):
        previous = out[i - 1]
        if out[i].what in ("", "others", "other") and previous.what and previous.what != "others":
            out[i] = replace(out[i], what=out[i].what or previous.what.split()[-1],
                             whose=out[i].whose or previous.whose, side=out[i].side or previous.side)
    return out
