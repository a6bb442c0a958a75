"""The registry as a build read it, kept in its cache for the next run.

Every run needs the registry's entities to check what the changed articles refer to. Reading and
checking thousands of entries of YAML takes longer than mapping one changed article, while
validating the same entries from JSON takes a fraction of that. The copy is used only when the
registry's digest (its files and the tool, `kb.fingerprints.registry_digest`) is the one it was
saved under; anything else, a damaged file included, means reading the registry again.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from kb.models import Entity

REGISTRY_FILE = "_registry.entities.json"  # in the cache folder, beside the units' files

_ENTITIES = TypeAdapter(list[Entity])

Registry = tuple[dict[str, Entity], dict[str, tuple[str, int | None]]]
"""The entities by id, and where each is defined (file and line)."""


def save_registry(folder: Path, digest: str, registry: Registry) -> None:
    """Keep the registry's entities and their origins in the cache folder, under its digest."""
    entities, origin = registry
    payload = {
        "digest": digest,
        "entities": [entity.model_dump(mode="json", exclude_unset=True) for entity in entities.values()],
        "origin": [[key, *origin[key]] for key in entities],
    }
    (folder / REGISTRY_FILE).write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")


def cached_registry(folder: Path | None, digest: str) -> Registry | None:
    """The registry the cache folder keeps, if it was saved under this digest; else None."""
    if folder is None:
        return None
    try:
        payload = json.loads((folder / REGISTRY_FILE).read_text(encoding="utf-8"))
        if payload["digest"] != digest:
            return None
        entities = _ENTITIES.validate_python(payload["entities"])
        origin = {key: (file, line) for key, file, line in payload["origin"]}
        if [entity.id for entity in entities] != list(origin):
            return None
    except (OSError, ValueError, KeyError, TypeError, ValidationError):
        return None  # a missing or damaged copy: the registry is read again
    return {entity.id: entity for entity in entities}, origin
