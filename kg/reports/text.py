"""What the plain-text reports share: a long quote cut to the width of a line."""

from __future__ import annotations


def clip(text: str, width: int) -> str:
    """``text`` cut at a word to at most ``width`` characters, with an ellipsis."""
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"
