"""Pages rendered on request while `serve`'s first build is still rendering.

On 50,000 stories the first build takes over a minute, but its Site is linked after
about half of that. From then on, a page asked for is planned and rendered from that
Site here, exactly as the build renders it (the same planner, theme and templates), so
the browser shows it at once; the live-reload script then loads the built page when
the build is done. The theme's assets come along; anything else (feeds, data, images,
the search index) waits for the build.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from generator.diagnostics import BuildError
from generator.model import Site, Story

if TYPE_CHECKING:  # the renderers are imported on the first request
    from generator.output.renderer import Renderer
    from generator.pages.page import Page


class EarlyPages:
    """A linked Site -> `render(request path)`: (bytes, file name) of that page, or None.
    Made cheaply; the build's Renderer and the plan are made on the first request."""

    def __init__(self, site_dir: Path, site: Site) -> None:
        self._site_dir = site_dir
        self._site = site
        self._lock = threading.Lock()
        self._ready: tuple[Renderer, dict[str, Story]] | None = None  # and the stories by output path
        self._others: dict[str, Page] | None = None  # {output path: Page} of every page but the stories'

    def _renderer(self) -> tuple[Renderer, dict[str, Story]]:
        with self._lock:
            if self._ready is None:
                from generator.output.renderer import Renderer

                renderer = Renderer.of(self._site_dir, self._site)
                urls = renderer.urls
                self._ready = renderer, {urls.output_path(urls.story(story)): story for story in self._site.stories}
            return self._ready

    def _other_pages(self) -> dict[str, Page]:
        """The site's pages but the story pages, planned once, on the first request for one."""
        renderer, _stories = self._renderer()
        with self._lock:
            if self._others is None:  # not planned by another request meanwhile
                self._others = {page.path: page for page in renderer.plan().pages}
            return self._others

    def render(self, request_path: str) -> tuple[bytes, str] | None:
        from generator.pages.plan import DuplicatePathError

        try:
            renderer, stories = self._renderer()
            path = renderer.urls.output_path(unquote(urlsplit(request_path).path))
            if path in renderer.theme.assets:  # the style sheet and scripts: early pages look as they will
                return renderer.theme.assets[path], path
            story: Story | None = stories.get(path)
            if story is not None:
                return renderer.story_page(story)[1], path
            page = self._other_pages().get(path)
            if page is None or not path.endswith(".html"):
                return None
            return renderer.page(page), path
        except (BuildError, DuplicatePathError):  # the build reports it
            return None
