#!/usr/bin/env python3
"""Synthetic corpora shaped like the real one, for the benchmarks.

    python benchmarks/generate.py OUT_DIR --articles N [--seed 1]
    python benchmarks/generate.py OUT_DIR --triples T [--seed 1]

writes `OUT_DIR/registry/*.yaml` and `OUT_DIR/articles/<id>.txt` + `<id>.yaml`: a corpus that
`kb build --corpus OUT_DIR` accepts and that validates. The same seed and size always give the
same files.

The shape follows the bundled corpus: a shared registry (persons, states, government bodies,
armed forces, armed groups, media outlets, places with a containment hierarchy, equipment types,
agreements and events, growing with the number of articles) and, per article, an English text
made of template sentences and its annotation: publisher and stated publication date, mentions,
roles, relations (containment, nearness, backing), 2-4 events (events are shared across articles,
so several sources report the same event, some with different counts), outcomes with counts,
equipment and side, 4-8 claims linked by `supports`/`contradicts`/`denies` (some to claims of
earlier articles, as `article-id#claim-id`), for some articles an agreement statement with its
provisions and figures and an alleged violation. Every sentence carries a unique reference token
such as "(ref. 3a9f1c-12)", so that every quote occurs exactly once in its text.

Nothing is dated after the article that reports it: articles are dated in order along a timeline,
and an article only reports events and agreements dated on or before its own date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kb.articles import word_occurrences
from kb.errors import KbError
from kb.outputs import protected_folders, replacing_folder
from kb.resources import default_corpus

# Distinct triples per article (summary.json `triples` / articles), measured on builds of this
# generator with seed 1: 20 articles gave 10,726 triples (536 per article) and 200 gave 106,153
# (531), so --triples T writes round(T / 531) articles. The ratio drifts a little with size (more
# agreements are known to later articles, and the registry grows): --triples 10000, 100000 and
# 1000000 give 19, 188 and 1883 articles, which build to 11,192, 102,407 and 1,066,346 triples.
TRIPLES_PER_ARTICLE = 531.0

START = dt.date(2019, 1, 1)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

# --- names -------------------------------------------------------------------------------------

_ONSETS = ["b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "gr", "kr",
           "st", "tr", "sh", "kh", "ch", "f", "h"]
_VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "ai", "ou"]
_CODAS = ["", "", "n", "r", "l", "s", "k", "m", "sk", "nd", "rt"]
_FIRST_NAMES = [
    "Adrian", "Alexei", "Amir", "Anton", "Arman", "Boris", "Cem", "Daniel", "Dmitri", "Elif", "Emil",
    "Farid", "Goran", "Hakan", "Hasan", "Igor", "Ilya", "Ivan", "Jamal", "Karim", "Kemal", "Leon",
    "Lina", "Maria", "Marek", "Mehmet", "Mikhail", "Nadia", "Nikolai", "Omar", "Oleg", "Pavel",
    "Rami", "Rustam", "Salim", "Samir", "Sergei", "Sofia", "Tamar", "Timur", "Vera", "Viktor",
    "Yana", "Yusuf", "Zara", "Zoran", "Aylin", "Bilal", "Darya", "Emre", "Fatima", "Georgi",
    "Halil", "Irina", "Kamal", "Larisa", "Murat", "Nour", "Olga", "Petar",
]
_SURNAME_ENDINGS = ["ov", "ev", "ski", "ani", "oglu", "ez", "ic", "enko", "idis", "escu", "yan", "i"]


class Names:
    """Unique, pronounceable invented names."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def word(self, syllables: tuple[int, int] = (2, 3)) -> str:
        for _ in range(10_000):
            n = self.rng.randint(*syllables)
            word = "".join(self.rng.choice(_ONSETS) + self.rng.choice(_VOWELS) for _ in range(n))
            word = (word + self.rng.choice(_CODAS)).capitalize()
            if word not in self.used and len(word) >= 4:
                self.used.add(word)
                return word
        raise RuntimeError("ran out of names")

    def surname(self) -> str:
        for _ in range(10_000):
            stem = self.rng.choice(_ONSETS) + self.rng.choice(_VOWELS) + self.rng.choice(_ONSETS) + self.rng.choice(_VOWELS)
            word = (stem + self.rng.choice(_SURNAME_ENDINGS)).capitalize()
            if word not in self.used:
                self.used.add(word)
                return word
        raise RuntimeError("ran out of surnames")


