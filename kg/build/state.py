"""What the store's current build was made of, so that the next build redoes only what changed.

One SQLite file per store (``kg-store/state.sqlite``), written in the same step as the build it
describes and stamped with that build's name; when the stamp does not match the ``current`` build
(a build died between the two) the state is dropped and the next build starts cold.

- ``files``: every file read, with its size, modification time and content hash, its document's
  header facts (for the merged view) and how many tasks it assigns;
- ``claims``: every claim of every file and of the catalogue, with the group it belongs to and
  the node it resolved to (resolution works group by group: see kg.resolve.claims_of);
- ``nodes``: the document nodes of each group;
- ``edges``: each edge each file states between two nodes, with its quote;
- ``mentions``: the agencies each file's tasks are given to, and (in ``nodes``) the issuer of each
  document node: an agency's facts in the merged view are what every mention of it says, so an
  incremental build writes them again from here when a mention comes or goes;
- ``notes``: the files found in folders that are notes about the folder (kg.read.files.folder_note),
  so that an unchanged note is not read again.

A path is kept as text; one whose name is not UTF-8 (made on another system) as the bytes of its
name, which SQLite cannot hold as text (see _db and _fs).
"""

from __future__ import annotations

import os
import pickle
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.graph.quads import EdgeKey, Said, Statement, agency_iri
from kg.graph.resolve import Claim, Group, GroupedClaim
from kg.model import Agency, Document

#: Changed with the tables, or with what the graph says of what the state holds (3: units carry
#: their district and their 2025 codes; 4: documents carry kg:card, kg:sourceFileName and the codes of
#: the units they count for; 5: agencies' mentions and folder notes): a state of another version is
#: dropped (the next build is cold).
SCHEMA_VERSION = "6"  # 6: files' graphs carry validity, and a build its status graph

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, name TEXT, sha TEXT, size INTEGER, mtime INTEGER,
    document BLOB, tasks INTEGER);
CREATE INDEX IF NOT EXISTS files_name ON files(name);
CREATE INDEX IF NOT EXISTS files_sha ON files(sha);
CREATE TABLE IF NOT EXISTS claims (grp TEXT, phase INTEGER, path TEXT, j INTEGER, claim BLOB);
CREATE TABLE IF NOT EXISTS assigned (path TEXT, j INTEGER, node TEXT, iri TEXT);
CREATE TABLE IF NOT EXISTS nodes (key TEXT PRIMARY KEY, grp TEXT, iri TEXT, resolved INTEGER, disputed INTEGER,
    digest TEXT, issuer TEXT, issuer_mention BLOB);
CREATE INDEX IF NOT EXISTS nodes_grp ON nodes(grp);
CREATE INDEX IF NOT EXISTS nodes_iri ON nodes(iri);
CREATE INDEX IF NOT EXISTS nodes_issuer ON nodes(issuer);
CREATE TABLE IF NOT EXISTS edges (path TEXT, seq INTEGER, s TEXT, p TEXT, o TEXT, quote TEXT, src TEXT);
CREATE TABLE IF NOT EXISTS mentions (path TEXT, agency TEXT, mention BLOB);
CREATE TABLE IF NOT EXISTS notes (path PRIMARY KEY, size INTEGER, mtime INTEGER);
"""

#: The indexes of the big tables: a cold build fills the tables first and makes them after (a
#: B-tree filled in random order is many times slower once it outgrows memory).
INDEXES = {
    "claims": ["CREATE INDEX IF NOT EXISTS claims_grp ON claims(grp, phase, path, j)",
               "CREATE INDEX IF NOT EXISTS claims_path ON claims(path, j)"],
    "assigned": ["CREATE INDEX IF NOT EXISTS assigned_path ON assigned(path, j)"],
    "edges": ["CREATE INDEX IF NOT EXISTS edges_spo ON edges(s, p, o)",
              "CREATE INDEX IF NOT EXISTS edges_o ON edges(o, p)",
              "CREATE INDEX IF NOT EXISTS edges_path ON edges(path)"],
    "mentions": ["CREATE INDEX IF NOT EXISTS mentions_agency ON mentions(agency)",
                 "CREATE INDEX IF NOT EXISTS mentions_path ON mentions(path)"],
}


def _db(path: str) -> str | bytes:
    """A path as the state keeps it: text, or the bytes of a name that is not UTF-8."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path)


def _fs(value: str | bytes) -> str:
    """A path the state kept, as the file system takes it."""
    return os.fsdecode(value)


@dataclass(frozen=True, slots=True)
class FileRecord:
    """A file of the build as the last scan found it."""

    path: str
    name: str
    sha: str
    size: int
    mtime: int


