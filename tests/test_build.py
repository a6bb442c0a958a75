import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from kb import build as build_module
from kb import steps as steps_module
from kb import units as units_module
from kb.build import build
from kb.errors import ValidationFailed

from conftest import MINI


def snapshot(folder):
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "store" not in path.relative_to(folder).parts
    }


def test_the_same_corpus_gives_byte_identical_files(tmp_path):
    build(MINI, tmp_path / "one")
    build(MINI, tmp_path / "two")
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")
    assert {"kb.trig", "kb.ttl", "validation.json", "validation.ttl", "summary.json"} <= snapshot(tmp_path / "one").keys()


def test_a_build_reports_what_it_built(tmp_path):
    result = build(MINI, tmp_path / "out")
    assert result.articles == 2
    assert result.counts["claims"] == 4
    assert result.counts["outcomes"] == 3
    assert result.counts["alleged violations"] == 1
    assert result.report.conforms
    assert (tmp_path / "out" / "store").is_dir()


def test_a_failing_build_leaves_the_previous_output_unchanged(tmp_path, mini_corpus):
    out = tmp_path / "out"
    build(mini_corpus, out)
    before = snapshot(out)
    annotation = mini_corpus / "articles" / "a1.yaml"
    # a claim dated after its article: only the quality queries catch it
    annotation.write_text(annotation.read_text().replace("date: 2021-03-02\n    channel", "date: 2021-04-02\n    channel"))
    with pytest.raises(ValidationFailed):
        build(mini_corpus, out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out"]
    assert not [t for t in threading.enumerate() if t.name.startswith("kb-counts")]  # done with the store


def test_the_summary_counts_are_those_of_the_store(tmp_path):
    from kb.store import Store

    result = build(MINI, tmp_path / "out")
    store = Store.open(tmp_path / "out")
    assert result.counts == build_module.count_facts(store) and result.counts["claims"] > 0


def test_an_interrupted_build_leaves_the_previous_output_unchanged(tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(MINI, out)
    before = snapshot(out)

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    # interrupt midway: after the store is written, while the files are being serialised
    from kb import file_writer

    monkeypatch.setattr(file_writer, "write_joined", interrupt)
    with pytest.raises(KeyboardInterrupt):
        build(MINI, out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_an_interrupted_swap_restores_the_previous_output(tmp_path, monkeypatch):
    from kb import outputs

    out = tmp_path / "out"
    build(MINI, out)
    before = snapshot(out)
    real_rename = os.rename

    def rename(source, target):
        if Path(source).name.startswith(".out.kb-staging"):
            raise KeyboardInterrupt  # between the two renames of a system without an atomic exchange
        return real_rename(source, target)

    monkeypatch.setattr(outputs, "exchange", lambda a, b: False)
    monkeypatch.setattr(outputs.os, "rename", rename)
    with pytest.raises(KeyboardInterrupt):
        build(MINI, out)
    monkeypatch.undo()
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_build_killed_between_the_renames_is_put_back_by_the_next(tmp_path):
    from kb.outputs import MARKER

    out = tmp_path / "out"
    build(MINI, out)
    before = snapshot(out)
    # what a process killed after moving the old output aside and before moving the new one in leaves
    os.rename(out, tmp_path / ".out.kb-previous-999999")
    staging = tmp_path / ".out.kb-staging-999999"
    staging.mkdir()
    (staging / MARKER).write_text("{}")
    (staging / "kb.trig").write_text("half")
    (tmp_path / ".out.kb-lock").write_text("999999\n")
    build(MINI, out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_the_output_may_not_be_a_file(tmp_path):
    from kb.errors import InputError

    (tmp_path / "out").write_text("not a folder")
    with pytest.raises(InputError, match="not a folder"):
        build(MINI, tmp_path / "out")


def test_seed_corpus_builds_and_conforms(built_seed):
    import json

    summary = json.loads((built_seed / "summary.json").read_text())
    assert summary["articles"] == 7
    assert summary["validation"].startswith("conforms")
    assert summary["counts"]["claims"] >= 40
    shutil.rmtree(built_seed / "nothing", ignore_errors=True)


def test_a_rebuild_redoes_only_the_changed_article_and_equals_a_full_build(tmp_path, mini_corpus):
    out = tmp_path / "out"
    first = build(mini_corpus, out)
    assert first.rebuilt == ["a1", "a2"]
    annotation = mini_corpus / "articles" / "a2.yaml"
    annotation.write_text(annotation.read_text().replace("count: 4", "count: 5"))
    again = build(mini_corpus, out)
    assert again.rebuilt == ["a2"]
    full = build(mini_corpus, tmp_path / "full", full=True)
    assert full.rebuilt == ["a1", "a2"]
    assert snapshot(out) == snapshot(tmp_path / "full")
    assert '"5"' in (out / "kb.ttl").read_text() or " 5 ;" in (out / "kb.ttl").read_text() or " 5 ." in (out / "kb.ttl").read_text()


def test_nothing_changed_means_nothing_rebuilt(tmp_path):
    build(MINI, tmp_path / "out")
    before = snapshot(tmp_path / "out")
    assert build(MINI, tmp_path / "out").rebuilt == []
    assert snapshot(tmp_path / "out") == before


def test_articles_named_like_the_caches_own_files_keep_their_cache(tmp_path, mini_corpus):
    import json

    articles = mini_corpus / "articles"
    for name in ("index", "shapes"):
        for suffix in (".txt", ".yaml"):
            shutil.copy(articles / f"a1{suffix}", articles / f"{name}{suffix}")
    out = tmp_path / "out"
    assert build(mini_corpus, out).rebuilt == ["a1", "a2", "index", "shapes"]
    assert build(mini_corpus, out).rebuilt == []
    cache = out / "cache"
    assert units_module.Unit("index", "digest", None, cached_in=cache).origin_map()  # the article's own file
    assert "index" in json.loads((cache / "_index.json").read_text())["units"]


def test_a_registry_change_rebuilds_every_article(tmp_path, mini_corpus):
    build(mini_corpus, tmp_path / "out")
    registry = mini_corpus / "registry" / "entities.yaml"
    registry.write_text(registry.read_text().replace("label: Border Province", "label: Border Region"))
    result = build(mini_corpus, tmp_path / "out")
    assert result.rebuilt == ["a1", "a2"]
    assert "Border Region" in (tmp_path / "out" / "kb.ttl").read_text()


def test_a_removed_article_leaves_the_knowledge_base(tmp_path, mini_corpus):
    build(mini_corpus, tmp_path / "out")
    annotation = mini_corpus / "articles" / "a2.yaml"
    annotation.write_text(annotation.read_text().replace('    contradicts: ["a1#ministry-report"]\n', ""))
    build(mini_corpus, tmp_path / "out")
    for suffix in (".txt", ".yaml"):
        (mini_corpus / "articles" / f"a2{suffix}").unlink()
    result = build(mini_corpus, tmp_path / "out")
    assert result.articles == 1 and result.rebuilt == []
    assert "graph/article/a2" not in (tmp_path / "out" / "kb.trig").read_text()
    assert not list((tmp_path / "out" / "cache").glob("a2.*"))


@pytest.mark.parametrize("damage", ["{not json", '{"units": []}', '{"units": {"_registry": 1}}'])
def test_a_damaged_cache_is_ignored(tmp_path, damage):
    build(MINI, tmp_path / "out")
    (tmp_path / "out" / "cache" / "_index.json").write_text(damage)
    result = build(MINI, tmp_path / "out")
    assert result.rebuilt == ["a1", "a2"]
    assert result.report.conforms


def test_a_damaged_origins_file_leaves_findings_without_their_line(tmp_path):
    build(MINI, tmp_path / "out")
    cache = tmp_path / "out" / "cache"
    assert units_module.Unit("a1", "digest", None, cached_in=cache).origin_map()  # read from a1.unit
    packed = (cache / "a1.unit").read_bytes()
    (cache / "a1.unit").write_bytes(packed[:-1])  # the origins come last: cut short
    assert units_module.Unit("a1", "digest", None, cached_in=cache).origin_map() == {}
    (cache / "a1.unit").write_bytes(packed[:-1] + b"{")  # the same size, but not JSON
    assert units_module.Unit("a1", "digest", None, cached_in=cache).origin_map() == {}


def stored(build_dir):
    """The quads of a built store, comparable between stores: the ontology's few blank nodes (its
    datatype definition) are named afresh by each load, so those quads are compared by their count."""
    from kb.store import Store

    quads = [str(q) for q in Store.open(build_dir).quads()]
    return {q for q in quads if "_:" not in q}, sum("_:" in q for q in quads)


def test_an_incremental_rebuild_stores_the_same_quads_as_a_full_build(tmp_path, mini_corpus):
    from kb.store import Store

    build(mini_corpus, tmp_path / "out")
    annotation = mini_corpus / "articles" / "a1.yaml"
    annotation.write_text(annotation.read_text().replace("count: 3", "count: 30"))
    assert build(mini_corpus, tmp_path / "out").rebuilt == ["a1"]
    build(mini_corpus, tmp_path / "full", full=True)
    incremental = stored(tmp_path / "out")
    full = stored(tmp_path / "full")
    assert incremental == full and any('"30"' in q for q in full[0])


def test_reading_and_mapping_in_worker_processes_gives_the_same_files_as_in_one(tmp_path, monkeypatch):
    from conftest import SEED_CORPUS
    from kb import parallel_mapping

    serial = build(SEED_CORPUS, tmp_path / "serial")
    monkeypatch.setattr(steps_module, "PARALLEL_FROM", 0)
    mapped_in_workers = []
    original = parallel_mapping.read_and_map_in_parallel
    monkeypatch.setattr(parallel_mapping, "read_and_map_in_parallel",
                        lambda *args: mapped_in_workers.append(units := original(*args)) or units)
    parallel = build(SEED_CORPUS, tmp_path / "parallel")
    assert len(mapped_in_workers[0]) == serial.articles == 7  # the workers did read and map every article
    assert parallel.report.conforms
    assert snapshot(tmp_path / "parallel") == snapshot(tmp_path / "serial")


def test_a_check_maps_many_changed_articles_in_worker_processes_as_in_one(tmp_path, monkeypatch):
    from conftest import SEED_CORPUS
    from kb import api, parallel_mapping

    article = sorted(path.stem for path in (SEED_CORPUS / "articles").glob("*.yaml"))[0]
    serial = api.check(SEED_CORPUS, [article], None)  # no build as the cache: every article is mapped
    monkeypatch.setattr(steps_module, "PARALLEL_FROM", 0)
    mapped_in_workers = []
    original = parallel_mapping.map_in_parallel
    monkeypatch.setattr(parallel_mapping, "map_in_parallel",
                        lambda *args: mapped_in_workers.append(units := original(*args)) or units)
    assert api.check(SEED_CORPUS, [article], None).to_json() == serial.to_json()
    assert len(mapped_in_workers[0]) == 7


@pytest.mark.parametrize("case", ["claim-reference-unknown", "violation-unknown-provision", "quote-not-in-text",
                                  "entity-unknown", "yaml-syntax-error", "registry-duplicate-id",
                                  "annotation-missing-required-field", "event-asserted-in-unknown-claim",
                                  "text-without-annotation"])
def test_problems_found_by_reading_in_worker_processes_are_reported_as_in_one(tmp_path, monkeypatch, case):
    from kb.errors import CorpusError
    from test_invalid_inputs import INVALID, break_corpus, read_case

    corpus = tmp_path / "corpus"
    shutil.copytree(MINI, corpus)
    break_corpus(corpus, read_case(INVALID / f"{case}.yaml"))
    outcomes = []
    for parallel_from in (10_000, 0):
        monkeypatch.setattr(steps_module, "PARALLEL_FROM", parallel_from)
        with pytest.raises(CorpusError) as caught:
            build(corpus, tmp_path / f"out-{parallel_from}")
        outcomes.append(caught.value.problems)
    assert outcomes[0] == outcomes[1] and outcomes[0]


def test_a_mapping_error_in_a_worker_is_reported_as_in_a_serial_build(tmp_path, monkeypatch):
    def failing(*_):
        raise RuntimeError("a worker died")

    from kb import parallel_mapping

    monkeypatch.setattr(steps_module, "PARALLEL_FROM", 0)
    monkeypatch.setattr(parallel_mapping, "_map_chunk", failing)
    monkeypatch.setattr(parallel_mapping, "_read_and_map_chunk", failing)
    result = build(MINI, tmp_path / "out")  # the serial mapping takes over
    assert result.rebuilt == ["a1", "a2"] and result.report.conforms


def _forked_runs(monkeypatch) -> list[int]:
    """Force the checks into worker processes; the list gets how many checks each forked run had."""
    from kb import forked, validate

    runs = []
    original = forked.forked_map

    def spied(function, items, store=None):
        found = original(function, items, store)
        assert found is not None, "this machine cannot fork workers"
        runs.append(len(items))
        return found
    monkeypatch.setattr(steps_module, "PARALLEL_CHECKS_FROM", 0)
    monkeypatch.setattr(validate, "forked_map", spied)
    return runs


def test_checks_in_worker_processes_give_the_files_checks_in_one_give(tmp_path, monkeypatch):
    from conftest import SEED_CORPUS

    build(SEED_CORPUS, tmp_path / "serial")
    runs = _forked_runs(monkeypatch)
    build(SEED_CORPUS, tmp_path / "parallel")
    from kb.check_groups import grouped
    from kb.queries import quality_checks
    from kb.validate import compiled_checks

    # every compiled shape (a node shape's joining checks as one query) and quality query ran in the workers
    assert runs and runs[0] == len(grouped(compiled_checks())) + len(quality_checks()) > 100
    assert snapshot(tmp_path / "parallel") == snapshot(tmp_path / "serial")


@pytest.mark.parametrize("case", ["agreement-one-party", "claim-after-article", "outcome-part-larger-than-total",
                                  "place-containment-cycle"])
def test_checks_in_worker_processes_find_what_checks_in_one_find(tmp_path, monkeypatch, case):
    from test_invalid_inputs import INVALID, break_corpus, read_case

    def findings(out):
        with pytest.raises(ValidationFailed) as failed:
            build(corpus, out)
        return failed.value.report.to_json()

    corpus = tmp_path / "corpus"
    shutil.copytree(MINI, corpus)
    break_corpus(corpus, read_case(INVALID / f"{case}.yaml"))
    serial = findings(tmp_path / "serial")
    runs = _forked_runs(monkeypatch)
    assert findings(tmp_path / "parallel") == serial and runs
    assert json.loads(serial)["findings"]  # shape and quality findings, traced to their articles' lines


def test_the_joined_files_are_written_by_a_forked_process(tmp_path, monkeypatch):
    from kb import file_writer
    from kb.file_writer import FileWriter

    monkeypatch.setattr(file_writer, "FORK_FROM", 0)

    writers = tmp_path / "writers"
    original = FileWriter._write

    def recorded(self):
        with writers.open("a") as handle:
            handle.write(f"{os.getpid()}\n")
        return original(self)
    monkeypatch.setattr(FileWriter, "_write", recorded)
    build(MINI, tmp_path / "out")
    assert writers.read_text().split() != [str(os.getpid())]  # a child wrote kb.trig and kb.ttl
    writers.unlink()
    build(MINI, tmp_path / "out")  # nothing mapped again: the units' files are linked from the previous cache
    assert writers.read_text().split() != [str(os.getpid())]
    build(MINI, tmp_path / "full", full=True)
    assert snapshot(tmp_path / "out") == snapshot(tmp_path / "full")


def test_a_failing_file_writer_leaves_the_files_to_the_build_itself(tmp_path, monkeypatch):
    from kb import file_writer
    from kb.file_writer import FileWriter

    build(MINI, tmp_path / "serial")
    monkeypatch.setattr(file_writer, "FORK_FROM", 0)
    monkeypatch.setattr(FileWriter, "_write_in_child", lambda self, connection: connection.send(None))
    build(MINI, tmp_path / "out")
    assert snapshot(tmp_path / "out") == snapshot(tmp_path / "serial")


@pytest.mark.parametrize("damage", ["missing", "cut short", "grown", "not a unit's file"])
def test_a_damaged_unit_cache_file_is_not_used(tmp_path, damage):
    build(MINI, tmp_path / "out")
    packed = tmp_path / "out" / "cache" / "a1.unit"
    data = packed.read_bytes()
    if damage == "missing":
        packed.unlink()
    else:
        packed.write_bytes({"cut short": data[:-10], "grown": data + b"x", "not a unit's file": b"x" * len(data)}[damage])
    result = build(MINI, tmp_path / "out")
    assert "a1" in result.rebuilt
    build(MINI, tmp_path / "full", full=True)
    assert snapshot(tmp_path / "out") == snapshot(tmp_path / "full")


def test_patch_after_patch_the_store_holds_what_a_full_build_stores(tmp_path, mini_corpus):
    from kb.store import Store

    out = tmp_path / "out"
    build(mini_corpus, out)
    annotation = mini_corpus / "articles" / "a1.yaml"
    counts = []
    for count in (30, 31, 32):
        annotation.write_text(annotation.read_text().replace(f"count: {count - 1 if count > 30 else 3}", f"count: {count}"))
        assert build(mini_corpus, out).rebuilt == ["a1"]
        counts.append(json.loads((out / "store" / "kb-store.json").read_text())["patches"])
    assert counts == [1, 2, 3]
    build(mini_corpus, tmp_path / "full", full=True)
    assert stored(out) == stored(tmp_path / "full")


def test_a_patched_store_knows_how_many_quads_it_holds_without_counting(tmp_path, mini_corpus):
    from kb.store import Store

    out = tmp_path / "out"
    before = build(mini_corpus, out).triples
    annotation = mini_corpus / "articles" / "a2.yaml"
    # a2 loses a claim's link (a quad fewer), then the whole article
    annotation.write_text(annotation.read_text().replace('    contradicts: ["a1#ministry-report"]\n', ""))
    for edit in ("link", "article"):
        if edit == "article":
            for suffix in (".txt", ".yaml"):
                (mini_corpus / "articles" / f"a2{suffix}").unlink()
        result = build(mini_corpus, out)
        recorded = json.loads((out / "store" / "kb-store.json").read_text())["quads"]
        assert recorded == sum(1 for _ in Store.open(out).quads())
        assert result.triples == build(mini_corpus, tmp_path / edit, full=True).triples < before
        before = result.triples
