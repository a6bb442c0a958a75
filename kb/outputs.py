"""Output folders and files: what a command may replace, and how it replaces it safely.

A command that writes a folder (`kb build`, `kb report`) builds it in a staging folder beside the
target and swaps it into place only when everything is written. It replaces an existing folder
only if that folder is empty or carries the marker (`.kb-outputs`) that the same command left in
it, and holds nothing besides what the marker lists and what other `kb` commands made there (a
site inside a build folder, a file that `kb export` wrote). Everything else is the user's: the
command refuses, names the folder, and says what to do. The corpus, any folder that holds it, the
working directory and its parents, and the home folder are never replaced.

A command that writes a file (`kb export --output`) writes it atomically and replaces an existing
file only if the marker of its folder records it, unchanged since it was written.

One command at a time writes a given target: a lock file beside it (removed when done) makes a
second one fail at once with a message. A staging or half-swapped folder left by a killed process
is cleaned up, or put back, by the next command that takes the lock.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from kb.errors import InputError, display_path
from kb.exchange import exchange

MARKER = ".kb-outputs"
_STAGING, _PREVIOUS, _LOCK = ".kb-staging-", ".kb-previous-", ".kb-lock"


class OutputRefused(InputError):
    """An output folder or file that the command may not replace, or cannot write."""


class OutputBusy(OutputRefused):
    """Another command is writing the same output right now."""


@dataclass
class Marker:
    """What `.kb-outputs` says of its folder: which command made it, with which entries, and the
    files other commands wrote into it (name -> sha256 of the content as written)."""

    made_by: str | None = None
    entries: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        """The marker's file content (deterministic: no time, no process id)."""
        payload = {"made_by": self.made_by, "entries": sorted(self.entries), "files": dict(sorted(self.files.items()))}
        note = "Written by kb: the folder's own outputs. Files not listed here are never replaced or removed."
        return (json.dumps({"note": note, **payload}, indent=1) + "\n").encode()

    @classmethod
    def read(cls, folder: Path) -> Marker | None:
        """The marker of `folder`, or None when it has none (or one that is not a kb marker)."""
        try:
            data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict):
            return None
        entries, files = data.get("entries", []), data.get("files", {})
        if not isinstance(entries, list) or not isinstance(files, dict):
            return None
        made_by = data.get("made_by")
        return cls(made_by if isinstance(made_by, str) else None, [str(e) for e in entries],
                   {str(k): str(v) for k, v in files.items()})


