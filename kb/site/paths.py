"""File names and links of the site: safe slugs from ids, relative links between pages, fragment ids."""

from __future__ import annotations

import hashlib
import posixpath
import re

from kb.readmodel import local_name


def safe_slug(text: str) -> str:
    """A file name from an id: kept as is when it is already safe, else cleaned and made unique
    with a short hash of the original (so two ids never share a file)."""
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip(".-")[:80] or "x"
    if cleaned == text:
        return text
    return f"{cleaned}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:8]}"


def relative(here: str, target: str) -> str:
    """The link from the page `here` to `target` (both relative to the site's root, `target` with
    an optional #fragment)."""
    path, sep, fragment = target.partition("#")
    if not path:
        return f"#{fragment}"
    if path == here:
        return f"{posixpath.basename(path)}{sep}{fragment}"
    folder, parts = here.split("/")[:-1], path.split("/")
    common = 0
    while common < min(len(folder), len(parts) - 1) and folder[common] == parts[common]:
        common += 1
    link = "/".join([".."] * (len(folder) - common) + parts[common:])
    return f"{link}{sep}{fragment}"


def anchor(text: str) -> str:
    """A fragment id from a heading: `Equipment types` gives `equipment-types`."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def term_anchor(iri: str) -> str:
    """The fragment id of an ontology term's row on the ontology page: `term-` and its local name."""
    return "term-" + safe_slug(local_name(iri))


def name_anchor(prefix: str, iri: str) -> str:
    """A fragment id for a resource's heading: `claimant-` or `stance-` and its local name, made safe."""
    return f"{prefix}-{safe_slug(local_name(iri))}"
