"""Who speaks in an attribution: the words before (or after) a verb of speech, read as a registry
actor where possible.

The head of the words is taken (an apposition or a relative clause after a comma is set aside:
"Rahmi Dogan, governor of Hatay, said"; so are leading adverbials: "Earlier, Erdogan said"), then:

* a registry actor named in it is the speaker, a person before a body ("Kremlin spokesman Dmitry
  Peskov"); an unnamed person or body of an actor speaks for it ("A Syrian army officer", "Erdogan's
  office");
* a capital stands for its state ("Moscow said": the state Russia, never the city), a demonym with
  a noun for people for the state too ("Turkish officials");
* he or she is the last person named or speaking before; it and they the last body that spoke;
  "the ministry" the last ministry named;
* otherwise a name or a description is kept as the text words it ("Al Jazeera TV", "a senior
  official"), for the curator to add to the registry; anything else is no speaker at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kb.draft.findings import DateFound, Statement, found, trimmed
from kb.draft.lexicon import BODY_NOUNS, DEMONYMS, FUNCTION_WORDS, MEDIA_NOUNS, PERSON_NOUNS, TITLE_WORDS
from kb.draft.names import DOUBTFUL, Hit, entity_named, is_actor, registry_names, state_for
from kb.draft.verbs import channel_of, stance_of
from kb.models import PLACE_TYPES, Entity


@dataclass
class Context:
    """What the statement rules read: the text, the registry, its mentions, the dates, the
    sentences, and the statements found so far (for pronouns)."""

    text: str
    entities: dict[str, Entity]
    mentions: list[Hit]
    dates: list[DateFound]
    sentences: list[tuple[int, int]] = field(default_factory=list)
    spoken: list[Statement] = field(default_factory=list)


@dataclass(frozen=True)
class Speaker:
    """A speaker: the registry actor (or None), the words that name it, why, and whether it is a
    person (for he and she)."""

    entity: str | None
    name: str
    basis: str
    person: bool = False
    pronoun: str = ""


_LEAD_DROP = frozenset("and but so then meanwhile earlier later recall however also moreover furthermore finally "
                       "now yet still thus in on at separately similarly likewise instead".split())
_TRAIL_DROP = frozenset("also again once repeatedly further later earlier then now still already reportedly "
                        "allegedly separately has have had is are was were will would could can may might itself "
                        "himself herself themselves publicly officially previously recently today yesterday "
                        "has been have been had been".split())
_BARE_NAME = re.compile(r"(?!(?:The|A|An|This)\s)[A-Z][\w’'.-]+(?:\s+(?:al-|el-|bin\s+|de\s+)?[A-Z][\w’'.-]+){1,4}")
_PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "it": "body", "they": "body"}
_NOT_SPEAKERS = re.compile(
    r"(?i)^(?:the\s+|a\s+|an\s+|this\s+|that\s+)?(?:\w+\s+)?(?:agreements?|deals?|treat(?:y|ies)|accords?|plans?|laws?|"
    r"rules|terms|schedule|data|figures|reports?|footage|statements?|documents?|text|articles?|stud(?:y|ies)|"
    r"surveys?|sources? close|images?|videos?|photos?|situation|attack|strikes?)$")


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(start + m.start(), start + m.end(), m.group()) for m in re.finditer(r"[^\s,]+", text[start:end])]


def head_of(ctx: Context, start: int, end: int) -> tuple[int, int]:
    """The head of the words that name a speaker: after leading adverbials, before an apposition."""
    text = ctx.text
    chunk = text[start:end]
    # "The Secretary-General, António Guterres, has called for": the auxiliary is not the head
    while (m := re.search(r"(?:\s+|^)(\w+)\s*$", chunk)) and m.group(1).lower() in _TRAIL_DROP and chunk[:m.start()].strip():
        chunk = chunk[:m.start()]
        end = start + len(chunk)
    if label := re.match(r"\s*[A-Z][\w’'. -]{0,40}:\s+(?=\S)", chunk):
        start += label.end()  # "Spokesperson: The World Health Organization says": a turn's label is not the speaker
        chunk = text[start:end]
    # "Its statement came hours after the UN": the subject of the clause the verb belongs to
    if (sub := list(re.finditer(r"(?:^|\s)(?:after|before|when|while|because|since|although|though|until|once)\s+", chunk))) \
            and chunk[sub[-1].end():].strip() and "," not in chunk[sub[-1].end():]:
        start += sub[-1].end()
        chunk = text[start:end]
    appositive = chunk.rstrip().endswith(",")
    cuts = [start] + [start + m.end() for m in re.finditer(r",\s*", chunk)]
    segments = [(a, b) for a, b in zip(cuts, [start + m.start() for m in re.finditer(r",\s*", chunk)] + [end])]
    segments = [(a, b) for a, b in segments if text[a:b].strip()]
    if not segments:
        return start, start

    def adverbial(a: int, b: int) -> bool:
        if re.match(r"\s*(?:[A-Z][a-z]+ing|Asked|Quoted|Cited|Interviewed|Questioned)\b", text[a:b]):
            return True  # "Speaking on national television, …": a participle's phrase, not the speaker
        words = [w for s, e, w in _words(text, a, b) if not any(d.found.start <= s and e <= d.found.end for d in ctx.dates)]
        return all(w.lower().strip("()") in (FUNCTION_WORDS | _LEAD_DROP) - _PRONOUNS.keys() for w in words)

    if appositive:
        heads = [(a, b) for a, b in segments if not adverbial(a, b)] or segments[:1]
        head = heads[0]
        named = [(a, b) for a, b in heads if _BARE_NAME.fullmatch(text[a:b].strip())]
        if named and not _BARE_NAME.fullmatch(text[head[0]:head[1]].strip()) and re.match(r"(?i)(?:the|a|an|its|his|her|their|our)\b", text[head[0]:head[1]].strip()):
            head = named[0]  # "The Human Rights Defender of Artsakh, Artak Beglaryan, reported": the person
    else:
        head = segments[-1]
        if adverbial(*head):
            return head[0], head[0]
    words = _words(text, *head)
    in_date = lambda s, e: any(d.found.start <= s and e <= d.found.end for d in ctx.dates)  # noqa: E731
    while words and (words[0][2].lower() in _LEAD_DROP or in_date(words[0][0], words[0][1])):
        words.pop(0)
    while words and (words[-1][2].lower() in _TRAIL_DROP or in_date(words[-1][0], words[-1][1])
                     or re.fullmatch(r"[a-z]+ly", words[-1][2])):
        words.pop()
    if not words:
        return head[0], head[0]
    # "a government spokesman in Berlin": where the speaker is, not who
    for i, (_, _, word) in enumerate(words[1:], start=1):
        if word.lower() in ("in", "at", "from") and words[i - 1][2].lower().rstrip("s") in PERSON_NOUNS | BODY_NOUNS \
                and not any(h.start < words[i][0] < h.end for h in ctx.mentions):
            words = words[:i]
            break
    return words[0][0], words[-1][1]


def speaker_of(ctx: Context, start: int, end: int) -> Speaker | None:
    """The speaker the words `text[start:end]` name (see the module), or None when they name none."""
    hs, he = head_of(ctx, start, end)
    text = ctx.text
    head = text[hs:he].strip()
    if not head:
        return None
    words = [w for _, _, w in _words(text, hs, he)]
    inside = [h for h in ctx.mentions if hs <= h.start and h.end <= he]
    actors = [h for h in inside if is_actor(ctx.entities[h.entity]) and h.note != DOUBTFUL]
    places = [h for h in inside if ctx.entities[h.entity].type in PLACE_TYPES and not is_actor(ctx.entities[h.entity])]
    if actors and not any(ctx.entities[h.entity].type == "Person" for h in actors) and (titled := _titled_name(ctx, hs, he)):
        return titled  # "Special Representative for Syria Engagement James Jeffrey": the person, not Syria
    if actors:
        people = [h for h in actors if ctx.entities[h.entity].type == "Person"]
        hit = people[-1] if people else actors[-1]
        after = [re.sub(r"^['’]s?$|['’]s?$", "", w.lower()) for _, e, w in _words(text, hit.end, he)]
        before = [w.lower() for _, _, w in _words(text, hs, hit.start)]
        noun = next((w for w in after if w in PERSON_NOUNS | BODY_NOUNS), None)
        if noun is None and ctx.entities[hit.entity].type != "Person":
            noun = next((w for w in before if w in PERSON_NOUNS and w.capitalize() not in TITLE_WORDS), None)
        if noun:
            return Speaker(hit.entity, head, f"{head!r}: an unnamed {noun} of {hit.entity}; keep {hit.entity} as the "
                           "claimant, or add the speaker to the registry", noun in PERSON_NOUNS)
        return Speaker(hit.entity, hit.form, f"named in the attribution ({hit.form!r})",
                       ctx.entities[hit.entity].type == "Person")
    if places:
        hit = places[-1]
        stands = state_for(hit.form, ctx.entities) or state_for(ctx.entities[hit.entity].label, ctx.entities)
        if stands and stands[1] is not None:
            return Speaker(stands[1].id, hit.form, f"{hit.form!r} stands for the state whose capital it is "
                           f"({stands[1].id}), not the city; check")
        if stands:
            return Speaker(None, hit.form, f"{hit.form!r} stands for the government of {stands[0]}, which is not in "
                           "the registry: add it (not the city)")
        return None
    return _unnamed(ctx, hs, he, head, words)


_COMMON_SUFFIX = re.compile(r"(?:ment|tion|sion|ance|ence|ity|ship|ness|ism|ogy|ure|ary)$")


def _titled_name(ctx: Context, hs: int, he: int) -> Speaker | None:
    """A person's name after a title at the end of the words ("United States Vice President Mike
    Pence": Mike Pence), when the registry lacks the person."""
    m = re.search(r"((?:[A-Z][\w’'-]+\s+){1,3}[A-Z][\w’'-]+)$", ctx.text[hs:he])
    if not m:
        return None
    before = ctx.text[hs:hs + m.start()].split()
    words = m.group(1).split()
    while words and (words[0] in TITLE_WORDS or words[0] in DEMONYMS or _COMMON_SUFFIX.search(words[0])
                     or (len(words) > 2 and before and before[-1] in ("of", "for")) or any(
            h.start <= hs + m.start() + ctx.text[hs + m.start():he].find(words[0]) < h.end for h in ctx.mentions)):
        before.append(words.pop(0))
    if not 2 <= len(words) <= 3 or (before and before[-1] in FUNCTION_WORDS) or not any(w in TITLE_WORDS or w.lower() in PERSON_NOUNS for w in before) \
            or any(w in TITLE_WORDS or w.lower() in BODY_NOUNS | PERSON_NOUNS for w in words):
        return None
    name = " ".join(words)
    return Speaker(None, name, f"{name!r} is not in the registry: add it (see the new names)", True)