def _digest(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def _made_by_kb(path: Path, marker: Marker | None) -> bool:
    """Whether an entry of a folder is something a kb command made: a folder with its own marker
    and nothing foreign in it, or a file the folder's marker records, unchanged."""
    if path.is_symlink():
        return False
    if path.is_dir():
        inner = Marker.read(path)
        return inner is not None and inner.made_by is not None and not _foreign_entries(path, inner)
    recorded = marker.files.get(path.name) if marker else None
    return recorded is not None and recorded == _digest(path)


def _foreign_entries(folder: Path, marker: Marker) -> list[str]:
    own = set(marker.entries) | {MARKER}
    return sorted(name for name in os.listdir(folder)
                  if name not in own and not _made_by_kb(folder / name, marker))


def protected_folders(corpus: Path | None = None) -> list[tuple[Path, str]]:
    """The folders no command replaces, with how to name them: the corpus, the working directory
    and the home folder."""
    folders = [(Path.cwd(), "the working directory"), (Path.home(), "your home folder")]
    if corpus is not None:
        folders.insert(0, (corpus, "the corpus"))
    return [(path.resolve(), name) for path, name in folders]


def _refuse_protected(out: Path, option: str, protected: Iterable[tuple[Path, str]]) -> None:
    protected = list(protected)
    for folder, name in protected:
        if out == folder:
            raise OutputRefused(f"{option} {display_path(out)} is {name}: a command replaces its output folder as a "
                                "whole, so give it a folder of its own (for example build/); nothing was written")
    for folder, name in protected:
        if folder.is_relative_to(out):
            raise OutputRefused(f"{option} {display_path(out)} contains {name} ({display_path(folder)}): give the "
                                "output a folder of its own (for example build/); nothing was written")
    for folder, name in protected:
        if name == "the corpus" and out.is_relative_to(folder):
            raise OutputRefused(f"{option} {display_path(out)} lies inside the corpus ({display_path(folder)}): "
                                "outputs go elsewhere, for example build/; nothing was written")


def check_replaceable(out: Path, command: str, protected: Iterable[tuple[Path, str]], option: str = "--out") -> None:
    """Raise OutputRefused unless `command` (e.g. "kb build") may write its output folder at `out`.

    `out` must be resolved. It may be missing, empty, or a folder that `command` made before and
    that holds nothing else but other kb outputs.
    """
    _refuse_protected(out, option, protected)
    if out.exists() and not out.is_dir():
        raise OutputRefused(f"{option} {display_path(out)} is a file, not a folder: choose another {option}")
    if not out.is_dir():
        return
    try:
        names = os.listdir(out)
    except OSError as err:
        raise OutputRefused(f"cannot read the output folder {display_path(out)}: {err.strerror}") from None
    if not names:
        return
    marker = Marker.read(out)
    what = f"{display_path(out)}"
    if marker is None or marker.made_by is None:
        raise OutputRefused(f"{what} is not empty and was not made by `{command}`: choose another {option} "
                            "(or empty the folder yourself); nothing was written")
    if marker.made_by != command:
        raise OutputRefused(f"{what} was made by `{marker.made_by}`, not `{command}`: choose another {option}; "
                            "nothing was written")
    foreign = _foreign_entries(out, marker)
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        raise OutputRefused(f"{what} holds {shown}, which `{command}` did not write: move {'it' if len(foreign) == 1 else 'them'} "
                            f"elsewhere, or choose another {option}; nothing was written")


# --- one writer at a time ------------------------------------------------------------------------


@contextmanager
def locked(target: Path, command: str) -> Iterator[None]:
    """Hold the lock of `target` (a lock file beside it) for one command; OutputBusy if taken.

    The lock file is removed on release; a process that finds it unlinked after locking it (the
    previous holder just released it) tries again, so two holders never overlap.
    """
    path = target.parent / f".{target.name}{_LOCK}"
    for _ in range(10):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise _write_error(target, err) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 64).decode("ascii", "replace").strip()
            os.close(fd)
            raise OutputBusy(f"another {command} (process {holder or '?'}) is writing {display_path(target)} right now: "
                             "wait for it to finish, or choose another output; nothing was written") from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    else:
        raise OutputBusy(f"could not take the lock of {display_path(target)}: try again")
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        with suppress(OSError):
            os.unlink(path)
        os.close(fd)


# --- replacing a folder --------------------------------------------------------------------------


def _siblings(out: Path, kind: str) -> list[Path]:
    prefix = f".{out.name}{kind}"
    try:
        return sorted(out.parent / name for name in os.listdir(out.parent) if name.startswith(prefix))
    except OSError:
        return []


def _is_ours(folder: Path) -> bool:
    """A staging or previous folder this module made: marked, or still empty."""
    try:
        return Marker.read(folder) is not None or not os.listdir(folder)
    except OSError:
        return False


def recover(out: Path) -> None:
    """Finish what a killed predecessor left: put a displaced output back, remove staging folders."""
    previous = [p for p in _siblings(out, _PREVIOUS) if _is_ours(p)]
    if previous and not out.exists():
        newest = max(previous, key=lambda p: p.stat().st_mtime_ns)
        os.rename(newest, out)
        previous.remove(newest)
    for folder in previous + [p for p in _siblings(out, _STAGING) if _is_ours(p)]:
        remove_tree(folder)


def remove_tree(folder: Path) -> None:
    """Remove a folder this module made; the database in it may still be finishing a write.

    Its marker goes last, so a removal cut short still leaves the folder recognisably ours.
    """
    import gc
    import time

    for _ in range(20):
        with suppress(OSError):
            for name in os.listdir(folder):
                if name != MARKER:
                    entry = folder / name
                    if entry.is_dir() and not entry.is_symlink():
                        shutil.rmtree(entry, ignore_errors=True)
                    else:
                        entry.unlink(missing_ok=True)
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return
        gc.collect()
        time.sleep(0.05)


