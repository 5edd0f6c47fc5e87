"""The folders shipped with kg (data/, ontology/, queries/) and the TOML tables of data/.

In a source checkout (or an editable install) the folders sit beside the package; an installed
wheel carries them inside it (see pyproject.toml).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from kg.errors import DataError

PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """A folder shipped with kg: ``data``, ``ontology`` or ``queries``."""
    for candidate in (PACKAGE / name, PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise DataError(f"the {name}/ folder of kg is missing (looked in {PACKAGE} and {PACKAGE.parent})")


def load_table(name: str) -> dict[str, Any]:
    """A domain table of data/ (``doctypes.toml``), parsed; DataError when missing or malformed."""
    path = resource_dir("data") / name
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise DataError(f"cannot load the table {path}: {e}") from e
