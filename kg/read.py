"""Read documents from disk: files and folders, decoded to text.

Text files are UTF-8 (with or without a byte-order mark) or UTF-16 (with its mark); anything else
is refused with a reason rather than read as garbage.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from .errors import ReadError
from .model import Source

#: What a folder is searched for.
TEXT_SUFFIXES = (".txt", ".md")


def iter_paths(paths: list[str]) -> Iterator[str | ReadError]:
    """The files named, and the text files in the folders named (sorted), in the order given.

    A path that does not exist yields a ReadError in its place, so that the others still run.
    """
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(str(f) for f in path.rglob("*")
                           if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES and not _is_folder_notes(f))
            yield from found
        elif path.exists():
            yield str(path)
        else:
            yield ReadError(p, "no such file or folder")


def scan(paths: list[str]) -> Iterator[tuple[str, os.stat_result] | ReadError]:
    """iter_paths with each file's status (size, modification time), read in one pass over each
    folder: a rebuild of a hundred thousand files looks at them all to find the few that changed."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found: list[tuple[str, os.stat_result]] = []
            folders = [str(path)]
            while folders:
                try:
                    entries = list(os.scandir(folders.pop()))
                except OSError:
                    continue
                for entry in entries:
                    if entry.is_dir(follow_symlinks=True):
                        folders.append(entry.path)
                    elif (entry.is_file(follow_symlinks=True) and Path(entry.name).suffix.lower() in TEXT_SUFFIXES
                          and not _is_folder_notes(Path(entry.name))):
                        try:
                            found.append((entry.path, entry.stat()))
                        except OSError as e:
                            yield ReadError(entry.path, e.strerror or str(e))
            yield from sorted(found)
        elif path.exists():
            try:
                yield str(path), path.stat()
            except OSError as e:
                yield ReadError(p, e.strerror or str(e))
        else:
            yield ReadError(p, "no such file or folder")


def _is_folder_notes(path: Path) -> bool:
    """README.md, SOURCES.md, LICENSE.txt: what a folder says about its documents, not a document.
    (Named on the command line, such a file is still read.)"""
    return path.stem.isupper() and path.stem.isascii()


def decode(data: bytes, path: str) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read with."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        raise ReadError(path, f"not UTF-8 text (byte {e.start}: {data[e.start:e.start + 1]!r})") from e


def read_source(path: str) -> Source:
    """One document as a Source; ReadError with the reason when it cannot be read."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except IsADirectoryError as e:
        raise ReadError(path, "is a folder") from e
    except PermissionError as e:
        raise ReadError(path, "permission denied") from e
    except OSError as e:
        raise ReadError(path, e.strerror or str(e)) from e
    text, encoding = decode(data, path)
    if "\x00" in text:
        raise ReadError(path, "binary data, not text")
    return Source(path=path, name=os.path.basename(path), text=text,
                  sha256=hashlib.sha256(data).hexdigest(), encoding=encoding)