def _swap_into_place(staging: Path, out: Path) -> None:
    """Put `staging` where `out` is; readers see the old folder or the new one, never neither
    where the system can exchange two folders at once (elsewhere, `recover` puts the old one back
    if the process dies between the two renames)."""
    if not out.exists():
        os.rename(staging, out)
        return
    if exchange(staging, out):
        remove_tree(staging)  # now the old output
        return
    previous = out.parent / f".{out.name}{_PREVIOUS}{os.getpid()}"
    os.rename(out, previous)
    try:
        os.rename(staging, out)
    except BaseException:
        os.rename(previous, out)
        raise
    remove_tree(previous)


def _write_error(out: Path, err: OSError) -> OutputRefused:
    reason = {errno.ENOSPC: "the disk is full", errno.EROFS: "the file system is read-only",
              errno.EACCES: "permission denied", errno.EPERM: "permission denied",
              errno.EDQUOT: "the disk quota is exceeded"}.get(err.errno, err.strerror or str(err))
    return OutputRefused(f"cannot write {display_path(out)}: {reason}; the previous output is unchanged")


@contextmanager
def replacing_folder(out: Path, command: str, protected: Iterable[tuple[Path, str]],
                     option: str = "--out") -> Iterator[Path]:
    """Stage a new output folder for `out` and swap it into place when the block succeeds.

    Yields the staging folder, marked as `command`'s; what the block writes in it is recorded as
    the folder's own entries when it succeeds. On any error or interruption the staging folder is removed
    and `out` is left as it was. Raises OutputRefused (exit 2) for a target it may not replace,
    OutputBusy when another command writes it, and OutputRefused for a write that fails (a full
    disk, a read-only folder).
    """
    out = out.resolve()
    protected = list(protected)
    check_replaceable(out, command, protected, option)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise _write_error(out, err) from None
    with locked(out, command):
        try:
            recover(out)
        except OSError as err:
            raise _write_error(out, err) from None
        check_replaceable(out, command, protected, option)  # again: the predecessor may have restored it
        staging = out.parent / f".{out.name}{_STAGING}{os.getpid()}"
        try:
            staging.mkdir()
            (staging / MARKER).write_bytes(Marker(command).to_bytes())
            yield staging
            entries = sorted(name for name in os.listdir(staging) if name != MARKER)
            (staging / MARKER).write_bytes(Marker(command, entries).to_bytes())
            check_replaceable(out, command, protected, option)  # nothing appeared in it meanwhile
            _swap_into_place(staging, out)
        except OSError as err:
            raise _write_error(out, err) from None
        finally:
            if staging.exists():
                remove_tree(staging)


# --- writing a file ------------------------------------------------------------------------------


def write_file(path: Path, data: bytes, command: str, protected: Iterable[tuple[Path, str]],
               option: str = "--output") -> None:
    """Write `data` to `path` atomically; an existing file is replaced only if kb wrote it.

    The folder's marker records the file and its digest, so the next run may replace it. Raises
    OutputRefused for a file the user owns (or one changed since kb wrote it), a path inside the
    corpus, a folder, or a failed write.
    """
    path = path.absolute()
    folder = path.parent.resolve()
    path = folder / path.name
    for protected_folder, name in protected:
        if name == "the corpus" and path.is_relative_to(protected_folder):
            raise OutputRefused(f"{option} {display_path(path)} lies inside the corpus: write it elsewhere")
    if path.is_dir():
        raise OutputRefused(f"{option} {display_path(path)} is a folder: give a file name")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise _write_error(path, err) from None
    with locked(path, command):
        marker = Marker.read(folder) or Marker()
        if path.exists() or path.is_symlink():
            if not _made_by_kb(path, marker):
                raise OutputRefused(f"{display_path(path)} exists and was not written by kb (or was changed since): "
                                    f"choose another {option}, or remove the file yourself; nothing was written")
        try:
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                # mkstemp makes files readable by their owner only: give the file the usual mode
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp, 0o666 & ~umask)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            marker.files[path.name] = hashlib.sha256(data).hexdigest()
            _write_marker(folder, marker)
        except OSError as err:
            raise _write_error(path, err) from None


def _write_marker(folder: Path, marker: Marker) -> None:
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f"{MARKER}.")
    with os.fdopen(fd, "wb") as handle:
        handle.write(marker.to_bytes())
    os.chmod(tmp, 0o644)
    os.replace(tmp, folder / MARKER)


__all__ = ["MARKER", "Marker", "OutputBusy", "OutputRefused", "check_replaceable", "locked",
           "protected_folders", "recover", "remove_tree", "replacing_folder", "write_file"]