def _unnamed(ctx: Context, hs: int, he: int, head: str, words: list[str]) -> Speaker | None:
    lowered = [w.lower() for w in words]
    if len(words) == 1 and lowered[0] in _PRONOUNS:
        return antecedent(ctx, hs, lowered[0]) or Speaker(
            None, words[0], f"{words[0]!r}: nobody is named or speaks before it: who spoke?",
            _PRONOUNS[lowered[0]] == "person", lowered[0])
    if re.fullmatch(r"(?i)(?:the|its|their|his|her)\s+(?:joint\s+|written\s+)?(?:statement|communiqu[eé]|declaration|letter)", head):
        issuer = antecedent(ctx, hs, "it") or antecedent(ctx, hs, "he")
        if issuer:  # "The statement said": the body (or person) that spoke last, whose statement it is
            return replace(issuer, name=issuer.name, basis=f"{head!r}: read as the statement of the last speaker before "
                                                           f"({issuer.name!r}); check", pronoun="")
    if _NOT_SPEAKERS.match(head) or len(words) > 12:
        return None
    # a parenthesis ("Al Jazeera TV (Arabic)") and a leading "Qatari-owned" are not the name
    kept = [w for w in words if not re.fullmatch(r"\(.*\)", w)] or words
    while len(kept) > 1 and re.fullmatch(r"[A-Z][a-z]+-(?:owned|backed|based|run|controlled|led|funded|affiliated)|[Ss]tate-run", kept[0]):
        kept = kept[1:]
    if kept != words:
        words, lowered = kept, [w.lower() for w in kept]
        head = " ".join(words)
    last = re.sub(r"['’]s?$", "", lowered[-1])
    if last not in PERSON_NOUNS | BODY_NOUNS and last.endswith("s") and last[:-1] in PERSON_NOUNS | BODY_NOUNS:
        last = last[:-1]  # "Both sides", "Aid agencies"
    if last.endswith("ies") and last[:-3] + "y" in BODY_NOUNS:
        last = last[:-3] + "y"
    demonym = next((w for w in words if w in DEMONYMS), None)
    if last in MEDIA_NOUNS or (last in BODY_NOUNS and any(w in MEDIA_NOUNS for w in lowered)):
        return Speaker(None, head, f"{head!r}: a medium not in the registry: add it, or name the outlet")
    if demonym and last in PERSON_NOUNS | BODY_NOUNS:
        stands = state_for(demonym, ctx.entities)
        if stands and stands[1] is not None:
            return Speaker(stands[1].id, head, f"{head!r}: unnamed {last} of {stands[1].id}; check",
                           last in PERSON_NOUNS)
    if lowered[0] in ("the", "this") and last in BODY_NOUNS and len(words) <= 6:
        for hit in reversed([h for h in ctx.mentions if h.end <= hs and is_actor(ctx.entities[h.entity])]):
            names = [n.lower() for n in registry_names(ctx.entities[hit.entity])] + [hit.form.lower()]
            if any(re.search(rf"\b{re.escape(last)}\b", n) for n in names):
                return Speaker(hit.entity, head, f"{head!r}: read as the last {last} named before ({hit.form!r}); check")
    if lowered[0] == "the" and len(words) > 1 and all(w in TITLE_WORDS or w.lower() in PERSON_NOUNS for w in words[1:]):
        return _titled_before(ctx, hs, " ".join(words[1:])) or Speaker(
            None, head, f"{head!r}: a title, and nobody spoke with it before: who is it?", True)
    if any(w in TITLE_WORDS for w in words[:-2]) and (titled := _titled_name(ctx, hs, he)):
        return titled
    capitalised = [w for w in words if w[0].isupper() and w.lower() not in FUNCTION_WORDS]
    content = [w for w in words if w.lower() not in FUNCTION_WORDS]
    proper = bool(content) and content[-1][0].isupper() and len(capitalised) * 2 >= len(content)
    if last in PERSON_NOUNS | BODY_NOUNS and not proper:
        return Speaker(None, head, f"{head!r}: an unnamed speaker, not in the registry: add it, or attribute the claim "
                       "to the actor it speaks for", last in PERSON_NOUNS)
    if capitalised and (not all(w in TITLE_WORDS or w in DEMONYMS for w in capitalised)
                        or any(w.lower() in BODY_NOUNS for w in capitalised)):
        while words and words[0].lower() in FUNCTION_WORDS:
            words = words[1:]
        nouns = [i for i, w in enumerate(words) if w.islower() and w in PERSON_NOUNS]
        if nouns and nouns[-1] + 1 < len(words) and all(w[0].isupper() for w in words[nouns[-1] + 1:]):
            words = words[nouns[-1] + 1:]  # "Separatist leader Alexander Zakharchenko": the name after the noun
        titled = False
        rest = list(words)
        while rest and (rest[0].rstrip(".") in TITLE_WORDS or rest[0].lower() in PERSON_NOUNS or rest[0] in DEMONYMS):
            titled = titled or rest[0].rstrip(".") in TITLE_WORDS or rest[0].lower() in PERSON_NOUNS
            rest = rest[1:]  # "Separatist leader", "Ministry spokesman": titles, not the name
        if titled and rest and rest[0][0].isupper() and rest[-1].lower() not in BODY_NOUNS:
            words = rest  # a titled person; an organisation ("Defence Army of Artsakh", "General Staff") keeps its words
            if any(w in ("of", "for") for w in words[1:]):
                words = words[:next(i for i, w in enumerate(words) if i and w in ("of", "for"))]  # "Tom Smith" of the Legion
        if len(words) == 1 and (fuller := _fuller_name(ctx, hs, words[0])):
            words = fuller.split()
        name = " ".join(words)
        entity = entity_named(name, ctx.entities)
        if entity and is_actor(entity):
            return Speaker(entity.id, name, f"named in the attribution ({name!r})", entity.type == "Person")
        return Speaker(None, name, f"{name!r} is not in the registry: add it (see the new names)",
                       titled or any(w in TITLE_WORDS for w in head.split()) or len(words) in (2, 3))
    return None


