"""site.yaml bytes -> SiteConfig and exact diagnostics."""

from __future__ import annotations

import pytest

from generator.read.config import parse_config
from generator.model import Language, SiteConfig


def parse(text: str | bytes) -> tuple[SiteConfig, list[str]]:
    data = text.encode() if isinstance(text, str) else text
    config, diagnostics = parse_config(data)
    return config, [str(d) for d in diagnostics]


@pytest.mark.parametrize("data", [None, b"", b"# nothing\n"])
def test_defaults(data: bytes | None) -> None:
    assert parse_config(data) == (SiteConfig(), [])


def test_every_key() -> None:
    config, problems = parse(
        "title: Klachten\nbase_url: https://x.nl/blog\nlanguage: en\nauthor: Ann\ntheme: dark\n"
        "feeds: {limit: 10}\npagination:\n  per_page: 5\nmarkdown: {allow_html: yes}\n")
    assert problems == []
    assert config == SiteConfig(title="Klachten", base_url="https://x.nl/blog/", language=Language.EN,
                                author="Ann", theme="dark", feeds_limit=10, per_page=5, allow_html=True)


def test_bom_crlf() -> None:
    config, problems = parse("\ufefftitle: T\r\nlanguage: en\r\n".encode())
    assert problems == [] and config.title == "T" and config.language is Language.EN


@pytest.mark.parametrize(("text", "message"), [
    ("title: x\nauthor: y\nbase_ulr: http://x/\n", "site.yaml:3: unknown key 'base_ulr' (did you mean 'base_url'?)"),
    ("feeds:\n  limt: 5\n", "site.yaml:2: unknown key 'feeds.limt' (did you mean 'feeds.limit'?)"),
    ("base_url: example.org\n", "site.yaml:1: base_url: expected an absolute http(s) URL, got 'example.org'"),
    ("base_url: ftp://x.nl/\n", "site.yaml:1: base_url: expected an absolute http(s) URL, got 'ftp://x.nl/'"),
    ("base_url: [x]\n", "site.yaml:1: base_url: expected an absolute http(s) URL, got a list"),
    ("language: de\n", "site.yaml:1: language: expected nl or en, got 'de'"),
    ("title: 5\n", "site.yaml:1: title: expected a string, got a number (put it in quotes)"),
    ("feeds: 5\n", "site.yaml:1: feeds: expected a mapping with limit, got a number"),
    ("feeds: {limit: 0}\n", "site.yaml:1: feeds.limit: expected a whole number of 1 or more, got 0"),
    ("feeds: {limit: ten}\n", "site.yaml:1: feeds.limit: expected a whole number, got 'ten'"),
    ("feeds: {limit: true}\n", "site.yaml:1: feeds.limit: expected a whole number, got a boolean"),
    ("pagination: {per_page: 2.5}\n", "site.yaml:1: pagination.per_page: expected a whole number, got a number"),
    ("markdown: {allow_html: maybe}\n", "site.yaml:1: markdown.allow_html: expected true or false, got 'maybe'"),
    ("title: a\ntitle: b\n", "site.yaml:2: duplicate key 'title' (first on line 1)"),
    ("- a\n", "site.yaml:1: expected keys (key: value), got a list"),
    ("title: [\n", "site.yaml:2: invalid YAML: did not find expected node content "
     "(while parsing a flow node started on line 2)"),
    ("title: x\n\tauthor: y\n", "site.yaml:2: invalid YAML: found a tab character that violates indentation; "
     "indent with spaces, not tabs"),
    (b"title: \xff\n", "site.yaml:1: not valid UTF-8 text (byte 0xff); save the file as UTF-8"),
])
def test_problems(text: str | bytes, message: str) -> None:
    config, problems = parse(text)
    assert problems == [message]


def test_bad_values_keep_defaults_and_all_are_reported() -> None:
    config, problems = parse("language: de\nfeeds: {limit: 0}\ntitle: Ok\n")
    assert config == SiteConfig(title="Ok")
    assert len(problems) == 2
