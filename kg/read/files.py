"""Read documents from disk: files and folders, each decoded to the text kg extracts from.

Formats: plain text (.txt, .md) in UTF-8 (with or without a byte-order mark), UTF-16, Windows-1258,
or the legacy TCVN3 (ABC) and VNI font encodings; Word (.docx); PDF with a text layer; HTML. The
format is told by the file's first bytes (a PDF named .txt is still a PDF), else by its suffix.
A file that cannot be read (empty, binary, too large, damaged, scanned without text, not in
Vietnamese, no permission) is a ReadError that says why; nothing else escapes from here.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from kg.errors import ReadError
from kg.model import Source
from kg.read.encodings import decode, settle

#: What a folder is searched for.
DOCUMENT_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
#: Formats named on the command line that kg does not read, and what to do instead.
UNSUPPORTED = {
    ".doc": "Word 97-2003 (.doc) is not read: save it as .docx",
    ".odt": "OpenDocument (.odt) is not read: save it as .docx",
    ".rtf": "RTF is not read: save it as .docx",
    ".xls": "spreadsheets are not read", ".xlsx": "spreadsheets are not read",
    ".jpg": "an image: kg does not do OCR", ".jpeg": "an image: kg does not do OCR",
    ".png": "an image: kg does not do OCR", ".tif": "an image: kg does not do OCR",
    ".tiff": "an image: kg does not do OCR", ".zip": "an archive: unpack it first",
}
#: The largest file read, in MB, unless $KG_MAX_FILE_MB says otherwise: the longest real documents
#: (a law with its annexes) are a few MB of text; 50 MB of "text" is a dump or junk.
DEFAULT_MAX_MB = 20


def max_bytes() -> int:
    try:
        return int(float(os.environ.get("KG_MAX_FILE_MB", DEFAULT_MAX_MB)) * 1_000_000)
    except ValueError:
        return DEFAULT_MAX_MB * 1_000_000


def iter_paths(paths: list[str]) -> Iterator[str | ReadError]:
    """The files named, and the documents in the folders named (sorted), in the order given.

    A path that does not exist, or a folder that cannot be listed, yields a ReadError in its place,
    so that the others still run.
    """
    for found in scan(paths):
        yield found if isinstance(found, ReadError) else found[0]


def scan(paths: list[str]) -> Iterator[tuple[str, os.stat_result] | ReadError]:
    """iter_paths with each file's status (size, modification time), read in one pass over each
    folder: a rebuild of a hundred thousand files looks at them all to find the few that changed."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found: list[tuple[str, os.stat_result]] = []
            folders = [str(path)]
            while folders:
                folder = folders.pop()
                try:
                    entries = list(os.scandir(folder))
                except OSError as e:
                    yield ReadError(folder, f"cannot list the folder: {e.strerror or e}")
                    continue
                for entry in entries:
                    try:
                        if entry.is_dir(follow_symlinks=True):
                            folders.append(entry.path)
                        elif (entry.is_file(follow_symlinks=True)
                              and Path(entry.name).suffix.lower() in DOCUMENT_SUFFIXES
                              and not _is_folder_notes(Path(entry.name))):
                            found.append((entry.path, entry.stat()))
                        elif entry.is_symlink() and Path(entry.name).suffix.lower() in DOCUMENT_SUFFIXES:
                            yield ReadError(entry.path, "No such file or directory: a link to a file that is gone")
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


def read_source(path: str) -> Source:
    """One document as a Source; ReadError with the reason when it cannot be read."""
    limit = max_bytes()
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > limit:
                raise ReadError(path, f"too large: {size / 1e6:.1f} MB, more than the {limit / 1e6:g} MB a document "
                                      "may have (set KG_MAX_FILE_MB to read it anyway)")
            data = f.read(limit + 1)
    except IsADirectoryError as e:
        raise ReadError(path, "is a folder") from e
    except PermissionError as e:
        raise ReadError(path, "permission denied: kg may not read it") from e
    except OSError as e:
        raise ReadError(path, e.strerror or str(e)) from e
    if not data:
        raise ReadError(path, "empty file")
    text, encoding = _text_of(data, path)
    if not text.strip():
        raise ReadError(path, "holds no text")
    return Source(path=path, name=os.path.basename(path), text=text,
                  sha256=hashlib.sha256(data).hexdigest(), encoding=encoding)


def _text_of(data: bytes, path: str) -> tuple[str, str]:
    """The text of a file's content and how it was read ("utf-8", "pdf", "docx+tcvn3", ...)."""
    from kg.read import formats

    suffix = Path(path).suffix.lower()
    if b"%PDF-" in data[:1024]:
        return settle(_guarded(formats.read_pdf, path, "PDF"), "pdf", path)
    if suffix == ".pdf":
        raise ReadError(path, "not a PDF (it does not start with %PDF-)")
    if data.startswith(b"PK\x03\x04") and suffix not in UNSUPPORTED:
        return settle(_guarded(formats.read_docx, path, ".docx"), "docx", path)
    if suffix == ".docx":
        raise ReadError(path, "not a .docx (a .docx is a zip archive; this file is not one)")
    if suffix in UNSUPPORTED:
        raise ReadError(path, UNSUPPORTED[suffix])
    text, encoding = decode(data, path)
    if suffix in (".html", ".htm") or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        text, encoding = formats.html_text(text), f"html+{encoding}"
    return settle(text, encoding, path)


def _guarded(reader, path: str, what: str) -> str:  # type: ignore[no-untyped-def]
    """A format reader's text; whatever a damaged file makes its library raise becomes a ReadError
    (hostile files reach parsers kg does not control)."""
    try:
        text: str = reader(path)
        return text
    except ReadError:
        raise
    except RecursionError as e:
        raise ReadError(path, f"damaged {what}: nested too deep") from e
    except Exception as e:
        raise ReadError(path, f"damaged {what}: {type(e).__name__}: {e}") from e
