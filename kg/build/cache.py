"""Extractions kept on disk by file content.

A file's extraction is kept under ``kg-store/cache/<version>/<sha[:2]>/<sha>.pickle``: the
version is a hash of the extractor's code and tables, so a new extractor never reads an old
extraction, and a file whose bytes did not change is never extracted twice (a renamed or copied
file neither). The cached extraction holds no text (the file has it); everything else, spans
included, is kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import shutil
from dataclasses import replace
from pathlib import Path

from kg.errors import KgError
from kg.extract import extract_file
from kg.extract.version import extractor_version
from kg.files import write_file
from kg.model import Extraction, Source
from kg.read.files import display_name


def file_sha(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


class Cache:
    """The extraction cache of one store."""

    def __init__(self, store_dir: str | Path) -> None:
        self.root = Path(store_dir) / "cache"
        self.dir = self.root / extractor_version()

    def path(self, sha: str) -> Path:
        return self.dir / sha[:2] / f"{sha}.pickle"

    def get(self, sha: str, path: str) -> Extraction | None:
        try:
            with open(self.path(sha), "rb") as f:
                x: Extraction = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            return None
        return replace(x, source=replace(x.source, path=path, name=display_name(path)))

    def put(self, x: Extraction) -> None:
        target = self.path(x.source.sha256)
        self._folder(target.parent)
        kept = replace(x, source=replace(x.source, text=""))
        # a reader never sees half an extraction; a crash may lose one, which is extracted again
        write_file(target, lambda f: pickle.dump(kept, f, protocol=pickle.HIGHEST_PROTOCOL), durable=False)

    def _folder(self, folder: Path) -> None:
        """Make the folders down to ``folder`` inside the cache, none of them a link (the build
        checked the cache folder itself)."""
        for level in (self.dir, folder):
            with contextlib.suppress(FileExistsError):  # a file or a link: said below
                level.mkdir(exist_ok=True)
            if level.is_symlink() or not level.is_dir():
                raise CacheError(f"{level} is not a folder of the cache (a link?): remove it")

    def prune(self) -> None:
        """Drop the extractions of older extractor versions (a link is removed, never followed)."""
        if self.root.is_dir() and not self.root.is_symlink():
            for old in self.root.iterdir():
                if old == self.dir:
                    continue
                if old.is_dir() and not old.is_symlink():
                    shutil.rmtree(old, ignore_errors=True)
                else:
                    old.unlink(missing_ok=True)


class CacheError(KgError):
    """The cache of a store cannot be written."""



def cached_extraction(store_dir: str, path: str, sha: str | None) -> Extraction:
    """The file's extraction (without its text), from the cache, or extracted and cached; the
    content hash is read from the file when not given. ReadError when the file cannot be read."""
    cache = Cache(store_dir)
    if sha is None:
        try:
            sha = file_sha(path)
        except OSError:
            sha = None  # read_source says why
    if sha is not None:
        x = cache.get(sha, path)
        if x is not None:
            return x
    x = extract_file(path)
    cache.put(x)
    return replace(x, source=Source(x.source.path, x.source.name, "", x.source.sha256, x.source.encoding))
