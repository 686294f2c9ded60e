"""The benchmark harness (benchmarks/): peer exports and report arithmetic. Offline, no peers installed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
import yaml

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
import peers  # noqa: E402
import run  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    corpus.write_corpus(out, stories=5, companies=3, seed=1)
    return out


def _company_names(site: Path) -> set[str]:
    return {yaml.safe_load(p.read_text(encoding="utf-8"))["name"] for p in (site / "content/companies").glob("*.yaml")}


def test_hugo_export(site: Path, tmp_path: Path) -> None:
    assert peers.export_hugo(site, tmp_path) == 5
    config = yaml.safe_load((tmp_path / "hugo.yaml").read_text(encoding="utf-8"))
    assert config["taxonomies"] == {"company": "company", "tag": "tags"}
    assert set(config["outputs"]["term"]) == {"html", "rss"}
    for name in ("baseof", "single", "list", "taxonomy", "term"):
        assert (tmp_path / "layouts/_default" / f"{name}.html").is_file()
    assert "<rss" in (tmp_path / "layouts/_default/rss.xml").read_text(encoding="utf-8")
    files = sorted((tmp_path / "content/stories").glob("*.md"))
    files = [f for f in files if f.name != "_index.md"]
    assert len(files) == 5
    originals = {s.slug: s for s in peers.read_site(site)}
    names = _company_names(site)
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert text.startswith("---\n")
        end = text.index("\n---\n", 3)
        meta = yaml.safe_load(text[4:end])
        story = originals[f.stem]
        assert meta["slug"] == f.stem
        assert meta["title"] == story.meta["title"]
        assert meta["company"][0] in names  # canonical name, whatever the story called it
        assert meta["params"]["apology"] in ("yes", "no", "partial")
        assert meta["params"]["outcome"] == story.meta["outcome"]
        assert text[end + 5 :] == story.body  # the body byte for byte


def test_pelican_export(site: Path, tmp_path: Path) -> None:
    assert peers.export_pelican(site, tmp_path) == 5
    conf = (tmp_path / "pelicanconf.py").read_text(encoding="utf-8")
    namespace: dict = {}
    exec(compile(conf, "pelicanconf.py", "exec"), namespace)  # noqa: S102 - our own generated file
    for key in ("FEED_ALL_ATOM", "FEED_ALL_RSS", "CATEGORY_FEED_ATOM", "CATEGORY_FEED_RSS", "TAG_FEED_ATOM",
                "TAG_FEED_RSS"):
        assert namespace[key], key
    assert "{slug}" in namespace["CATEGORY_FEED_ATOM"]
    assert namespace["LOAD_CONTENT_CACHE"] is False and namespace["RELATIVE_URLS"] is False
    names = _company_names(site)
    originals = {s.slug: s for s in peers.read_site(site)}
    files = sorted((tmp_path / "content").glob("*.md"))
    assert len(files) == 5
    for f in files:
        head, body = f.read_text(encoding="utf-8").split("\n\n", 1)
        meta = dict(line.split(": ", 1) for line in head.splitlines())
        story = originals[f.stem]
        assert meta["Title"] == story.meta["title"]
        assert meta["Slug"] == f.stem
        assert meta["Category"] in names
        assert meta["Date"] == story.meta["date"].isoformat()
        if story.meta.get("tags"):
            assert meta["Tags"] == ", ".join(story.meta["tags"])
        assert body == story.body


def test_median_and_tables() -> None:
    assert run.median([3.0, 1.0, 2.0]) == 2.0
    assert run.median([4.0, 1.0, 2.0, 3.0]) == 2.5
    with pytest.raises(ValueError):
        run.median([])
    stats = [
        run.Stat("grievance cold", 10_000, [2.0, 1.0, 3.0], [100.0], [300.0]),
        run.Stat("grievance no-change", 10_000, [0.2, 0.3, 0.25]),
        run.Stat("hugo cold", 10_000, [2.5, 2.4, 2.6]),
        run.Stat("pelican cold", 10_000, [30.0, 31.0, 29.0]),
        run.Stat("serve edit-to-visible", 10_000, [0.1, 0.2, 0.15]),
        run.Stat("grievance cold", 50_000, [9.0, 11.0, 10.0], [400.0]),
        run.Stat("hugo cold", 1_000, []),
    ]
    table = run.measurement_table(stats)
    assert "| 10,000 | grievance cold | 3 | 2.00 s | 1.00 s | 3.00 s | 100 MB | 300 MB |" in table
    assert "| 10,000 | serve edit-to-visible | 3 | 150 ms |" in table
    assert "skipped" in table
    verdicts = {c.name: (c.value, c.verdict) for c in run.checks(stats)}
    assert verdicts["grievance cold / Hugo cold (10,000)"] == ("0.80x", "PASS")
    assert verdicts["Pelican cold / grievance cold (10,000)"] == ("15.0x", "PASS")
    assert verdicts["grievance no-change / Hugo cold (10,000)"] == ("0.10x", "PASS")
    assert verdicts["serve edit-to-visible (10,000)"] == ("150 ms", "PASS")
    assert verdicts["grievance cold peak memory (10,000)"] == ("300 MB", "PASS")
    assert verdicts["grievance cold growth 10,000 -> 50,000"][1] == "PASS"  # 5x for 5x
    missing = {c.name: c.verdict for c in run.checks(stats[:1])}
    assert missing["grievance cold / Hugo cold (10,000)"] == "n/a"
    text = run.report(stats, {"CPU": "test"}, "python benchmarks/run.py", ["a note"], same_job="", with_search=None)
    assert "| grievance cold / Hugo cold (10,000) | 0.80x | <= 1 | PASS |" in text
    assert "5.00x" in run.growth_table(stats, ["grievance cold"])
    assert "- a note" in text and "- CPU: test" in text


def test_wrapper_sums_the_memory_of_forked_children() -> None:
    # A parent and its forked child each fill 60 MB of their own and sleep past a few samples.
    script = (
        "import os, time\n"
        "pid = os.fork()\n"
        "block = b\"x\" * (60 * 2**20)\n"
        "time.sleep(0.6)\n"
        "if pid:\n"
        "    os.waitpid(pid, 0)\n"
    )
    data = run.run_once([sys.executable, "-c", script])
    assert data["rc"] == 0
    assert data["tree_peak_bytes"] > 110 * 2**20  # both blocks, not one
    assert data["maxrss_kb"] < 100 * 1024  # each process alone holds one block
    assert data["wall"] >= 0.6


def test_minimal_hugo_export_has_company_lists_and_summary_feeds_only(site: Path, tmp_path: Path) -> None:
    assert peers.export_hugo(site, tmp_path, minimal=True) == 5
    config = yaml.safe_load((tmp_path / "hugo.yaml").read_text(encoding="utf-8"))
    assert config["taxonomies"] == {"company": "company"}
    assert config["outputs"] == {"home": ["html", "rss"], "taxonomy": ["html"], "term": ["html", "rss"]}
    assert config["disableKinds"] == ["section", "sitemap", "robotstxt", "404"]
    rss = (tmp_path / "layouts/_default/rss.xml").read_text(encoding="utf-8")
    assert "{{ .Summary | transform.XMLEscape | safeHTML }}" in rss and ".Content" not in rss
    assert len([f for f in (tmp_path / "content/stories").glob("*.md") if f.name != "_index.md"]) == 5


def test_search_targets_of_issue_19() -> None:
    stats = [
        run.Stat("grievance cold (with search)", 10_000, [15.0, 16.0, 17.0], [300.0], [450.0]),
        run.Stat("grievance cold", 10_000, [9.0]),
        run.Stat("hugo + pagefind cold", 10_000, [30.0]),
        run.Stat("hugo minimal cold", 10_000, [10.0]),
        run.Stat("grievance one edit (with search)", 10_000, [2.5]),
        run.Stat("serve first page", 50_000, [50.0]),
    ]
    verdicts = {c.name: (c.value, c.verdict) for c in run.search_checks(stats)}
    assert verdicts == {
        "cold, with search / Hugo + Pagefind cold (10,000)": ("0.53x (16.00 s / 30.00 s)", "PASS"),
        "cold, --no-search / minimal Hugo cold (10,000)": ("0.90x (9.00 s / 10.00 s)", "PASS"),
        "one text edit, with search / minimal Hugo cold (10,000)": ("0.25x (2.50 s / 10.00 s)", "FAIL"),
        "cold with search, peak memory of the process tree (10,000)": ("450 MB", "PASS"),
        "serve answers its first page (50,000)": ("50.00 s", "PASS"),
    }
    missing = {c.name: c.verdict for c in run.search_checks(stats[:1])}
    assert missing["cold, with search / Hugo + Pagefind cold (10,000)"] == "n/a"
    assert missing["serve answers its first page (50,000)"] == "n/a"


def test_edit_kinds_table_has_hugo_server_and_hugo_cold_beside_grievance() -> None:
    stats = [
        run.Stat("grievance cold", 1_000, [4.0]),
        run.Stat("hugo cold", 1_000, [1.5, 2.5]),
        run.Stat("grievance after title", 1_000, [0.8]),
        run.Stat("serve after title", 1_000, [0.3]),
        run.Stat("serve done after title", 1_000, [2.5]),
        run.Stat(run.hugo_serve_label("title"), 1_000, [1.2]),
        run.Stat(run.hugo_serve_label("title", fast_render=True), 1_000, [0.25]),
        run.Stat(run.hugo_serve_label("delete"), 1_000, [0.5]),  # Hugo only: grievance failed or skipped
        run.Stat("serve after delete", 1_000, [], note="serve failed"),
        run.Stat(run.hugo_serve_label("delete", fast_render=True), 1_000, [], note=f"{run.NOT_SHOWN} after 30 s"),
    ]
    table = run.edit_kinds_table(stats, ("title", "delete", "body"))
    lines = table.splitlines()
    assert "Hugo server, save to visible" in lines[0] and "Hugo cold" in lines[0]
    assert lines[0].count("|") == lines[1].count("|")
    assert "| 1,000 | title | 800 ms | 0.20x | 300 ms | 2.50 s | 1.20 s | 250 ms | 2.00 s |" in lines
    assert "| 1,000 | delete | n/a | n/a | n/a | n/a | 500 ms | not shown after 30 s | 2.00 s |" in lines
    assert not any("| body |" in line for line in lines)  # nothing measured for it: no row
    assert "hugo server" in run.report(stats, {}, "cmd", [], same_job="", with_search=None)


def test_settle_waits_for_the_detached_process_a_build_leaves(tmp_path: Path) -> None:
    # A full build leaves a detached process levelling the spare tree (its lock held):
    # the next measured command must not share the machine with it.
    import subprocess
    import sys
    import time

    out = tmp_path / "out"
    lock = tmp_path / ".out-spare.grievance.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT);"
         "fcntl.lockf(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(0.6)", str(lock)],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    started = time.monotonic()
    run.settle(["python", "-m", "generator", "build", "site", "--out", str(out)])
    assert time.monotonic() - started >= 0.3 and holder.wait(5) == 0  # waited until it let go
    started = time.monotonic()
    run.settle(["hugo", "--destination", str(out)])  # not a grievance build: nothing to wait for
    assert time.monotonic() - started < 0.3


def test_a_baseline_checkout_is_timed_beside_todays_code_and_compared(site: Path, tmp_path: Path) -> None:
    # Issue #31's "no slower than before": an earlier checkout's cold build, its own code, the same corpus.
    stats = [
        run.Stat("grievance cold", 10_000, [12.0]),
        run.Stat(run.NO_CARDS, 10_000, [9.0]),
        run.Stat(run.BASELINE, 10_000, [10.0]),
        run.Stat("hugo cold", 10_000, [10.0]),
    ]
    verdicts = {c.name: (c.value, c.verdict) for c in run.checks(stats)}
    assert verdicts["grievance cold / baseline cold (10,000)"] == (
        "1.20x (12.00 s / 10.00 s; against Hugo cold 1.20x and 1.00x)", "FAIL")
    assert verdicts[f"{run.NO_CARDS} / baseline cold (10,000)"][1] == "PASS"
    assert not any("baseline" in c.name for c in run.checks(stats[:2] + stats[3:]))  # none measured: no row
    with pytest.raises(SystemExit):
        run.parse_args(["--baseline", str(tmp_path)])  # not a checkout
    # The baseline runs its own package: a checkout whose generator says who it is.
    root = tmp_path / "before"
    (root / "generator").mkdir(parents=True)
    (root / "generator" / "__init__.py").write_text("")
    (root / "generator" / "__main__.py").write_text(
        "open('ran', 'w').write(__file__)\n")
    item = run.baseline_cold(site, 5, root, ["--no-search"])
    assert item.cwd == root and item.env is not None and item.env["PYTHONPATH"].split(os.pathsep)[0] == str(root)
    assert item.stat.label == run.BASELINE and "--no-search" in item.cmd
    run.interleave([item], 1)
    assert item.stat.times and Path((root / "ran").read_text()).resolve() == root / "generator" / "__main__.py"
    assert run.parse_args(["--baseline", str(root)]).baseline == root


def test_run_once_returns_after_what_the_command_left_running_and_does_not_time_it(tmp_path: Path) -> None:
    # Also an unmeasured build (bench_edit_kinds' first) must not leave its detached process
    # running into the first measured one.
    import time

    out = tmp_path / "out"
    lock = tmp_path / ".out-spare.grievance.lock"
    leaves = ("import fcntl, os, sys, time\n"
              "r, w = os.pipe()\n"
              "if os.fork() == 0:\n"
              "    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT); fcntl.lockf(fd, fcntl.LOCK_EX)\n"
              "    os.write(w, b'x'); time.sleep(0.8); os._exit(0)\n"
              "os.read(r, 1)\n")
    started = time.monotonic()
    data = run.run_once([sys.executable, "-c", leaves, str(lock), "--out", str(out)])
    assert time.monotonic() - started >= 0.6  # waited for the detached child's lock
    assert data["rc"] == 0 and data["wall"] < 0.6  # but timed only the command
