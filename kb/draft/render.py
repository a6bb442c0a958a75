"""The draft as YAML: the live `article:` section, and every other finding as comments in the very
form the annotation takes, each with its quote and offsets, so that the curator confirms a
finding by uncommenting it. Deterministic: the same draft always renders to the same bytes."""

from __future__ import annotations

import re
from collections import defaultdict

from kb.draft.findings import Draft, FigureFound, NewEntity, yaml_string as q
from kb.models import slug

_DIMENSION = {"wide": "width", "deep": "depth", "long": "length", "high": "height", "tall": "height",
              "thick": "thickness", "away": "distance", "apart": "distance"}


def date_value(value: str | dict) -> str:
    """A `date:` value on one line: `2020-02-23`, or `{from: ..., to: ..., note: "..."}`."""
    if isinstance(value, str):
        return value
    return "{" + ", ".join(f"{key}: {q(v) if key == 'note' else v}" for key, v in value.items()) + "}"


def _comment(text: str) -> str:
    return " ".join(text.split())


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def render(d: Draft) -> str:
    """The draft annotation of `d`, as text (see the module)."""
    out: list[str] = []
    _header(out, d)
    _article(out, d)
    _new_entities(out, d)
    _mentions(out, d)
    _candidates(out, d)
    _dates(out, d)
    _claims(out, d)
    _figures(out, d)
    _sentences(out, d)
    return "\n".join(out)


def _header(out: list[str], d: Draft) -> None:
    out += [
        f"# Draft annotation of article {d.article_id}, written by `kb new`" + (f" from {d.source_name}." if d.source_name else "."),
        "#",
        "# Only the `article:` section is live. Everything else was found by machine and is written as",
        "# comments, each finding with its quote and offsets, in the form the annotation takes:",
        "# confirm a finding by uncommenting it (remove the leading \"# \"), correct it, or delete it.",
        "# The draft builds as it is, with nothing confirmed. `kb check ID` checks your work, and",
        "# `kb coverage ID` lists the sentences still to cite or skip. How to annotate each kind of fact:",
        "# docs/curating.md.",
        "",
    ]


def _article(out: list[str], d: Draft) -> None:
    add = out.append
    add("article:")
    add(f"  language: {d.language}  # assumed: change it if the text is not in English")
    if d.title is not None:
        add(f"  title: {q(d.title)}")
        if d.title_found:
            add(f"  # title_evidence: {d.title_found.flow()}")
    elif d.title_found:
        add("  # the first line reads like a title:")
        add(f"  # title: {q(d.title_found.quote)}")
        add(f"  # title_evidence: {d.title_found.flow()}")
    if d.publisher is not None and d.publisher_found is not None and d.publisher_comment is None:
        add(f"  publisher: {d.publisher}")
        add(f"  publisher_evidence: {d.publisher_found.flow()}  # given with --publisher: the quote that names it")
    elif d.publisher is not None:
        add(f"  # publisher: {d.publisher}  # {_comment(d.publisher_comment or '')}")
        if d.publisher_found:
            add(f"  # publisher_evidence: {d.publisher_found.flow()}")
    for outlet in (o for o in d.outlets if o.role == "publisher" and d.publisher is None):
        new = "; a new registry entry, drafted below" if outlet.new else ""
        add(f"  # publisher: {outlet.entity}  # {outlet.how}{new}")
        add(f"  # publisher_evidence: {outlet.evidence.flow()}")
    for outlet in (o for o in d.outlets if o.role == "byline"):
        new = "; a new registry entry, drafted below" if outlet.new else ""
        add(f"  # byline: {outlet.entity}  # {outlet.how}{new}")
        add(f"  # byline_evidence: {outlet.evidence.flow()}")
    if d.byline_people:
        add(f"  # the byline names people ({d.byline_people.flow()}): `byline` takes a media outlet, so name them in `note`")
    if d.dateline:
        place, piece = d.dateline
        add(f"  # dateline: {place}  # the dateline names {piece.quote!r} at {piece.start}")
    if d.url is not None:
        add(f"  url: {q(d.url)}")
    elif d.url_found:
        add("  # the text holds a URL (check it: line breaks may have cut it):")
        add(f"  # url: {q(d.url_found.quote)}")
    add("  published:")
    add(f"    date: {date_value(d.published)}")
    if d.published_note:
        add(f"    note: {q(d.published_note)}")
    if d.stated_date:
        differs = str(d.published) != d.stated_date.written
        add(f"    # evidence: {d.stated_date.evidence.flow()}"
            + (f"  # states {d.stated_date.written}, not the --date given" if differs else f"  # {d.stated_date.how}"))
        if d.stated_date.time:
            add(f"    # the text gives the time too, {d.stated_date.time}: the format has no field for it; say it in the note")
    add("")


