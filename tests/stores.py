"""Real SPARQL stores for the tests: Oxigraph's server and Virtuoso 7, started on loopback ports in
a folder of the test's, and stopped at the end.

Virtuoso is Debian's `virtuoso-opensource` (installed by `scripts/test.sh`). Its database is new
for each start, so its administrator is `dba` with the password `dba`: the tests push to its
authenticated Graph Store Protocol endpoint as that user, by digest authentication, which is what
`--credentials-env` is for. Its SPARQL endpoint answers queries without a password.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

VIRTUOSO = shutil.which("virtuoso-t")
VIRTUOSO_USER, VIRTUOSO_PASSWORD = "dba", "dba"
_START_TIME = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Running:
    """A store that runs: where to query it, where to push to it, and its process."""

    query: str
    store: str
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def _wait_until_it_answers(process: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + _START_TIME
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the store exited as it started: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"the store did not answer within {_START_TIME:g} s: {log.read_text(errors='replace')[-2000:]}")


def start_oxigraph(folder: Path) -> Running:
    """Oxigraph's server (from the `oxigraph` package) over a new store in `folder`, on a free port."""
    folder.mkdir(parents=True, exist_ok=True)
    port, log = free_port(), folder / "oxigraph.log"
    binary = Path(sys.executable).with_name("oxigraph")
    with log.open("wb") as out:
        process = subprocess.Popen([binary, "serve", "--location", folder / "data", "--bind", f"127.0.0.1:{port}",
                                    "--union-default-graph"], stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    _wait_until_it_answers(process, f"{base}/query?query=ASK%7B%7D", log)
    return Running(f"{base}/query", f"{base}/store", process, log)


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 1

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}/vsp
MaxClientConnections = 10
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
"""


def start_virtuoso(folder: Path) -> Running:
    """Virtuoso 7 over a new database in `folder`, its SQL and HTTP ports free ones on loopback."""
    if VIRTUOSO is None:
        raise RuntimeError("virtuoso-t is not installed: scripts/test.sh installs Debian's virtuoso-opensource")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vsp").mkdir(exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(folder=folder, sql_port=sql_port, http_port=http_port))
    log = folder / "virtuoso.out"
    with log.open("wb") as out:
        process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(ini)], cwd=folder,
                                   stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    _wait_until_it_answers(process, f"{base}/sparql?query=ASK%7B%7D", log)
    return Running(f"{base}/sparql", f"{base}/sparql-graph-crud-auth", process, log)