@dataclass(frozen=True, slots=True)
class FileEntry:
    """What the state keeps of a file for the merged view: its document's header facts and how
    many tasks it assigns."""

    path: str
    sha: str
    document: Document
    tasks: int


@dataclass(frozen=True, slots=True)
class ClaimPlace:
    """Where a claim sits: its file ("" for the catalogue), its index in it (-1: the file's own
    document), and its stored form (what a node's digest is made of)."""

    path: str
    index: int
    blob: bytes


@dataclass(frozen=True, slots=True)
class StoredClaim:
    claim: Claim
    place: ClaimPlace


@dataclass(frozen=True, slots=True)
class Assignment:
    """The node a claim resolved to."""

    path: str
    index: int
    node: str  # the node's key
    iri: str


@dataclass(frozen=True, slots=True)
class NodeRef:
    key: str
    iri: str


@dataclass(frozen=True, slots=True)
class NodeRow:
    """A document node of a group, as the state keeps it; ``digest`` says what the merged view
    wrote of it (see kg.build.phases); ``issuer`` is the agency the merged view names as its issuer
    (kept for the agency's facts; not read back with the node)."""

    key: str
    iri: str
    resolved: bool
    disputed: bool
    digest: str
    issuer: Agency | None = None


@dataclass(frozen=True, slots=True)
class Figures:
    documents: int
    references: int
    resolved: int
    nodes: int
    conflicts: int