def _titled_before(ctx: Context, at: int, title: str) -> Speaker | None:
    """"The Prime Minister": the last person who spoke with that title before `at`."""
    for statement in sorted(ctx.spoken, key=lambda st: st.said.start, reverse=True):
        where = statement.attribution.start if statement.attribution else statement.said.start
        if where < at and statement.person and statement.attribution and title.lower() in statement.attribution.quote.lower():
            return Speaker(statement.speaker, statement.speaker_name, f"'the {title}': read as the last person who spoke "
                           f"with that title ({statement.speaker_name!r}); check", True)
    m = None
    for m in re.finditer(rf"\b{re.escape(title)}(?:\s+|,\s+)(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?((?:[A-Z]\.\s+)?(?:[A-Z][\w’'-]+\s*){{1,3}})",
                         ctx.text[:at]):
        pass
    if m:
        name = m.group(1).strip()
        entity = entity_named(name, ctx.entities)
        return Speaker(entity.id if entity and is_actor(entity) else None, name,
                       f"'the {title}': read as {name!r}, named with that title before; check", True)
    return None


def _fuller_name(ctx: Context, at: int, surname: str) -> str | None:
    """A surname alone ("Lavrov") as the fuller name the text gave before ("Sergei Lavrov")."""
    found = None
    for m in re.finditer(rf"\b((?:[A-Z][\w’'-]+\s+){{1,2}}){re.escape(surname)}\b", ctx.text[:at]):
        words = m.group(1).split()
        while words and (words[0] in TITLE_WORDS or words[0] in DEMONYMS):
            words = words[1:]
        if words:
            found = " ".join(words + [surname])
    return found


