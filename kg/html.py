"""The HTML pages kg writes (the graph page of kg viz, the coverage report): Jinja2 templates with
autoescape on, so that every value a page shows is text, whatever a document or a command line
put in it; and JSON data for a page's script that nothing in it can end early."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader
from markupsafe import Markup


def environment(*folders: Path) -> Environment:
    """Templates from ``folders`` (the first that has a name wins), every value escaped."""
    return Environment(loader=ChoiceLoader([FileSystemLoader(str(f)) for f in folders]), autoescape=True)


def script_json(data: Any) -> Markup:
    """JSON to put inside a <script> element: no "<", ">" or "&" that could close it, open a
    comment ("<!--" makes the HTML parser look for "-->" first) or start markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                  .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
