"""Which files make up a corpus: the registry's, and each article's text and annotation.

Only names and folder listings, without reading any file, so that a check can tell cheaply
whether anything changed since the build (`kb.unchanged`); `kb.corpus` reads the files.
"""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path

from kb.errors import Problem, display_path

ARTICLES_DIR = "articles"
REGISTRY_DIR = "registry"
ARTICLE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")  # as models.Id: article ids make IRIs and claim references


def corpus_files(folder: Path, pattern: str, root: Path) -> tuple[list[Path], list[Problem]]:
    """The files of `folder` matching `pattern`, sorted, and a problem for each that is a link to
    somewhere outside the corpus `root` (it would pull an outside file into the knowledge base)."""
    if not folder.is_dir():
        return [], []
    inside, problems = [], []
    top = root.resolve()
    folder_inside = folder.resolve().is_relative_to(top)
    # one directory listing; only links (and a folder that is itself elsewhere) need resolving
    with os.scandir(folder) as entries:
        matching = sorted((entry.name, entry.is_symlink()) for entry in entries if fnmatch.fnmatchcase(entry.name, pattern))
    for name, is_link in matching:
        path = folder / name
        target = path.resolve() if is_link or not folder_inside else None
        if target is None or target.is_relative_to(top):
            inside.append(path)
        else:
            problems.append(Problem(display_path(path), None, None,
                                    f"this is a link to {target}, outside the corpus: copy the file into the corpus instead"))
    return inside, problems


def article_files(root: Path) -> tuple[list[tuple[Path, Path]], list[Problem]]:
    """Pairs of (text, annotation) files, and a problem for each file without its partner."""
    folder = root / ARTICLES_DIR
    text_files, outside = corpus_files(folder, "*.txt", root)
    annotation_files, outside_annotations = corpus_files(folder, "*.yaml", root)
    texts = {p.stem: p for p in text_files}
    annotations = {p.stem: p for p in annotation_files}
    linked = {Path(problem.file).stem for problem in outside + outside_annotations}
    problems = outside + outside_annotations + [
        Problem(display_path(annotations[stem]), None, None,
                f"the annotation has no article text: add {stem}.txt beside it, or remove it")
        for stem in sorted(annotations.keys() - texts.keys() - linked)
    ] + [
        Problem(display_path(texts[stem]), None, None,
                f"the article text has no annotation: write {stem}.yaml beside it (`kb new` drafts one)")
        for stem in sorted(texts.keys() - annotations.keys() - linked)
    ]
    problems += [
        Problem(display_path(path), None, None,
                f"the file name {stem!r} cannot be an article id: use lower-case letters, digits, hyphens and underscores")
        for stem, path in sorted({**texts, **annotations}.items())
        if not ARTICLE_ID.fullmatch(stem)
    ]
    pairs = [
        (texts[stem], annotations[stem]) for stem in sorted(texts.keys() & annotations.keys() - linked)
        if ARTICLE_ID.fullmatch(stem)
    ]
    return pairs, problems


def listed_ids(pairs: list[tuple[Path, Path]], problems: list[Problem]) -> set[str]:
    """Every article id the articles folder has a file for: the paired ones, and those whose files
    have a problem (an orphan, a link outside the corpus, a name that is no id)."""
    return {text.stem for text, _ in pairs} | {Path(problem.file).stem for problem in problems}
