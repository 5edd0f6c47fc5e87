"""The search index of one build: the documents' titles and the agencies' names in SQLite FTS5.

The search box matches words anywhere in a title or a name, in any case (what the queries
by_title and page_agencies_named do with CONTAINS(LCASE(...)), reading every title of the graph:
0.1–0.5 s a search at 100,000 documents). The index answers the same question from a trigram
index: the lowercased text is tokenized in trigrams, and a phrase of the typed words' trigrams
matches exactly the texts that contain them.

It is kept beside its build (``builds/<stamp>.search.sqlite``, as the graph page's view is), made
once per build by kg serve, written under a temporary name and renamed whole; no URL reaches it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.sparql.query import Endpoint, internal_query

#: The index's layout; an index of another version is made again.
VERSION = 1
#: FTS5's trigram tokenizer matches nothing shorter than its trigrams.
SHORTEST = 3


class SearchIndexError(KgError):
    """The index cannot be written beside its build (a store kg serve may only read)."""


@dataclass(frozen=True, slots=True)
class NamedAgency:
    iri: str
    name: str


def index_path(build: Path) -> Path:
    """Where the index of the build in folder ``build`` is kept."""
    return build.with_name(f"{build.name}.search.sqlite")


def make_index(build: Path, endpoint: Endpoint) -> Path:
    """Read the titles and names of the build (``endpoint`` reads it) into its index, written whole."""
    target = index_path(build)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise SearchIndexError(f"cannot write the search index beside {build}: {e.strerror or e}") from e
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        try:
            _fill(db, endpoint)
        finally:
            db.close()
        os.replace(tmp, target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError | sqlite3.Error):
            raise SearchIndexError(f"cannot write the search index beside {build}: {e}") from e
        raise
    return target


def _fill(db: sqlite3.Connection, endpoint: Endpoint) -> None:
    db.executescript(f"""
        PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA user_version = {VERSION};
        CREATE TABLE titles (id INTEGER PRIMARY KEY, iri TEXT NOT NULL, text TEXT NOT NULL);
        CREATE TABLE names (id INTEGER PRIMARY KEY, iri TEXT NOT NULL, name TEXT NOT NULL, text TEXT NOT NULL);
        CREATE VIRTUAL TABLE titles_fts USING fts5(text, content='titles', content_rowid='id',
                                                    tokenize='trigram case_sensitive 1');
        CREATE VIRTUAL TABLE names_fts USING fts5(text, content='names', content_rowid='id',
                                                   tokenize='trigram case_sensitive 1');
    """)
    titles = endpoint.select(internal_query("search_titles"), {}).rows
    db.executemany("INSERT INTO titles (iri, text) VALUES (?, ?)",
                   ((r["document"].value, r["title"].value.lower()) for r in titles))
    names = endpoint.select(internal_query("search_names"), {}).rows
    db.executemany("INSERT INTO names (iri, name, text) VALUES (?, ?, ?)",
                   ((r["agency"].value, r["name"].value, r["name"].value.lower()) for r in names))
    db.execute("INSERT INTO titles_fts (titles_fts) VALUES ('rebuild')")
    db.execute("INSERT INTO names_fts (names_fts) VALUES ('rebuild')")
    db.commit()


class SearchIndex:
    """An index opened read-only. ``None`` from ``open`` when the build has none (yet)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    @classmethod
    def open(cls, build: Path) -> SearchIndex | None:
        path = index_path(build)
        if not path.is_file():
            return None
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            if db.execute("PRAGMA user_version").fetchone()[0] != VERSION:
                db.close()
                return None
        except sqlite3.Error:
            return None
        return cls(db)

    def titles(self, words: str, limit: int) -> list[str]:
        """Documents whose title contains ``words`` (any case), in the order they were indexed."""
        rows = self._match("SELECT t.iri, t.text FROM titles_fts JOIN titles t ON t.id = titles_fts.rowid "
                           "WHERE titles_fts MATCH ? ORDER BY t.id LIMIT ?",
                           "SELECT iri, text FROM titles WHERE instr(text, ?) ORDER BY id LIMIT ?", words, limit)
        return list(dict.fromkeys(iri for iri, _ in rows))

    def agencies(self, words: str, limit: int) -> list[NamedAgency]:
        """Agencies one of whose names contains ``words`` (any case), shortest names first."""
        rows = self._match("SELECT n.iri, n.name FROM names_fts JOIN names n ON n.id = names_fts.rowid "
                           "WHERE names_fts MATCH ? ORDER BY length(n.name), n.name LIMIT ?",
                           "SELECT iri, name FROM names WHERE instr(text, ?) ORDER BY length(name), name LIMIT ?",
                           words, limit)
        return [NamedAgency(iri, name) for iri, name in rows]

    def _match(self, indexed: str, scan: str, words: str, limit: int) -> list[tuple[str, str]]:
        lowered = words.lower()
        if len(lowered) < SHORTEST:  # too short for a trigram: read the table (never asked by the search box)
            return self.db.execute(scan, (lowered, limit)).fetchall()
        phrase = '"' + lowered.replace('"', '""') + '"'
        return self.db.execute(indexed, (phrase, limit)).fetchall()
