"""Names: the registry's entities where the text names them, and the names it does not have.

A registry name is found as a whole word in its exact case, or as another spelling of it: a name
of several words in another case ("Syrian army"), with British spelling ("Defence"), a possessive
for the demonym ("Russia's Defence Ministry") or an Arabic article ("Bashar al-Assad"). Names the
registry lacks are sequences of capitalised words, less sentence-initial words, titles, demonyms,
headings, page furniture and a name cut off where the excerpt ends.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from kb.draft.dates import MONTH_WORDS
from kb.draft.findings import Candidate
from kb.draft.lexicon import BODY_NOUNS, CAPITALS, DEMONYMS, FUNCTION_WORDS, PEOPLE_WORDS, PERSON_NOUNS, TITLE_WORDS
from kb.models import ACTOR_TYPES, Entity


@dataclass(frozen=True)
class Hit:
    """One registry name in the text: its span, the form as written, the entity, and a note when
    the form is another spelling of the registry's name."""

    start: int
    end: int
    form: str
    entity: str
    note: str = ""


def registry_names(entity: Entity) -> list[str]:
    """The label and the aliases of an entity."""
    return [entity.label, *entity.aliases]


_SPELLINGS = [(re.compile(r"^Defen[cs]e$"), "Defen[cs]e"), (re.compile(r"^Cent(?:er|re)$"), "Cent(?:er|re)"),
              (re.compile(r"^Organi[sz]ation$"), "Organi[sz]ation"), (re.compile(r"^Armou?red$"), "Armou?red")]
_DEMONYM_OF = {state: demonym for demonym, state in DEMONYMS.items()}


def _variant(name: str) -> re.Pattern | None:
    """The other spellings of a name of several words, as one case-insensitive pattern."""
    words = name.split()
    if len(words) < 2:
        return None
    parts = []
    for index, word in enumerate(words):
        part = re.escape(word)
        for pattern, replacement in _SPELLINGS:
            if pattern.match(word):
                part = replacement
        if word in DEMONYMS:
            part = f"(?:{re.escape(word)}|{re.escape(DEMONYMS[word])}['’]s)"
        if index:
            part = rf"(?:(?:al|el|ad|as|ash|ar|az)-)?{part}"
        parts.append(part)
    return re.compile(r"(?<![\w-])" + r"\s+".join(parts) + r"(?![\w-])", re.IGNORECASE)


def find_mentions(text: str, entities: dict[str, Entity]) -> list[Hit]:
    """Every registry name in the text, exactly or in another spelling (see the module).

    Takes the text and the registry; returns the hits in text order. Where names overlap the
    longest wins ("Syrian government forces", not "Syrian government" inside it); a form that
    names several entities is kept for each of them."""
    hits: list[Hit] = []
    for entity in entities.values():
        for name in registry_names(entity):
            pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
            hits += [Hit(m.start(), m.end(), name, entity.id) for m in pattern.finditer(text)]
            variant = _variant(name)
            for m in variant.finditer(text) if variant else ():
                if m.group() != name and m.group()[0].isupper():
                    hits.append(Hit(m.start(), m.end(), m.group(), entity.id,
                                    f"another spelling of the registry's {name!r}: add it as an alias if you keep it"))
    hits += _surnames(text, entities, hits)
    hits = [h for h in hits if not _EXTENDED.match(text, h.end)]
    longer = {h.form.casefold() for h in hits if _longer_name(text, h, entities)}
    hits = [h for h in hits if not _longer_name(text, h, entities)]
    # the same words alone may name that other body: say so, and let no speaker rest on them
    hits = [Hit(h.start, h.end, h.form, h.entity, DOUBTFUL) if h.form.casefold() in longer else h for h in hits]
    # longest first; at the same span an exact form before another spelling
    hits.sort(key=lambda h: (-(h.end - h.start), h.start, bool(h.note), h.entity))
    kept: list[Hit] = []
    for hit in hits:
        same = [k for k in kept if (k.start, k.end) == (hit.start, hit.end)]
        if same and any(k.entity == hit.entity for k in same):
            continue
        if all(not (hit.start < k.end and k.start < hit.end) for k in kept if (k.start, k.end) != (hit.start, hit.end)):
            kept.append(hit)
    return sorted(kept, key=lambda h: (h.start, h.entity))


