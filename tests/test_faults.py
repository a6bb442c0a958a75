"""Faults during a build leave the previous output byte-identical and the next build working.

The builds run as real `kb` processes, stopped by real signals (SIGKILL at each step, SIGINT
while articles are mapped in worker processes and while the shapes run), two at once on the same
folder, and on real file systems that are full or read-only (small tmpfs mounts, where the tests
may mount them; the same faults are also injected, everywhere).
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import MINI, REPO, run_cli

KB = Path(sys.executable).with_name("kb")
STEPS = ["load and check", "map", "store", "validate", "write files"]


def snapshot(folder: Path) -> dict[str, bytes]:
    """The build's files (the database's own files vary from one load to the next)."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file() and "store" not in path.relative_to(folder).parts}


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


class Running:
    """A `kb` process in its own process group, with its stderr read line by line as it comes."""

    def __init__(self, *args: str | Path, cwd: Path | None = None):
        self.process = subprocess.Popen([KB, *map(str, args)], cwd=cwd, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, start_new_session=True)
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.append(line)

    def wait_for(self, text: str, timeout: float = 60) -> bool:
        """Wait until stderr shows `text`; False if the process ended first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in line for line in self.lines):
                return True
            if self.process.poll() is not None:
                self._reader.join(5)
                return any(text in line for line in self.lines)
            time.sleep(0.005)
        raise AssertionError(f"no {text!r} within {timeout} s: {self.lines}")

    def signal_group(self, signum: int) -> None:
        """As a terminal does on Ctrl-C: the signal goes to the whole process group."""
        try:
            os.killpg(self.process.pid, signum)
        except ProcessLookupError:
            pass

    def finish(self, timeout: float = 120) -> tuple[int, str]:
        self.process.wait(timeout)
        self._reader.join(5)
        self.process.stdout.close()
        return self.process.returncode, "".join(self.lines)


class Corpus:
    """A corpus large enough to be mapped in worker processes, in an old and a new version (one
    figure differs), always at the same path: the build's cache records where files were read."""

    def __init__(self, root: Path, articles: int):
        sys.path.insert(0, str(REPO / "benchmarks"))
        try:
            import generate
        finally:
            sys.path.pop(0)
        self.path = root / "corpus"
        generate.generate(self.path, articles)
        self.annotation = sorted((self.path / "articles").glob("*.yaml"))[0]
        self.old = self.annotation.read_text()
        assert "count: " in self.old
        self.new = self.old.replace("count: ", "count: 1", 1)
        self.use_new()
        built = root / "built-new"
        assert subprocess.run([KB, "build", "-q", "--corpus", self.path, "--out", built]).returncode == 0
        self.after = snapshot(built)

    def use_old(self) -> None:
        self.annotation.write_text(self.old)

    def use_new(self) -> None:
        self.annotation.write_text(self.new)


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> Corpus:
    """Mapped in worker processes, and long enough to build for a second build to meet it."""
    return Corpus(tmp_path_factory.mktemp("large"), 150)


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Corpus:
    return Corpus(tmp_path_factory.mktemp("small"), 12)


def previous_build(corpus: Corpus, out: Path) -> dict[str, bytes]:
    """Build the old corpus into `out` and switch the corpus to its new version; the old snapshot."""
    corpus.use_old()
    assert subprocess.run([KB, "build", "-q", "--corpus", corpus.path, "--out", out]).returncode == 0
    corpus.use_new()
    return snapshot(out)


