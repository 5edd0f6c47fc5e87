"""The pages the server has answered, kept per build: a page of the graph changes only when the
graph does, so the same request on the same build is answered from memory (``X-KG-Cache: hit``).
The key holds the build's name: once a `kg build` publishes another, no older page is served."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

#: Bytes of pages kept at most (the least recently used go first).
DEFAULT_BYTES = 256 * 1024 * 1024
#: A page larger than this is not kept (the whole lineage of a directive of 10,000 documents).
LARGEST_PAGE = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class PageKey:
    build: str
    path: str
    query: tuple[tuple[str, str], ...]  # the query string's parameters, sorted
    json: bool  # the page's JSON rather than its HTML


@dataclass(frozen=True, slots=True)
class CachedPage:
    status: int
    body: bytes
    headers: tuple[tuple[str, str], ...]


class PageCache:
    """A least-recently-used map of pages, bounded by their size in bytes."""

    def __init__(self, max_bytes: int = DEFAULT_BYTES) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._pages: OrderedDict[PageKey, CachedPage] = OrderedDict()
        self.build: str | None = None

    def get(self, key: PageKey) -> CachedPage | None:
        page = self._pages.get(key)
        if page is not None:
            self._pages.move_to_end(key)
        return page

    def put(self, key: PageKey, page: CachedPage) -> None:
        if len(page.body) > min(LARGEST_PAGE, self.max_bytes):
            return
        if key.build != self.build:  # a new build: the pages of the previous one are never asked again
            self._pages.clear()
            self.size = 0
            self.build = key.build
        old = self._pages.pop(key, None)
        if old is not None:
            self.size -= len(old.body)
        self._pages[key] = page
        self.size += len(page.body)
        while self.size > self.max_bytes:
            _, dropped = self._pages.popitem(last=False)
            self.size -= len(dropped.body)