# a name that such a word extends is another name: "Idlib Governorate" is not "Idlib"
_EXTENDED = re.compile(r" (?:Governorate|Province|Oblast|District|Region|Municipality|County|Airport|Air Base|Airbase|"
                       r"Highway|Bridge|Dam|Square|Street|Hospital|University|Stadium)\b")
DOUBTFUL = "a doubtful reading: the text also names a longer body of the same words (\"... of X\"), which it may mean"


def _surnames(text: str, entities: dict[str, Entity], hits: list[Hit]) -> list[Hit]:
    """A person's surname alone ("Akar"), after the text has given the full name."""
    out = []
    for entity in entities.values():
        if entity.type != "Person" or len(entity.label.split()) < 2:
            continue
        surname = entity.label.split()[-1]
        first = min((h.start for h in hits if h.entity == entity.id and h.form != surname), default=None)
        if first is None or surname in entity.aliases:
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
            if m.start() > first and not text[max(0, m.start() - 1 - len(entity.label)):m.end()].endswith(entity.label):
                out.append(Hit(m.start(), m.end(), surname, entity.id, f"the surname of {entity.label!r}, named before: add it as an alias if you keep it"))
    return out


def _longer_name(text: str, hit: Hit, entities: dict[str, Entity]) -> bool:
    """Whether a body's name goes on with "of" and another name: "Ministry of Defence of Azerbaijan"
    is not the registry's "Ministry of Defense", but the body of another state."""
    kind = entities[hit.entity].type
    return kind in ("GovernmentBody", "ArmedForce") and " " in hit.form and \
        bool(re.match(r"\s+of\s+(?:the\s+)?[A-Z]", text[hit.end:hit.end + 40]))


def entity_named(name: str, entities: dict[str, Entity], types: frozenset | set | None = None) -> Entity | None:
    """The entity whose id, label or alias is `name` (exact case first, then any case, with or
    without a leading "the"), of one of `types` if given; None if there is none."""
    name = name.strip()
    if name in entities and (types is None or entities[name].type in types):
        return entities[name]
    bare = re.sub(r"(?i)^the\s+", "", name)
    for exact in (True, False):
        for entity in entities.values():
            if types is not None and entity.type not in types:
                continue
            for candidate in registry_names(entity):
                other = re.sub(r"(?i)^the\s+", "", candidate)
                if (other == bare) if exact else (other.casefold() == bare.casefold()):
                    return entity
    return None


def state_for(place: str, entities: dict[str, Entity]) -> tuple[str, Entity | None] | None:
    """What a capital or a demonym stands for: (the state's name, its registry entity or None);
    None when `place` is neither."""
    state = CAPITALS.get(place) or DEMONYMS.get(place)
    if state is None:
        return None
    return state, entity_named(state, entities, {"State"})


def armed_force_of(demonym: str, entities: dict[str, Entity]) -> Entity | None:
    """The registry's armed force named by a demonym ("Turkish" -> "Turkish Armed Forces")."""
    for entity in sorted(entities.values(), key=lambda e: e.id):
        if entity.type == "ArmedForce" and any(n.startswith(demonym + " ") for n in registry_names(entity)):
            return entity
    return None


def is_actor(entity: Entity) -> bool:
    """Whether the entity can speak or act (a claimant, a side)."""
    return entity.type in ACTOR_TYPES


# --- names not in the registry --------------------------------------------------------------

_CAPWORD = re.compile(r"(?:[A-Z]\.){2,}(?![\w-])|[A-Z][\w’'.-]*[\w]|[A-Z]")
_PARTICLE = re.compile(r"(?:al|el|ad|ash|as|ar|az|bin|ibn|abu|de|du|da|von|van|der|la|le)(?:-|\s)")
_CONNECTORS = (" of the ", " of ", " for the ", " for ", " de ", " on ")
_DEMONYM_LIKE = re.compile(r"^[A-Z][a-z]+(?:ians?|ish|ese)$")
_COMPOUND = re.compile(r"^[A-Z][\w.]*-(?:recogni[sz]ed|backed|owned|based|run|controlled|led|funded|affiliated|allied|"
                       r"held|supported|born|made|speaking)$")