def antecedent(ctx: Context, at: int, pronoun: str) -> Speaker | None:
    """Who a pronoun at `at` stands for: the last person (he, she) or body (it, they) named or
    speaking before it; None if there is none."""
    person = _PRONOUNS.get(pronoun) == "person"
    best: tuple[int, Speaker] | None = None
    for statement in ctx.spoken:
        where = statement.attribution.start if statement.attribution else statement.said.start
        if where < at and statement.person == person and (statement.speaker or statement.speaker_name):
            if best is None or where >= best[0]:
                best = (where, Speaker(statement.speaker, statement.speaker_name, "", person))
    # a body that spoke just before is what "it" means, more than any actor merely named since
    recent = best is not None and not person and "\n\n" not in ctx.text[best[0]:at].replace(" ", "")
    for hit in ctx.mentions if not recent else ():
        entity = ctx.entities[hit.entity]
        if hit.end <= at and is_actor(entity) and (entity.type == "Person") == person:
            if best is None or hit.start > best[0]:
                best = (hit.start, Speaker(hit.entity, hit.form, "", person))
    if best is None:
        return None
    found = best[1]
    what = "person" if person else "body"
    return Speaker(found.entity, found.name, f"{pronoun!r}: read as the last {what} named or speaking before "
                   f"({found.name!r}); check", person, pronoun)


