"""Files the user owns are never replaced: output folders, exported files, drafts, symlinks.

Each command that writes is tried on what a user has: a folder of their own, the corpus, the
working directory, the home folder, a folder that a kb command made and the user added to.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kb import outputs
from kb.build import build
from kb.outputs import MARKER, Marker, OutputRefused

from conftest import MINI, run_cli


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every entry below `folder` with its bytes (None for folders)."""
    return {path.relative_to(folder).as_posix(): (None if path.is_dir() else path.read_bytes())
            for path in sorted(folder.rglob("*"))}


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """An empty working directory with a copy of the fixture corpus as `corpus/`."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(MINI, tmp_path / "corpus")
    return tmp_path


def refused(result, *words: str) -> None:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


# --- kb build --------------------------------------------------------------------------------------


def test_a_folder_of_the_users_is_refused_and_left_as_it_was(workdir):
    mine = workdir / "mydata"
    (mine / "sub").mkdir(parents=True)
    (mine / "notes.txt").write_text("months of work\n")
    before = tree(mine)
    refused(run_cli("build", "--out", "mydata"), "mydata is not empty", "not made by `kb build`", "choose another --out")
    assert tree(mine) == before


def test_the_corpus_as_output_is_refused(workdir):
    before = tree(workdir / "corpus")
    refused(run_cli("build", "--corpus", "corpus", "--out", "corpus"), "--out corpus is the corpus")
    refused(run_cli("build", "--corpus", "corpus", "--out", "corpus/articles/x"), "lies inside the corpus")
    assert tree(workdir / "corpus") == before


def test_a_folder_holding_the_corpus_is_refused(workdir):
    (workdir / "sub").mkdir()
    shutil.move(workdir / "corpus", workdir / "sub" / "corpus")
    refused(run_cli("build", "--corpus", "sub/corpus", "--out", "sub"), "contains the corpus")
    assert (workdir / "sub" / "corpus" / "articles" / "a1.yaml").is_file()


@pytest.mark.parametrize("out", [".", "{cwd}", "..", "/"])
def test_the_working_directory_and_its_parents_are_refused_cleanly(workdir, out):
    empty = workdir / "empty"
    empty.mkdir()
    os.chdir(empty)
    result = run_cli("build", "--corpus", workdir / "corpus", "--out", out.format(cwd=empty))
    refused(result, "--out")
    assert "working directory" in result.stderr or "contains the corpus" in result.stderr
    assert Path.cwd() == empty and empty.is_dir() and not any(empty.iterdir())


def test_the_home_folder_is_refused(workdir, monkeypatch):
    home = workdir / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    refused(run_cli("build", "--out", home), "your home folder")
    assert not any(home.iterdir())


def test_an_empty_folder_and_a_previous_build_are_replaced(workdir):
    (workdir / "out").mkdir()
    assert run_cli("build", "--out", "out", "-q").exit_code == 0
    marker = Marker.read(workdir / "out")
    assert marker.made_by == "kb build" and "kb.trig" in marker.entries and "store" in marker.entries
    assert run_cli("build", "--out", "out", "-q").exit_code == 0


def test_a_file_added_to_a_build_folder_is_never_removed(workdir):
    assert run_cli("build", "--out", "out", "-q").exit_code == 0
    (workdir / "out" / "mine.txt").write_text("my notes\n")
    before = tree(workdir / "out")
    refused(run_cli("build", "--out", "out", "-q"), "holds mine.txt", "did not write", "move it elsewhere")
    assert tree(workdir / "out") == before


def test_what_other_kb_commands_wrote_in_a_build_folder_may_go_with_it(workdir):
    assert run_cli("build", "--out", "out", "-q").exit_code == 0
    assert run_cli("export", "--format", "nt", "--output", "out/kb.nt", "--build", "out").exit_code == 0
    assert run_cli("report", "--build", "out", "--out", "out/site").exit_code == 0
    assert run_cli("build", "--out", "out", "-q").exit_code == 0, "an export and a site are kb's own outputs"
    # but an export the user edited since is theirs now
    assert run_cli("export", "--format", "nt", "--output", "out/kb.nt", "--build", "out").exit_code == 0
    with (workdir / "out" / "kb.nt").open("a") as handle:
        handle.write("# my annotation\n")
    refused(run_cli("build", "--out", "out", "-q"), "holds kb.nt")


def test_a_folder_made_by_another_command_is_refused(workdir):
    assert run_cli("build", "--out", "out", "-q").exit_code == 0
    assert run_cli("report", "--build", "out", "--out", "site").exit_code == 0
    refused(run_cli("build", "--out", "site", "-q"), "made by `kb report`, not `kb build`")
    refused(run_cli("report", "--build", "out", "--out", "out"), "--out out is the build folder")
    refused(run_cli("report", "--build", "out/..", "--out", "."), "working directory")


def test_an_output_that_is_a_file_is_refused(workdir):
    (workdir / "out").write_text("not a folder")
    refused(run_cli("build", "--out", "out"), "is a file")
    assert (workdir / "out").read_text() == "not a folder"


# --- kb report, kb export, kb new ------------------------------------------------------------------


def test_report_refuses_a_folder_of_the_users(workdir):
    assert run_cli("build", "--out", "out", "-q").exit_code == 0
    (workdir / "docs").mkdir()
    (workdir / "docs" / "index.html").write_text("<p>mine</p>")
    refused(run_cli("report", "--build", "out", "--out", "docs"), "docs is not empty", "not made by `kb report`")
    assert (workdir / "docs" / "index.html").read_text() == "<p>mine</p>"
    refused(run_cli("report", "--build", "out", "--out", "."), "working directory")


def test_export_replaces_only_a_file_it_wrote(workdir):
    assert run_cli("build", "--out", "out", "-q").exit_code == 0
    target = workdir / "exports" / "kb.ttl"
    assert run_cli("export", "--format", "ttl", "--output", target, "--build", "out").exit_code == 0
    assert target.read_bytes() == (workdir / "out" / "kb.ttl").read_bytes()
    assert run_cli("export", "--format", "ttl", "--output", target, "--build", "out").exit_code == 0, "its own file"
    target.write_text("edited by hand\n")
    refused(run_cli("export", "--format", "ttl", "--output", target, "--build", "out"), "was not written by kb")
    assert target.read_text() == "edited by hand\n"
    mine = workdir / "notes.ttl"
    mine.write_text("mine\n")
    refused(run_cli("export", "--output", mine, "--build", "out"), "notes.ttl exists")
    assert mine.read_text() == "mine\n"


def test_export_never_writes_into_the_corpus(workdir):
    assert run_cli("build", "--out", "out", "-q").exit_code == 0
    before = tree(workdir / "corpus")
    refused(run_cli("export", "--output", "corpus/articles/a1.yaml", "--build", "out"), "inside the corpus")
    refused(run_cli("export", "--output", "corpus/new.ttl", "--build", "out"), "inside the corpus")
    assert tree(workdir / "corpus") == before


def test_exported_files_have_the_usual_mode(workdir):
    assert run_cli("build", "--out", "out", "-q").exit_code == 0
    old = os.umask(0o022)
    try:
        assert run_cli("export", "--output", "kb.trig", "--build", "out").exit_code == 0
    finally:
        os.umask(old)
    assert (workdir / "kb.trig").stat().st_mode & 0o777 == 0o644


def test_new_never_overwrites_an_article(workdir):
    text = workdir / "incoming.txt"
    text.write_text("Alba, 2 March 2021. Shelling was reported.\n")
    before = tree(workdir / "corpus")
    refused(run_cli("new", text, "--id", "a1"), "already exists")
    assert tree(workdir / "corpus") == before
    assert run_cli("new", text, "--date", "2021-03-02").exit_code == 0
    assert (workdir / "corpus" / "articles" / "incoming.txt").read_bytes() == text.read_bytes()


def test_new_creates_files_exclusively(workdir, monkeypatch):
    """A file that appears between the check and the write is never overwritten."""
    from kb.draft import new as draft

    text = workdir / "incoming.txt"
    text.write_text("Alba, 2 March 2021. Shelling was reported.\n")
    target = workdir / "corpus" / "articles" / "incoming.yaml"
    real = draft.draft_annotation

    def racing(*args, **kwargs):
        target.write_text("# written meanwhile by someone else\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(draft, "draft_annotation", racing)
    refused(run_cli("new", text, "--date", "2021-03-02"), "already exists")
    assert target.read_text() == "# written meanwhile by someone else\n"
    assert not (workdir / "corpus" / "articles" / "incoming.txt").exists(), "the text copied first is taken back"


# --- symbolic links in the corpus ------------------------------------------------------------------


def test_a_link_to_a_file_outside_the_corpus_is_refused(workdir):
    outside = workdir / "secret.txt"
    outside.write_text("Alba, 2 March 2021. Not part of the corpus.\n")
    articles = workdir / "corpus" / "articles"
    (articles / "a3.txt").symlink_to(outside)
    shutil.copy(articles / "a2.yaml", articles / "a3.yaml")
    result = run_cli("build", "--out", "out")
    refused(result, "corpus/articles/a3.txt", "a link to", "outside the corpus")
    assert not (workdir / "out").exists()


def test_a_registry_link_outside_the_corpus_is_refused(workdir):
    registry = workdir / "corpus" / "registry"
    shutil.move(registry / "entities.yaml", workdir / "entities.yaml")
    (registry / "entities.yaml").symlink_to(workdir / "entities.yaml")
    refused(run_cli("check"), "corpus/registry/entities.yaml", "outside the corpus")


def test_a_link_inside_the_corpus_is_followed(workdir):
    articles = workdir / "corpus" / "articles"
    shutil.move(articles / "a2.txt", workdir / "corpus" / "a2-text.txt")
    (articles / "a2.txt").symlink_to(Path("..") / "a2-text.txt")
    assert run_cli("build", "--out", "out", "-q").exit_code == 0


# --- the library's rules, directly -----------------------------------------------------------------


def test_check_replaceable_names_every_foreign_entry(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / MARKER).write_bytes(Marker("kb build", ["kb.trig"]).to_bytes())
    (out / "kb.trig").write_text("")
    for name in ("a", "b", "c", "d", "e", "f", "g"):
        (out / name).write_text(name)
    with pytest.raises(OutputRefused, match=r"holds a, b, c, d, e and 2 more"):
        outputs.check_replaceable(out, "kb build", [])
    for name in ("a", "b", "c", "d", "e", "f", "g"):
        (out / name).unlink()
    outputs.check_replaceable(out, "kb build", [])


def test_a_damaged_or_foreign_marker_is_not_trusted(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "data.csv").write_text("1,2\n")
    for content in ("{not json", "[]", '{"made_by": 3}', '{"entries": "data.csv", "made_by": "kb build"}'):
        (out / MARKER).write_text(content)
        with pytest.raises(OutputRefused):
            outputs.check_replaceable(out, "kb build", [])
    assert (out / "data.csv").read_text() == "1,2\n"


def test_the_marker_is_deterministic(tmp_path):
    build(MINI, tmp_path / "one")
    build(MINI, tmp_path / "two")
    assert (tmp_path / "one" / MARKER).read_bytes() == (tmp_path / "two" / MARKER).read_bytes()
