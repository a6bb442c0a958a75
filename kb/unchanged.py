"""`kb check` when nothing changed since the build: the build's own report, read back.

A check with the build as its cache re-reads only what changed; when nothing did, every unit's
findings come from the cache and the quality queries see the store the build validated, so the
report is the build's. Telling that needs only the corpus's file listing, a digest of each file
and the cache index: not the models, the mapping, rdflib or a copy of the store, which a check
of a changed article needs.
"""

from __future__ import annotations

import json
from pathlib import Path

from kb.corpus_files import article_files
from kb.fingerprints import CACHE_DIR, INDEX_FILE, REGISTRY_UNIT, article_digest, registry_digest
from kb.outputs import Marker
from kb.report import REPORT_JSON, Report


def unchanged_report(corpus_dir: Path, build_dir: Path | None, focus: set[str] | None = None):
    """The report of the build in `build_dir` (for the `focus` articles and the registry, when
    given), if the corpus is exactly what it was built from with this same tool; else None (and
    the check runs its steps, which also report any problem the corpus has).
    """
    if build_dir is None or not corpus_dir.is_dir():
        return None
    marker = Marker.read(build_dir)
    if marker is None or marker.made_by != "kb build":
        return None
    pairs, problems = article_files(corpus_dir)
    articles = {text.stem: (text, annotation) for text, annotation in pairs}
    if problems or (focus and not focus <= articles.keys()):
        return None  # the steps say what is wrong, and suggest ids
    try:
        entries = json.loads((build_dir / CACHE_DIR / INDEX_FILE).read_text(encoding="utf-8"))["units"]
        if entries.keys() != articles.keys() | {REGISTRY_UNIT}:
            return None
        if entries[REGISTRY_UNIT]["digest"] != registry_digest(corpus_dir):
            return None
        if any(entries[key]["digest"] != article_digest(*files) for key, files in articles.items()):
            return None
        text = (build_dir / REPORT_JSON).read_text(encoding="utf-8")
        report = Report.from_json(text)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no cache, or a damaged one: the steps run without it
    return report.about(focus) if focus else report