class State:
    """The state file of one store, opened for one build (one transaction)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = self._open()

    @classmethod
    def read_only(cls, path: Path) -> State:
        """The state as a worker reads it while the build that owns it waits."""
        state = cls.__new__(cls)
        state.path = path
        state.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        state.db.execute("PRAGMA cache_size=-32000")
        return state

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(str(self.path), isolation_level=None)
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute("PRAGMA cache_size=-64000")  # 64 MB of pages at most: the OS caches the file as well
        db.executescript(SCHEMA)
        for table in INDEXES:
            if db.execute("SELECT count(*) FROM sqlite_master WHERE type='index' AND tbl_name=?",
                          (table,)).fetchone()[0] == 0 and db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
                self._index(db, table)  # a state a cold build left unfinished
        db.execute("BEGIN")
        return db

    @staticmethod
    def _index(db: sqlite3.Connection, table: str) -> None:
        for sql in INDEXES[table]:
            db.execute(sql)

    # -- meta
    def get(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def put(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def reset(self) -> None:
        """Start from nothing (the next build is cold): a new file, its big tables without indexes
        until they are filled (see indexed)."""
        self.db.execute("ROLLBACK")
        self.db.close()
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        self.db = self._open()

    def indexed(self, table: str) -> None:
        """Make a big table's indexes (after a cold build filled it); the claims are first laid
        out group by group, so that reading them group after group reads the file in order."""
        if table == "claims":
            self.db.execute("CREATE TABLE claims_by_group AS SELECT * FROM claims ORDER BY grp, phase, path, j")
            self.db.execute("DROP TABLE claims")
            self.db.execute("ALTER TABLE claims_by_group RENAME TO claims")
        self._index(self.db, table)

    def commit(self) -> None:
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")

    def close(self, commit: bool = False) -> None:
        if self.db.in_transaction:
            self.db.execute("COMMIT" if commit else "ROLLBACK")
        self.db.close()

    # -- files
    def names(self) -> dict[str, str]:
        """The content hash of each file name (the last in path order when two share one)."""
        return {name: sha for name, sha in self.db.execute("SELECT name, sha FROM files ORDER BY path")}

    def files(self) -> dict[str, FileRecord]:
        return {_fs(r[0]): FileRecord(_fs(r[0]), *r[1:])
                for r in self.db.execute("SELECT path, name, sha, size, mtime FROM files")}

    def add_file(self, rec: FileRecord, document: Document, tasks: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (_db(rec.path), rec.name, rec.sha, rec.size, rec.mtime, pickle.dumps(document), tasks))

    def touch_file(self, rec: FileRecord) -> None:
        """The same content under a new modification time."""
        self.db.execute("UPDATE files SET size=?, mtime=? WHERE path=?", (rec.size, rec.mtime, _db(rec.path)))

    def remove_file(self, path: str) -> None:
        for table in ("files", "claims", "assigned", "edges", "mentions"):
            self.db.execute(f"DELETE FROM {table} WHERE path=?", (_db(path),))

    def file_by_name(self, name: str) -> FileEntry | None:
        """The file with this name (the last in path order)."""
        row = self.db.execute("SELECT path, sha, document, tasks FROM files WHERE name=? ORDER BY path DESC LIMIT 1",
                              (name,)).fetchone()
        return FileEntry(_fs(row[0]), row[1], pickle.loads(row[2]), row[3]) if row else None

    def tasks_of(self, path: str) -> int:
        row = self.db.execute("SELECT tasks FROM files WHERE path=?", (_db(path),)).fetchone()
        return row[0] if row else 0

    # -- notes about a folder (not documents)
    def notes(self) -> dict[str, tuple[int, int]]:
        """The size and modification time of each note as the last build read it."""
        return {_fs(p): (size, mtime) for p, size, mtime in self.db.execute("SELECT path, size, mtime FROM notes")}

    def set_notes(self, notes: dict[str, tuple[int, int]]) -> None:
        self.db.execute("DELETE FROM notes")
        self.db.executemany("INSERT INTO notes VALUES (?, ?, ?)", [(_db(p), s, m) for p, (s, m) in notes.items()])

    # -- agencies: what each mention of one says (see kg.build.output.IncrementalOutput)
    def add_mentions(self, path: str, agencies: Iterable[tuple[str, Agency]]) -> None:
        """The agencies a file's tasks are given to, by IRI (each distinct mention once)."""
        rows = {(iri, pickle.dumps(a)) for iri, a in agencies}
        self.db.executemany("INSERT INTO mentions VALUES (?, ?, ?)", [(_db(path), iri, m) for iri, m in sorted(rows)])

    def mentions_of(self, agency: str) -> list[Agency]:
        """Every distinct mention of an agency the merged view holds: as the issuer of a document
        node, and as the agency a task is given to."""
        blobs = {b for (b,) in self.db.execute("SELECT DISTINCT issuer_mention FROM nodes WHERE issuer=?", (agency,))}
        blobs |= {b for (b,) in self.db.execute("SELECT DISTINCT mention FROM mentions WHERE agency=?", (agency,))}
        return [pickle.loads(b) for b in sorted(blobs)]

    def sha_in_use_twice(self, sha: str) -> bool:
        return self.db.execute("SELECT count(*) FROM files WHERE sha=?", (sha,)).fetchone()[0] > 1

    def sha_in_use(self, sha: str) -> bool:
        return self.db.execute("SELECT 1 FROM files WHERE sha=? LIMIT 1", (sha,)).fetchone() is not None

    # -- claims
    def add_claims(self, path: str, claims: Iterable[GroupedClaim]) -> set[Group]:
        rows = [(_db(path), c.group.text, c.phase, c.index, pickle.dumps(c.claim)) for c in claims]
        self.db.executemany("INSERT INTO claims (path, grp, phase, j, claim) VALUES (?, ?, ?, ?, ?)", rows)
        return {Group.parse(r[1]) for r in rows}

    def groups_of(self, path: str) -> set[Group]:
        return {Group.parse(r[0]) for r in self.db.execute("SELECT DISTINCT grp FROM claims WHERE path=?",
                                                           (_db(path),))}

    def all_groups(self) -> Iterator[tuple[Group, list[StoredClaim]]]:
        """Every group with its claims in resolution order, group after group (a stream)."""
        current: str | None = None
        members: list[StoredClaim] = []
        for grp, path, j, blob in self.db.execute(
                "SELECT grp, path, j, claim FROM claims ORDER BY grp, phase, path, j"):
            if grp != current:
                if current is not None:
                    yield Group.parse(current), members
                current, members = grp, []
            members.append(StoredClaim(pickle.loads(blob), ClaimPlace(_fs(path), j, blob)))
        if current is not None:
            yield Group.parse(current), members

    def group(self, group: Group) -> list[StoredClaim]:
        return [StoredClaim(pickle.loads(blob), ClaimPlace(_fs(path), j, blob)) for path, j, blob in self.db.execute(
            "SELECT path, j, claim FROM claims WHERE grp=? ORDER BY phase, path, j", (group.text,))]

    def assigned(self, group: Group) -> dict[tuple[str, int], str | None]:
        """Where each claim of the group resolved to last time: (path, index) -> node IRI."""
        return {(_fs(p), j): iri for p, j, iri in self.db.execute(
            "SELECT c.path, c.j, a.iri FROM claims c LEFT JOIN assigned a ON a.path=c.path AND a.j=c.j "
            "WHERE c.grp=?", (group.text,))}

    def assign(self, rows: list[Assignment], fresh: bool = False) -> None:
        """Record the node of each claim (a cold build only adds)."""
        if not fresh:
            self.db.executemany("DELETE FROM assigned WHERE path=? AND j=?", [(_db(r.path), r.index) for r in rows])
        self.db.executemany("INSERT INTO assigned VALUES (?, ?, ?, ?)",
                            [(_db(r.path), r.index, r.node, r.iri) for r in rows])

    def keys_of(self, path: str) -> dict[int, NodeRef]:
        """The node of each claim of one file, by reference index (-1: its own document)."""
        return {j: NodeRef(key, iri) for j, key, iri in
                self.db.execute("SELECT j, node, iri FROM assigned WHERE path=?", (_db(path),))}

    def catalog_claims(self) -> list[tuple[str, Claim]]:
        """(node IRI, claim) of every catalogue entry."""
        return [(iri, pickle.loads(blob)) for iri, blob in self.db.execute(
            "SELECT a.iri, c.claim FROM claims c JOIN assigned a ON a.path=c.path AND a.j=c.j "
            "WHERE c.path='' ORDER BY c.j")]

    # -- nodes
    def nodes_of(self, group: Group) -> dict[str, NodeRow]:
        """The nodes of a group by key, as the last build wrote them."""
        return {key: NodeRow(key, iri, bool(res), bool(dis), digest) for key, iri, res, dis, digest in
                self.db.execute("SELECT key, iri, resolved, disputed, digest FROM nodes WHERE grp=?", (group.text,))}

    def groups_with_iri(self, iri: str) -> set[Group]:
        return {Group.parse(r[0]) for r in self.db.execute("SELECT grp FROM nodes WHERE iri=?", (iri,))}

    def set_nodes(self, group: Group, rows: Iterable[NodeRow], fresh: bool = False) -> None:
        """Replace the nodes of a group (a cold build only adds)."""
        if not fresh:
            self.db.execute("DELETE FROM nodes WHERE grp=?", (group.text,))
        self.db.executemany("INSERT OR REPLACE INTO nodes VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            [(r.key, group.text, r.iri, int(r.resolved), int(r.disputed), r.digest,
                              agency_iri(r.issuer) if r.issuer else None, pickle.dumps(r.issuer) if r.issuer else None)
                             for r in rows])

    # -- edges
    def edges_of(self, path: str) -> set[EdgeKey]:
        return {EdgeKey(*r) for r in self.db.execute("SELECT s, p, o FROM edges WHERE path=?", (_db(path),))}

    def set_edges(self, path: str, statements: Iterable[Statement], fresh: bool = False) -> None:
        """The edges a file states (a cold build only adds)."""
        if not fresh:
            self.db.execute("DELETE FROM edges WHERE path=?", (_db(path),))
        self.db.executemany("INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?, ?)",
                            [(_db(path), n, st.citing, st.relation, st.cited, st.quote, st.source)
                             for n, st in enumerate(statements)])

    def said(self, edge: EdgeKey) -> list[Said]:
        """What each file says of one edge, in file order."""
        return [Said(q, src) for q, src in self.db.execute(
            "SELECT quote, src FROM edges WHERE s=? AND p=? AND o=? ORDER BY path, seq",
            (edge.citing, edge.relation, edge.cited))]

    def group_names(self) -> Iterator[Group]:
        return (Group.parse(r[0]) for r in self.db.execute("SELECT DISTINCT grp FROM claims ORDER BY grp"))

    def edges_from(self, s: str) -> list[Statement]:
        """Every edge from ``s`` each file states, by relation, target and file."""
        return [Statement(s, p, o, q, src) for p, o, q, src in
                self.db.execute("SELECT p, o, quote, src FROM edges WHERE s=? ORDER BY p, o, path, seq", (s,))]

    def out_edges(self, s: str) -> list[tuple[str, str]]:
        return list(self.db.execute("SELECT DISTINCT p, o FROM edges WHERE s=?", (s,)))

    def into(self, o: str, p: str) -> list[str]:
        """The subjects of the edges (? p o)."""
        return [r[0] for r in self.db.execute("SELECT DISTINCT s FROM edges WHERE o=? AND p=?", (o, p))]

    # -- figures
    def figures(self) -> Figures:
        def one(sql: str) -> int:
            return int(self.db.execute(sql).fetchone()[0])

        return Figures(
            documents=one("SELECT count(*) FROM files"),
            references=one("SELECT count(*) FROM claims WHERE path!='' AND j>=0"),
            resolved=one("SELECT count(*) FROM assigned a JOIN nodes n ON a.node=n.key "
                         "WHERE a.path!='' AND a.j>=0 AND n.resolved=1"),
            nodes=one("SELECT count(*) FROM nodes"),
            conflicts=one("SELECT count(*) FROM nodes WHERE disputed=1"),
        )
