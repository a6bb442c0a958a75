"""Direct speech: quotations with their attribution ("…," he said; X said: "…") and the turns of a
transcript ("President of Russia Vladimir Putin: Good afternoon…"), each paragraph of a turn a
statement of its speaker."""

from __future__ import annotations

import re

from kb.draft.findings import Statement
from kb.draft.furniture import is_furniture
from kb.draft.speakers import CLOSE, OPEN, Context, Speaker, make_statement, speaker_of
from kb.draft.verbs import SPEECH_VERBS

_TITLE_ABBR = r"(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Gov|Sen)\."
_AFTER = re.compile(rf"^(?P<lead>[\s,–—-]*)(?P<attr>(?P<who>(?:{_TITLE_ABBR}\s+|[^\s.!?\"“”,]+,?\s+){{0,12}}?)(?P<verb>{SPEECH_VERBS})\b(?P<rest>[^.!?\n\"“”,]*))")
_SENTENCE_END = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bGen)(?<!\bLt)(?<!\bCol)[.!?](?:\s|$)")
_AFTER_INVERTED = re.compile(r"^(?P<lead>[\s,–—-]*)(?P<attr>(?P<verb>said|stated|added|noted|emphasi[sz]ed|stressed|warned|insisted)\s+(?P<who>[^.!?\n\"“”,]+))")
_BEFORE = re.compile(rf"(?P<attr>(?P<who>(?:[^\s.!?\"“”]+\s+){{0,10}}?)(?P<verb>{SPEECH_VERBS})\b(?P<rest>(?:,\s*adding)?[^.!?\"“”:,]{{0,40}}?))(?P<end>\s*[:,]\s*|\s+that\s+)$")
_DESCRIBED = re.compile(r"(?P<attr>(?:which|whom|what)\s+(?P<who>[^\s,.;\"“”]+(?:\s+[^\s,.;\"“”]+){0,3}?)\s+(?P<verb>described|called|termed|labelled|labeled)\s+as)\s+$")


def find_quotations(text: str) -> list[tuple[int, int]]:
    """Spans of the outermost quotations, quote marks included: curly pairs (nested ones too) and
    straight double quotes paired within a paragraph. A quotation that runs on to the next
    paragraphs is a span in each: the paragraphs that open with a mark again (the usual style), or
    that do not, up to the one that closes it."""
    spans = []
    carrying = 0  # how many paragraphs an unclosed quotation has run on
    for paragraph in re.finditer(r"[^\n]+", text):
        offset, line = paragraph.start(), paragraph.group()
        lead = len(line) - len(line.lstrip())
        if not line.strip():
            continue
        skip = 0
        if carrying and line[lead] not in OPEN + '"':
            close = next((i for i, c in enumerate(line) if c in CLOSE + '"'), None)
            if close is None:
                spans.append((offset + lead, offset + len(line.rstrip())))
                carrying = carrying + 1 if carrying < 8 else 0
                continue
            spans.append((offset + lead, offset + close + 1))
            skip = close + 1
        carrying = 0
        stack: list[int] = []
        for index, char in enumerate(line[skip:], start=skip):
            if char in OPEN:
                stack.append(index)
            elif char in CLOSE and stack:
                opened = stack.pop()
                if not stack:
                    spans.append((offset + opened, offset + index + 1))
        if stack and stack[0] == lead:  # a quotation that goes on in the next paragraph
            spans.append((offset + lead, offset + len(line.rstrip())))
            carrying = 1
        straight = [index for index, char in enumerate(line[skip:], start=skip) if char == '"']
        if len(straight) % 2 and straight[0] == lead:
            spans.append((offset + lead, offset + len(line.rstrip())))
            straight, carrying = straight[1:], 1
        for first, second in zip(straight[::2], straight[1::2]):
            spans.append((offset + first, offset + second + 1))
    spans.sort()
    return [span for span in spans if not any(s <= span[0] and span[1] <= e and (s, e) != span for s, e in spans)]