def _entry(out: list[str], entity: NewEntity) -> None:
    out.append(f"# - id: {entity.id}")
    out.append(f"#   type: {entity.type}")
    out.append(f"#   label: {q(entity.label)}")
    if entity.aliases:
        out.append(f"#   aliases: [{', '.join(q(a) for a in entity.aliases)}]")


def _new_entities(out: list[str], d: Draft) -> None:
    if not d.new_entities:
        return
    out.append("# New registry entries for the outlets above, which the registry does not have: check each, paste")
    out.append("# it into a registry file (corpus/registry/*.yaml, uncommented), then uncomment the lines that use it.")
    for entity in d.new_entities:
        out.append(f"# {_comment(entity.why)}:")
        _entry(out, entity)
    out.append("")


def _mentions(out: list[str], d: Draft) -> None:
    out.append("# Registry entities named in the text (labels and aliases, whole words, exact case, and other")
    out.append("# spellings of them), with each form found and where it starts. Keep the forms that name the entity")
    out.append("# here; a form that names several entities is listed under each: keep it under the one the text means.")
    if not d.mentions:
        out += ["# (none found)", ""]
        return
    by_entity: dict[str, list] = defaultdict(list)
    for mention in d.mentions:
        by_entity[mention.entity].append(mention)
    out.append("# mentions:")
    for entity_id, items in by_entity.items():
        forms = ", ".join(q(m.form) for m in items)
        where = "; ".join(f"{m.form} at {', '.join(map(str, m.starts))}" for m in items)
        also = sorted({other for m in items for other in d.ambiguous.get(m.form, []) if other != entity_id})
        note = f"; also names {', '.join(also)}" if also else ""
        notes = "".join(f"; {m.form!r} is {m.note}" for m in items if m.note)
        out.append(f"#   {entity_id}: [{forms}]  # {where}{note}{notes}")
    out.append("")


def _candidates(out: list[str], d: Draft) -> None:
    out.append("# Names not in the registry: candidates for new entities, or new aliases of existing ones (the type")
    out.append("# is a guess). Add those you keep to a registry file (corpus/registry/*.yaml), then list them under mentions.")
    if not d.candidates:
        out += ["# (none found)", ""]
        return
    for c in d.candidates:
        why = f"; {c.why}" if c.why else ""
        out.append(f"#   - {{id: {slug(c.name)}, type: {c.type}, label: {q(c.name)}}}  # at {', '.join(map(str, c.starts))}{why}")
    out.append("")


def _dates(out: list[str], d: Draft) -> None:
    out.append(f"# Dates in the text, resolved against the publication date ({date_value(d.published)}) in the form")
    out.append("# a `date:` field takes, never more exact than the text; a time of day is given with its date, and")
    out.append("# the `time_of_day` an event takes. Copy each to the fact it dates.")
    if not d.dates:
        out += ["# (none found)", ""]
        return
    for date in d.dates:
        value = date_value(date.written) if date.written is not None else "(unresolved)"
        time = f"  # time_of_day: {date.time_of_day}" if date.time_of_day else ""
        how = f"{'; ' if time else '  # '}{_comment(date.how)}" if date.how else ""
        out.append(f"#   {q(date.found.quote)} at {date.found.start}: {value}{time}{how}")
    out.append("")