def adjective(name: str) -> str:
    return name + ("n" if name[-1] in "aeiou" else "ian")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def day_words(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_words(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


# --- the registry --------------------------------------------------------------------------------


@dataclass
class Entity:
    id: str
    type: str
    label: str
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    # generator-side facts (not written to the registry)
    extra: dict = field(default_factory=dict)

    def record(self) -> dict:
        out: dict = {"id": self.id, "type": self.type, "label": self.label}
        if self.aliases:
            out["aliases"] = list(self.aliases)
        if self.description:
            out["description"] = self.description
        return out


MILITARY = ["AirStrike", "Shelling", "Attack", "Clash", "Offensive", "Capture", "MilitaryOperation",
            "Reinforcement", "ArmsSupply", "Patrol", "CeasefireAttempt", "Displacement"]
MILITARY_WEIGHTS = [18, 16, 14, 12, 8, 6, 3, 4, 2, 3, 2, 3]
DIPLOMATIC = ["NegotiationRound", "PhoneCall", "Meeting", "Visit"]
EVENT_LABEL = {
    "AirStrike": "Air strike", "Shelling": "Shelling", "Attack": "Attack", "Clash": "Clashes",
    "Offensive": "Offensive", "Capture": "Capture", "MilitaryOperation": "Military operation",
    "Reinforcement": "Reinforcements", "ArmsSupply": "Arms delivery", "Patrol": "Joint patrol",
    "CeasefireAttempt": "Ceasefire attempt", "Displacement": "Displacement of civilians",
    "NegotiationRound": "Talks", "PhoneCall": "Telephone call", "Meeting": "Meeting", "Visit": "Visit",
    "LegalDesignation": "Designation as a terrorist organisation",
}
EQUIPMENT = ["tank", "armored vehicle", "infantry fighting vehicle", "self-propelled howitzer",
             "multiple rocket launcher", "pickup with a large-caliber weapon", "drone", "helicopter",
             "fighter jet", "mortar", "air defense system", "truck", "artillery piece", "ammunition depot"]
PROVISIONS = [
    # id, obligation, how the text words it ({fig} is replaced by the figure), figure or None
    ("buffer-zone", "Keep a buffer zone along the line of contact",
     "keep a {fig} buffer zone along the line of contact", ("width", "km", "range")),
    ("heavy-weapons-withdrawal", "Withdraw heavy weapons from the line of contact",
     "withdraw heavy weapons to at least {fig} from the line of contact", ("distance", "km", "value")),
    ("ceasefire", "Observe a ceasefire", "observe a ceasefire", None),
    ("joint-patrols", "Conduct joint patrols", "conduct joint patrols with at least {fig}", ("patrols per week", "patrols", "value")),
    ("prisoner-exchange", "Exchange prisoners", "exchange {fig}", ("prisoners", "persons", "value")),
    ("humanitarian-corridors", "Open humanitarian corridors", "open {fig}", ("corridors", "corridors", "value")),
]


class World:
    """The registry and the canonical facts that every article's account is drawn from."""

    def __init__(self, n_articles: int, seed: int):
        self.n = n_articles
        self.rng = random.Random(f"world-{seed}")
        self.names = Names(self.rng)
        self.entities: dict[str, Entity] = {}
        self.span = max(180, min(5 * 365, n_articles))
        self._build()

    # helpers
    def add(self, entity_id: str, type_: str, label: str, **kw) -> Entity:
        base, k = slug(entity_id), 2
        entity_id = base
        while entity_id in self.entities:
            entity_id, k = f"{base}-{k}", k + 1
        entity = Entity(entity_id, type_, label, **kw)
        self.entities[entity_id] = entity
        return entity

    def of_type(self, *types: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.type in types]

    def _build(self) -> None:
        n, rng, names = self.n, self.rng, self.names
        # states, each with a capital, provinces, ministries and armed forces
        self.states = []
        for _ in range(8 + n // 250):
            name = names.word((2, 2))
            state = self.add(name, "State", name, aliases=[f"Republic of {name}"])
            state.extra.update(adj=adjective(name), provinces=[], forces=[], bodies=[], persons=[])
            self.states.append(state)
        # provinces (administrative areas), in states
        self.provinces = []
        for i in range(10 + n // 20):
            state = self.states[i % len(self.states)]
            name = names.word()
            province = self.add(f"{name}-province", "AdministrativeArea", f"{name} province", aliases=[name])
            province.extra.update(state=state.id, settlements=[])
            state.extra["provinces"].append(province.id)
            self.provinces.append(province)
        # settlements, in provinces
        self.settlements = []
        for i in range(20 + n // 5):
            province = self.provinces[i % len(self.provinces)] if i < len(self.provinces) else rng.choice(self.provinces)
            name = names.word()
            town = self.add(name, "Settlement", name)
            town.extra.update(province=province.id)
            province.extra["settlements"].append(town.id)
            self.settlements.append(town)
        for province in self.provinces:  # nearness between settlements of the same province
            towns = province.extra["settlements"]
            for a, b in zip(towns, towns[1:]):
                self.entities[a].extra.setdefault("near", b)
        # regions, facilities, routes
        self.regions = []
        for i in range(5 + n // 50):
            province = self.provinces[i % len(self.provinces)]
            side = rng.choice(["North", "South", "East", "West"])
            self.regions.append(self.add(f"{side}-of-{province.id}", "Region", f"{side} of {province.label}",
                                         description=f"The {side.lower()}ern part of {province.label}."))
        self.facilities = []
        for i in range(5 + n // 50):
            town = rng.choice(self.settlements)
            self.facilities.append(self.add(f"{town.id}-checkpoint", "Facility", f"{town.label} checkpoint"))
        self.routes = []
        for i in range(3 + n // 100):
            a, b = rng.sample(self.settlements, 2)
            self.routes.append(self.add(f"{a.id}-{b.id}-highway", "Route", f"{a.label}-{b.label} highway"))
        # government bodies: ministries of each state, then provincial councils
        kinds = ["Defense Ministry", "Foreign Ministry", "Interior Ministry", "Security Council",
                 "General Staff", "Reconciliation Center", "Presidential Office", "Parliament"]
        self.bodies = []
        target = 10 + n // 20
        for kind in kinds:
            for state in self.states:
                if len(self.bodies) < max(target, 2 * len(self.states)):
                    body = self.add(f"{state.id}-{kind}", "GovernmentBody", f"{state.extra['adj']} {kind}")
                    body.extra.update(state=state.id, kind=kind)
                    state.extra["bodies"].append(body.id)
                    self.bodies.append(body)
        for province in self.provinces:
            if len(self.bodies) >= target:
                break
            state = self.entities[province.extra["state"]]
            body = self.add(f"{province.id}-council", "GovernmentBody", f"{province.label} council")
            body.extra.update(state=state.id, kind="council")
            self.bodies.append(body)
        # armed forces: an army per state, and an air force for half of them
        self.forces = []
        for i, state in enumerate(self.states):
            for kind in (["Army", "Air Force"] if i % 2 == 0 else ["Army"]):
                force = self.add(f"{state.id}-{kind}", "ArmedForce", f"{state.extra['adj']} {kind}")
                force.extra.update(state=state.id, kind=kind)
                state.extra["forces"].append(force.id)
                self.forces.append(force)
        # armed groups, most backed by a state
        self.groups = []
        for _ in range(8 + n // 20):
            name = names.word()
            pattern = rng.choice(["{} Brigade", "{} Front", "Army of {}", "{} Liberation Movement", "{} Guard"])
            label = pattern.format(name)
            acronym = "".join(w[0] for w in label.split() if w[0].isupper()) + "-" + name[:3].upper()
            group = self.add(label, "ArmedGroup", label, aliases=[acronym])
            group.extra.update(backer=rng.choice(self.states).id if rng.random() < 0.7 else None)
            self.groups.append(group)
        # media outlets
        self.media = []
        for _ in range(6 + n // 25):
            name = names.word((2, 2))
            pattern = rng.choice(["{} News", "{} Press Agency", "{} TV", "The {} Times", "{} Radio", "{} Daily"])
            self.media.append(self.add(pattern.format(name), "MediaOutlet", pattern.format(name)))
        # persons, each with a role the articles state
        self.persons = []
        titles = [("President", "state"), ("Foreign Minister", "state"), ("Defense Minister", "state"),
                  ("spokesperson", "body"), ("commander", "force"), ("commander", "group"),
                  ("envoy", "state"), ("spokesperson", "body"), ("spokesperson", "group")]
        for i in range(20 + n // 10):
            first, last = rng.choice(_FIRST_NAMES), names.surname()
            person = self.add(f"{first}-{last}", "Person", f"{first} {last}", aliases=[last])
            title, kind = titles[i % len(titles)] if i < len(titles) * len(self.states) else rng.choice(titles)
            if kind == "state":
                of = self.states[(i // len(titles)) % len(self.states)] if i < len(titles) * len(self.states) else rng.choice(self.states)
                words = f"{of.extra['adj']} {title}"
            elif kind == "body":
                of = rng.choice(self.bodies)
                words = f"{title} of the {of.label}"
            elif kind == "force":
                of = rng.choice(self.forces)
                words = f"{title} of the {of.label}"
            else:
                of = rng.choice(self.groups)
                words = f"{title} of the {of.label}"
            person.extra.update(title=words, of=of.id, president=(title == "President" and kind == "state"))
            self.persons.append(person)
        self.presidents = {p.extra["of"]: p for p in self.persons if p.extra["president"]}
        # equipment types
        self.equipment = [self.add(label, "EquipmentType", label) for label in EQUIPMENT]
        # zones and agreements
        self.zones, self.agreements = [], []
        for i in range(4 + n // 40):
            a, b = rng.sample(self.states, 2)
            town = rng.choice(self.settlements)
            if i < 2:
                date = dt.date(2015 + i, rng.randint(1, 12), rng.randint(1, 28))
            else:
                date = START + dt.timedelta(days=int(rng.random() * self.span * 0.7))
            label = f"{town.label} agreement ({month_words(date)})"
            zone_province = rng.choice(a.extra["provinces"] + b.extra["provinces"])
            zone = self.add(f"{town.id}-{date.year}-zone", "Zone", f"{self.entities[zone_province].label} zone of the {label}")
            self.zones.append(zone)
            agreement = self.add(f"{town.id}-agreement-{date.isoformat()[:7]}", "Agreement", label,
                                 aliases=[f"{town.label} accords of {date.year}"])
            provisions = []
            for pid, obligation, words, figure in rng.sample(PROVISIONS, rng.randint(2, 3)):
                fig = None
                if figure:
                    quantity, unit, kind = figure
                    if kind == "range":
                        low = rng.randint(5, 15)
                        fig = {"quantity": slug(quantity), "min": low, "max": low + rng.choice([5, 10]), "unit": unit}
                    else:
                        fig = {"quantity": slug(quantity), "value": rng.randint(2, 60), "unit": unit}
                deadline = date + dt.timedelta(days=rng.randint(15, 120)) if rng.random() < 0.5 else None
                provisions.append({"id": pid, "obligation": obligation, "words": words, "figure": fig,
                                   "deadline": deadline, "zone": zone.id if pid == "buffer-zone" else None})
            signatories = [p.id for p in (self.presidents.get(a.id), self.presidents.get(b.id)) if p]
            agreement.extra.update(date=date, parties=[a.id, b.id], signatories=signatories, place=town.id,
                                   zone=zone.id, provisions=provisions)
            self.agreements.append(agreement)
        self.agreements.sort(key=lambda e: e.extra["date"])
        # who speaks, and how often: a Zipf-like weight over a fixed shuffle of the actors
        speakers = self.persons + self.bodies + self.forces + self.states + self.groups
        rng.shuffle(speakers)
        self.speakers = speakers
        self.speaker_weights = [1.0 / (rank + 1) ** 0.7 for rank in range(len(speakers))]
        self.events: list[Entity] = []

    # --- events are made as articles need them ---

    def new_event(self, date: dt.date) -> Entity:
        rng = self.rng
        roll = rng.random()
        if roll < 0.78:
            kind = rng.choices(MILITARY, MILITARY_WEIGHTS)[0]
        elif roll < 0.97:
            kind = rng.choice(DIPLOMATIC)
        else:
            kind = "LegalDesignation"
        state = rng.choice(self.states)
        town = self.entities[rng.choice(self.entities[rng.choice(state.extra["provinces"])].extra["settlements"])]
        places, agents, targets, supporters, participants, outcomes = [town.id], [], [], [], [], []
        combatants = self.forces + self.groups
        if kind in DIPLOMATIC:
            a, b = rng.sample(self.persons, 2)
            participants = [a.id, b.id]
            if kind == "PhoneCall":
                places = []
            elif kind == "Visit":
                participants = [a.id]
            label = f"{EVENT_LABEL[kind]}: {a.label}" + (f" and {b.label}" if len(participants) > 1 else "") + \
                (f" in {town.label}" if places else "") + f", {day_words(date)}"
        elif kind == "LegalDesignation":
            agents, targets = [state.id], [rng.choice(self.groups).id]
            places = []
            label = f"{self.entities[targets[0]].label} designated a terrorist organisation by {state.label}, {day_words(date)}"
        else:
            agent, target = rng.sample(combatants, 2)
            agents, targets = [agent.id], [target.id]
            if kind in ("Offensive", "Attack") and rng.random() < 0.4:
                supporters = [rng.choice([f for f in self.forces if f.id != agent.id]).id]
            if kind in ("Patrol", "CeasefireAttempt"):
                agents = [agent.id, rng.choice([f for f in self.forces if f.id != agent.id]).id]
                targets = []
            if kind in ("Reinforcement", "Displacement"):
                targets = []
            if kind == "ArmsSupply":
                participants, targets = [target.id], []
            if rng.random() < 0.15:
                places.append(rng.choice(self.facilities + self.routes).id)
            label = f"{EVENT_LABEL[kind]} by the {agent.label} in {town.label}, {day_words(date)}"
            side = targets[0] if targets else agents[0]
            if kind in ("AirStrike", "Shelling", "Attack", "Clash", "Offensive", "Capture"):
                outcomes.append({"kind": "killed", "count": rng.randint(1, 40), "side": side})
                if rng.random() < 0.6:
                    outcomes.append({"kind": "injured", "count": rng.randint(1, 80), "side": side})
                if rng.random() < 0.5:
                    outcomes.append({"kind": "destroyed", "count": rng.randint(1, 12), "side": side,
                                     "equipment": rng.choice(self.equipment).id})
                if kind == "Capture":
                    outcomes.append({"kind": "captured", "side": agents[0], "place": town.id})
                if kind in ("Offensive", "Attack") and rng.random() < 0.5:
                    outcomes.append({"kind": "repelled", "side": side})
            elif kind == "Displacement":
                outcomes.append({"kind": "displaced", "count": rng.randint(50, 20000), "place": town.id,
                                 "approximate": True})
            elif kind == "Reinforcement" and rng.random() < 0.3:
                outcomes.append({"kind": "halted", "side": agents[0]})
        event_id = f"{slug(EVENT_LABEL[kind])}-{town.id if places else state.id}-{date.isoformat()}"
        event = self.add(event_id, kind, label)
        source = rng.choice(self.bodies) if rng.random() < 0.35 else None
        event.extra.update(date=date, kind=kind, places=places, agents=agents, targets=targets,
                           supporters=supporters, participants=participants, outcomes=outcomes,
                           time_of_day=rng.choice(["morning", "afternoon", "evening", "night"]) if rng.random() < 0.2 else None,
                           source=source.id if source else None, weight=5 if rng.random() < 0.1 else 1,
                           state=state.id)
        self.events.append(event)
        return event


# --- articles ------------------------------------------------------------------------------------


class Text:
    """An article's text, built sentence by sentence; every sentence gets a unique token."""

    def __init__(self, short: str):
        self.short = short
        self.count = 0
        self.paragraphs: list[list[str]] = [[]]

    def token(self) -> str:
        self.count += 1
        return f"(ref. {self.short}-{self.count})"

    def add(self, sentence: str) -> str:
        self.paragraphs[-1].append(sentence)
        return sentence

    def paragraph(self) -> None:
        if self.paragraphs[-1]:
            self.paragraphs.append([])

    def render(self) -> str:
        return "\n\n".join(" ".join(p) for p in self.paragraphs if p) + "\n"


CHANNELS = {
    "interview": "said in an interview with {medium}",
    "statement": "said in a statement",
    "told-reporters": "told reporters",
    "press-briefing": "said at a press briefing",
    "speech": "said in a speech",
    "unspecified": "said",
}
STANCES = ["asserts", "asserts", "asserts", "denies", "confirms", "warns", "threatens", "demands",
           "accuses", "expresses-concern", "announces", "intends"]


class ArticleMaker:
    def __init__(self, world: World, index: int, article_id: str, date: dt.date, rng: random.Random,
                 history: dict):
        self.w, self.i, self.id, self.date, self.rng, self.history = world, index, article_id, date, rng, history
        self.text = Text(hashlib.sha1(article_id.encode()).hexdigest()[:6])
        self.mentions: dict[str, list[str]] = {}
        self.claims: list[dict] = []

    def name(self, entity_id: str, alias: bool = False) -> str:
        """The words for an entity in the text, recorded as a mention."""
        entity = self.w.entities[entity_id]
        form = entity.aliases[0] if alias and entity.aliases else entity.label
        forms = self.mentions.setdefault(entity_id, [])
        if form not in forms:
            forms.append(form)
        return form

    def the(self, entity_id: str) -> str:
        entity = self.w.entities[entity_id]
        label = self.name(entity_id)
        return label if entity.type in ("Person", "State", "Settlement") or label.startswith("The ") else f"the {label}"

    def sentence(self, body: str) -> str:
        body = body[0].upper() + body[1:]
        return self.text.add(f"{body} {self.text.token()}.")

    # --- sections ---

    def make(self, events: list[Entity]) -> dict:
        w, rng, t = self.w, self.rng, self.text
        publisher = rng.choices(w.media, [1.0 / (k + 1) ** 0.5 for k in range(len(w.media))])[0]
        dateline = rng.choice(w.settlements)
        title = t.add(f"{events[0].label.split(',')[0]} {t.token()}")
        t.paragraph()
        stated = self.sentence(f"{dateline.label.upper()}, {MONTHS[self.date.month - 1]} {self.date.day}, "
                               f"{self.date.year} ({self.name(publisher.id)})")
        meta: dict = {
            "title": title, "title_evidence": title,
            "publisher": publisher.id, "publisher_evidence": stated,
            "url": f"https://news.example.org/{publisher.id}/{self.id}",
            "language": "en", "dateline": dateline.id,
            "published": {"date": self.date.isoformat(), "evidence": stated},
        }
        if rng.random() < 0.25:
            byline = rng.choice(w.media)
            meta["byline"] = byline.id
            meta["byline_evidence"] = self.sentence(f"With reporting by {self.name(byline.id)}")
        annotation: dict = {"article": meta}
        event_facts = []
        for position, event in enumerate(events):
            t.paragraph()
            event_facts.append(self.event(event, events[:position]))
            for _ in range(rng.randint(1, 2)):
                if len(self.claims) < 7:
                    self.claim(rng.choice(events[: position + 1]))
        while len(self.claims) < 4 or (len(self.claims) < 7 and rng.random() < 0.3):
            self.claim(rng.choice(events))
        agreements, violations = self.agreement_and_violation(events)
        t.paragraph()
        relations = self.relations()
        roles = self.roles()
        if rng.random() < 0.3:
            outlet = rng.choice(w.media)
            cited = self.sentence(f"{self.the(outlet.id)} reported on the events earlier")
            meta["cites"] = [{"outlet": outlet.id, "evidence": cited}]
        t.paragraph()
        credit = t.add(f"Photo: {self.name(publisher.id)} {t.token()}")
        text = t.render()
        # a mention is a name the text holds as a whole word ("Netund", not inside "Netundian")
        mentions = {key: kept for key, forms in self.mentions.items()
                    if (kept := [f for f in forms if word_occurrences(text, f)])}
        annotation.update(
            mentions=mentions, roles=roles, relations=relations, agreements=agreements,
            events=event_facts, claims=self.claims, violations=violations,
            skipped=[{"quote": credit, "reason": "photo credit"}],
        )
        return {key: value for key, value in annotation.items() if value != [] and value != {}}

    def event(self, event: Entity, earlier: list[Entity]) -> dict:
        rng, e = self.rng, event.extra
        fact: dict = {"event": event.id}
        if rng.random() < 0.15 and e["date"].month == self.date.month and e["date"].year == self.date.year or rng.random() < 0.05:
            fact["date"] = e["date"].isoformat()[:7]
            when = f"in {month_words(e['date'])}"
        else:
            fact["date"] = e["date"].isoformat()
            when = f"on {day_words(e['date'])}"
        if e["time_of_day"] and rng.random() < 0.5:
            fact["time_of_day"] = e["time_of_day"]
            when += f", in the {e['time_of_day']}"
        places = " and ".join(self.name(p) for p in e["places"])
        agents = " and ".join(self.the(a) for a in e["agents"])
        targets = " and ".join(self.the(a) for a in e["targets"])
        kind = e["kind"]
        if kind in DIPLOMATIC:
            people = " and ".join(self.name(p) for p in e["participants"])
            body = {"NegotiationRound": f"delegations led by {people} held talks in {places} {when}",
                    "PhoneCall": f"{people} spoke by telephone {when}",
                    "Meeting": f"{people} met in {places} {when}",
                    "Visit": f"{people} paid a visit to {places} {when}"}[kind]
        elif kind == "LegalDesignation":
            body = f"{agents} designated {targets} a terrorist organisation {when}"
        else:
            body = {
                "AirStrike": f"aircraft of {agents} struck positions of {targets} in {places} {when}",
                "Shelling": f"{agents} shelled positions of {targets} in {places} {when}",
                "Attack": f"{agents} attacked {targets} near {places} {when}",
                "Clash": f"fighting broke out between {agents} and {targets} in {places} {when}",
                "Offensive": f"{agents} launched an offensive against {targets} in {places} {when}",
                "Capture": f"{agents} took {places} from {targets} {when}",
                "MilitaryOperation": f"{agents} began a military operation against {targets} in {places} {when}",
                "Reinforcement": f"{agents} sent reinforcements to {places} {when}",
                "ArmsSupply": "{} handed over weapons to {} in {} {}".format(
                    agents, " and ".join(self.the(p) for p in e["participants"]), places, when),
                "Patrol": f"{agents} conducted a joint patrol in {places} {when}",
                "CeasefireAttempt": f"{agents} tried to enforce a ceasefire in {places} {when}",
                "Displacement": f"civilians fled the fighting in {places} {when}",
            }[kind]
            if e["supporters"]:
                body += ", with fire support from " + " and ".join(self.the(s) for s in e["supporters"])
        for key in ("places", "agents", "targets", "supporters", "participants"):
            if e[key]:
                fact[key] = list(e[key])
        if e["source"] and rng.random() < 0.6:
            body += f", according to {self.the(e['source'])}"
            fact["according_to"] = e["source"]
            fact["status"] = "claimed"  # attributed, so not narrated as having happened
        responds = [x for x in earlier if x.extra["date"] < e["date"]]
        if responds and rng.random() < 0.3:
            body += f", in response to the {EVENT_LABEL[responds[-1].extra['kind']].lower()} of {day_words(responds[-1].extra['date'])}"
            fact["in_response_to"] = [responds[-1].id]
        fact["evidence"] = self.sentence(body)
        outcomes = []
        for outcome in e["outcomes"]:
            if rng.random() < 0.2:
                continue  # this source does not report it
            outcomes.append(self.outcome(outcome))
        if outcomes:
            fact["outcomes"] = outcomes
        if rng.random() < 0.1:
            fact["note"] = "Generated account; the source's wording is kept in the evidence."
        self.history["reports"].setdefault(event.id, []).append(self.id)
        return fact

    def outcome(self, o: dict) -> dict:
        rng = self.rng
        fact: dict = {"kind": o["kind"]}
        count = o.get("count")
        if count is not None and rng.random() < 0.3:  # sources disagree on figures
            count = max(0, count + rng.choice([-3, -2, -1, 1, 2, 4, 7]))
        approximate = o.get("approximate", False) or (count is not None and rng.random() < 0.1)
        words = (f"about {count}" if approximate else str(count)) if count is not None else None
        if count is not None and rng.random() < 0.08:
            words, count, approximate = "many", None, False
            fact["amount"] = "many"
        side = self.the(o["side"]) if o.get("side") else None
        kind = o["kind"]
        if kind == "killed":
            body = f"{words} members of {side} were killed"
        elif kind == "injured":
            body = f"{words} members of {side} were injured"
        elif kind == "destroyed":
            body = f"{words} {self.name(o['equipment'])} units of {side} were destroyed"
            fact["equipment"] = o["equipment"]
        elif kind == "captured":
            body = f"{side} captured {self.name(o['place'])}"
            fact["place"] = o["place"]
        elif kind == "repelled":
            body = f"{side} repelled the attack"
        elif kind == "halted":
            body = f"the advance of {side} was halted"
        else:  # displaced
            body = f"{words} civilians were displaced from {self.name(o['place'])}"
            fact["place"] = o["place"]
        if count is not None:
            fact["count"] = count
            if approximate:
                fact["qualifier"] = "about"
        if o.get("side"):
            fact["side"] = o["side"]
        if count is not None and rng.random() < 0.2:
            source = rng.choice(self.w.bodies)
            body += f", according to {self.the(source.id)}"
            fact["according_to"] = source.id
        fact["evidence"] = self.sentence(body)
        return fact

    def claim(self, event: Entity, stance: str | None = None, claimant: str | None = None,
              about_extra: list[str] = (), content: str | None = None) -> dict:
        w, rng, e = self.w, self.rng, event.extra
        claimant = claimant or rng.choices(w.speakers, w.speaker_weights)[0].id
        stance = stance or rng.choice(STANCES)
        place = e["places"][0] if e["places"] else e["state"]
        doer = (e["agents"] or e["participants"])[0]
        if content is None:
            template = {
                "asserts": "{d} is responsible for what happened in {p}",
                "denies": "{d} had nothing to do with the events in {p}",
                "confirms": "{d} carried out the operation in {p}",
                "warns": "further escalation around {p} would have grave consequences",
                "threatens": "any new attack near {p} will be answered",
                "demands": "{d} must leave {p} at once",
                "accuses": "{d} deliberately targeted civilians in {p}",
                "expresses-concern": "the situation in {p} is deeply worrying",
                "announces": "new talks on {p} will take place soon",
                "intends": "we intend to keep our positions near {p}",
            }[stance]
            content = template.format(d=self.the(doer) if "{d}" in template else "", p=self.name(place))
        channel = rng.choice(list(CHANNELS))
        medium = rng.choice(w.media).id if channel == "interview" else None
        direct = rng.random() < 0.5
        if direct:
            content = content[0].upper() + content[1:]
        said = f"{content} {self.text.token()}"
        verb = CHANNELS[channel].format(medium=self.name(medium) if medium else "")
        claim_id = f"claim-{len(self.claims) + 1}"
        fact: dict = {"id": claim_id, "claimant": claimant}
        where = ""
        if rng.random() < 0.2:
            fact_place = rng.choice(w.settlements).id
            where = f" in {self.name(fact_place)}"
        else:
            fact_place = None
        if rng.random() < 0.6:
            date = self.date - dt.timedelta(days=rng.choice([0, 0, 1, 2]))
            when = f" on {day_words(date)}"
            fact_date: object = date.isoformat()
        else:
            when = ""
            fact_date = {"to": self.date.isoformat(), "note": "the statement is not dated; the article is of this day"}
        who = self.the(claimant)
        if direct:
            attribution = f"{who} {verb}{where}{when} {self.text.token()}"
            sentence = f'"{said}," {attribution}.'
        else:
            sentence = f"{who[0].upper() + who[1:]} {verb}{where}{when} that {said}."
            attribution = None
        self.text.add(sentence)
        fact.update(said=said, direct=direct, stance=stance, date=fact_date, channel=channel)
        if medium:
            fact["medium"] = medium
        if fact_place:
            fact["place"] = fact_place
        about = [event.id] + ([doer] if rng.random() < 0.3 else []) + list(about_extra)
        fact["about"] = list(dict.fromkeys(about))
        if attribution:
            fact["evidence"] = attribution
        # links: to an earlier claim of this article, or to a claim of an earlier article about the same event
        earlier = self.history["claims"].get(event.id, [])
        if stance == "denies":
            targets = [c for c in self.claims if event.id in c["about"] and c["claimant"] != claimant]
            if targets:
                fact["denies"] = [targets[-1]["id"]]
            elif earlier:
                fact["denies"] = [rng.choice(earlier[-20:])]
        elif stance in ("asserts", "accuses", "confirms") and rng.random() < 0.5:
            if earlier and rng.random() < 0.6:
                fact[rng.choice(["contradicts", "contradicts", "supports"])] = [rng.choice(earlier[-20:])]
            elif self.claims:
                fact[rng.choice(["contradicts", "supports"])] = [rng.choice(self.claims)["id"]]
        self.claims.append(fact)
        return fact

    def agreement_and_violation(self, events: list[Entity]) -> tuple[list, list]:
        w, rng = self.w, self.rng
        known = [a for a in w.agreements if a.extra["date"] <= self.date]
        if not known or rng.random() > 0.35:
            return [], self.violation(events, None)
        described = self.history["agreements"]
        agreement = min(known, key=lambda a: (described.get(a.id, 0), rng.random()))
        described[agreement.id] = described.get(agreement.id, 0) + 1
        a = agreement.extra
        self.text.paragraph()
        parties = " and ".join(self.name(p) for p in a["parties"])
        signed = ""
        if a["signatories"]:
            signed = ", signed by " + " and ".join(self.name(p) for p in a["signatories"]) + ","
        body = (f"under {self.the(agreement.id)}{signed} concluded by {parties} in {self.name(a['place'])} "
                f"on {day_words(a['date'])}, which created {self.the(a['zone'])}")
        fact: dict = {"agreement": agreement.id, "parties": list(a["parties"]), "date": a["date"].isoformat(),
                      "place": a["place"], "creates": [a["zone"]]}
        if a["signatories"]:
            fact["signatories"] = list(a["signatories"])
        fact["evidence"] = self.sentence(body)
        provisions = []
        for provision in rng.sample(a["provisions"], rng.randint(1, len(a["provisions"]))):
            figure = provision["figure"]
            fig_words = ""
            if figure:
                amount = f"{figure['min']}-{figure['max']}" if "min" in figure else str(figure["value"])
                fig_words = f"{amount} {figure['unit']}" if figure["unit"] not in ("patrols", "persons", "corridors") \
                    else f"{amount} {figure['quantity'] if figure['unit'] != 'persons' else 'prisoners'}"
                if figure["unit"] == "corridors":
                    fig_words = f"{amount} humanitarian corridors"
            words = provision["words"].format(fig=fig_words)
            deadline = f" by {day_words(provision['deadline'])}" if provision["deadline"] else ""
            zone = f" in {self.the(provision['zone'])}" if provision["zone"] else ""
            p: dict = {"id": provision["id"], "obligated": list(a["parties"]), "obligation": provision["obligation"]}
            if provision["zone"]:
                p["zone"] = provision["zone"]
            if figure:
                p["figures"] = [dict(figure)]
            if provision["deadline"]:
                p["deadline"] = provision["deadline"].isoformat()
            p["evidence"] = self.sentence(f"the agreement obliges {parties} to {words}{zone}{deadline}")
            provisions.append(p)
            self.history["provisions"].add((agreement.id, provision["id"]))
        fact["provisions"] = provisions
        return [fact], self.violation(events, agreement)

    def violation(self, events: list[Entity], agreement: Entity | None) -> list:
        w, rng = self.w, self.rng
        if rng.random() > 0.2:
            return []
        if agreement is None:
            declared = [a for a in w.agreements if a.extra["date"] <= self.date
                        and any((a.id, p["id"]) in self.history["provisions"] for p in a.extra["provisions"])]
            if not declared:
                return []
            agreement = rng.choice(declared)
        provisions = [p["id"] for p in agreement.extra["provisions"] if (agreement.id, p["id"]) in self.history["provisions"]]
        event = rng.choice(events)
        accuser_state, accused = agreement.extra["parties"][0], agreement.extra["parties"][1]
        if rng.random() < 0.5:
            accuser_state, accused = accused, accuser_state
        accuser = rng.choice(w.entities[accuser_state].extra["bodies"] or [accuser_state])
        content = f"{self.name(accused)} violated {self.the(agreement.id)} with the events in " \
                  f"{self.name((event.extra['places'] or [event.extra['state']])[0])}"
        claim = self.claim(event, stance="accuses", claimant=accuser, about_extra=[agreement.id, accused], content=content)
        fact: dict = {"alleged_by": [accuser], "accused": [accused], "agreement": agreement.id}
        if provisions:
            fact["provision"] = rng.choice(provisions)
        fact.update(events=[event.id], claim=claim["id"], date=self.date.isoformat())
        fact["evidence"] = self.sentence(
            f"{self.the(accuser)} accused {self.name(accused)} of violating {self.the(agreement.id)}")
        return [fact]

    def relations(self) -> list:
        w, rng = self.w, self.rng
        out, seen = [], set()
        towns = [e for e in self.mentions if w.entities[e].type == "Settlement"]
        groups = [e for e in self.mentions if w.entities[e].type == "ArmedGroup" and w.entities[e].extra["backer"]]
        candidates = []
        for town in towns:
            province = w.entities[town].extra["province"]
            candidates.append(("contained_in", town, province, "{s} lies in {o}"))
            candidates.append(("contained_in", province, w.entities[province].extra["state"], "{s} is a province of {o}"))
            if w.entities[town].extra.get("near"):
                candidates.append(("near", town, w.entities[town].extra["near"], "{s} is near {o}"))
        for group in groups:
            candidates.append(("backed_by", group, w.entities[group].extra["backer"], "{s} is backed by {o}"))
        rng.shuffle(candidates)
        limit = rng.randint(2, 3)
        for relation, subject, obj, words in candidates:
            if len(out) >= limit:
                break
            if (subject, relation, obj) in seen:
                continue
            seen.add((subject, relation, obj))
            evidence = self.sentence(words.format(s=self.the(subject), o=self.the(obj)))
            out.append({"subject": subject, "relation": relation, "object": obj, "evidence": evidence})
        return out

    def roles(self) -> list:
        w, rng = self.w, self.rng
        persons = [e for e in self.mentions if w.entities[e].type == "Person"]
        out = []
        for person in persons[: rng.randint(1, 2)]:
            p = w.entities[person]
            evidence = self.sentence(f"{self.name(person)} is the {p.extra['title']}")
            if w.entities[p.extra["of"]].label in evidence:
                self.name(p.extra["of"])
            out.append({"holder": person, "title": p.extra["title"], "of": p.extra["of"], "evidence": evidence})
        return out


# --- the corpus ----------------------------------------------------------------------------------


def generate(out: Path, articles: int, seed: int = 1) -> dict:
    """Write a corpus of `articles` articles to `out` (replacing a corpus written there before,
    never another folder); returns a short summary. Raises OutputRefused for a folder it may not replace."""
    if articles < 1:
        raise ValueError("at least one article")
    world = World(articles, seed)
    rng = random.Random(f"articles-{seed}")
    history: dict = {"reports": {}, "claims": {}, "agreements": {}, "provisions": set()}
    introduced: list[list[Entity]] = []  # events first reported by each article
    docs = []
    for i in range(articles):
        date = START + dt.timedelta(days=(i * world.span) // articles)
        article_id = f"{i:05d}_{hashlib.sha1(f'{seed}-{i}'.encode()).hexdigest()[:16]}"
        total = rng.randint(2, 4)
        new = [world.new_event(date - dt.timedelta(days=rng.randint(0, 6))) for _ in range(min(total, rng.choice([1, 2])))]
        pool = [e for batch in introduced[-40:] for e in batch]
        old: list[Entity] = []
        while pool and len(new) + len(old) < total:
            pick = rng.choices(pool, [e.extra["weight"] for e in pool])[0]
            pool = [e for e in pool if e is not pick]
            old.append(pick)
        while len(new) + len(old) < 2:
            new.append(world.new_event(date))
        introduced.append(new)
        events = new + old
        rng.shuffle(events)
        maker = ArticleMaker(world, i, article_id, date, rng, history)
        annotation = maker.make(events)
        for claim in maker.claims:
            for event_id in claim["about"]:
                if world.entities[event_id].type not in ("Agreement",) and event_id in history["reports"]:
                    history["claims"].setdefault(event_id, []).append(f"{article_id}#{claim['id']}")
        docs.append((article_id, maker.text.render(), annotation, date))

    # the corpus is written as kb writes its outputs: into a folder it made, or an empty one, never
    # over a folder of the user's (or the real corpus)
    with replacing_folder(out, "benchmarks/generate.py", protected_folders(default_corpus()), "OUT_DIR") as staging:
        _write_corpus(staging, world, docs, seed)
    return {"articles": articles, "entities": len(world.entities), "events": len(world.events),
            "actors": len(world.persons) + len(world.states) + len(world.bodies) + len(world.forces)
            + len(world.groups) + len(world.media),
            "claims": sum(len(a.get("claims", [])) for _, _, a, _ in docs)}


def _write_corpus(out: Path, world, docs, seed: int) -> None:
    (out / "registry").mkdir(parents=True)
    (out / "articles").mkdir(parents=True)
    groups = {
        "actors.yaml": ("Actors: persons, states, government bodies, armed forces, armed groups.",
                        ("Person", "State", "GovernmentBody", "ArmedForce", "ArmedGroup")),
        "media.yaml": ("Media outlets: publishers of the articles and the media they cite.", ("MediaOutlet",)),
        "places.yaml": ("Places. Containment is what articles state, in their annotations.",
                        ("Settlement", "AdministrativeArea", "Region", "Zone", "Facility", "Route")),
        "things.yaml": ("Agreements and equipment types.", ("Agreement", "EquipmentType")),
        "events.yaml": ("Events that articles report; the id is the event's identity across articles.",
                        tuple(MILITARY + DIPLOMATIC + ["LegalDesignation"])),
    }
    for name, (comment, types) in groups.items():
        records = [e.record() for e in world.entities.values() if e.type in types]
        _write_yaml(out / "registry" / name, records, f"Synthetic corpus (seed {seed}). {comment}")
    for article_id, text, annotation, date in docs:
        (out / "articles" / f"{article_id}.txt").write_text(text, encoding="utf-8")
        _write_yaml(out / "articles" / f"{article_id}.yaml", annotation,
                    f"Synthetic article {article_id}, published {date.isoformat()}.")


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml's emitter when there is one
    pass


def _str(dumper, value):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if ('"' in value or ":" in value or "#" in value) else None)


_Dumper.add_representer(str, _str)


def _write_yaml(path: Path, data, comment: str) -> None:
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096, default_flow_style=False)
    path.write_text(f"# {comment}\n{body}", encoding="utf-8")


def articles_for_triples(triples: int) -> int:
    return max(1, round(triples / TRIPLES_PER_ARTICLE))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="corpus folder to write (one this script wrote before is replaced; "
                                               "any other folder that is not empty is refused)")
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--articles", type=int, help="number of articles")
    size.add_argument("--triples", type=int, help=f"approximate number of triples (about {TRIPLES_PER_ARTICLE:g} per article)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    n = args.articles if args.articles is not None else articles_for_triples(args.triples)
    try:
        summary = generate(args.out, n, args.seed)
    except KbError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(", ".join(f"{key} {value}" for key, value in summary.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
