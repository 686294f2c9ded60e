"""Story and company files -> parsed values, in parallel and through the cache.

The result for each file depends only on the code, the configuration and the file's
path and bytes (their digest), so it is cached under exactly that key and computed in
worker processes when there are many.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from generator.fast.cache import Cache, key_of
from generator.read.company import parse_company
from generator.diagnostics import Diagnostic
from generator.read.markdown import timed_out
from generator.read.story import parse_story
from generator.read.files import SourceFile
from generator.model import Company, SiteConfig, Story
from generator.fast.workers import parallel_map

Parsed = tuple[Story | None, list[Diagnostic]]


@dataclass(frozen=True)
class _StoryJob:
    config: SiteConfig

    def __call__(self, source: SourceFile) -> Parsed:
        try:
            data = source.data  # read here when only its digest was known
        except OSError as error:
            return None, [Diagnostic(source.path, None, f"cannot read the file ({error.strerror or error})")]
        return parse_story(source.path, data, config=self.config)


def parse_stories(files: Sequence[SourceFile], config: SiteConfig, *, cache: Cache, jobs: int) -> list[Parsed]:
    """Story files -> (Story or None, diagnostics) per file, in the same order."""
    known = cache.load("stories")
    salt = repr(replace(config, base_url=""))  # base_url never changes how a file parses
    keys = [key_of(salt, source.path, source.digest) for source in files]
    missing = [i for i, key in enumerate(keys) if key not in known]
    fresh = dict(zip(missing, parallel_map(_StoryJob(config), [files[i] for i in missing], jobs=jobs)))
    for index, result in fresh.items():
        if not any(timed_out(problem.message) for problem in result[1]):  # a busy machine's result, not the file's
            known[keys[index]] = result
    if missing or len(known) != len(set(keys)):
        cache.save("stories", {key: known[key] for key in keys if key in known}, background=True)
    return [fresh[i] if i in fresh else known[key] for i, key in enumerate(keys)]


def parse_companies(files: Sequence[SourceFile], config: SiteConfig) -> list[tuple[Company | None, list[Diagnostic]]]:
    """Company files -> (Company or None, diagnostics) per file; few and fast, so in process."""
    return [parse_company(source.path, source.data, config=config) for source in files]
