"""The build's units and their cache: what each part of the knowledge base is, and how it is kept.

The knowledge base is made of units: the registry, and one unit per article (its named graph and
its metadata). Each unit is mapped, serialised and validated on its own, and cached in the output
folder (`cache/`) under a digest of its source files and of the tool, so that a rebuild re-reads
only what changed. A unit's file chunks (N-Quads, TriG and Turtle, without prefix lines) are
joined in a fixed order into the output files, so a rebuild gives the same bytes as a full build.
A unit's cache is one file (`KEY.unit`: its chunks, triple keys and origins, one after another
behind a header of their lengths), so that a rebuild links and later removes one file per
unchanged unit rather than five.

`kb.ttl` holds every triple once, though a fact several articles state is a triple in each of
their graphs: each unit also keeps the keys of the triples it may share (their 64-bit hashes,
sorted), so the few triples that an earlier unit already wrote are found without reading any
unit's triples, and only the units that hold some are serialised again without them. A triple
about one of the article's own nodes (its claims, evidence, mentions...) is in no other unit, so
it is only counted: unless some unit says something about another article's nodes, which sends
the writer back to every triple's key.
"""

from __future__ import annotations

import io
import json
import os
import struct
from array import array
from contextlib import suppress
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import URIRef

from kb.fingerprints import CACHE_DIR, INDEX_FILE, REGISTRY_UNIT, digest
from kb.mapping import Mapped, Origin
from kb.report import Finding
from kb.vocabulary import PREFIXES, node_article

PACK = ".unit"  # a unit's cache file
_SECTIONS = (".nq", ".trig", ".ttl", ".keys", ".json")  # what it holds, in this order
_PACK_HEADER = struct.Struct("<8s5Q")  # a mark of the format, then each section's length in bytes
_PACK_MARK = b"kb-unit1"