def quoted_statements(ctx: Context, quotations: list[tuple[int, int]]) -> list[Statement]:
    """Quotations with their attribution just after ("…," he said), just before (X said: "…"), or
    as a description ("which he described as "…"")."""
    text = ctx.text
    out = []
    for index, (qs, qe) in enumerate(quotations):
        paragraph_end = text.find("\n", qe)
        paragraph_end = len(text) if paragraph_end == -1 else paragraph_end
        stop = min([paragraph_end] + [s for s, _ in quotations[index + 1:index + 2]])
        after = text[qe:stop]
        sentence_end = _SENTENCE_END.search(after)
        after_sentence = after[: sentence_end.start()] if sentence_end else after
        statement = None
        # a quotation that ends its sentence (a full stop inside the marks) has no attribution after it
        closed = text[qs:qe].rstrip("”\"»").rstrip().endswith((".", "!", "?")) and not text[qs:qe].rstrip("”\"»").endswith("...")
        m = None if closed else _AFTER.match(after_sentence) or _AFTER_INVERTED.match(after_sentence)
        if m and m.re is _AFTER and "," in m["who"] and not (text[qs:qe].rstrip("”\"»").endswith(",") or "," in m["lead"]):
            m = _AFTER_INVERTED.match(after_sentence)  # an apposition in the speaker's words only after a quotation's comma
        if m:
            attr = (qe + m.start("attr"), qe + m.end("attr"))
            who = (qe + m.start("who"), qe + m.end("who"))
            rest = (qe + m.start("rest"), qe + m.end("rest")) if m.re is _AFTER else None
            if m.re is _AFTER_INVERTED:
                rest, who = who, (attr[0], attr[0])
            statement = make_statement(ctx, (qs, qe), True, attr, who, m["verb"], rest)
        if statement is None:
            statement = _before(ctx, quotations, index, after_sentence)
        if statement is None:
            statement = _introduced(ctx, qs, qe)
        if statement is None and out and (previous := out[-1]).attribution and previous.said.end <= qs \
                and re.fullmatch(r"[\s,.!?”\"»]*|,[^.!?\"“”\n]{1,80}[.!?]\s*", text[max(previous.attribution.end, previous.said.end):qs]) \
                and ("\n" not in text[previous.said.start:qs] or _paragraph_of_its_own(text, qs, qe)):
            # a quotation that goes on right after an attributed one: the same speaker's words
            statement = make_statement(ctx, (qs, qe), True, (previous.attribution.start, previous.attribution.end),
                                       (0, 0), "said", speaker=Speaker(previous.speaker, previous.speaker_name,
                                                                       previous.speaker_basis, previous.person))
        if statement:
            out.append(statement)
            ctx.spoken.append(statement)
    return out


_INTRODUCED = re.compile(
    rf"(?P<attr>(?P<who>[^\n\"“”]{{1,140}}?)\s+(?:(?P<verb>{SPEECH_VERBS})\b[^:\n\"“”]{{0,60}}?|(?:made|issued|delivered|gave|released)"
    r"\s+the\s+following\s+(?:statement|remarks|comments?|declaration))\s*):\s*$")


def _paragraph_of_its_own(text: str, qs: int, qe: int) -> bool:
    """Whether a quotation is its paragraph: nothing before it on its line, punctuation after."""
    start = text.rfind("\n", 0, qs) + 1
    end = text.find("\n", qe)
    return not text[start:qs].strip() and re.fullmatch(r"[\s,.!?”\"»]*", text[qe:len(text) if end < 0 else end]) is not None


def _introduced(ctx: Context, qs: int, qe: int) -> Statement | None:
    """A quotation that opens a paragraph after one ending in a colon ("X said:", "X made the
    following statement:"): that paragraph's attribution."""
    text = ctx.text
    start = text.rfind("\n", 0, qs) + 1
    if text[start:qs].strip():
        return None
    previous = text[:start].rstrip()
    line_start = previous.rfind("\n") + 1
    m = _INTRODUCED.search(previous, line_start)
    if not m:
        return None
    attr = (m.start("attr"), m.end("attr"))
    return make_statement(ctx, (qs, qe), True, attr, (m.start("who"), m.end("who")), m["verb"] or "said")


