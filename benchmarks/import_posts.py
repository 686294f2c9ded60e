"""How long `grievance import` takes for 1,000 posts (issue #27: under 60 s on 2 cores).

    python benchmarks/import_posts.py [--posts 1000] [--runs 3] [--keep]

Writes invented complaint posts in the shapes the importer reads (plain text with a byline,
Markdown with front-matter, HTML pages, and one RSS feed holding a tenth of them), imports
them into a fresh site in one `python -m generator import` process per run, and prints the
wall-clock seconds of each run and their median. Every post, company and person is made up.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COMPANIES = ["Netwave", "Stroomhuis", "Glasweg", "Belnet", "Waterlijn", "Pakketpost", "Fietsnet", "Bankhuis"]
NL = ["Op {d} {m} {y} viel mijn internet bij {c} uit.", "Ik heb drie keer gebeld met de klantenservice van {c}.",
      "Acht dagen later kwam er eindelijk een monteur.", "De monteur vervangt het modem en vertrok weer.",
      "Ik kreeg {n} euro korting, maar geen excuses.", "Het is nog steeds niet opgelost.",
      "Mijn buurman zit bij een andere provider en had nergens last van.", "Ik stuurde een e-mail en een brief.",
      "Na zes weken was het eindelijk opgelost.", "Ik wacht nog op antwoord van {c}."]
EN = ["On {m} {d}, {y} my line with {c} went dead.", "I called {c} customer service three times.",
      "A week later an engineer finally came.", "They refused to refund the fee.",
      "I got a refund of ${n}, but no apology.", "It seemed to be fixed, but now it's not working again.",
      "My neighbour is with another provider and had no trouble.", "I sent an email and then a letter.",
      "In the end I cancelled my service.", "Still waiting for an answer from {c}."]
MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June"]


def _story(rng: random.Random, n: int, english: bool) -> tuple[str, str, str]:
    """-> (title, body paragraphs, company) of one invented post."""
    company = rng.choice(COMPANIES)
    lines = EN if english else NL
    months = MONTHS_EN if english else MONTHS_NL
    fill = {"c": company, "d": rng.randint(1, 28), "m": rng.choice(months), "y": rng.randint(2012, 2023),
            "n": rng.randint(5, 80)}
    body = [" ".join(line.format(**fill) for line in rng.sample(lines, 5)) for _ in range(rng.randint(3, 8))]
    title = (f"Post {n}: weeks without service from {company}" if english else
             f"Bericht {n}: wekenlang zonder internet bij {company}")
    return title, "\n\n".join(body), company


def write_posts(folder: Path, count: int, seed: int = 27) -> None:
    """count invented posts in folder: a tenth in one RSS feed, the rest text, Markdown and HTML."""
    rng = random.Random(seed)
    items = []
    for n in range(count):
        english = n % 3 == 0
        title, body, _ = _story(rng, n, english)
        shape = n % 10
        if shape == 0:
            paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
            items.append(f"<item><title>{title}</title><link>https://blog.example/{n}/</link>"
                         f"<pubDate>Mon, 0{1 + n % 9} Jan 2018 10:00:00 +0000</pubDate>"
                         f"<description><![CDATA[{paragraphs}]]></description></item>")
        elif shape < 5:
            day = f"{1 + n % 28} maart 2019" if not english else f"March {1 + n % 28}, 2019"
            (folder / f"post-{n}.txt").write_text(f"{title}\n• {day} • Anna de Vries\n{body}\n\nLeave a Reply\n"
                                                  f"3296 views\n", encoding="utf-8")
        elif shape < 8:
            (folder / f"2019-04-{1 + n % 28:02d}-post-{n}.md").write_text(
                f"---\ntitle: \"{title}\"\ndate: 2019-04-{1 + n % 28:02d}\ntags: [klacht]\n---\n{body}\n",
                encoding="utf-8")
        else:
            paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
            (folder / f"page-{n}.html").write_text(
                f"<!doctype html><html><head><title>{title} | Klaagblog</title>"
                f"<meta property=\"article:published_time\" content=\"2020-05-0{1 + n % 9}T10:00:00+02:00\"></head>"
                f"<body><nav>Home | Over</nav><article><h1>{title}</h1>{paragraphs}</article>"
                f"<footer>© 2020 Klaagblog</footer></body></html>", encoding="utf-8")
    (folder / "feed.xml").write_text(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Klaagblog</title>"
        f"<link>https://blog.example/</link><description>x</description>{''.join(items)}</channel></rss>",
        encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the work folder and print its path")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="grievance-import-bench-"))
    posts = work / "posts"
    posts.mkdir()
    write_posts(posts, args.posts)
    times = []
    for run in range(args.runs):
        site = work / f"site-{run}"
        site.mkdir()
        (site / "site.yaml").write_text('title: "Bench"\nbase_url: "https://bench.example/"\nlanguage: nl\n',
                                        encoding="utf-8")
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "generator", "import", str(posts), "--site", str(site)],
                              cwd=REPO, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return 1
        stories = len(list((site / "content/stories").glob("*.md")))
        print(f"run {run + 1}: {stories} stories in {seconds:.1f} s ({done.stdout.strip().splitlines()[-2]})")
        times.append(seconds)
    print(f"median {statistics.median(times):.1f} s for {args.posts} posts (limit 60 s)")
    if args.keep:
        print(work)
    else:
        shutil.rmtree(work)
    return 0 if statistics.median(times) < 60 else 1


if __name__ == "__main__":
    raise SystemExit(main())
