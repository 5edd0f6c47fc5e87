"""Read documents from disk: files and folders, each decoded to the text kg extracts from.

Formats: plain text (.txt, .md) in UTF-8 (with or without a byte-order mark), UTF-16, Windows-1258,
or the legacy TCVN3 (ABC) and VNI font encodings; Word (.docx); PDF with a text layer; HTML. The
format is told by the file's first bytes (a PDF named .txt is still a PDF), else by its suffix.
A file that cannot be read (empty, binary, too large, past a limit of kg.read.limits, damaged,
scanned without text, not in Vietnamese, no permission, not a regular file) is a ReadError that
says why; nothing else escapes from here.

Only regular files are read (a FIFO, a device or a socket would block or never end). In a folder,
links are not followed: a link to a file or folder inside the folders named is read where it
really is, and a link out of them is refused, unless $KG_FOLLOW_LINKS=1 (then every link is
resolved once, and a folder reached twice, as by a link to a folder above it, is read once).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import NotVietnamese, ReadError
from kg.model import Source
from kg.read.encodings import decode, settle
from kg.read.limits import FILE_SIZE

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
#: Set to 1 to follow links out of the folders named.
FOLLOW_LINKS = "KG_FOLLOW_LINKS"


def max_bytes() -> int:
    """The largest file read, in bytes ($KG_MAX_FILE_MB, see kg.read.limits)."""
    return FILE_SIZE.value()


@dataclass(frozen=True, slots=True)
class FoundFile:
    """A file to read: named on the command line, or found in a folder that was."""

    path: str  # as the user sees it: the path named, or the folder named joined with the names below it
    stat: os.stat_result
    in_folder: bool  # found in a folder (may be a note about the folder: see folder_note)


def iter_paths(paths: list[str]) -> Iterator[str | ReadError]:
    """The files named, and the documents in the folders named (sorted), in the order given.

    A path that does not exist, or a folder that cannot be listed, yields a ReadError in its place,
    so that the others still run.
    """
    for found in scan(paths):
        yield found if isinstance(found, ReadError) else found.path


def scan(paths: list[str]) -> Iterator[FoundFile | ReadError]:
    """iter_paths with each file's status (size, modification time), read in one pass over each
    folder: a rebuild of a hundred thousand files looks at them all to find the few that changed.
    Each file is found once, however many paths or links lead to it."""
    walk = _Walk(paths, os.environ.get(FOLLOW_LINKS, "") == "1")
    for p in paths:
        try:
            st = os.stat(p)
        except FileNotFoundError:
            yield ReadError(p, "no such file or folder" if not os.path.islink(p)
                            else "No such file or directory: a link to a file that is gone")
            continue
        except OSError as e:
            yield ReadError(p, e.strerror or str(e))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from walk.folder(p, st)
        elif stat.S_ISREG(st.st_mode):
            if walk.first_time(os.path.realpath(p)):
                yield FoundFile(p, st, in_folder=False)
        else:
            yield ReadError(p, not_a_file(st))


def not_a_file(st: os.stat_result) -> str:
    kind = ("a FIFO" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode)
            else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "not a file")
    return f"not a regular file ({kind}): kg reads files only"


class _Walk:
    """The folders of one scan: which folders and files it found already, and where the folders
    named really are (a link is followed only into them, unless every link is)."""

    def __init__(self, paths: list[str], follow: bool) -> None:
        self.follow = follow
        self.roots = [os.path.realpath(p) for p in paths if os.path.isdir(p)]
        self.folders: set[tuple[int, int]] = set()
        self.files: set[str] = set()

    def first_time(self, real: str) -> bool:
        if real in self.files:
            return False
        self.files.add(real)
        return True

    def inside(self, real: str) -> bool:
        return any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in self.roots)

    def folder(self, top: str, st: os.stat_result) -> Iterator[FoundFile | ReadError]:
        """The documents under ``top`` (sorted), errors as they are met."""
        if (st.st_dev, st.st_ino) in self.folders:
            return
        self.folders.add((st.st_dev, st.st_ino))
        found: list[FoundFile] = []
        stack = [(top, os.path.realpath(top))]  # (the folder as the user sees it, where it really is)
        while stack:
            folder, real = stack.pop()
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError as e:
                yield ReadError(folder, f"cannot list the folder: {e.strerror or e}")
                continue
            for entry in entries:
                try:
                    yield from self._entry(entry, os.path.join(real, entry.name), stack, found)
                except OSError as e:
                    yield ReadError(entry.path, e.strerror or str(e))
        yield from sorted(found, key=lambda f: f.path)

    def _entry(self, entry: os.DirEntry[str], real: str, stack: list[tuple[str, str]],
               found: list[FoundFile]) -> Iterator[ReadError]:
        document = Path(entry.name).suffix.lower() in DOCUMENT_SUFFIXES
        if entry.is_symlink():
            yield from self._link(entry, document, stack, found)
            return
        st = entry.stat(follow_symlinks=False)
        if stat.S_ISDIR(st.st_mode):
            if (st.st_dev, st.st_ino) not in self.folders:  # (a bind mount of a folder above: read once)
                self.folders.add((st.st_dev, st.st_ino))
                stack.append((entry.path, real))
        elif not document:
            return
        elif stat.S_ISREG(st.st_mode):
            if self.first_time(real):
                found.append(FoundFile(entry.path, st, in_folder=True))
        else:
            yield ReadError(entry.path, not_a_file(st))

    def _link(self, entry: os.DirEntry[str], document: bool, stack: list[tuple[str, str]],
              found: list[FoundFile]) -> Iterator[ReadError]:
        """A link met in a folder, resolved once. Into the folders named, it is read where it
        really is (so never twice, and a link to a folder above never loops); out of them, it is
        refused unless every link is followed."""
        try:
            st = os.stat(entry.path)
        except OSError:
            if document:
                yield ReadError(entry.path, "No such file or directory: a link to a file that is gone")
            return
        folder = stat.S_ISDIR(st.st_mode)
        if not folder and not document:
            return
        real = os.path.realpath(entry.path)
        if self.inside(real) and not self.follow:
            return
        if not self.follow:
            yield ReadError(entry.path, f"a link out of the folders named (to {real}): not followed "
                                        f"(set {FOLLOW_LINKS}=1 to follow it)")
        elif folder:
            if (st.st_dev, st.st_ino) not in self.folders:
                self.folders.add((st.st_dev, st.st_ino))
                stack.append((entry.path, real))
        elif not stat.S_ISREG(st.st_mode):
            yield ReadError(entry.path, not_a_file(st))
        elif self.first_time(real):
            found.append(FoundFile(entry.path, st, in_folder=True))


def display_name(path: str) -> str:
    """The file's name as the graph and the output show it: its bytes as UTF-8, a byte that is not
    UTF-8 (a name made on another system) shown as U+FFFD."""
    name = os.path.basename(path)
    return os.fsencode(name).decode("utf-8", errors="replace")


def read_source(path: str) -> Source:
    """One document as a Source; ReadError with the reason when it cannot be read."""
    limit = max_bytes()
    try:
        # O_NONBLOCK: opening a FIFO that was swapped in since it was looked at does not wait
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except IsADirectoryError as e:
        raise ReadError(path, "is a folder") from e
    except PermissionError as e:
        raise ReadError(path, "permission denied: kg may not read it") from e
    except OSError as e:
        if e.errno == errno.ENXIO:  # a socket
            raise ReadError(path, "not a regular file (a socket): kg reads files only") from e
        raise ReadError(path, e.strerror or str(e)) from e
    with os.fdopen(fd, "rb") as f:
        try:
            st = os.fstat(f.fileno())
            if stat.S_ISDIR(st.st_mode):
                raise ReadError(path, "is a folder")
            if not stat.S_ISREG(st.st_mode):
                raise ReadError(path, not_a_file(st))
            if st.st_size > limit:
                raise ReadError(path, f"too large: {st.st_size / 1e6:.1f} MB, {FILE_SIZE.passed()}")
            data = f.read(limit + 1)
        except OSError as e:
            raise ReadError(path, e.strerror or str(e)) from e
    if len(data) > limit:  # it grew while it was read
        raise ReadError(path, f"too large: more than {FILE_SIZE.shown()}, {FILE_SIZE.passed()}")
    if not data:
        raise ReadError(path, "empty file")
    text, encoding = _text_of(data, path)
    if not text.strip():
        raise ReadError(path, "holds no text")
    return Source(path=path, name=display_name(path), text=text,
                  sha256=hashlib.sha256(data).hexdigest(), encoding=encoding)


def _text_of(data: bytes, path: str) -> tuple[str, str]:
    """The text of a file's content and how it was read ("utf-8", "pdf", "docx+tcvn3", ...)."""
    from kg.read import formats

    suffix = Path(path).suffix.lower()
    if b"%PDF-" in data[:1024]:
        return settle(_guarded(formats.read_pdf, data, path, "PDF"), "pdf", path)
    if suffix == ".pdf":
        raise ReadError(path, "not a PDF (it does not start with %PDF-)")
    if data.startswith(b"PK\x03\x04") and suffix not in UNSUPPORTED:
        return settle(_guarded(formats.read_docx, data, path, ".docx"), "docx", path)
    if suffix == ".docx":
        raise ReadError(path, "not a .docx (a .docx is a zip archive; this file is not one)")
    if suffix in UNSUPPORTED:
        raise ReadError(path, UNSUPPORTED[suffix])
    text, encoding = decode(data, path)
    if suffix in (".html", ".htm") or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        text, encoding = formats.html_text(text), f"html+{encoding}"
    return settle(text, encoding, path)


