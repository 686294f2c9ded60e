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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from generator.diagnostics import BuildError
from generator.model import Site, Story

if TYPE_CHECKING:  # the renderers are imported on the first request
    from generator.output.render import Theme
    from generator.pages.page import Page
    from generator.pages.plan import Planner
    from generator.urls import Urls


@dataclass(frozen=True)
class _Parts:
    """What rendering any page needs: the same as the build's; and the stories by output path."""

    urls: Urls
    theme: Theme
    planner: Planner
    stories: dict[str, Story]


class EarlyPages:
    """A linked Site -> `render(request path)`: (bytes, file name) of that page, or None.
    Made cheaply; the theme and the plan are made on the first request."""

    def __init__(self, site_dir: Path, site: Site) -> None:
        self._site_dir = site_dir
        self._site = site
        self._lock = threading.Lock()
        self._ready: _Parts | None = None
        self._others: dict[str, Page] | None = None  # {output path: Page} of every page but the stories'

    def _parts(self) -> _Parts:
        with self._lock:
            if self._ready is None:
                from generator.output.render import load_theme, theme_dirs
                from generator.pages.plan import planner_for
                from generator.urls import Urls

                urls = Urls(self._site.config.base_url)
                self._ready = _Parts(urls, load_theme(theme_dirs(self._site_dir, self._site.config.theme)),
                                     planner_for(self._site, urls),
                                     {urls.output_path(urls.story(story)): story for story in self._site.stories})
            return self._ready

    def _other_pages(self) -> dict[str, Page]:
        """The site's pages but the story pages, planned once, on the first request for one."""
        from generator.pages.plan import plan_site

        parts = self._parts()
        with self._lock:
            if self._others is None:  # not planned by another request meanwhile
                self._others = {page.path: page for page in plan_site(self._site, parts.urls).pages}
            return self._others

    def render(self, request_path: str) -> tuple[bytes, str] | None:
        from generator.output.render import render_page
        from generator.pages.plan import plan_story

        path = unquote(urlsplit(request_path).path).lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        try:
            parts = self._parts()
            if path in parts.theme.assets:  # the style sheet and scripts: early pages look as they will
                return parts.theme.assets[path], path
            story: Story | None = parts.stories.get(path)
            if story is not None:
                return render_page(parts.theme, plan_story(parts.planner, story)), path
            page = self._other_pages().get(path)
            if page is None or not path.endswith(".html"):
                return None
            return render_page(parts.theme, page), path
        except BuildError:  # the build reports it
            return None
