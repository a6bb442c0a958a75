#!/usr/bin/env python3
"""The benchmark: build time by step, incremental rebuild, query latency, peak memory, and rdflib.

    python benchmarks/run.py [--sizes 10000,100000,1000000] [--repeat 20] [--seed 1]

For each size (in triples) it generates a synthetic corpus (`benchmarks/generate.py`), then

1. builds it from scratch in a child process that calls `kb.api.build` (the code `kb build` runs)
   and prints the build's step timings; the parent reads the child's peak memory and CPU time with
   `wait4`; then builds it again (`--builds`, 3 by default, counting the first), each once the disk
   is written;
2. times every named query (after one warm-up) on the embedded store, in a child process that
   opens the store once, with parameters chosen from the built knowledge base (the busiest
   claimant, the event most articles report, the day with most events, the most described
   agreement, the most referenced place);
3. changes one outcome's count in one article and builds again into the same output folder, then
   does so for another article after another (`--rebuilds`, each once the disk is written), then
   times the queries on the store again (a rebuild patches the store rather than rewriting it);
4. times them through `kb serve` (HTTP GET /queries/<name>?param=value);
5. runs the same query texts on rdflib's own SPARQL engine over the build's `kb.trig` (plus the
   ontology, which the store also holds) as a baseline, each query with a time budget.

It prints a table per size and writes the figures to `benchmarks/results/<size>.json` (and the
table to `<size>.txt`). Work files (corpora, builds) go to `benchmarks/_work/`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"

try:
    import kb  # noqa: F401
except ImportError:  # run with the project's virtualenv, which has kb installed
    if VENV_PYTHON.exists() and Path(sys.prefix).resolve() != VENV_PYTHON.parent.parent.resolve():
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), __file__, *sys.argv[1:]])
    raise

sys.path.insert(0, str(HERE))
import extras  # noqa: E402
import generate  # noqa: E402

PYTHON = sys.executable

# --- targets (stated for 1M triples) ----------------------------------------------------------------

TARGETS = {
    "build_s": 25.0, "build_10m_s": 300.0, "peak_rss_10m_mb": 8192.0, "rebuild_s": 1.0,
    "selective_ms": 50.0, "aggregate_ms": 1000.0, "startup_overhead_s": 0.25, "validate_speedup": 10.0,
    "validate_1m_s": 30.0,
}
SELECTIVE = {"claims-by-actor", "entity"}

# --- child processes -------------------------------------------------------------------------------

BUILD_CHILD = r"""
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
from kb import api
t1 = time.perf_counter()
try:
    result = api.build(Path(sys.argv[1]), Path(sys.argv[2]), full=sys.argv[3:] == ["full"])
except BaseException as err:
    print(json.dumps({"ok": False, "error": f"{type(err).__name__}: {err}"[:3000]}))
    sys.exit(1)
print(json.dumps({"ok": True, "import_s": t1 - t0, "build_s": time.perf_counter() - t1,
                  "timings": result.timings, "triples": result.triples, "articles": result.articles,
                  "conforms": result.report.conforms, "findings": len(result.report.findings),
                  "rebuilt": len(getattr(result, "rebuilt", []) or []) if hasattr(result, "rebuilt") else None}))
"""

STORE_CHILD = r"""
import json, sys, time
from pathlib import Path
from kb.api import run_on_store
from kb.store import Store
build, repeat, budget = Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
text = sys.stdin.read()
t = time.perf_counter(); store = Store.open(build); opened = time.perf_counter() - t
t = time.perf_counter(); result = run_on_store(store, text); warmup = time.perf_counter() - t
rows = len(result.rows) if result.kind == "solutions" else None
times = []
report = lambda: print(json.dumps({"open_s": opened, "warmup_s": warmup, "times": times, "rows": rows}), flush=True)
report()  # after every run, so that a process killed at its time limit still leaves what it measured
while len(times) < repeat and (not times or warmup + sum(times) < budget):
    t = time.perf_counter(); run_on_store(store, text); times.append(time.perf_counter() - t)
    report()
"""

RDFLIB_CHILD = r"""
import json, resource, signal, sys, time


class Budget(BaseException):
    pass


def _alarm(*_):
    raise Budget()


signal.signal(signal.SIGALRM, _alarm)
from rdflib import Dataset, URIRef
from kb.vocabulary import ONTOLOGY
from kb.resources import ontology_file

trig, budget, repeat = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
queries = json.loads(sys.stdin.read())
t = time.perf_counter()
ds = Dataset(default_union=True)
ds.parse(trig, format="trig")
ds.graph(URIRef(str(ONTOLOGY))).parse(str(ontology_file()), format="turtle")
print(json.dumps({"load_s": time.perf_counter() - t,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}), flush=True)