def _guarded(reader, data: bytes, path: str, what: str) -> str:  # type: ignore[no-untyped-def]
    """A format reader's text; whatever a damaged file makes its library raise becomes a ReadError
    (hostile files reach parsers kg does not control)."""
    try:
        text: str = reader(data, path)
        return text
    except ReadError:
        raise
    except RecursionError as e:
        raise ReadError(path, f"damaged {what}: nested too deep") from e
    except MemoryError as e:
        raise ReadError(path, f"damaged {what}: more than this machine's memory") from e
    except Exception as e:
        raise ReadError(path, f"damaged {what}: {type(e).__name__}: {e}") from e


# -- notes about a folder --------------------------------------------------------------------------

class FolderNote(ReadError):
    """A file that is about the files of its folder, not a document: skipped without a word."""


def folder_note(found_in_folder: bool, error: ReadError) -> ReadError:
    """``error`` (from reading a file), or a FolderNote when the file is a note about its folder:
    found in a folder, not Vietnamese, and naming a file of its folder or of a folder in it (a
    README.md or SOURCES.md listing the documents). That is decided by what the file holds, not by
    its name: a real document named in capitals (KH-UBND-35.TXT) is read like any other."""
    if not (found_in_folder and isinstance(error, NotVietnamese)):
        return error
    text = error.text
    names = [n for n in _names_around(error.path) if len(n) >= 5 and n in text]
    if not names:
        return error
    return FolderNote(error.path, f"a note about its folder (it names {names[0]}), not a document")


def _names_around(path: str) -> list[str]:
    """The names of the other files in the file's folder and in the folders within it."""
    folder = os.path.dirname(path) or "."
    own = os.path.basename(path)
    names: list[str] = []
    try:
        for entry in os.scandir(folder):
            if entry.is_dir(follow_symlinks=False):
                try:
                    names += [e.name for e in os.scandir(entry.path) if e.is_file(follow_symlinks=False)]
                except OSError:
                    continue
            elif entry.name != own:
                names.append(entry.name)
    except OSError:
        return []
    return names
