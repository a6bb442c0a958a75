"""Many articles read, checked and mapped in forked worker processes (`kb.forked`), one per core.

A full build of a large corpus spends most of its time in pure Python: parsing each annotation,
validating it against the models, locating its quotes, then mapping it to RDF. Each article can be
done on its own but for one thing: its links to claims and provisions of other articles. A worker
answers every such question yes, and keeps it; once all articles are done, the parent verifies the
questions against what the whole corpus declares. Only the units come back from the workers (with
their files already in the new cache), never the parsed articles, which cost more to send than to
parse.

The workers report no problem themselves. When an article has one, or a link names nothing, or a
worker fails, the corpus is read and mapped again in one process, which reports every problem
with its file and line exactly as a serial build does.
"""

from __future__ import annotations

from pathlib import Path

from kb.articles import Corpus
from kb.corpus import read_article
from kb.errors import processing
from kb.forked import forked_map
from kb.mapping import Mapped, map_article
from kb.references import check_article
from kb.units import Unit, make_unit

CHUNK = 50  # articles a worker takes at a time


class Asked:
    """Membership in a set not known yet: every question is answered yes and kept, to be checked
    once the whole corpus is read."""

    def __init__(self) -> None:
        self.questions: set = set()

    def __contains__(self, item) -> bool:
        self.questions.add(item)
        return True


def map_unit(corpus: Corpus, key: str, unit_digest: str) -> Unit:
    """The unit of one article of the corpus, mapped now."""
    article = corpus.articles[key]
    with processing(article.source.path):
        mapped = Mapped()
        map_article(article, mapped)
    return make_unit(
        key, unit_digest, mapped,
        [claim.id for claim in article.annotation.claims],
        [(a.agreement, p.id) for a in article.annotation.agreements for p in a.provisions],
    )


def map_in_parallel(corpus: Corpus, keys: list[str], digests: dict[str, str], spill: Path | None) -> dict[str, Unit]:
    """The articles `keys` of a loaded corpus mapped in worker processes; {} where that is not possible.

    With `spill` (the new cache folder, made by the caller), each worker writes the units it maps
    there. A worker's failure (a mapping error) is left for the serial mapping that follows to
    report, with its file, as usual.
    """
    chunks = [keys[start:start + CHUNK] for start in range(0, len(keys), CHUNK)]
    try:
        mapped = forked_map(lambda chunk: _map_chunk(corpus, digests, spill, chunk), chunks)
    except Exception:  # noqa: BLE001 - the serial mapping reports the error properly
        return {}
    return {unit.key: unit for chunk in mapped or [] for unit in chunk}


def read_and_map_in_parallel(corpus: Corpus, files: dict[str, tuple[Path, Path]], digests: dict[str, str],
                             declared: tuple[set, set], spill: Path | None) -> dict[str, Unit] | None:
    """The articles of `files` ({id: (text, annotation)}) read, checked and mapped in worker
    processes, into a corpus that holds only the registry; None when any of them has a problem,
    links to a claim or provision that nothing declares (`declared` holds the other articles'),
    or cannot be done in a worker: then the caller reads them in one process, and reports.
    """
    keys = sorted(files)
    chunks = [keys[start:start + CHUNK] for start in range(0, len(keys), CHUNK)]
    try:
        done = forked_map(lambda chunk: _read_and_map_chunk(corpus, files, digests, spill, chunk), chunks)
    except Exception:  # noqa: BLE001 - the serial reading reports the error properly
        return None
    if done is None or any(chunk is None for chunk in done):
        return None
    units = {unit.key: unit for chunk_units, _, _ in done for unit in chunk_units}
    claims = declared[0] | {(unit.key, claim) for unit in units.values() for claim in unit.claims}
    provisions = declared[1] | {tuple(provision) for unit in units.values() for provision in unit.provisions}
    for _, asked_claims, asked_provisions in done:
        if not asked_claims <= claims or not asked_provisions <= provisions:
            return None
    return units


def _map_chunk(corpus: Corpus, digests: dict[str, str], spill: Path | None, keys: list[str]) -> list[Unit]:
    return [_kept(map_unit(corpus, key, digests[key]), spill) for key in keys]


def _read_and_map_chunk(corpus: Corpus, files: dict[str, tuple[Path, Path]], digests: dict[str, str],
                        spill: Path | None, keys: list[str]) -> tuple[list[Unit], set, set] | None:
    claims, provisions = Asked(), Asked()
    units = []
    for key in keys:
        text, annotation = files[key]
        with processing(annotation):
            article, problems = read_article(text, annotation)
        if article is None or problems:
            return None
        corpus.articles[key] = article
        if check_article(corpus, article, provisions, claims):
            return None
        units.append(_kept(map_unit(corpus, key, digests[key]), spill))
        del corpus.articles[key]  # mapped: a worker holds one article at a time
    return units, claims.questions, provisions.questions


def _kept(unit: Unit, spill: Path | None) -> Unit:
    if spill is not None:  # the worker writes the unit's files: only its index entry goes back
        unit.spill(spill)
    else:  # rows of strings travel back to the parent faster than rdflib terms
        unit.origins = unit.origin_rows()
    return unit