_PERSON_TITLES = TITLE_WORDS - frozenset("Ministry Press Foreign Defense Defence Interior Army Navy Supreme Special "
                                          "Representative Related Photo Original Read Also See".split())
_NOT_NAMES = frozenset({"God", "OK", "TV", "AM", "PM"})
_ORG_TYPES = [
    (r"\b(?:Republic|Kingdom|Emirates|Federation)\b", "State"),
    (r"\b(?:Army|Forces|Brigade|Division|Regiment|Legion|Guard|Navy|Air Force|Corps)$", "ArmedForce"),
    (r"\b(?:Front|Movement|Brigades|Militia|Battalion|Party)\b", "ArmedGroup"),
    (r"\b(?:TV|News|Television|Radio|Agency|Times|Post|Press|Channel|Gazette|Herald|Journal|Tribune)$", "MediaOutlet"),
    (r"\b(?:Ministry|Council|Office|Committee|Mission|Staff|Command|Government|Parliament|Center|Centre|"
     r"Service|Watch|Observatory|Commission|Court|Assembly|Defender|Ombudsman|Nations|Organi[sz]ation)\b", "GovernmentBody"),
    (r"\b(?:Province|Oblast|Governorate|District|Region|County)$", "AdministrativeArea"),
    (r"\b(?:Highway|Road|Route|Corridor)$", "Route"),
    (r"\b(?:Agreement|Accord|Memorandum|Treaty|Protocol|Deal)$", "Agreement"),
    (r"^(?:Battle|Siege)\b", "Clash"),
    (r"^Operation\b", "MilitaryOperation"),
]


def _guess_type(text: str, start: int, name: str) -> tuple[str, str]:
    for pattern, kind in _ORG_TYPES:
        if re.search(pattern, name):
            return kind, f"the name reads like a {kind}: check"
    before = text[max(0, start - 30):start]
    if re.search(r"(?i)\b(?:town|city|village|capital|community|settlement) of\s+$|\b(?:in|near|outside|around)\s+$", before):
        return "Settlement", "named as a place: Settlement, or another place type: check"
    words = name.split()
    title = re.search(r"(?:^|\s)([A-Z][\w-]*)\s+$", before)
    if (title and title.group(1) in TITLE_WORDS) or (2 <= len(words) <= 3 and re.match(r"^,?\s+(?:a|the)?\s*\w+\s+(?:of|for)\b|^\s+(?:said|says|told|added|stated)\b", text[start + len(name):start + len(name) + 30])):
        return "Person", "named as a person: check"
    return "TYPE", ""


_ORG_HEADS = frozenset("Nations Union Council Organization Organisation Committee Department Ministry Office Agency "
                       "Court Commission Fund Programme Bank Federation Republic States League Alliance".split())
_STATES = frozenset(DEMONYMS.values()) | frozenset(CAPITALS.values())
_DOCUMENT_WORDS = frozenset("Statement Release Communique Communiqué Transcript Readout Remarks Briefing Resolution".split())


