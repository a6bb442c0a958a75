"""Cutting a process off from the network, for good, before it runs untrusted SPARQL.

Oxigraph evaluates a federated `SERVICE` pattern by making the HTTP request itself, and pyoxigraph
0.5 has no switch to turn that off. `kb serve` therefore confines each query worker at the
operating-system level before it opens the store, so that no query, however it is spelled, can
reach another host (nor this one):

1. Linux: a new, empty network namespace (`unshare(CLONE_NEWNET)`, inside a new user namespace
   when the process lacks the privilege for a network namespace alone). The process then has no
   network interface at all (not even loopback is up): every connection fails with ENETUNREACH.
2. Where namespaces are refused (Docker's default seccomp profile, Ubuntu 24.04's AppArmor rule on
   unprivileged user namespaces): a seccomp filter, through libseccomp (`pyseccomp`), that makes
   `socket`, `connect` and `io_uring_setup` fail with EACCES in every thread of the process.
3. Elsewhere (macOS, Windows, a Linux without libseccomp): nothing, and `confine` says so.

Either confinement is one way: nothing the process does afterwards can undo it. Each is checked
after it is put in place (a UDP socket must no longer reach loopback) before it is reported.
A namespace applies to the calling thread only, and a user namespace can only be entered by a
process with one thread, so `confine` must be called before anything starts a thread.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import socket
import sys
from dataclasses import dataclass

from kb.errors import KbError

# from <sched.h>, for Pythons before 3.12, which have no os.unshare
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000

NAMESPACE = "network namespace"
SECCOMP = "seccomp"
NONE = "none"

_DENIED_CALLS = ("socket", "connect", "io_uring_setup")


class ConfinementError(KbError):
    """The process cannot be confined as asked (it already runs several threads)."""


@dataclass(frozen=True)
class Confinement:
    """How a process is kept off the network: `kind` is NAMESPACE, SECCOMP or NONE."""

    kind: str
    description: str

    @property
    def confined(self) -> bool:
        """True when the process can no longer open network connections."""
        return self.kind != NONE


def confine(ways: tuple[str, ...] = (NAMESPACE, SECCOMP)) -> Confinement:
    """Cut the calling process off from the network by the first of `ways` that the system allows.

    Returns the confinement now in force (kind NONE when none of them could be applied).
    Raises ConfinementError when the process has more than one thread, since neither way would
    then cover the whole process.
    """
    if _thread_count() > 1:
        raise ConfinementError("a process must be confined before it starts any thread")
    for way in ways:
        applied = _in_new_network_namespace() if way == NAMESPACE else _under_seccomp() if way == SECCOMP else None
        if applied and not reaches_loopback():
            return applied
    return Confinement(NONE, f"no confinement is possible on {sys.platform}: the parsed-query check is the only defence")


def reaches_loopback() -> bool:
    """Whether this process can still address the network (a UDP connect to loopback sends nothing)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("127.0.0.1", 9))
        return True
    except OSError:
        return False


def _thread_count() -> int:
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:  # not Linux: only the threads Python started can be counted
        import threading

        return threading.active_count()


def _in_new_network_namespace() -> Confinement | None:
    if not sys.platform.startswith("linux"):
        return None
    # a network namespace alone needs CAP_SYS_ADMIN; inside a new user namespace any user may make one
    for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET):
        if _unshare(flags):
            user = " in a new user namespace" if flags & _CLONE_NEWUSER else ""
            return Confinement(NAMESPACE, f"a new network namespace{user}, with no network interface")
    return None


def _unshare(flags: int) -> bool:
    if hasattr(os, "unshare"):
        try:
            os.unshare(flags)
            return True
        except OSError:
            return False
    libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    return libc.unshare(flags) == 0


def _under_seccomp() -> Confinement | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import pyseccomp as seccomp  # it raises RuntimeError where libseccomp.so is missing
    except (ImportError, RuntimeError, OSError):
        return None
    try:
        rules = seccomp.SyscallFilter(seccomp.ALLOW)
        rules.set_attr(seccomp.Attr.CTL_TSYNC, 1)  # every thread, should one have started meanwhile
        for call in _DENIED_CALLS:
            rules.add_rule(seccomp.ERRNO(errno.EACCES), call)
        rules.load()
    except (OSError, RuntimeError, ValueError):
        return None
    return Confinement(SECCOMP, f"a seccomp filter: {', '.join(_DENIED_CALLS)} fail with EACCES")