def _claims(out: list[str], d: Draft) -> None:
    out.append("# Attributed statements: candidate claims. Check the speaker, the words (`said`), `direct`, the")
    out.append("# stance and the date, and add what the claim is `about`; see docs/curating.md on claims.")
    if not d.statements:
        out += ["# (none found)", ""]
        return
    out.append("# claims:")
    used: dict[str, int] = defaultdict(int)
    for st in d.statements:
        prefix = st.speaker or "claim"
        used[prefix] += 1
        out.append(f"#   - id: {prefix}-{used[prefix]}")
        claimant = st.speaker or slug(st.speaker_name or "speaker")
        unknown = "" if st.speaker else "NOT IN THE REGISTRY: "
        out.append(f"#     claimant: {claimant}  # {unknown}{_comment(st.speaker_basis)}")
        out.append(f"#     said: {st.said.flow()}")
        out.append(f"#     direct: {'true' if st.direct else 'false'}")
        out.append(f"#     stance: {st.stance}  # guessed from the verb: check")
        if st.date is not None:
            how = f"; {_comment(st.date.how)}" if st.date.how else ""
            out.append(f"#     date: {date_value(st.date.written)}  # {q(st.date.found.quote)} in the attribution{how}")
        elif d.published is not None:
            latest = d.published if isinstance(d.published, str) else d.published.get("to")
            if latest:
                out.append(f"#     date: {{to: {latest}, note: \"undated; before the article\"}}")
        if st.channel != "unspecified":
            out.append(f"#     channel: {st.channel}")
        if st.medium:
            out.append(f"#     medium: {st.medium}")
        if st.attribution:
            out.append(f"#     evidence: {st.attribution.flow()}")
    out.append("")


def _figure_line(f: FigureFound) -> str:
    words = f.what.split()
    dimension = next((w for w in f.what.replace("-", " ").split() if w.lower() in _DIMENSION), None)
    quantity = _DIMENSION[dimension.lower()] if dimension else slug(words[-1]) if words else "count"
    unit = f.unit or (words[-1] if words else "items")
    amount = f"min: {_number(f.low)}, max: {_number(f.high)}" if f.low is not None else f"value: {_number(f.value)}"
    qualifier = f"; {f.qualifier}" if f.qualifier else ""
    return f"#   - {{quantity: {quantity}, {amount}, unit: {q(unit)}}}  # {q(f.found.quote)} at {f.found.start}{qualifier}"


def _figures(out: list[str], d: Draft) -> None:
    out.append("# Figures: counts and measures the text states. An outcome goes under the `outcomes:` of the event")
    out.append("# it belongs to (add the event first); a measure or a count of a provision under its `figures:`.")
    out.append("# Check the number, its qualifier, what is counted, whose, and who says so.")
    outcomes = [f for f in d.figures if f.kind]
    others = [f for f in d.figures if not f.kind]
    if not d.figures:
        out += ["# (none found)", ""]
        return
    if outcomes:
        out.append("# outcomes:")
    for f in outcomes:
        out.append(f"#   - kind: {f.kind}  # {q(f.kind_word or '')}")
        if f.low is not None:
            out.append(f"#     amount: {q(f'between {_number(f.low)} and {_number(f.high)}')}")
        else:
            out.append(f"#     count: {_number(f.value)}" if float(f.value).is_integer() else f"#     amount: {q(_number(f.value))}")
            if f.qualifier:
                out.append(f"#     approximate: true  # {q(f.qualifier)}")
        if f.equipment:
            out.append(f"#     equipment: {f.equipment}  # what: {q(f.what)}")
        if f.side:
            out.append(f"#     side: {f.side}  # whose: {q(f.whose or '')}; what: {q(f.what)}")
        else:
            whose = f"whose: {q(f.whose)}; " if f.whose else ""
            out.append(f"#     # {whose}what: {q(f.what)}: give the `side` (an actor) if the text says whose")
        if f.according_to and re.fullmatch(r"[a-z0-9][a-z0-9_-]*", f.according_to):
            out.append(f"#     according_to: {f.according_to}  # the figure is in a statement of {f.according_to}")
        elif f.according_to:
            out.append(f"#     # according to {q(f.according_to)} (not in the registry)")
        out.append(f"#     evidence: {f.found.flow()}")
    if others:
        out.append("# figures:")
        out += [_figure_line(f) for f in others]
    out.append("")


def _sentences(out: list[str], d: Draft) -> None:
    out.append(f"# The {len(d.sentences)} sentences, as `kb coverage` counts them: cite each in the evidence of a fact,")
    out.append("# or skip it: uncomment `skipped:` and the sentence, and give the reason (page furniture, headings and")
    out.append("# captions have theirs already).")
    if d.sentences:
        out.append("# skipped:")
        for index, sentence in enumerate(d.sentences, start=1):
            reason = next((why for piece, why in d.furniture if piece.start <= sentence.start and sentence.end <= piece.end), "")
            out.append(f"#   - {{reason: {q(reason)}, quote: {sentence.flow()}}}  # {index}")
    out.append("")
