"""How much reading one file may cost: its size on disk, what its compressed parts may inflate to,
its pages, and the drawing items of one page. A file past a limit is refused with one ReadError
that names the limit and the environment variable that raises it; the limits are checked while
the file is read, so that a file made to exhaust memory (a decompression bomb) is stopped before.

The defaults leave room many times over for the longest real documents (a law with its annexes is
a few hundred pages, a few MB of text, under 20 MB inflated) and keep the memory a worker needs
under a few hundred MB whatever a file holds.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limit:
    variable: str  # the environment variable that sets it
    default: float
    unit: str  # "MB" (millions of bytes) or "" (a count)
    what: str  # what it bounds, for the message

    def value(self) -> int:
        try:
            n = float(os.environ.get(self.variable, self.default))
        except ValueError:
            n = self.default
        return int(n * 1_000_000) if self.unit == "MB" else int(n)

    def shown(self, n: int | None = None) -> str:
        n = self.value() if n is None else n
        return f"{n / 1e6:g} MB" if self.unit == "MB" else f"{n:,}"

    def passed(self) -> str:
        """The end of the message of a file past the limit."""
        return f"more than the {self.shown()} {self.what} (set {self.variable} to read it anyway)"


#: A file's size on disk.
FILE_SIZE = Limit("KG_MAX_FILE_MB", 20, "MB", "a document may have")
#: The bytes a document's compressed content may inflate to, all its parts together (PDF streams,
#: the parts of a .docx).
INFLATED = Limit("KG_MAX_INFLATED_MB", 50, "MB", "a document may inflate to")
#: The pages of a PDF.
PAGES = Limit("KG_MAX_PAGES", 2000, "", "pages a document may have")
#: What one PDF page may draw: characters, lines, shapes, images (a dense page of text is 5,000).
PAGE_ITEMS = Limit("KG_MAX_PAGE_ITEMS", 200_000, "", "characters and shapes a page may draw")

ALL = (FILE_SIZE, INFLATED, PAGES, PAGE_ITEMS)


class Budget:
    """What a file may still inflate to while it is read (see INFLATED)."""

    def __init__(self) -> None:
        self.left = INFLATED.value()

    def take(self, n: int) -> None:
        """Count ``n`` more inflated bytes; BudgetExceeded past the limit."""
        self.left -= n
        if self.left < 0:
            raise BudgetExceeded(INFLATED)


class BudgetExceeded(Exception):
    """A file passed a limit while it was read (turned into a ReadError by its reader)."""

    def __init__(self, limit: Limit) -> None:
        super().__init__(limit.passed())
        self.limit = limit