@dataclass
class Unit:
    """The registry, or one article: its quads, its file chunks, and what validation said of it.

    A unit taken from the previous build's cache leaves its quads, chunks and origins in their files
    (`cached_in`) until something asks for them: a rebuild needs only the changed units' contents,
    and links the others' files into the new cache.
    """

    key: str
    digest: str
    # where its nodes come from: rows ([iri, file, line, article]) until asked for as a mapping,
    # None while they are still in the cache file
    origins: dict[URIRef, Origin] | list | None
    claims: list[str] = field(default_factory=list)
    provisions: list[tuple[str, str]] = field(default_factory=list)
    findings: list[Finding] | None = None  # None until validated
    cached_in: Path | None = None  # the previous build's cache folder, when the unit comes from it
    contents: dict[str, bytes] = field(default_factory=dict)  # by file suffix: .nq, .trig, .ttl
    once_digest: str | None = None  # digest of the keys its kb.ttl chunk leaves out (`.once`), if any
    own_triples: int = 0  # triples about its own article's nodes, which no other unit holds
    foreign: bool = False  # whether it holds triples about another article's nodes
    once_linked: bool = False  # whether its `.once` file was linked from the previous cache (`adopt`)

    def origin_map(self) -> dict[URIRef, Origin]:
        """Where each of its nodes comes from (file and line)."""
        if self.origins is None:
            self.origins = self._cached_origins()
        if isinstance(self.origins, list):
            self.origins = {URIRef(iri): Origin(file, line, article) for iri, file, line, article in self.origins}
        return self.origins

    def origin_rows(self) -> list[list]:
        """Its origins as sorted rows of plain values, as the cache keeps them."""
        if self.origins is None:
            self.origins = self._cached_origins()
        if isinstance(self.origins, list):
            return self.origins
        return sorted([str(iri), o.file, o.line, o.article] for iri, o in self.origins.items())

    def _cached_origins(self) -> list:
        try:
            return json.loads(self.content(".json"))["origins"]
        except (OSError, ValueError, KeyError, TypeError):
            return []  # a damaged cache file: findings on these nodes are shown without their line

    def content(self, suffix: str) -> bytes:
        """One of its chunks (`.nq`, `.trig`, `.ttl`, `.once`) or its `.keys`, read from the cache
        when it comes from there. Raises OSError when the cache file is missing or damaged."""
        if suffix in self.contents:
            return self.contents[suffix]
        if suffix == ".once":
            return (self.cached_in / f"{self.key}.once").read_bytes()
        return cached_section(self.cached_in, self.key, suffix)

    @property
    def nquads(self) -> bytes:
        """Its quads as N-Quads."""
        return self.content(".nq")

    def triple_keys(self) -> array:
        """The keys of the triples it may share with other units (see the module's docstring), sorted."""
        keys = array("q")
        keys.frombytes(self.content(".keys"))
        return keys

    def all_triple_keys(self) -> array:
        """The keys of all its triples, sorted, from its N-Quads."""
        triples = {quad.triple for quad in ox.parse(self.nquads, format=ox.RdfFormat.N_QUADS)}
        return array("q", sorted(triple_key(triple) for triple in triples))

    def write_content(self, suffix: str, handle: BinaryIO) -> None:
        """Append one of its chunks to an open file."""
        handle.write(self.content(suffix))

    def index_entry(self) -> dict:
        """What the cache index keeps of it: read for every unit by every rebuild, so kept small."""
        return {
            "digest": self.digest,
            "claims": self.claims,
            "provisions": [list(p) for p in self.provisions],
            "findings": [f.to_dict() for f in self.findings or []],
            "once": self.once_digest,
            "own": self.own_triples,
            "foreign": self.foreign,
        }

    def spill(self, folder: Path) -> None:
        """Write its files into the new cache `folder` now and keep none of its contents in memory
        (a full build of millions of triples holds no unit's quads or chunks while it runs on)."""
        if self.cached_in is not None:
            return
        self.save(folder)
        self.contents, self.origins, self.cached_in = {}, None, folder

    def adopt(self, folder: Path) -> bool:
        """Link its files from the previous cache into the new cache `folder` and read them from
        there from now on; True when it is in `folder` (it may have been spilled there already).
        A rebuild adopts the unchanged units early, so that the files can be written from the new
        cache by another process while the build goes on (`kb.file_writer`)."""
        if self.cached_in is None or self.cached_in == folder:
            return self.cached_in == folder
        suffixes = (PACK, ".once") if self.once_digest is not None else (PACK,)
        if not _link_all(self.cached_in, folder, self.key, suffixes):
            return False
        self.cached_in, self.once_linked = folder, self.once_digest is not None
        return True

    def save(self, folder: Path) -> None:
        """Write its files into the cache `folder` (linking them from the previous cache if it can)."""
        if self.cached_in == folder:  # spilled or adopted there: only its kb.ttl chunk may be new
            if self.once_digest is not None and ".once" in self.contents:
                write_new_file(folder / f"{self.key}.once", self.contents.pop(".once"))
            elif self.once_digest is None and self.once_linked:  # its kb.ttl chunk is whole again
                (folder / f"{self.key}.once").unlink(missing_ok=True)
            return
        self._save_once(folder)
        if self.cached_in is not None and _link_all(self.cached_in, folder, self.key):
            return
        origins = json.dumps({"origins": self.origin_rows()}, sort_keys=True).encode("utf-8")
        sections = [self.content(suffix) for suffix in _SECTIONS[:-1]] + [origins]
        data = _PACK_HEADER.pack(_PACK_MARK, *map(len, sections)) + b"".join(sections)
        (folder / f"{self.key}{PACK}").write_bytes(data)

    def _save_once(self, folder: Path) -> None:
        if self.once_digest is None:
            return
        if ".once" in self.contents:
            (folder / f"{self.key}.once").write_bytes(self.contents[".once"])
        else:
            os.link(self.cached_in / f"{self.key}.once", folder / f"{self.key}.once")

    @classmethod
    def load(cls, folder: Path, key: str, entry: dict, has_once: bool) -> Unit:
        """A cached unit, from its entry in the cache index (its files are read when asked for);
        `has_once` tells whether its `.once` file is there."""
        return cls(
            key, entry["digest"], None,
            entry["claims"], [tuple(p) for p in entry["provisions"]],
            [Finding.from_dict(f) for f in entry["findings"]], folder,
            once_digest=entry.get("once") if has_once else None,
            own_triples=int(entry["own"]), foreign=bool(entry["foreign"]),
        )


def make_unit(key: str, digest: str, mapped: Mapped, claims=(), provisions=()) -> Unit:
    """A unit of freshly mapped quads, with its file chunks serialised."""
    quads = mapped.ox_quads()
    triples = _sorted_triples({quad.triple for quad in quads})
    shareable, own, foreign = [], 0, False
    for triple in triples:
        owner = node_article(triple.subject.value) if isinstance(triple.subject, ox.NamedNode) else None
        if owner == key:
            own += 1
        else:
            shareable.append(triple_key(triple))
            foreign = foreign or owner is not None
    contents = {
        ".nq": ox.serialize(quads, format=ox.RdfFormat.N_QUADS) if quads else b"",
        ".trig": _chunk(quads, ox.RdfFormat.TRIG),
        ".ttl": _chunk(triples, ox.RdfFormat.TURTLE),
        ".keys": array("q", sorted(shareable)).tobytes(),
    }
    return Unit(key, digest, dict(mapped.origins), list(claims), list(provisions), None, None, contents,
                own_triples=own, foreign=foreign)