def _before(ctx: Context, quotations: list[tuple[int, int]], index: int, after_sentence: str) -> Statement | None:
    """The attribution before a quotation, from the start of its sentence (or the quotation before)."""
    text = ctx.text
    qs, qe = quotations[index]
    sentence_start = max([s for s, e in ctx.sentences if s <= qs] or [0])
    previous_end = max([e for s, e in quotations[:index] if e <= qs] or [0])
    start = max(sentence_start, previous_end, text.rfind("\n", 0, qs) + 1)
    before = text[start:qs]
    if m := _DESCRIBED.search(before):
        return make_statement(ctx, (qs, qe), True, (start + m.start("attr"), start + m.end("attr")),
                              (start + m.start("who"), start + m.end("who")), "described")
    m = _BEFORE.search(before)
    if not m:
        return None
    if "that" in m["end"] and re.fullmatch(r"[\s.!?]*", after_sentence) is None:
        return None  # a quoted phrase inside reported speech: the sentence is reported speech
    attr = (start + m.start("attr"), start + m.end("attr"))
    who = (start + m.start("who"), start + m.end("who"))
    return make_statement(ctx, (qs, qe), True, attr, who, m["verb"], (start + m.start("rest"), start + m.end("rest")))


_LABEL = re.compile(
    r"^(?P<label>[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|of|the|de|and|al-[\w’'-]+)){0,9})"
    r"(?:\s*\((?P<note>[^()\n]{1,30})\))?:[ \t]+(?P<first>\S[^\n]*)$", re.MULTILINE)
_NOT_LABELS = re.compile(r"(?i)^(?:photo|image|related|read|see|original|source|url|note|update|editor|tags?|"
                         r"topics?|date|time|by|file|question|q|answer|a|caption|credit|location|place)\b")


def transcript_statements(ctx: Context, furniture: list, headings: list) -> list[Statement]:
    """The turns of a transcript: a speaker's label and a colon, then the paragraphs up to the next
    label, separator or heading; each paragraph a direct statement of the speaker."""
    text = ctx.text
    labels = []
    other_labels = []  # "Question:", a label of nobody: it ends the turn before it
    for m in _LABEL.finditer(text):
        if is_furniture(furniture, m.start(), m.end()):
            continue
        if _NOT_LABELS.match(m["label"]):
            other_labels.append(m.start())
            continue
        speaker = speaker_of(ctx, m.start("label"), m.end("label"))
        if (speaker is None or speaker.person) and len(m["label"].split()) == 1 and (before := next(
                (sp for lm, sp in reversed(labels) if m["label"] in lm["label"].split()), None)):
            speaker = before  # "Spokesperson:" after "Spokesperson Stéphane Dujarric:": the same person
        elif speaker is None or not speaker.person or not any(
                h.start >= m.start("label") and h.end <= m.end("label") for h in ctx.mentions) and len(m["label"].split()) < 2:
            other_labels.append(m.start())
            continue
        labels.append((m, speaker))
    stops = sorted([m.start() for m, _ in labels] + other_labels + [p.start for p, _ in furniture] + [h.start for h in headings])
    out = []
    for m, speaker in labels:
        end = next((s for s in stops if s > m.start()), len(text))
        label = (m.start("label"), m.end("note") + 1 if m["note"] else m.end("label"))
        paragraphs = [(m.start("first"), m.end("first"))]
        paragraphs += [(p.start(), p.end()) for p in re.finditer(r"[^\n]+", text[m.end():end]) if p.group().strip()]
        paragraphs = [(a + (m.end() if i else 0), b + (m.end() if i else 0)) for i, (a, b) in enumerate(paragraphs)]
        for a, b in paragraphs:
            statement = make_statement(ctx, (a, b), True, label, label, "said", speaker=speaker)
            if statement:
                out.append(statement)
                ctx.spoken.append(statement)
    return out
