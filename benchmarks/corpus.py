"""Deterministic synthetic corpus for the performance benchmark.

    python benchmarks/corpus.py OUT_DIR --stories N --companies C [--seed 1]

writes ``OUT_DIR/site.yaml``, ``OUT_DIR/content/companies/*.yaml`` and
``OUT_DIR/content/stories/<year>/<YYYY-MM-DD>-<slug>.md``. The same arguments always give
byte-identical files: all randomness comes from one ``random.Random(seed)`` and a fixed
word list, and nothing depends on the clock, the locale or hash ordering.

Every front-matter feature is exercised: all outcomes and apology values (quoted strings and
unquoted YAML 1.1 booleans), incident/resolved dates (resolved only with outcome
``resolved``, never before the incident), timelines of 1-6 events in date order with ``by``
and ``via``, updates after the story date, compensation as text and as a mapping, channels,
tags, authors, languages, summaries, slug overrides and the odd draft. Every story's
company matches a record by name, alias or slug, in varying case, so a build of the corpus
gives no warnings. Nothing is ever deleted: write into an empty or fresh folder.

``write_corpus(out_dir, stories=..., companies=..., seed=...)`` is the importable API.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

__all__ = ["write_corpus", "main"]

FIRST_YEAR = 2010
LAST_YEAR = 2025
LAST_DAY = date(LAST_YEAR, 12, 31)

OUTCOMES = ("open", "resolved", "unresolved", "gave-up")
CHANNELS = (
    "phone", "email", "twitter", "facebook", "webform",
    "letter", "chat", "visit", "ombudsman", "other",
)
ACTORS = ("me", "company", "third-party")
SECTORS = ("telecom", "energie", "water", "verzekering", "bank", "vervoer", "warmte")
AUTHORS = ("Marieke van Dalen", "Joost Hendriks", "Fatima el Amrani", "Pieter de Wit", "Sanne Bakker")

TAGS = (
    "glasvezel", "aansluiting", "storing", "factuur", "nummerbehoud", "monteur",
    "slimme-meter", "klantenservice", "webformulier", "opzeggen", "incasso", "energie",
    "mobiel", "overstappen", "roaming", "snelheid", "contract", "meterstand", "water",
    "lekkage", "warmte", "compensatie", "wachttijd", "privacy", "verhuizing", "televisie",
    "internet", "bellen", "jaarafrekening", "voorschot", "boete", "incassobureau",
    "geschillencommissie", "excuses", "terugbetaling", "modem", "wifi", "prepaid",
    "zonnepanelen", "stroomstoring",
)

COMPANY_HEADS = (
    "Glas", "Stroom", "Bel", "Nuvo", "Water", "Warm", "Kabel", "Zon", "Wind", "Gas",
    "Licht", "Golf", "Polder", "Dijk", "Veld", "Duin", "Berg", "Klaver", "Lucht", "Ster",
)
COMPANY_TAILS = (
    "net", "tij", "vast", "la", "lijn", "werk", "com", "link", "kracht", "punt",
    "baken", "stad", "wijk", "poort", "bron", "haven",
)
COMPANY_KINDS = ("", "", " Telecom", " Energie", " Mobiel", " Diensten", " Groep")

# A fixed word list: ordinary Dutch complaint vocabulary, a few English words and a few
# words with diacritics so transliteration, search and escaping get exercised.
WORDS = tuple(
    """
    de het een en van in op te dat met voor niet is was zijn er aan bij om ook nog maar
    dan al wel geen naar toen want omdat daarna later eerst weer steeds nooit altijd
    klant klantenservice medewerker aanbieder abonnement factuur rekening bedrag euro
    korting vergoeding excuses storing aansluiting internet modem router glasvezel kabel
    telefoon nummer mobiel gesprek wachttijd minuten dagen weken maanden afspraak
    monteur meterkast meter meterstand stroom gas water warmte verwarming energie
    contract opzegging overstap incasso afschrijving terugbetaling naheffing voorschot
    jaarafrekening brief e-mail webformulier chat bericht antwoord reactie klacht
    bezwaar geschillencommissie ombudsman uitleg belofte toezegging herinnering
    bellen wachten vragen beloven sturen komen gaan zeggen schrijven melden controleren
    opnieuw morgen vandaag gisteren maandag dinsdag woensdag donderdag vrijdag
    zaterdag zondag januari februari maart april mei juni juli augustus september
    oktober november december goed slecht snel langzaam laat vroeg duidelijk vaag
    vriendelijk kortaf eerlijk boos moe teleurgesteld tevreden verbaasd
    huis straat buren wijk gemeente systeem fout vergissing oorzaak oplossing
    één geïncasseerd financiële privé café reünie coöperatie
    however the customer service never called back again refund promised
    """.split()
)

FOOTNOTE_WORDS = ("bron", "noot", "detail", "uitleg", "kanttekening")


def _slugify(text: str) -> str:
    out = []
    prev_dash = True
    for ch in text.lower():
        ch = {"é": "e", "ë": "e", "ï": "i", "ö": "o", "ü": "u", "è": "e"}.get(ch, ch)
        if ch.isascii() and ch.isalnum():
            out.append(ch)
            prev_dash = False
        elif not prev_dash:
            out.append("-")
            prev_dash = True
    return "".join(out).strip("-")


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


# 256 entries: a random byte picks a word (the list repeats to fill the table, so a few
# words are a little more common than others, which is fine and much faster than choices()).
_WORD_TABLE = tuple(WORDS[i % len(WORDS)] for i in range(256))


def _words(rng: random.Random, k: int) -> list[str]:
    return list(map(_WORD_TABLE.__getitem__, rng.randbytes(k)))


def _sentence(rng: random.Random, lo: int, hi: int) -> str:
    words = _words(rng, rng.randint(lo, hi))
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def _paragraph(rng: random.Random, n_words: int, sep: str = " ") -> str:
    """`n_words` words in sentences of 6-18 words, joined by `sep` (a newline gives one
    sentence per line: soft breaks in Markdown, and cheap to produce)."""
    words = _words(rng, n_words)
    lengths = rng.randbytes(n_words // 6 + 1)
    sentences = []
    pos = 0
    for b in lengths:
        if pos >= n_words:
            break
        chunk = words[pos : pos + 6 + b % 13]
        pos += len(chunk)
        chunk[0] = chunk[0].capitalize()
        sentences.append(" ".join(chunk) + ".")
    return sep.join(sentences)


def _wrap(text: str, width: int = 90) -> str:
    lines, line, size = [], [], 0
    for word in text.split(" "):
        if line and size + 1 + len(word) > width:
            lines.append(" ".join(line))
            line, size = [], 0
        size += len(word) + (1 if line else 0)
        line.append(word)
    if line:
        lines.append(" ".join(line))
    return "\n".join(lines)


# --------------------------------------------------------------------------- companies


class _Company:
    __slots__ = ("slug", "name", "aliases", "sector", "parent")

    def __init__(self, slug: str, name: str, aliases: list[str], sector: str, parent: str) -> None:
        self.slug, self.name, self.aliases, self.sector, self.parent = slug, name, aliases, sector, parent


def _make_companies(rng: random.Random, count: int) -> list[_Company]:
    combos = [h + t.lower() for h in COMPANY_HEADS for t in COMPANY_TAILS]
    rng.shuffle(combos)
    companies: list[_Company] = []
    seen: set[str] = set()
    for i in range(count):
        base = combos[i % len(combos)]
        kind = rng.choice(COMPANY_KINDS)
        name = base + kind
        if i >= len(combos):
            name = f"{name} {i // len(combos) + 1}"
        slug = _slugify(name)
        while slug in seen:  # cannot happen with the scheme above, but stay safe
            name += " X"
            slug = _slugify(name)
        seen.add(slug)
        aliases: list[str] = []
        if i % 3 == 0 and kind:
            aliases.append(base)  # "Glasnet" for "Glasnet Telecom"
        if i % 4 == 1:
            aliases.append(f"{base} {rng.choice(('BV', 'NV', 'Nederland', 'Klantenservice'))}")
        aliases = [a for a in aliases if _slugify(a) not in seen or _slugify(a) == slug]
        sector = rng.choice(SECTORS) if i % 7 != 6 else ""
        parent = ""
        if i % 5 == 4:
            candidates = [c for c in companies[:i] if not c.parent]
            if candidates:
                parent = rng.choice(candidates).slug
        companies.append(_Company(slug, name, aliases, sector, parent))
    # An alias must not equal another company's name or alias (case-insensitively).
    taken: dict[str, str] = {}
    for c in companies:
        taken.setdefault(c.name.lower(), c.slug)
        taken.setdefault(c.slug, c.slug)
    for c in companies:
        kept = []
        for a in c.aliases:
            if taken.setdefault(a.lower(), c.slug) == c.slug:
                kept.append(a)
        c.aliases = kept
    return companies


def _company_yaml(rng: random.Random, c: _Company) -> str:
    lines = [f"name: {_q(c.name)}"]
    if c.aliases:
        lines.append("aliases: [" + ", ".join(_q(a) for a in c.aliases) + "]")
    if c.sector:
        lines.append(f"sector: {c.sector}")
    if c.parent:
        lines.append(f"parent: {c.parent}")
    if rng.random() < 0.8:
        lines.append(f"website: https://{c.slug}.example/")
    if rng.random() < 0.85:
        desc = _wrap(_paragraph(rng, rng.randint(15, 50)), 86)
        if rng.random() < 0.3:
            desc += "\n\n- " + _sentence(rng, 3, 7) + "\n- **" + _sentence(rng, 2, 5) + "**"
        lines.append("description: |")
        lines.extend(("  " + ln) if ln else "" for ln in desc.split("\n"))
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- stories


def _random_date(rng: random.Random, year: int) -> date:
    start = date(year, 1, 1)
    days = (date(year, 12, 31) - start).days
    return start + timedelta(days=rng.randint(0, days))


def _company_reference(rng: random.Random, c: _Company) -> str:
    r = rng.random()
    if r < 0.55:
        return c.name
    if r < 0.7:
        return c.slug
    if r < 0.8 and c.aliases:
        return rng.choice(c.aliases)
    if r < 0.9:
        return c.name.lower()
    return c.name.upper()


MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)


def _body(rng: random.Random, words: int) -> str:
    """About `words` words (whitespace-separated, markup included) of Markdown: paragraphs,
    one heading, and now and then emphasis, a list, a table, a quote or a footnote."""
    parts: list[str] = []
    footnotes: list[str] = []
    remaining = words
    i = 0

    def add(text: str) -> None:
        nonlocal remaining
        parts.append(text)
        remaining -= len(text.split())

    while remaining > 0:
        if i == 1:
            add("## " + " ".join(_words(rng, rng.randint(2, 5))).capitalize())
        para = _paragraph(rng, max(1, min(remaining, rng.randint(40, 110))), "\n")
        if rng.random() < 0.15:
            words_in = para.split(" ")
            k = rng.randrange(len(words_in))
            if "\n" not in words_in[k] and not words_in[k].endswith("."):
                words_in[k] = f"**{words_in[k]}**" if rng.random() < 0.5 else f"*{words_in[k]}*"
            para = " ".join(words_in)
        if rng.random() < 0.12 and len(footnotes) < 3 and remaining > 40:
            label = f"{rng.choice(FOOTNOTE_WORDS)}{len(footnotes) + 1}"
            para = para[:-1] + f"[^{label}]."
            note = f"[^{label}]: " + _sentence(rng, 5, 14)
            footnotes.append(note)
            remaining -= len(note.split())
        add(para)
        i += 1
        if remaining < 40:
            continue
        r = rng.random()
        if r < 0.12:
            add("\n".join(f"- {_sentence(rng, 3, 10)}" for _ in range(rng.randint(2, 5))))
        elif r < 0.18:
            add("\n".join(f"{j + 1}. {_sentence(rng, 3, 10)}" for j in range(rng.randint(2, 4))))
        elif r < 0.24:
            rows = ["| Datum | Wat | Bedrag |", "|---|---|---:|"]
            for _ in range(rng.randint(2, 5)):
                rows.append(
                    f"| {rng.randint(1, 28)} {rng.choice(MONTHS)} "
                    f"| {' '.join(_words(rng, 3))} | € {rng.randint(1, 400)},{rng.randint(0, 99):02d} |"
                )
            add("\n".join(rows))
        elif r < 0.27:
            add("> " + _wrap(_sentence(rng, 8, 20)).replace("\n", "\n> "))
    parts.extend(footnotes)
    return "\n\n".join(parts) + "\n"


def _story(rng: random.Random, index: int, company: _Company) -> tuple[str, str]:
    """Return (relative path, file text) for story number `index`."""
    year = FIRST_YEAR + (index * 7 + rng.randint(0, 3)) % (LAST_YEAR - FIRST_YEAR + 1)
    published = _random_date(rng, year)
    title_words = _words(rng, rng.randint(3, 7))
    title = " ".join(title_words).capitalize()
    slug = f"{_slugify(title)}-{index + 1}"
    outcome = OUTCOMES[index % 4] if rng.random() < 0.5 else rng.choice(OUTCOMES)
    apology = rng.choice(("yes", "no", "partial"))
    apology_text = {
        0: apology,  # unquoted; "yes"/"no" are YAML 1.1 booleans
        1: _q(apology),
        2: f"'{apology}'",
    }[rng.randrange(3)]

    fm = [
        "---",
        f"title: {_q(title)}",
        f"company: {_q(_company_reference(rng, company))}",
        f"date: {published.isoformat()}",
        f"outcome: {outcome}",
        f"apology: {apology_text}",
    ]
    if rng.random() < 0.3:
        fm.append(f"author: {_q(rng.choice(AUTHORS))}")
    if rng.random() < 0.15:
        fm.append("language: en")
    elif rng.random() < 0.1:
        fm.append("language: nl")
    if rng.random() < 0.25:
        fm.append(f"summary: {_q(_sentence(rng, 8, 20))}")

    incident: date | None = None
    resolved: date | None = None
    if rng.random() < 0.9:
        incident = published - timedelta(days=rng.randint(1, 240))
        fm.append(f"incident: {incident.isoformat()}")
        if outcome == "resolved" and rng.random() < 0.85:
            span = (published - incident).days
            resolved = incident + timedelta(days=rng.randint(0, span))
            fm.append(f"resolved: {resolved.isoformat()}")

    channels = sorted(rng.sample(CHANNELS, rng.randint(1, 4)), key=CHANNELS.index)
    if rng.random() < 0.9:
        fm.append("channels: [" + ", ".join(channels) + "]")

    r = rng.random()
    if r < 0.3:
        fm.append(f"compensation: {_q(f'{rng.randint(5, 100)} euro korting')}")
    elif r < 0.5:
        amount = f"{rng.randint(1, 500)}" if rng.random() < 0.6 else f"{rng.randint(1, 500)}.{rng.randint(0, 99):02d}"
        parts = [f"amount: {amount}", f"currency: {rng.choice(('EUR', 'EUR', 'EUR', 'USD'))}"]
        if rng.random() < 0.7:
            parts.append(f"note: {_q(_sentence(rng, 3, 9))}")
        fm.append("compensation: {" + ", ".join(parts) + "}")

    if rng.random() < 0.95:
        tags = sorted(rng.sample(TAGS, rng.randint(1, 5)), key=TAGS.index)
        fm.append("tags: [" + ", ".join(tags) + "]")

    if rng.random() < 0.85:
        n_events = rng.randint(1, 6)
        start = incident or published - timedelta(days=rng.randint(1, 120))
        end = resolved or published
        span = (end - start).days
        dates = sorted(start + timedelta(days=rng.randint(0, span)) for _ in range(n_events))
        dates[0] = start
        fm.append("timeline:")
        for k, d in enumerate(dates):
            fm.append(f"  - date: {d.isoformat()}")
            if rng.random() < 0.85:
                by = "company" if k == 0 and rng.random() < 0.5 else rng.choice(ACTORS)
                fm.append(f"    by: {by}")
            if rng.random() < 0.7:
                fm.append(f"    via: {rng.choice(channels)}")
            fm.append(f"    text: {_q(_sentence(rng, 4, 16))}")

    if rng.random() < 0.3 and published < LAST_DAY:
        room = (LAST_DAY - published).days
        n_updates = rng.randint(1, 2)
        offsets = sorted(rng.sample(range(1, room + 1), min(n_updates, room)))
        fm.append("updates:")
        for off in offsets:
            fm.append(f"  - date: {(published + timedelta(days=off)).isoformat()}")
            fm.append(f"    text: {_q(_sentence(rng, 6, 24))}")

    if rng.random() < 0.02:
        fm.append(f"slug: {_q(f'verhaal-{index + 1}')}")
    if rng.random() < 0.01:
        fm.append("draft: true")
    elif rng.random() < 0.02:
        fm.append("draft: false")
    fm.append("---")

    body = _body(rng, rng.randint(300, 880))  # overshoots by at most a footnote
    path = f"content/stories/{year}/{published.isoformat()}-{slug}.md"
    return path, "\n".join(fm) + "\n" + body


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def write_corpus(out_dir: Path, *, stories: int, companies: int, seed: int = 1) -> None:
    """Write a synthetic site with `stories` stories and `companies` companies to `out_dir`."""
    if stories < 0 or companies < 1:
        raise ValueError("need stories >= 0 and companies >= 1")
    out_dir = Path(out_dir)
    rng = random.Random(seed)
    comp_dir = out_dir / "content" / "companies"
    comp_dir.mkdir(parents=True, exist_ok=True)
    _write(
        out_dir / "site.yaml",
        "title: \"Benchmark corpus\"\n"
        "base_url: \"http://localhost:8000/\"\n"
        "language: nl\n"
        "author: \"Benchmark\"\n"
        "theme: default\n",
    )
    company_list = _make_companies(rng, companies)
    for c in company_list:
        _write(comp_dir / f"{c.slug}.yaml", _company_yaml(rng, c))

    # A skewed choice of company: a few companies get most of the cases, like real life.
    weights = [1.0 / (1 + k) ** 0.8 for k in range(len(company_list))]
    chosen = rng.choices(company_list, weights=weights, k=stories)
    made_dirs: set[str] = set()
    for index in range(stories):
        rel, text = _story(rng, index, chosen[index])
        folder = rel.rsplit("/", 1)[0]
        if folder not in made_dirs:
            (out_dir / folder).mkdir(parents=True, exist_ok=True)
            made_dirs.add(folder)
        _write(out_dir / rel, text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a deterministic synthetic grievance site.")
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--companies", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.stories < 0 or args.companies < 1:
        parser.error("--stories must be >= 0 and --companies >= 1")
    write_corpus(args.out_dir, stories=args.stories, companies=args.companies, seed=args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
