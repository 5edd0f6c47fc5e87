"""Narrow exceptions; the CLI turns each into one ``Error: ...`` line."""

from __future__ import annotations


class KgError(Exception):
    """Base of every error kg reports to its user."""


class ReadError(KgError):
    """A path could not be read as a document."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[ReadError], tuple[str, str]]:
        # a worker process sends it back to kg build: rebuilt from both parts, not from the message
        return type(self), (self.path, self.reason)


class NotVietnamese(ReadError):
    """A file whose text is not Vietnamese in any reading; ``text`` is how it reads (in the process
    that read it: it is not sent back from a worker)."""

    def __init__(self, path: str, reason: str, text: str = "") -> None:
        super().__init__(path, reason)
        self.text = text


class DataError(KgError):
    """A bundled domain table is missing or malformed."""