def _office_trimmed(text: str, group: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A name less an office: "United States Vice President" is the United States, "UN Security
    Council Resolution 2254" the Council; an office of
    its own ("Minister for Foreign Affairs") and a document's kind ("Statement") are no name."""
    words = [text[a:b] for a, b in group]
    kept = list(group)
    while len(kept) > 1 and (text[kept[-1][0]:kept[-1][1]] in _PERSON_TITLES or (
            text[kept[-1][0]:kept[-1][1]] == "Resolution" and re.match(r"\s+\d", text[kept[-1][1]:]))) \
            and text[kept[-2][1]:kept[-1][0]] == " ":
        kept = kept[:-1]
    rest = text[kept[0][0]:kept[-1][1]]
    if len(kept) < len(group) and (rest.isupper() or rest in _STATES or words[len(kept)] == "Resolution"
                                   or rest.split()[-1] in _ORG_HEADS):
        group, words = kept, words[:len(kept)]  # a state or an acronym before the office: the name
    office = next((i for i in range(len(group) - 1) if words[i] in _PERSON_TITLES and text[group[i][1]:group[i + 1][0]] in _CONNECTORS), None)
    if office is not None:  # "Minister for Foreign Affairs", "U.S. Secretary of State": an office, or the state before it
        before = text[group[0][0]:group[office - 1][1]] if office else ""
        return group[:office] if before and (before.isupper() or before in _STATES) else []
    return [] if words == ["Statement"] or (len(words) == 1 and words[0] in _DOCUMENT_WORDS) else group


def cut_off_at(text: str) -> int | None:
    """Where a text cut off mid-word ends: the start of its last word, when its last paragraph is
    a sentence that stops without punctuation ("... in Turke"); None for a text that ends whole."""
    paragraphs = [m for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    if not paragraphs:
        return None
    last = paragraphs[-1].group().rstrip()
    words = re.findall(r"[^\W\d_][\w’'-]*", last)
    if not last[-1:].isalpha() or len(words) < 6 or sum(w[0].isupper() for w in words) >= 0.6 * len(words):
        return None
    return paragraphs[-1].start() + last.rfind(" ") + 1


def find_candidates(text: str, taken: list[tuple[int, int]], entities: dict[str, Entity],
                    sentence_starts: set[int], cut: int | None = None) -> list[Candidate]:
    """Names the registry does not have (see the module), with a guess at each one's type.

    Takes the text, the spans that are not names to propose (registry mentions, dates, page
    furniture, the title and headings), the registry, the starts of sentences and where a cut-off
    text's last word starts. Returns the candidates in order of first occurrence."""
    lower_words = set(re.findall(r"(?<![\w’'-])[a-z][\w’'-]*", text))
    known = {n.casefold() for entity in entities.values() for n in registry_names(entity)}

    def is_taken(start: int, end: int) -> bool:
        return any(start < e and s < end for s, e in taken) or (cut is not None and end > cut)

    def initial(start: int) -> bool:
        if start in sentence_starts:
            return True
        back = start
        while back > 0 and text[back - 1] in " \t\"“”'‘’«»(•*–—-":
            back -= 1
        return back in sentence_starts or back == 0 or text[back - 1] in "\n:" or (back < start and text[back - 1] in ".!?") or bool(
            re.search(r"(?:\)|\b[A-Z]{2,})\s*[-–—]+\s*$", text[max(0, start - 12):start]))  # after a dateline

    def leading(word: str) -> bool:  # a word that opens a sentence but no name
        return (word.lower() in FUNCTION_WORDS or word.endswith("ly") or word.endswith("ing")
                or bool(_COMPOUND.match(word)) or word.rstrip("’'s") in DEMONYMS)

    def common(word: str) -> bool:
        return (word.lower() in FUNCTION_WORDS or word.lower() in lower_words or word.endswith("ly")
                or bool(re.match(r"^[A-Z][a-z]+-[a-z]+$", word)) or word.rstrip("’'s") in DEMONYMS)

    groups: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    previous_end = None
    for token in _CAPWORD.finditer(text):
        start, end = token.span()
        word = token.group()
        if word.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.){2,}", word):  # a full stop ends a name ("Jan."), not "U.S."
            end, word = end - 1, word[:-1]
        if word.endswith(("’s", "'s")) and not re.match(r" [A-Z]", text[end:end + 2]):
            end, word = end - 2, word[:-2]  # "Libya's civil war"; but "People's Republics" is one name
        gap = text[previous_end:start] if previous_end is not None else None
        joined = gap is not None and (gap == " " or gap in _CONNECTORS or
                                      (gap.startswith(" ") and _PARTICLE.fullmatch(gap[1:])))
        skip = (is_taken(start, end) or word in MONTH_WORDS or word in _NOT_NAMES
                or (initial(start) and leading(word) and not any(text.startswith(n, start) for n in _STATES if " " in n)))
        if skip:
            if current:
                groups.append(current)
            current, previous_end = [], None
            continue
        if joined and gap in _CONNECTORS:
            words_so_far = [text[a:b] for a, b in current]
            titled = [w in _PERSON_TITLES for w in words_so_far]
            if any(titled) and not titled[-1]:
                joined = False  # "General Tom Smith" of the Eastern Legion: a person, then an organisation
        if current and joined:
            current.append((start, end))
        else:
            if current:
                groups.append(current)
            current = [(start, end)]
        previous_end = end
    if current:
        groups.append(current)

    names: dict[str, list[int]] = defaultdict(list)
    for group in groups:
        while len(group) > 1 and _COMPOUND.match(text[group[0][0]:group[0][1]]):
            group = group[1:]  # "U.N.-recognised Government of National Accord": the name, not its epithet
        plain = all(text[a[1]:b[0]] == " " or _PARTICLE.fullmatch(text[a[1] + 1:b[0]]) for a, b in zip(group, group[1:]))
        while len(group) > 1 and plain and (text[group[0][0]:group[0][1]] in TITLE_WORDS or (
                text[group[0][0]:group[0][1]] in DEMONYMS and (text[group[1][0]:group[1][1]] in TITLE_WORDS
                                                               or re.search(r"\d", text[group[1][0]:group[1][1]])))):
            group = group[1:]  # "General Tom Smith", "Russian Su-24": the name, not the title ("Libyan National Army" stays)
        titles = [i for i, (a, b) in enumerate(group[:-1]) if text[a:b] in TITLE_WORDS]
        if titles and len(group) - titles[-1] - 1 > 3 - (text[group[titles[-1]][1]:group[titles[-1] + 1][0]] != " ") \
                and text[group[-3][1]:group[-2][0]] in _CONNECTORS + (" ",) and text[group[-2][1]:group[-1][0]] == " ":
            titles = [len(group) - 3]  # "U.S. Secretary of State Antony Blinken": the person after the office
        if titles and 2 <= len(group) - titles[-1] - 1 <= 3 and text[group[-1][0]:group[-1][1]].lower() not in BODY_NOUNS and all(text[a[1]:b[0]] == " " for a, b in zip(group[titles[-1]:], group[titles[-1] + 1:])):
            office, group = group[:titles[-1] + 1], group[titles[-1] + 1:]  # "... Coordinator Mark Lowcock": a person
            office = _office_trimmed(text, office)
            if len(office) > 1 and not all(text[a:b] in TITLE_WORDS for a, b in office):
                names[text[office[0][0]:office[-1][1]]].append(office[0][0])
        group = _office_trimmed(text, group)
        words = [text[s:e] for s, e in group]
        if not words or all(w in TITLE_WORDS or w.lower() in FUNCTION_WORDS or w.lower() in PERSON_NOUNS | BODY_NOUNS
               or all(_DEMONYM_LIKE.match(part) or part.rstrip("s") in DEMONYMS or part.islower() for part in w.split("-"))
               for w in words):
            continue
        if all(w in PEOPLE_WORDS or w.rstrip("s") in DEMONYMS for w in words):
            continue  # "Arab", "Western", "Bosnian Serb": a people or a region's adjective
        if len(words) == 1 and words[0].casefold() in known:
            continue  # a registry name in another case, not a new one
        if len(words) == 1:
            word = words[0]
            if len(word) < 2 or (word.isupper() and len(word) < 3) or (initial(group[0][0]) and not word.isupper()):
                continue  # a sentence-initial word alone is not a name unless an acronym
            if word.lower() in lower_words:
                continue  # a common noun capitalised ("the Center")
        names[text[group[0][0]:group[-1][1]]].append(group[0][0])
    candidates = []
    for name, starts in sorted(names.items(), key=lambda kv: kv[1][0]):
        kind, why = _guess_type(text, starts[0], name)
        candidates.append(Candidate(name, tuple(starts), kind, why))
    return candidates