def run(text):
    signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        t = time.perf_counter()
        rows = len(list(ds.query(text)))
        return time.perf_counter() - t, rows
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


for name, text in queries:
    out = {"name": name}
    try:
        warmup, rows = run(text)
        times = []
        while len(times) < repeat and warmup + sum(times) < budget:
            times.append(run(text)[0])
        out.update(warmup_s=warmup, times=times or [warmup], rows=rows)
    except Budget:
        out["timeout_s"] = budget
    except Exception as err:
        out["error"] = f"{type(err).__name__}: {err}"[:500]
    print(json.dumps(out), flush=True)
"""


def _tree_pss_mb(root: int) -> float | None:
    """The memory of a process and all its descendants (worker processes), as the sum of their
    proportional set sizes: pages two processes share (a forked worker's) count half in each.
    None where /proc does not tell (not Linux)."""
    children: dict[int, list[int]] = {}
    try:
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    parent = int(Path(f"/proc/{entry.name}/stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children.setdefault(parent, []).append(int(entry.name))
    except OSError:
        return None
    total, pending = 0.0, [root]
    while pending:
        pid = pending.pop()
        pending += children.get(pid, [])
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) / 1024
                    break
        except (OSError, ValueError):
            continue
    return total


def _sample_tree(root: int, done: threading.Event, peak: list[float]) -> None:
    while not done.wait(0.25):
        pss = _tree_pss_mb(root)
        if pss is not None and pss > peak[0]:
            peak[0] = pss


def run_child(args: list[str], stdin: str = "", timeout: float | None = None) -> dict:
    """Run a child process; returns its exit code, wall time, CPU time (user and system), peak RSS
    (MB: the child's own, or that of its largest descendant), the peak memory of its whole process
    tree (MB, sampled four times a second) and its output."""
    out_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"kb-bench-{os.getpid()}-{time.monotonic_ns()}"
    with open(f"{out_path}.out", "w+") as out, open(f"{out_path}.err", "w+") as err, \
            open(f"{out_path}.in", "w+") as inp:
        inp.write(stdin)
        inp.seek(0)
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdin=inp, stdout=out, stderr=err, cwd=ROOT)
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            proc.kill()

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        done, tree_peak = threading.Event(), [0.0]
        sampler = threading.Thread(target=_sample_tree, args=(proc.pid, done, tree_peak), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own resource usage, peak RSS included
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        if timer:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    for suffix in (".out", ".err", ".in"):
        Path(f"{out_path}{suffix}").unlink(missing_ok=True)
    # CPU time includes the child's own children once it has waited for them (its workers)
    return {"code": proc.returncode, "wall_s": wall, "peak_rss_mb": usage.ru_maxrss / 1024,
            "user_s": usage.ru_utime, "system_s": usage.ru_stime,
            "peak_tree_mb": tree_peak[0] or None, "stdout": stdout, "stderr": stderr, "timed_out": timed_out.is_set()}


def last_json(text: str) -> dict | None:
    for line in reversed(text.strip().splitlines()):
        try:
            return json.loads(line)
        except ValueError:
            continue
    return None


# --- steps -----------------------------------------------------------------------------------------


def build(corpus: Path, out: Path, timeout: float, full: bool = False) -> dict:
    digest = package_digest()
    before = extras.load()
    child = run_child([PYTHON, "-c", BUILD_CHILD, str(corpus), str(out)] + (["full"] if full else []), timeout=timeout)
    result = last_json(child["stdout"]) or {"ok": False, "error": (child["stderr"] or "no output")[-3000:]}
    if child["timed_out"]:
        result = {"ok": False, "error": f"killed after {timeout:g} s"}
    result.update(wall_s=child["wall_s"], peak_rss_mb=child["peak_rss_mb"], peak_tree_mb=child["peak_tree_mb"], exit_code=child["code"], package=digest,
                  user_s=child["user_s"], system_s=child["system_s"], load=[before, extras.load()])
    return result


def touch_one_article(corpus: Path, nth: int = 0) -> dict:
    """Change one outcome's count in one article: the `nth` that has a count, from the middle one on."""
    files = sorted((corpus / "articles").glob("*.yaml"))
    order = files[len(files) // 2:] + files[: len(files) // 2]
    for path in order:
        text = path.read_text(encoding="utf-8")
        match = re.search(r"^(\s+count: )(\d+)$", text, re.MULTILINE)
        if match and nth > 0:
            nth -= 1
        elif match:
            old = int(match[2])
            path.write_text(text[: match.start(2)] + str(old + 1) + text[match.end(2):], encoding="utf-8")
            return {"file": str(path.relative_to(corpus)), "change": f"an outcome's count {old} -> {old + 1}"}
    path = order[0]
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    return {"file": str(path.relative_to(corpus)), "change": "a blank line appended"}


PICKS = {
    "actor": """SELECT ?x (COUNT(?c) AS ?n) WHERE { ?c kb:claimant ?x } GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1""",
    "event": """SELECT ?x (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?x kb:hasOutcome ?o } }
                GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1""",
    "day": """SELECT ?x (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?e kb:earliestDate ?x ; kb:latestDate ?x ; kb:evidence ?v }
              ?e a/rdfs:subClassOf* kb:Event } GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1""",
    "agreement": """SELECT ?x (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?x kb:hasProvision ?p } }
                    GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1""",
    "place": """SELECT ?x (COUNT(DISTINCT ?g) AS ?n) WHERE { ?x a kb:Settlement . GRAPH ?g { ?s ?p ?x } }
                GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1""",
    "side": """SELECT ?x (COUNT(?o) AS ?n) WHERE { ?o kb:affectedParty ?x ; kb:outcomeKind kb:Killed }
               GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1""",
    "group": """SELECT ?x (COUNT(DISTINCT ?m) AS ?n) WHERE { ?x a kb:ArmedGroup . ?m oa:hasBody ?x }
                GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1""",
}


def pick_parameters(build_dir: Path) -> dict:
    """Parameter values chosen from the built knowledge base, with how often each occurs."""
    from kb.vocabulary import PREFIXES
    from kb.store import Store

    store = Store.open(build_dir)
    picked = {}
    for key, sparql in PICKS.items():
        rows = list(store.query(sparql, prefixes=PREFIXES))
        if rows:
            value, count = rows[0]["x"].value, int(rows[0]["n"].value)
            entity = value.rsplit("/entity/", 1)[-1] if "/entity/" in value else value
            picked[key] = {"value": entity, "occurrences": count}
    return picked


# which picked value each query parameter gets (by query and parameter name, then by name alone)
PARAMS_FOR = {
    ("entity", "entity"): "place", ("entity-names", "entity"): "group", ("claims-about", "subject"): "event",
    "actor": "actor", "agreement": "agreement", "event": "event", "day": "day", "subject": "event",
    "entity": "place", "side": None, "about": None, "type": None, "accused": None,
}


# queries also timed with an optional parameter bound: (query, parameter, picked value)
VARIANTS = [("casualties", "side", "side")]


def query_plan(picked: dict) -> list[dict]:
    from kb.queries import library

    plan = []
    queries = library()
    runs = [(name, query, None) for name, query in queries.items()]
    runs += [(name, queries[name], (param, key)) for name, param, key in VARIANTS if name in queries and key in picked]
    for name, query, variant in runs:
        params, missing = {}, []
        if variant:
            params[variant[0]] = picked[variant[1]]["value"]
        for param in query.params:
            key = PARAMS_FOR.get((name, param.name), PARAMS_FOR.get(param.name, "?"))
            if key and key in picked:
                params[param.name] = picked[key]["value"]
            elif not param.optional:
                missing.append(param.name)
        entry = {"name": name + (f" ({variant[0]})" if variant else ""), "query": name, "params": params,
                 "target_ms": TARGETS["selective_ms"] if name in SELECTIVE else TARGETS["aggregate_ms"],
                 "kind": "selective" if name in SELECTIVE else "aggregate"}
        if missing:
            entry["error"] = f"no value for parameter(s) {', '.join(missing)}"
        else:
            entry["text"] = query.bound(params)
        plan.append(entry)
    return plan


def summary(times: list[float]) -> dict:
    ordered = sorted(times)
    p95 = ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]
    return {"min_ms": ordered[0] * 1000, "median_ms": statistics.median(ordered) * 1000, "p95_ms": p95 * 1000,
            "n": len(ordered), "load": [extras.load()]}


def time_store_queries(build_dir: Path, plan: list[dict], repeat: int, budget: float, timeout: float,
                       key: str = "oxigraph") -> None:
    for entry in plan:
        if "text" not in entry:
            continue
        print(f"    {key:<9} {entry['name']}", file=sys.stderr, flush=True)
        before = extras.load()
        child = run_child([PYTHON, "-c", STORE_CHILD, str(build_dir), str(repeat), str(budget)],
                          stdin=entry["text"], timeout=timeout)
        result = last_json(child["stdout"])
        if child["timed_out"] and result is None:
            entry[key] = {"timeout_s": timeout}
        elif result is None:
            entry[key] = {"error": child["stderr"][-800:]}
        else:
            # without a timed run (the time limit came first), the warm-up is the only measurement
            entry[key] = {**summary(result["times"] or [result["warmup_s"]]), "warmup_ms": result["warmup_s"] * 1000,
                                 "rows": result["rows"], "open_ms": result["open_s"] * 1000,
                                 "warmup_only": not result["times"], "load": [before, extras.load()],
                                 "min_ms": min(result["times"] or [result["warmup_s"]]) * 1000}


def time_served_queries(build_dir: Path, plan: list[dict], repeat: int, budget: float) -> dict:
    from kb.serve import ServeConfig, serve_in_thread

    start = time.perf_counter()
    server, endpoint, thread = serve_in_thread(ServeConfig(build_dir, "127.0.0.1", 0, timeout=budget))
    started = time.perf_counter() - start
    host, port = server.server_address[:2]
    try:
        for entry in plan:
            if "text" not in entry:
                continue
            print(f"    serve     {entry['name']}", file=sys.stderr, flush=True)
            url = f"http://{host}:{port}/queries/{entry['query']}"
            if entry["params"]:
                url += "?" + urllib.parse.urlencode(entry["params"])

            def get():
                request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
                t = time.perf_counter()
                with urllib.request.urlopen(request, timeout=budget + 30) as response:
                    body = response.read()
                    rows = response.headers.get("X-Result-Rows")
                    truncated = response.headers.get("X-Result-Truncated")
                return time.perf_counter() - t, len(body), rows, truncated

            try:
                warmup, size, rows, truncated = get()
                times = []
                while len(times) < repeat and (not times or warmup + sum(times) < budget):
                    times.append(get()[0])
                entry["serve"] = {**summary(times), "warmup_ms": warmup * 1000, "rows": int(rows) if rows else None,
                                  "bytes": size, "truncated": bool(truncated)}
            except urllib.error.HTTPError as err:
                message = err.read().decode(errors="replace").strip()
                entry["serve"] = ({"timeout_s": budget} if err.code == 503 and "time limit" in message
                                  else {"error": f"HTTP {err.code}: {message[:300]}"})
            except (OSError, urllib.error.URLError) as err:
                entry["serve"] = {"error": f"{type(err).__name__}: {err}"}
    finally:
        server.shutdown()
        server.server_close()
        endpoint.close()
    return {"start_ms": started * 1000}


def time_rdflib(build_dir: Path, plan: list[dict], repeat: int, budget: float, load_timeout: float) -> dict:
    runnable = [entry for entry in plan if "text" in entry]
    payload = json.dumps([[entry["name"], entry["text"]] for entry in runnable])
    timeout = load_timeout + len(runnable) * (budget * 2 + 10)
    print(f"    rdflib    loading kb.trig, then {len(runnable)} queries (budget {budget:g} s each)", file=sys.stderr, flush=True)
    child = run_child([PYTHON, "-c", RDFLIB_CHILD, str(build_dir / "kb.trig"), str(budget), str(repeat)],
                      stdin=payload, timeout=timeout)
    lines = [json.loads(line) for line in child["stdout"].splitlines() if line.startswith("{")]
    info = {"peak_rss_mb": child["peak_rss_mb"]}
    if not lines:
        info["error"] = ("killed after %g s" % timeout) if child["timed_out"] else child["stderr"][-800:]
        return info
    info.update(load_s=lines[0]["load_s"], rss_after_load_mb=lines[0]["rss_mb"])
    done = {line["name"]: line for line in lines[1:]}
    for entry in runnable:
        line = done.get(entry["name"])
        if line is None:
            entry["rdflib"] = {"error": "not run (the rdflib process ended early)"}
        elif "timeout_s" in line or "error" in line:
            entry["rdflib"] = {key: line[key] for key in ("timeout_s", "error") if key in line}
        else:
            entry["rdflib"] = {**summary(line["times"]), "warmup_ms": line["warmup_s"] * 1000, "rows": line["rows"]}
        ox_ms = entry.get("oxigraph", {}).get("median_ms")
        if ox_ms and "median_ms" in entry["rdflib"]:
            entry["ratio"] = entry["rdflib"]["median_ms"] / ox_ms
        elif ox_ms and "timeout_s" in entry["rdflib"]:
            entry["ratio_at_least"] = entry["rdflib"]["timeout_s"] * 1000 / ox_ms
    return info


# --- reporting -------------------------------------------------------------------------------------


def package_digest() -> str:
    """A digest of the package's code and data, to tell which version of it a figure was measured on
    (the package is being edited while benchmarks run)."""
    digest = hashlib.sha1()
    for folder in ("kb", "queries", "shapes", "ontology"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".rq", ".ttl"}:
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def machine() -> dict:
    info = {"nproc": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    try:
        meminfo = Path("/proc/meminfo").read_text()
        info["memory_gb"] = round(int(re.search(r"MemTotal:\s+(\d+)", meminfo)[1]) / 1024 / 1024, 1)
        cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
        info["cpu"] = cpu[1].strip() if cpu else None
    except OSError:
        pass
    for package in ("pyoxigraph", "rdflib", "pyshacl", "pydantic", "PyYAML", "conflict-news-kb"):
        try:
            info[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            info[package] = None
    return info


def ms(value: float | None) -> str:
    if value is None:
        return "-"
    if value >= 10_000:
        return f"{value / 1000:.1f} s"
    if value >= 1000:
        return f"{value / 1000:.2f} s"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def cell(result: dict | None, key: str = "median_ms") -> str:
    if not result:
        return "-"
    if "timeout_s" in result:
        return f"> {result['timeout_s']:g} s"
    if "error" in result:
        return "error"
    return ms(result.get(key))


def render(data: dict) -> str:
    lines = []
    build, rebuild = data.get("build", {}), data.get("rebuild", {})
    lines.append(f"== {data['size']:,} triples: {data['articles']} articles, "
                 f"{build.get('triples', 0):,} triples built (seed {data['seed']}) ==")
    lines.append("targets are those stated for 1M triples; package "
                 + ", ".join(f"{key} {value}" for key, value in (
                     ("build", build.get("package")), ("rebuild", rebuild.get("package")),
                     ("queries", data.get("package_at_queries"))) if value))

    def build_line(label, result, target):
        if not result:
            return f"{label:<28} not run"
        if not result.get("ok"):
            return f"{label:<28} FAILED after {result.get('wall_s', 0):.1f} s: {result.get('error', '')[:300]}"
        steps = " | ".join(f"{name} {seconds:.2f} s" for name, seconds in result.get("timings", {}).items())
        rebuilt = f", {result['rebuilt']} article(s) rebuilt" if result.get("rebuilt") is not None else ""
        loads = result.get("load") or ["?", "?"]
        return (f"{label:<28} {result['wall_s']:8.2f} s   (in kb.api.build {result['build_s']:.2f} s{rebuilt})   "
                f"[target {target}]   load {loads[0]}-{loads[1]}\n{'':<28} steps: {steps}\n"
                f"{'':<28} peak memory {result['peak_rss_mb']:.0f} MB (largest process), "
                f"{result.get('peak_tree_mb') or 0:.0f} MB (all its processes)   [target <= 8 GB at 10M]")

    lines.append(build_line("full build", build, "<= 25 s at 1M, <= 5 min at 10M"))
    builds = data.get("builds")
    if builds and "error" in builds:
        lines.append(f"{'more full builds':<28} FAILED: {builds['error'][:300]}")
    elif builds:
        lines.append(f"{str(builds['n']) + ' full builds':<28} wall {extras.figure(builds['wall'])}, "
                     f"in kb.api.build {extras.figure(builds['build'])}   (after sync)")
        lines.append(f"{'':<28} CPU time: user {extras.figure(builds['user_s'])}, system {extras.figure(builds['system_s'])}")
        lines.append(f"{'':<28} steps (median): " + " | ".join(
            f"{name} {entry['median_s']:.2f} s" for name, entry in builds["steps"].items()))
        lines.append(f"{'':<28} highest peak {builds['peak_rss_mb']:.0f} MB (largest process), "
                     f"{builds['peak_tree_mb']:.0f} MB (all its processes)")
    lines.append(build_line("one-article rebuild", rebuild, "<= 1 s at 1M"))
    if data.get("touched"):
        lines.append(f"{'':<28} changed: {data['touched']['file']}: {data['touched']['change']}")
    rebuilds = data.get("rebuilds")
    if rebuilds and "error" in rebuilds:
        lines.append(f"{'more rebuilds':<28} FAILED: {rebuilds['error'][:300]}")
    elif rebuilds:
        lines.append(f"{str(len(rebuilds['runs'])) + ' more rebuilds':<28} wall {extras.figure(rebuilds['wall'])}, "
                     f"in kb.api.build {extras.figure(rebuilds['build'])}   (each of another article, after sync)")
    if data.get("params"):
        lines.append("parameters: " + ", ".join(
            f"{key}={value['value']} ({value['occurrences']})" for key, value in data["params"].items()))
    rd = data.get("rdflib_info", {})
    if rd:
        lines.append(f"rdflib: kb.trig (+ ontology) loaded in {rd['load_s']:.1f} s, {rd['rss_after_load_mb']:.0f} MB after "
                     f"loading, {rd['peak_rss_mb']:.0f} MB peak while querying"
                     if "load_s" in rd else f"rdflib: {rd.get('error', 'not run')}")
    header = (f"{'query':<20}{'rows':>7} {'min':>8}{'oxigraph':>9}{'p95':>9}  {'rebuilt':>9}{'p95':>9}  {'serve':>9}{'p95':>9}  "
              f"{'rdflib':>10} {'rdf/ox':>8}  {'target':>7}  ok  load")
    lines.append("latency in ms (median after one warm-up; p95 over the repeats); oxigraph: on the full build's store, "
                 "rebuilt: after the one-article rebuild; serve and rdflib: after the rebuild")
    lines.append(header)
    lines.append("-" * len(header))
    for entry in data.get("queries", []):
        ox, sv, rd_ = entry.get("oxigraph"), entry.get("serve"), entry.get("rdflib")
        if "error" in entry:
            lines.append(f"{entry['name']:<20} {entry['error']}")
            continue
        rows = (ox or {}).get("rows")
        ratio = (f"{entry['ratio']:.0f}x" if entry["ratio"] >= 10 else f"{entry['ratio']:.1f}x") if "ratio" in entry else (
            f">{entry['ratio_at_least']:.0f}x" if "ratio_at_least" in entry else "-")
        ok = "-"
        medians = [m.get(key) for m in (ox, entry.get("after_rebuild"), sv) if m for key in ("median_ms", "p95_ms")]
        if medians:
            ok = "yes" if all(m is not None and m <= entry["target_ms"] for m in medians) else "NO"
        load = (ox or {}).get("load") or ["-"]
        truncated = "*" if (sv or {}).get("truncated") else ""
        lines.append(f"{entry['name']:<20}{rows if rows is not None else '-':>7} {cell(ox, 'min_ms'):>8}{cell(ox):>9}"
                     f"{cell(ox, 'p95_ms'):>9}  {cell(entry.get('after_rebuild')):>9}{cell(entry.get('after_rebuild'), 'p95_ms'):>9}  "
                     f"{cell(sv) + truncated:>9}{cell(sv, 'p95_ms'):>9}  {cell(rd_):>10} {ratio:>8}  "
                     f"{ms(entry['target_ms']):>7}  {ok:<3} {load[0]}")
    if any((entry.get("serve") or {}).get("truncated") for entry in data.get("queries", [])):
        lines.append("* kb serve returned only its first 10,000 rows (its max_rows default)")
    validate = data.get("validate") or {}
    for key, entry in validate.items():
        lines.append(f"{key + ' (kb.ttl)':<40} {extras.figure(entry)}   (min / median / p95)")
    remote = data.get("remote") or {}
    for key, entry in remote.items():
        if key == "queries":
            for name, timing in entry.items():
                lines.append(f"{'  kb query --endpoint ' + name:<40} {extras.figure(timing)}   (in process)")
        else:
            lines.append(f"{key:<40} {extras.figure(entry)}")
    for entry in data.get("queries", []):
        for engine in ("oxigraph", "after_rebuild", "serve", "rdflib"):
            if "error" in (entry.get(engine) or {}):
                lines.append(f"error: {entry['name']} on {engine}: {entry[engine]['error'][:200]}")
    return "\n".join(lines)


def render_commands(timings: dict) -> str:
    """The start-up table: each command's wall time, the work it does, and the difference."""
    lines = ["== commands on the bundled corpus: wall time as a user runs them, min / median / p95 ==",
             f"{'python -c pass':<24} {extras.figure(timings['python'])}"]
    for key, entry in timings.items():
        if key == "python":
            continue
        line = f"{'kb ' + key:<24} {extras.figure(entry['wall'])}"
        work = entry.get("work")
        if work and "median_s" in work and "median_s" in entry["wall"]:
            overhead = entry["wall"]["median_s"] - work["median_s"]
            line += f"   work {work['median_s'] * 1000:.0f} ms, overhead {overhead * 1000:.0f} ms (median)"
        lines.append(line)
    return "\n".join(lines)


def time_rebuilds(corpus: Path, out: Path, count: int, timeout: float) -> dict:
    """One-article rebuilds, each of another article, with the disk written first (`sync`): right
    after a full build the kernel is still writing its gigabyte of files, which slows the first
    rebuild (timed on its own) by up to a half, while a curator's edit comes later."""
    runs = []
    for nth in range(1, count + 1):
        touched = touch_one_article(corpus, nth)
        os.sync()
        result = build(corpus, out, timeout)
        if not result.get("ok"):
            return {"error": result.get("error", "the rebuild failed"), "runs": runs}
        runs.append({"wall_s": result["wall_s"], "build_s": result["build_s"], "timings": result["timings"],
                     "load": result["load"], "touched": touched["file"]})
    loads = (min(run["load"][0] for run in runs), max(run["load"][1] for run in runs))
    return {"wall": extras.stats([run["wall_s"] for run in runs], loads),
            "build": extras.stats([run["build_s"] for run in runs], loads), "runs": runs}


def time_full_builds(corpus: Path, out: Path, first: dict, count: int, timeout: float) -> dict:
    """More full builds of the same corpus into the same folder, each once the disk is written
    (`sync`), timed with the first: wall time, time in `kb.api.build` and each step (min, median,
    p95) and the highest peak memory of them all."""
    runs = [first]
    for _ in range(count):
        os.sync()
        result = build(corpus, out, timeout, full=True)
        if not result.get("ok"):
            return {"error": result.get("error", "the build failed"), "runs": len(runs)}
        runs.append(result)
    loads = (min(run["load"][0] for run in runs), max(run["load"][1] for run in runs))
    steps = {name: extras.stats([run["timings"][name] for run in runs], loads) for name in first["timings"]}
    return {"wall": extras.stats([run["wall_s"] for run in runs], loads),
            "build": extras.stats([run["build_s"] for run in runs], loads), "steps": steps,
            "peak_rss_mb": max(run["peak_rss_mb"] for run in runs),
            "peak_tree_mb": max(run.get("peak_tree_mb") or 0 for run in runs),
            "user_s": extras.stats([run["user_s"] for run in runs], loads),
            "system_s": extras.stats([run["system_s"] for run in runs], loads), "n": len(runs)}


def parse_size(text: str) -> int:
    text = text.strip().lower().replace("_", "")
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * factor)


def run_size(size: int, args, results: Path, work: Path) -> dict:
    articles = args.articles or generate.articles_for_triples(size)
    data: dict = {"size": size, "articles": articles, "seed": args.seed, "repeat": args.repeat,
                  "machine": machine(), "targets": TARGETS, "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    corpus, out = work / f"corpus-{size}", work / f"build-{size}"
    save = lambda: (results / f"{size}.json").write_text(json.dumps(data, indent=1) + "\n")  # noqa: E731

    print(f"[{size:,}] generating {articles} articles", file=sys.stderr, flush=True)
    start = time.perf_counter()
    data["generated"] = generate.generate(corpus, articles, args.seed)
    data["generated"]["seconds"] = time.perf_counter() - start

    print(f"[{size:,}] full build", file=sys.stderr, flush=True)
    data["build"] = build(corpus, out, args.build_timeout, full=True)  # the build replaces its own folder
    save()
    if not data["build"].get("ok"):
        return data
    if args.builds > 1:
        print(f"[{size:,}] {args.builds - 1} more full builds", file=sys.stderr, flush=True)
        data["builds"] = time_full_builds(corpus, out, data["build"], args.builds - 1, args.build_timeout)
        save()
    sizes = {name: sum(f.stat().st_size for f in (out / name).rglob("*") if f.is_file()) if (out / name).is_dir()
             else (out / name).stat().st_size for name in ("kb.trig", "store") if (out / name).exists()}
    data["build"]["output_mb"] = {name: round(value / 1e6, 1) for name, value in sizes.items()}

    data["package_at_queries"] = package_digest()
    data["params"] = pick_parameters(out)
    plan = query_plan(data["params"])
    data["queries"] = plan
    print(f"[{size:,}] queries on the embedded store", file=sys.stderr, flush=True)
    time_store_queries(out, plan, args.repeat, args.budget, args.query_timeout)
    save()

    print(f"[{size:,}] one-article rebuild", file=sys.stderr, flush=True)
    data["touched"] = touch_one_article(corpus)
    data["rebuild"] = build(corpus, out, args.build_timeout)
    save()
    if not data["rebuild"].get("ok") and not (out / "store").is_dir():
        return data
    if args.rebuilds > 1 and data["rebuild"].get("ok"):
        print(f"[{size:,}] {args.rebuilds - 1} more one-article rebuilds", file=sys.stderr, flush=True)
        data["rebuilds"] = time_rebuilds(corpus, out, args.rebuilds - 1, args.build_timeout)
        save()
    # a rebuild patches the store, which leaves it less compact than a full build's
    if size <= args.requery_max:
        print(f"[{size:,}] queries on the embedded store after the rebuild", file=sys.stderr, flush=True)
        time_store_queries(out, plan, args.repeat, args.budget, args.query_timeout, key="after_rebuild")
        save()
        print(f"[{size:,}] queries through kb serve", file=sys.stderr, flush=True)
        data["serve_info"] = time_served_queries(out, plan, args.repeat, args.budget)
        save()
    if size <= args.validate_max:
        print(f"[{size:,}] kb validate kb.ttl", file=sys.stderr, flush=True)
        data["validate"] = extras.time_validate(out, args.validate_repeat, pyshacl=size <= args.pyshacl_max)
        save()
    if size <= args.remote_max:
        print(f"[{size:,}] kb push into Oxigraph's server, and kb query --endpoint", file=sys.stderr, flush=True)
        data["remote"] = extras.time_remote(out, work, plan, min(args.repeat, 10))
        save()
    if args.rdflib_max and size > args.rdflib_max:
        data["rdflib_info"] = {"error": f"skipped above {args.rdflib_max:,} triples (--rdflib-max)"}
    else:
        print(f"[{size:,}] rdflib baseline", file=sys.stderr, flush=True)
        data["rdflib_info"] = time_rdflib(out, plan, min(args.repeat, args.rdflib_repeat), args.rdflib_budget,
                                          args.rdflib_load_timeout)
    for entry in plan:
        entry.pop("text", None)
    data["finished"] = time.strftime("%Y-%m-%d %H:%M:%S")
    save()
    return data


def compile_package() -> None:
    """Write the package's bytecode, as installing it does. A checkout installed in editable mode
    gets none while PYTHONDONTWRITEBYTECODE is set (as on the development machine), and every
    process would then compile the package's modules again: +0.1-0.2 s on each command's start."""
    import compileall
    import importlib.util

    for folder in importlib.util.find_spec("kb").submodule_search_locations:
        compileall.compile_dir(folder, quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="sizes in triples, comma-separated (10k, 1M work too)")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per query, after one warm-up")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--articles", type=int, help="force the number of articles (for trying things out)")
    parser.add_argument("--budget", type=float, default=60.0,
                        help="seconds of timed runs per query and engine; fewer repeats when exceeded (and kb serve's time limit)")
    parser.add_argument("--query-timeout", type=float, default=300.0,
                        help="stop an embedded-store query (its process is killed) after this many seconds")
    parser.add_argument("--build-timeout", type=float, default=3600.0)
    parser.add_argument("--builds", type=int, default=3,
                        help="full builds timed per size (the last one is queried), each after sync")
    parser.add_argument("--rebuilds", type=int, default=6,
                        help="one-article rebuilds: the first right after the full build, the others after sync")
    parser.add_argument("--rdflib-budget", type=float, default=60.0, help="time limit of one rdflib query run")
    parser.add_argument("--rdflib-repeat", type=int, default=5, help="timed rdflib runs per query, at most")
    parser.add_argument("--rdflib-load-timeout", type=float, default=1800.0)
    parser.add_argument("--rdflib-max", type=int, default=0, help="skip rdflib above this many triples (0: never)")
    parser.add_argument("--work", type=Path, default=HERE / "_work", help="folder for corpora and builds")
    parser.add_argument("--results", type=Path, default=HERE / "results")
    parser.add_argument("--requery-max", type=int, default=1_000_000,
                        help="time the queries after the rebuild and through kb serve up to this many triples")
    parser.add_argument("--validate-max", type=int, default=1_000_000, help="time kb validate up to this many triples")
    parser.add_argument("--validate-repeat", type=int, default=5, help="runs of kb validate per size")
    parser.add_argument("--pyshacl-max", type=int, default=100_000, help="time plain pySHACL up to this many triples")
    parser.add_argument("--remote-max", type=int, default=1_000_000,
                        help="time kb push and kb query --endpoint up to this many triples")
    parser.add_argument("--commands", type=int, default=20, metavar="N",
                        help="time the commands' start-up (kb --help, --version, query, check) N times (0: not)")
    args = parser.parse_args(argv)
    compile_package()
    args.results.mkdir(parents=True, exist_ok=True)
    args.work.mkdir(parents=True, exist_ok=True)
    if args.commands:
        print("[commands] start-up on the bundled corpus", file=sys.stderr, flush=True)
        commands = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S"),
                    "timings": extras.time_commands(args.work, args.commands)}
        (args.results / "commands.json").write_text(json.dumps(commands, indent=1) + "\n")
        table = render_commands(commands["timings"])
        (args.results / "commands.txt").write_text(table + "\n")
        print(table + "\n", flush=True)
    for size in [parse_size(s) for s in args.sizes.split(",") if s.strip()]:
        data = run_size(size, args, args.results, args.work)
        table = render(data)
        (args.results / f"{size}.txt").write_text(table + "\n")
        print(table + "\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