@pytest.mark.parametrize("step", STEPS + ["write files+0.05", "write files+0.15", "write files+0.3"])
def test_sigkill_at_any_step_leaves_the_old_output_or_the_new_one(small, tmp_path, step):
    new, after = small.path, small.after
    out = tmp_path / "out"
    before = previous_build(small, out)
    name, _, delay = step.partition("+")
    running = Running("build", "--full", "--corpus", new, "--out", out)
    running.wait_for(f"… {name}")
    time.sleep(float(delay or 0))
    running.signal_group(signal.SIGKILL)
    running.finish()
    assert snapshot(out) in (before, after), "a mixed or missing output"
    # the next build cleans up whatever was left, and works
    result = subprocess.run([KB, "build", "-q", "--corpus", new, "--out", out], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert snapshot(out) == after
    assert leftovers(out) == []


@pytest.mark.parametrize("step", ["map", "validate"])
def test_ctrl_c_stops_a_build_with_one_line_and_no_tracebacks(large, tmp_path, step):
    new, out = large.path, tmp_path / "out"
    before = previous_build(large, out)
    running = Running("build", "--full", "--corpus", new, "--out", out)
    assert running.wait_for(f"… {step}")
    if step == "map":
        time.sleep(0.3)  # the worker processes are mapping by now
    running.signal_group(signal.SIGINT)
    code, stderr = running.finish()
    assert code == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert [line for line in stderr.splitlines() if not line.startswith("…")] == ["interrupted; nothing was written."]
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_sigterm_cleans_up_like_ctrl_c(small, tmp_path):
    new, out = small.path, tmp_path / "out"
    before = previous_build(small, out)
    running = Running("build", "--full", "--corpus", new, "--out", out)
    running.wait_for("… store")
    running.process.send_signal(signal.SIGTERM)
    code, stderr = running.finish()
    assert code == 130 and "interrupted; nothing was written." in stderr
    assert snapshot(out) == before and leftovers(out) == []


def test_two_builds_of_one_folder_never_mix(large, tmp_path):
    new, after, out = large.path, large.after, tmp_path / "out"
    previous_build(large, out)
    first = Running("build", "--full", "--corpus", new, "--out", out)
    first.wait_for("… map")
    second = subprocess.run([KB, "build", "--corpus", new, "--out", out], capture_output=True, text=True, timeout=60)
    assert second.returncode == 2, second.stderr
    assert "another kb build (process" in second.stderr and "is writing" in second.stderr
    assert "Traceback" not in second.stderr
    code, stderr = first.finish()
    assert code == 0, stderr
    assert snapshot(out) == after and leftovers(out) == []


# --- full and read-only file systems ---------------------------------------------------------------


def _mount_tmpfs(folder: Path, size: str) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", folder],
                          capture_output=True).returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    """A real file system with room for one build of the fixture corpus, not two: its size is
    measured on a build made beside it, so the test follows the build's size as it grows."""
    reference = tmp_path / "reference"
    assert run_cli("build", "-q", "--corpus", MINI, "--out", reference).exit_code == 0
    size = sum(path.stat().st_blocks * 512 for path in reference.rglob("*") if path.is_file())
    folder = tmp_path / "disk"
    if not _mount_tmpfs(folder, f"{size * 3 // 2 // 1024}k"):
        pytest.skip("mounting a tmpfs needs root; test_injected_write_faults covers the same faults")
    yield folder
    subprocess.run(["umount", "-l", folder], check=False)


def test_a_full_disk_leaves_the_previous_output_and_says_so(small_disk):
    out = small_disk / "out"
    assert run_cli("build", "-q", "--corpus", MINI, "--out", out).exit_code == 0
    before = snapshot(out)
    result = run_cli("build", "--full", "-q", "--corpus", MINI, "--out", out)
    assert result.exit_code == 2, result.stderr
    # the message is ours, or the database's own when the store's write is the one that fails
    assert "the disk is full" in result.stderr or "No space left on device" in result.stderr
    assert "previous output is unchanged" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(out) == before and leftovers(out) == []
    subprocess.run(["mount", "-o", "remount,size=8m", small_disk], check=True)
    assert run_cli("build", "--full", "-q", "--corpus", MINI, "--out", out).exit_code == 0


def test_a_read_only_output_folder_is_refused_cleanly(small_disk):
    out = small_disk / "out"
    assert run_cli("build", "-q", "--corpus", MINI, "--out", out).exit_code == 0
    before = snapshot(out)
    subprocess.run(["mount", "-o", "remount,ro", small_disk], check=True)
    result = run_cli("build", "--full", "-q", "--corpus", MINI, "--out", out)
    assert result.exit_code == 2, result.stderr
    assert "read-only" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(out) == before
    subprocess.run(["mount", "-o", "remount,rw", small_disk], check=True)
    assert run_cli("build", "-q", "--corpus", MINI, "--out", out).exit_code == 0
    assert leftovers(out) == []


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "read-only"),
                                         (errno.EACCES, "permission denied")])
@pytest.mark.parametrize("where", ["files", "swap"])
def test_injected_write_faults(tmp_path, monkeypatch, code, words, where):
    from kb import file_writer, outputs

    out = tmp_path / "out"
    assert run_cli("build", "-q", "--corpus", MINI, "--out", out).exit_code == 0
    before = snapshot(out)

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(file_writer, "FORK_FROM", 0)  # the forked writer fails too, then the build itself
    monkeypatch.setattr(file_writer, "write_joined", fail) if where == "files" else \
        monkeypatch.setattr(outputs, "exchange", fail)
    result = run_cli("build", "--full", "-q", "--corpus", MINI, "--out", out)
    monkeypatch.undo()
    assert result.exit_code == 2 and words in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert snapshot(out) == before and leftovers(out) == []
