"""The extractor's version: a hash of everything that decides what a file's extraction is.

That is the code of reading (kg/read/: formats, encodings, normalising) and of extracting
(kg/extract/), the typed objects they make (kg/model.py), the domain tables (data/*.toml) and the
gazetteer package. kg build keys its cache of extractions by it, so a new extractor never reads an
old extraction; nothing after extraction (resolution, the graph, queries) takes part.
"""

from __future__ import annotations

import contextlib
import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

from kg.resources import PACKAGE, resource_dir

#: What the hash is made of, relative to the package: folders are read whole (their .py files).
EXTRACTION_CODE = ("read", "extract", "model.py")
#: The gazetteer: a new release can place a locality differently.
EXTRACTION_PACKAGES = ("vietnam-provinces",)


def extraction_files(package: Path = PACKAGE) -> list[Path]:
    """The source files of reading and extraction, in a stable order."""
    out: list[Path] = []
    for part in EXTRACTION_CODE:
        path = package / part
        out += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return out


@cache
def extractor_version() -> str:
    """A hash of the extractor's code and tables: any change to them is a new extractor."""
    return version_of(PACKAGE, resource_dir("data"))


def version_of(package: Path, data: Path) -> str:
    """The version of the extractor whose package and tables are in these folders."""
    h = hashlib.sha256()
    for path in extraction_files(package):
        h.update(str(path.relative_to(package)).encode())
        h.update(path.read_bytes())
    for path in sorted(data.glob("*.toml")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    for name in EXTRACTION_PACKAGES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            h.update(f"{name} {metadata.version(name)}".encode())
    return h.hexdigest()[:16]
