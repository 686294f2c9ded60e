"""The fast path of parse_story gives exactly what the full path gives.

parse_story reads plain, valid front-matter with load_plain + quick_mapping and
everything else with load_yaml + Checker. Here both run on the same input and must
agree to the byte: the same Story (compared with ==, and by repr, so 6 vs 6.0 or 1
vs True would show), the same diagnostics. Inputs: a generated corpus (where the fast
path must actually be taken), every story fixture of the test suite, and hypothesis'
mutations of a valid story.
"""

from __future__ import annotations

import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.corpus import write_corpus
from generator.read.story import parse_story, quick_values, split_source
from generator.model import SiteConfig
from generator.read.yamlsource import decode_text
from tests import test_adversarial, test_frontmatter, test_properties

TESTS = Path(__file__).parent
CONFIGS = (SiteConfig(), SiteConfig(allow_html=True))


def assert_same(path: str, data: bytes, configs: tuple[SiteConfig, ...] = CONFIGS) -> None:
    for config in configs:
        fast = parse_story(path, data, config=config)
        full = parse_story(path, data, config=config, fast=False)
        assert fast == full, (path, data[:300])
        assert repr(fast) == repr(full), (path, data[:300])


def took_fast_path(path: str, data: bytes) -> bool:
    text, _ = decode_text(path, data)
    source, _ = split_source(path, text or "")
    return source is not None and quick_values(path, source) is not None


def test_corpus_stories_take_the_fast_path_and_agree(tmp_path: Path) -> None:
    write_corpus(tmp_path, stories=400, companies=12, seed=11)
    files = sorted((tmp_path / "content" / "stories").rglob("*.md"))
    assert len(files) == 400
    for file in files:
        path, data = file.relative_to(tmp_path).as_posix(), file.read_bytes()
        assert took_fast_path(path, data), path
        assert_same(path, data)


def _fixture_stories() -> list[tuple[str, bytes]]:
    """Every story the other tests feed to the parser: sites on disk and the tables."""
    out = [(p.relative_to(TESTS).as_posix(), p.read_bytes()) for p in sorted((TESTS / "sites").rglob("*.md"))]
    for case in [*test_adversarial.INVALID, *test_adversarial.ODD_BUT_VALID]:
        for path, content in case[1].items():
            if path.endswith(".md"):
                out.append((path, content if isinstance(content, bytes) else content.encode()))
    for table in (test_frontmatter.BAD_FILES, test_frontmatter.FIELD_ERRORS, test_frontmatter.RULE_ERRORS):
        out.extend((test_frontmatter.PATH, data) for data, _ in table)
    out.append((test_properties.PATH, test_properties.VALID.encode()))
    return out


def test_every_fixture_story_agrees() -> None:
    stories = _fixture_stories()
    assert len(stories) > 60
    assert sum(took_fast_path(path, data) for path, data in stories) >= 5  # both paths are exercised
    for path, data in stories:
        assert_same(path, data)


def test_every_single_line_change_of_the_valid_story_agrees() -> None:
    lines = test_properties.VALID_LINES
    for index in range(len(lines)):
        for fragment in [*test_properties.FRAGMENTS, "# note", "  # note", "tags: []", "x: {a: 1}"]:
            for changed in (lines[:index] + [fragment] + lines[index:],  # insert
                            lines[:index] + [fragment] + lines[index + 1:]):  # replace
                assert_same(test_properties.PATH, "\n".join(changed).encode("utf-8", "surrogatepass"), CONFIGS[:1])
        assert_same(test_properties.PATH, "\n".join(lines[:index] + lines[index + 1:]).encode())  # delete
        if ":" in lines[index]:
            key = lines[index].split(":", 1)[0]
            for value in ["", " ", "~", "null", "yes", "No", "on", "1", "-1", "6.5", "1:30", "0x1F", ".inf",
                          "2014-02-30", "2014-2-3", "2014-02-20 10:00:00+02:00", "'  a  '", '"a\\tb"',
                          "a # c", "a:b", "C#", "[]", "[a, ]", "{}", "'it''s'", "&x a", "*x", "!!str 1",
                          "résumé", "a\u00a0", "partial", "gave-up", "EUR", "eur", "[phone, phone]"]:
                changed = [*lines[:index], f"{key}: {value}", *lines[index + 1:]]
                assert_same(test_properties.PATH, "\n".join(changed).encode(), CONFIGS[:1])


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(test_properties.mutation, min_size=1, max_size=6))
def test_mutated_valid_story_agrees(steps: list[tuple[str, int, int, str]]) -> None:
    data = "\n".join(test_properties.mutate(test_properties.VALID_LINES, steps)).encode("utf-8", "surrogatepass")
    assert_same(test_properties.PATH, data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(test_properties.keys, test_properties.values, max_size=10), st.booleans())
def test_random_front_matter_agrees(front: dict[str, object], flow: bool) -> None:
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, default_flow_style=flow or None)
    assert_same(test_properties.PATH, f"---\n{text}---\nbody\n".encode("utf-8", "surrogatepass"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(string.printable + "éü\u00a0\u2028\x85", max_size=200))
def test_arbitrary_front_matter_text_agrees(text: str) -> None:
    assert_same(test_properties.PATH, f"---\ntitle: A\n{text}\n---\nbody\n".encode("utf-8", "surrogatepass"))
