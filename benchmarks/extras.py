"""The benchmark's timings of commands as a user runs them: start-up, `kb validate FILE` (against
plain pySHACL), and a move to a server (`kb push` into Oxigraph's server, `kb query --endpoint`).

Every figure is the min, median and 95th percentile of repeated runs, with the load average
(`os.getloadavg()`, one minute) read before and after them: the machine is shared, and a figure
taken while another process ran is slower by as much.
"""

from __future__ import annotations

import json
import math
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PYTHON = sys.executable
KB = str(Path(PYTHON).with_name("kb"))
OXIGRAPH = str(Path(PYTHON).with_name("oxigraph"))


def load() -> float:
    """The one-minute load average."""
    return round(os.getloadavg()[0], 2)


def stats(times: list[float], loads: tuple[float, float]) -> dict:
    """min, median and p95 in seconds of repeated runs, with the load average before and after."""
    ordered = sorted(times)
    p95 = ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]
    return {"min_s": ordered[0], "median_s": statistics.median(ordered), "p95_s": p95, "n": len(ordered),
            "load": list(loads)}


def wall(args: list[str], repeat: int, cwd: Path | None = None, check: bool = True) -> dict:
    """Wall time of a command run `repeat` times (after one warm-up run, for the page cache)."""
    subprocess.run(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times, before = [], load()
    for _ in range(repeat):
        start = time.perf_counter()
        run = subprocess.run(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if check and run.returncode not in (0, 1):
            return {"error": run.stderr.decode(errors="replace")[-500:]}
    return stats(times, (before, load()))


IN_PROCESS = r"""
import json, sys, time
from pathlib import Path
from kb import api
what, repeat = sys.argv[1], int(sys.argv[2])
args = json.loads(sys.argv[3])
def run():
    if what == "query":
        api.query(Path(args["build"]), name=args["name"], params=args.get("params") or {},
                  endpoint=args.get("endpoint")).serialize("csv")
    elif what == "check":
        api.check(Path(args["corpus"]), args["articles"], Path(args["build"]))
    elif what == "validate":
        api.validate_files([Path(args["file"])])
    elif what == "pyshacl":
        from kb.rdf_files import read_rdf_file, to_rdflib
        from kb.validate import shacl_findings
        shacl_findings(to_rdflib(read_rdf_file(Path(args["file"]))))
    elif what == "nothing":
        pass
run()  # warm: imports done, files in the page cache
times = []
for _ in range(repeat):
    t = time.perf_counter(); run(); times.append(time.perf_counter() - t)
print(json.dumps(times))
"""


def in_process(what: str, args: dict, repeat: int, cwd: Path | None = None) -> dict:
    """The time of the work itself, in a process that has already imported everything and run it once."""
    before = load()
    run = subprocess.run([PYTHON, "-c", IN_PROCESS, what, str(repeat), json.dumps(args)], cwd=cwd,
                         capture_output=True, text=True)
    if run.returncode != 0:
        return {"error": run.stderr[-800:]}
    return stats(json.loads(run.stdout.strip().splitlines()[-1]), (before, load()))


def time_commands(work: Path, repeat: int) -> dict:
    """Start-up: `kb --help`, `kb --version`, `kb query NAME` and `kb check ARTICLE` on the bundled
    corpus, each as a user runs it (wall time) and the work it does (in a warm process)."""
    from kb.resources import default_corpus

    corpus, build_dir = default_corpus(), work / "seed-build"
    subprocess.run([KB, "build", "--corpus", str(corpus), "--out", str(build_dir), "-q"], check=True)
    article = sorted(path.stem for path in (corpus / "articles").glob("*.yaml"))[0]
    result = {"python": wall([PYTHON, "-c", "pass"], repeat)}
    for key, args, work_args in [
        ("help", [KB, "--help"], None),
        ("version", [KB, "--version"], None),
        ("query timeline", [KB, "query", "timeline", "--build", str(build_dir), "-f", "csv"],
         ("query", {"build": str(build_dir), "name": "timeline"})),
        ("query claims-by-actor", [KB, "query", "claims-by-actor", "-p", "actor=dmitry-peskov", "--build", str(build_dir),
                                   "-f", "csv"],
         ("query", {"build": str(build_dir), "name": "claims-by-actor", "params": {"actor": "dmitry-peskov"}})),
        ("check ARTICLE", [KB, "check", article, "--corpus", str(corpus), "--build", str(build_dir)],
         ("check", {"corpus": str(corpus), "articles": [article], "build": str(build_dir)})),
    ]:
        entry = {"wall": wall(args, repeat)}
        if work_args:
            entry["work"] = in_process(*work_args, repeat)
        result[key] = entry
    return result


def time_validate(build_dir: Path, repeat: int, pyshacl: bool) -> dict:
    """`kb validate` of the build's kb.ttl as a user runs it, and (when `pyshacl`) plain pySHACL
    on the same file, in process (the shapes and the ontology given to it, as the library does)."""
    path = build_dir / "kb.ttl"
    result = {"kb validate": wall([KB, "validate", str(path), "--format", "json"], repeat)}
    if pyshacl:
        result["pyshacl"] = in_process("pyshacl", {"file": str(path)}, max(1, min(repeat, 3)))
    return result


def free_port() -> int:
    """A TCP port free on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def time_remote(build_dir: Path, work: Path, plan: list[dict], repeat: int) -> dict:
    """`kb push` of the build into a new Oxigraph server (twice: into an empty store, then replacing
    every graph), then each named query through `kb query --endpoint` (in process, and one as a
    user runs it)."""
    import shutil

    folder = work / f"oxigraph-server-{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([OXIGRAPH, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}",
                               "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    result: dict = {}
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        for key in ("push into an empty store", "push again (every graph replaced)"):
            before, start = load(), time.perf_counter()
            run = subprocess.run([KB, "push", "--build", str(build_dir), "--endpoint", f"{base}/store"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            seconds = time.perf_counter() - start
            result[key] = ({"error": run.stderr.decode(errors="replace")[-500:]} if run.returncode
                           else stats([seconds], (before, load())))
        queries = {}
        for entry in plan:
            if "text" not in entry:
                continue
            print(f"    endpoint  {entry['name']}", file=sys.stderr, flush=True)
            queries[entry["name"]] = in_process("query", {"build": str(build_dir), "name": entry["query"],
                                                          "params": entry["params"], "endpoint": f"{base}/query"},
                                                repeat)
        result["queries"] = queries
        chosen = next((entry for entry in plan if entry["query"] == "claims-by-actor" and "text" in entry), None)
        if chosen:
            args = [KB, "query", "claims-by-actor", "--endpoint", f"{base}/query", "-f", "csv"]
            args += [item for key, value in chosen["params"].items() for item in ("-p", f"{key}={value}")]
            result["kb query claims-by-actor --endpoint"] = wall(args, min(repeat, 10))
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
    return result


def figure(entry: dict | None) -> str:
    """min / median / p95 (load) of a timing, for the tables."""
    if not entry:
        return "-"
    if "error" in entry:
        return "error"
    unit = (lambda s: f"{s * 1000:.0f} ms") if entry["median_s"] < 1 else (lambda s: f"{s:.2f} s")
    return (f"{unit(entry['min_s'])} / {unit(entry['median_s'])} / {unit(entry['p95_s'])} "
            f"(load {entry['load'][0]:.2f}-{entry['load'][1]:.2f})")