# --- a statement from its parts -------------------------------------------------------------

OPEN, CLOSE = "“«", "”»"
_DATELINE_LEAD = re.compile(r"\([A-Z][\w’'. -]{1,30}\)\s*[-–—]+\s+|[A-Z][A-Z'’. -]*[A-Z](?:/[A-Z][A-Z'’. -]*[A-Z])*(?:,\s+[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+)?)?"
                            r"(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?)?"
                            r"(?:\s*\([^()\n]{1,60}\)\s*[-–—.]+|\s*[-–—]+)\s+")


def make_statement(ctx: Context, said: tuple[int, int], direct: bool, attribution: tuple[int, int] | None,
                   who: tuple[int, int], verb: str, rest: tuple[int, int] | None = None,
                   speaker: Speaker | None = None) -> Statement | None:
    """A candidate claim from its spans: the words said, whether quoted, the attribution, the
    words naming the speaker (`who`, else the first actor of `rest`) and the verb.

    Returns None when the words are empty or no speaker can be read (a speaker given is used)."""
    text = ctx.text
    said = trimmed(text, *said)
    if direct:  # a quotation: without its quote marks (and the comma inside them)
        if said[1] > said[0] and text[said[0]] in OPEN + '"':
            said = (said[0] + 1, said[1])
        if said[1] > said[0] and text[said[1] - 1] in CLOSE + '"':
            said = (said[0], said[1] - 1)
        said = trimmed(text, *said, chars=" \t,")
    if not direct and (dateline := _DATELINE_LEAD.match(text, said[0], said[1])):
        said = (dateline.end(), said[1])  # "KHARTOUM, April 16 (Reuters) - Heavy fighting …": the words after it
    if said[1] - said[0] < 2:
        return None
    if speaker is None:
        speaker = speaker_of(ctx, *who) if who[1] > who[0] else None
        if speaker is None and rest:
            speaker = speaker_of(ctx, *rest)
        if speaker is None:
            return None
    attribution_found = None
    if attribution:
        a, b = trimmed(text, *attribution)
        attribution_found = found(text, a, b) if b > a else None
    words = attribution_found.quote if attribution_found else ""
    media = [h for h in ctx.mentions if rest and rest[0] <= h.start and h.end <= rest[1]
             and ctx.entities[h.entity].type == "MediaOutlet"]
    told_medium = bool(media) or bool(rest and re.search(r"(?i)\b(?:tv|television|radio|channel|newspaper)\b", text[rest[0]:rest[1]]))
    channel = channel_of(words, told_medium)
    date = None
    if attribution:
        date = next((d for d in ctx.dates if attribution[0] <= d.found.start and d.found.end <= attribution[1]
                     and d.written is not None), None)
    return Statement(said=found(text, *said), direct=direct, attribution=attribution_found, speaker=speaker.entity,
                     speaker_basis=speaker.basis, speaker_name=speaker.name, stance=stance_of(verb),
                     channel=channel, medium=media[0].entity if media and channel == "interview" else None,
                     date=date, person=speaker.person, pronoun=speaker.pronoun)