def triple_key(triple: ox.Triple) -> int:
    """A triple's key: Oxigraph's hash of it, fixed for a version of pyoxigraph (the cache's digest
    names the version). Two different triples with the same 64-bit key would leave one of them out
    of `kb.ttl`: the odds are below one in a million for ten million triples."""
    return hash(triple)


def _sorted_triples(triples) -> list[ox.Triple]:
    return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def _without(unit: Unit, keys: set[int]) -> list[ox.Triple]:
    """A unit's triples, in its chunk's order, but those whose key is in `keys`."""
    triples = {quad.triple for quad in ox.parse(unit.nquads, format=ox.RdfFormat.N_QUADS)}
    return _sorted_triples(triple for triple in triples if triple_key(triple) not in keys)


def write_new_file(path: Path, data: bytes) -> None:
    """Write a cache file afresh: a file already there may be a link to the previous cache's, which
    must keep its contents, so it is removed rather than overwritten."""
    path.unlink(missing_ok=True)
    path.write_bytes(data)


def cached_section(folder: Path, key: str, suffix: str) -> bytes:
    """One section (`.nq`, `.trig`, `.ttl`, `.keys`, `.json`) of a unit's cache file in `folder`.
    Raises OSError when the file is missing or damaged."""
    path = folder / f"{key}{PACK}"
    with path.open("rb") as handle:
        header = handle.read(_PACK_HEADER.size)
        mark, *lengths = _PACK_HEADER.unpack(header) if len(header) == _PACK_HEADER.size else (b"", )
        if mark != _PACK_MARK:
            raise OSError(f"{path} is not a unit's cache file")
        at = _SECTIONS.index(suffix)
        handle.seek(_PACK_HEADER.size + sum(lengths[:at]))
        data = handle.read(lengths[at])
    if len(data) != lengths[at]:
        raise OSError(f"{path} is cut short")
    return data


def _link_all(source: Path, target: Path, key: str, suffixes: tuple[str, ...] = (PACK,)) -> bool:
    """Hard-link a cached unit's files into the new cache (they are never modified in place)."""
    # plain strings: thousands of units, and pathlib's objects cost more than the links themselves
    old, new = os.path.join(source, key), os.path.join(target, key)
    try:
        for suffix in suffixes:
            os.link(old + suffix, new + suffix)
        return True
    except OSError:
        for suffix in suffixes:
            with suppress(FileNotFoundError):
                os.unlink(new + suffix)
        return False


class UnitsReader(io.RawIOBase):
    """The units' N-Quads, one after another, as one file that the store's bulk loader reads: each
    unit's chunk is read (from its cache file, when it is there) only when the reader reaches it.
    Takes the units, in order; `readinto` fills a buffer and returns how many bytes it wrote (0 at
    the end); reading a unit's missing cache file raises OSError."""

    def __init__(self, units: list[Unit]):
        super().__init__()
        self._units, self._buffer, self._at = iter(units), memoryview(b""), 0

    def readable(self) -> bool:
        """Always True: the stream is read, never written or sought."""
        return True

    def readinto(self, target) -> int:
        """Fill `target` (a writable buffer) from the next units' N-Quads; returns the bytes written,
        0 once every unit is read. Raises OSError when a unit's cache file cannot be read, and
        ValueError once the reader is closed (by another thread, to stop a load)."""
        if self.closed:
            raise ValueError("the units' reader is closed")
        while self._at >= len(self._buffer):
            unit = next(self._units, None)
            if unit is None:
                return 0
            self._buffer, self._at = memoryview(unit.nquads), 0
        count = min(len(target), len(self._buffer) - self._at)
        target[:count] = self._buffer[self._at:self._at + count]
        self._at += count
        return count


# --- file chunks ---------------------------------------------------------------------------------

_SERIAL_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


@lru_cache(maxsize=2)
def file_header(rdf_format: ox.RdfFormat) -> bytes:
    """The prefix lines that open every file of this format (each chunk is written without them)."""
    probe = ox.Quad(ox.NamedNode("urn:x"), ox.NamedNode("urn:x"), ox.NamedNode("urn:x"), ox.NamedNode("urn:x"))
    data = ox.serialize([probe if rdf_format == ox.RdfFormat.TRIG else probe.triple], format=rdf_format,
                        prefixes=_SERIAL_PREFIXES)
    lines = data.splitlines(keepends=True)
    return b"".join(line for line in lines if line.startswith(b"@prefix "))


def _chunk(items: list, rdf_format: ox.RdfFormat) -> bytes:
    if not items:
        return b""
    data = ox.serialize(items, format=rdf_format, prefixes=_SERIAL_PREFIXES)
    header = file_header(rdf_format)
    assert data.startswith(header), "the serialiser changed how it writes prefixes"
    return data[len(header):]


def write_each_triple_once(path: Path, units: list[Unit]) -> int:
    """Write the Turtle file of all units' triples, each once; returns how many it wrote.

    A triple is written by the first unit (in the units' order) that holds it; a unit holding
    triples written before it is serialised again without them, the others' chunks are copied.
    That chunk is kept (`.once`, with a digest of the keys it leaves out), so a rebuild serialises
    again only the units whose left-out triples changed.
    """
    seen: set[int] = set()
    written = 0
    every_key = any(unit.foreign for unit in units)  # then a unit's own triples may be in another one too
    with path.open("wb") as handle:
        handle.write(file_header(ox.RdfFormat.TURTLE))
        for unit in units:
            keys = unit.all_triple_keys() if every_key else unit.triple_keys()
            distinct = len(keys) + (0 if every_key else unit.own_triples)
            shared = seen.intersection(keys)
            if not shared:
                unit.once_digest = None
                unit.write_content(".ttl", handle)
                written += distinct
            else:
                left_out = digest(array("q", sorted(shared)).tobytes())
                if unit.once_digest != left_out:
                    unit.contents[".once"] = _chunk(_without(unit, shared), ox.RdfFormat.TURTLE)
                    unit.once_digest = left_out
                unit.write_content(".once", handle)
                written += distinct - len(shared)
            seen.update(keys)
    return written


def write_joined(path: Path, rdf_format: ox.RdfFormat, units: list[Unit], suffix: str) -> None:
    """Write a whole RDF file: the format's prefix lines, then each unit's chunk in order."""
    with path.open("wb") as handle:
        handle.write(file_header(rdf_format))
        for unit in units:
            unit.write_content(suffix, handle)


# --- digests -------------------------------------------------------------------------------------


# --- the cache -----------------------------------------------------------------------------------


def cached_units(previous: Path | None, registry: str, digests: dict[str, str]) -> tuple[dict[str, Unit], set[str]]:
    """The previous build's units that are still valid (by digest), and the keys of every unit it
    had: none if the registry or the tool changed, or the cache is missing or damaged."""
    folder = previous / CACHE_DIR if previous else None
    if folder is None or not (folder / INDEX_FILE).is_file():
        return {}, set()
    try:
        entries = json.loads((folder / INDEX_FILE).read_text(encoding="utf-8"))["units"]
        files = set(os.listdir(folder))
        entry = entries.get(REGISTRY_UNIT)
        if entry is None or entry["digest"] != registry or not _intact(folder, files, REGISTRY_UNIT):
            return {}, set()
        units = {REGISTRY_UNIT: Unit.load(folder, REGISTRY_UNIT, entry, REGISTRY_UNIT + ".once" in files)}
        for key, unit_digest in digests.items():
            entry = entries.get(key)
            if entry is not None and entry["digest"] == unit_digest and _intact(folder, files, key):
                units[key] = Unit.load(folder, key, entry, key + ".once" in files)
        return units, set(entries)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}, set()  # a damaged cache is no cache


def _intact(folder: Path, files: set[str], key: str) -> bool:
    """Whether a unit's cache file is there, with its header, and as long as the header says (a
    file cut short, grown or replaced is not used: the unit is mapped again)."""
    name = key + PACK
    if name not in files:
        return False
    descriptor = os.open(os.path.join(folder, name), os.O_RDONLY)  # not `open`: thousands of units
    try:
        header = os.pread(descriptor, _PACK_HEADER.size, 0)
        size = os.fstat(descriptor).st_size
    finally:
        os.close(descriptor)
    if len(header) != _PACK_HEADER.size:
        return False
    mark, *lengths = _PACK_HEADER.unpack(header)
    return mark == _PACK_MARK and _PACK_HEADER.size + sum(lengths) == size


def save_cache(units: list[Unit], folder: Path) -> None:
    """Write every unit's files and the index into a new cache `folder` (which units may have
    been spilled into already)."""
    folder.mkdir(exist_ok=True)
    for unit in units:
        unit.save(folder)
    index = {"units": {unit.key: unit.index_entry() for unit in units}}
    (folder / INDEX_FILE).write_text(json.dumps(index, sort_keys=True), encoding="utf-8")
