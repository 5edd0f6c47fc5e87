"""Which localities have acted on a directive, how late, and which have not acted at all.

For a directive and a level (province, district, commune), every locality of that level as the
gazetteer lists them on the directive's date (63 provinces before the reform of 1 July 2025, 34
after it; there are no districts after it), with the documents of the corpus by which it, or a unit
within it, acts on the directive (directly or through a chain), and the lag in days from the
directive's date to each. A document of a 2025 unit counts for each older unit it was made of.
The graph answers through the named query ``coverage`` (queries/coverage.rq); the gazetteer adds
the localities that did nothing.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kg.errors import KgError
from kg.extract.places import era_for, gazetteer
from kg.files import write_text
from kg.html import environment, script_json
from kg.model import Unit
from kg.sparql.query import Endpoint, Term, internal_query, load_query

CoverageLevel = Literal["province", "district", "commune"]
_GAZETTEER_LEVEL = {"province": "provincial", "district": "district", "commune": "commune"}
#: The reform took effect on this day; a directive dated from it on is read with the 2025 units.


class CoverageError(KgError):
    """A coverage that cannot be computed as asked."""


@dataclass(frozen=True, slots=True)
class Implementation:
    """A document of a locality that acts on the directive."""

    iri: str
    identifier: str | None
    file: str | None  # the file it was read from
    date: str | None
    lag_days: int | None
    # a document dated by year only may be bounded by the dates it cites: its lag lies between
    lag_range: tuple[int, int] | None = None

    @property
    def label(self) -> str:
        return self.identifier or self.file or self.iri

    def lag_text(self) -> str:
        if self.lag_days is not None:
            return f"+{self.lag_days} days"
        if self.lag_range is not None:
            return f"+{self.lag_range[0]} to +{self.lag_range[1]} days, dated by the documents it cites"
        return ""


@dataclass(frozen=True, slots=True)
class LocalityCoverage:
    unit: Unit
    documents: tuple[Implementation, ...]

    @property
    def covered(self) -> bool:
        return bool(self.documents)

    @property
    def first_lag(self) -> int | None:
        """Days from the directive to the locality's first dated document that acts on it."""
        lags = [d.lag_days for d in self.documents if d.lag_days is not None]
        return min(lags) if lags else None


@dataclass(frozen=True, slots=True)
class Coverage:
    directive: str  # IRI
    label: str  # "131/QĐ-TTg", or the title of a directive without a number
    directive_date: str | None
    level: CoverageLevel
    era: Literal["legacy", "2025"]
    localities: tuple[LocalityCoverage, ...]

    @property
    def covered(self) -> list[LocalityCoverage]:
        return [loc for loc in self.localities if loc.covered]

    @property
    def share(self) -> float:
        return len(self.covered) / len(self.localities) if self.localities else 0.0

    @property
    def lags(self) -> list[int]:
        """The first lag of each covered locality that has one, in days, smallest first."""
        return sorted(lag for loc in self.covered if (lag := loc.first_lag) is not None)

    def lag_summary(self) -> dict[str, float | int | None]:
        """Median and spread of the lags: minimum, quartiles, maximum (None without lags)."""
        lags = self.lags
        if not lags:
            return {"median": None, "min": None, "q1": None, "q3": None, "max": None}
        q1, _, q3 = statistics.quantiles(lags, n=4, method="inclusive") if len(lags) > 1 else (lags[0],) * 3
        return {"median": statistics.median(lags), "min": lags[0], "q1": q1, "q3": q3, "max": lags[-1]}

    def as_json(self) -> dict:
        return {
            "directive": self.directive, "label": self.label, "date": self.directive_date, "level": self.level,
            "localities_as_of": "before the 2025 reform" if self.era == "legacy" else "after the 2025 reform",
            "localities": len(self.localities), "covered": len(self.covered), "share": round(self.share, 4),
            "lag_days": self.lag_summary(),
            "rows": [{"code": loc.unit.code, "name": _name(loc.unit), "covered": loc.covered,
                      "first_lag_days": loc.first_lag,
                      "documents": [{"iri": d.iri, "identifier": d.identifier, "file": d.file, "date": d.date,
                                     "lag_days": d.lag_days,
                                     "lag_days_between": list(d.lag_range) if d.lag_range else None}
                                    for d in loc.documents]}
                     for loc in self.localities],
        }

    def to_text(self) -> str:
        s = self.lag_summary()
        out = [f"{self.label} ({self.directive_date or 'undated'}): {len(self.covered)} of {len(self.localities)} "
               f"{_PLURAL[self.level]} have acted ({self.share:.0%}); "
               + (f"lag in days: median {s['median']:g}, quartiles {s['q1']:g}–{s['q3']:g}, "
                  f"range {s['min']}–{s['max']}" if s["median"] is not None else "no dated document to measure lag")]
        out.append("")
        out.append("acted:")
        for loc in self.covered:
            docs = "; ".join(d.label + (f" {d.date}" if d.date else "") + (f" ({d.lag_text()})" if d.lag_text() else "")
                             for d in loc.documents)
            out.append(f"  {_name(loc.unit)} [{loc.unit.code}]: {docs}")
        missing = [loc for loc in self.localities if not loc.covered]
        out.append("")
        out.append(f"not acted ({len(missing)}): " + ", ".join(_name(loc.unit) for loc in missing))
        return "\n".join(out)


_PLURAL = {"province": "provinces", "district": "districts", "commune": "communes"}


def _name(u: Unit) -> str:
    if u.level == "provincial":
        return f"{u.province_designator} {u.name}"
    where = f"{u.district_designator} {u.district}, " if u.district else ""
    return f"{u.designator} {u.name} ({where}{u.province_designator} {u.province})"


def coverage(endpoint: Endpoint, directive: str, level: CoverageLevel) -> Coverage:
    """The coverage of the directive (an IRI) at one level."""
    facts = endpoint.select(internal_query("describe"), {"d": Term("uri", directive)}).rows
    first = facts[0] if facts else {}
    date = first["date"].value if "date" in first else None
    label = first["identifier"].value if "identifier" in first else (first["title"].value if "title" in first
                                                                     else directive)
    era = era_for(date)  # a directive dated only "2025" is taken as before the reform
    if era == "2025" and level == "district":
        raise CoverageError(f"{label} is dated {date}, after the reform of 1 July 2025, which abolished the "
                            "districts: use --level province or commune")
    units = gazetteer().units(era, _GAZETTEER_LEVEL[level])  # type: ignore[arg-type]
    by_code: dict[int, list[Implementation]] = {}
    rows = endpoint.select(load_query("coverage"), {"directive": Term("uri", directive),
                                                    "level": Term("literal", level)}).rows
    seen: set[tuple[int, str]] = set()
    for row in rows:
        code, iri = int(row["code"].value), row["document"].value
        if (code, iri) in seen:  # one row per file of a document read from several
            continue
        seen.add((code, iri))
        by_code.setdefault(code, []).append(Implementation(
            iri, row["identifier"].value if "identifier" in row else None,
            row["file"].value if "file" in row else None, row["date"].value if "date" in row else None,
            int(row["lag_days"].value) if "lag_days" in row else None,
            _lag_range(date, row["earliest"].value if "earliest" in row else None,
                       row["latest"].value if "latest" in row else None)))
    localities = tuple(LocalityCoverage(u, tuple(by_code.get(u.code, ()))) for u in units)
    return Coverage(directive, label, date, level, era, localities)


def _lag_range(directive_date: str | None, earliest: str | None, latest: str | None) -> tuple[int, int] | None:
    """Days from the directive to the bounds of an undated document's date, when all are whole dates."""
    import datetime as dt

    if not (directive_date and earliest and latest) or not all(len(d) == 10 for d in (directive_date, earliest,
                                                                                         latest)):
        return None
    start = dt.date.fromisoformat(directive_date)
    return (dt.date.fromisoformat(earliest) - start).days, (dt.date.fromisoformat(latest) - start).days


# -- the HTML report ---------------------------------------------------------------------------

def write_report(c: Coverage, out: str | Path) -> Path:
    """A self-contained HTML page (no script or font from elsewhere): the figures, a chart of the
    lag of each locality that acted, and every locality with its documents or marked as not acted
    (templates/coverage.html: every value escaped, whatever a document or its file name holds)."""
    out = Path(out)
    page = environment(Path(__file__).resolve().parent / "templates").get_template("coverage.html").render(
        label=c.label, date=c.directive_date, as_of="trước" if c.era == "legacy" else "sau",
        level=_VI_LEVEL[c.level], covered=len(c.covered), localities=len(c.localities), share=f"{c.share:.0%}",
        lags=c.lag_summary(), chart=_lag_chart(c), data=script_json(c.as_json()),
        rows=[{"code": loc.unit.code, "name": _name(loc.unit), "covered": loc.covered, "documents": loc.documents}
              for loc in c.localities])
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise CoverageError(f"cannot write {out}: {e.strerror or e}") from e
    return write_text(out, page)


_VI_LEVEL = {"province": "tỉnh, thành phố", "district": "huyện, quận, thị xã", "commune": "xã, phường, thị trấn"}


def _lag_chart(c: Coverage, width: int = 760, bar: int = 18) -> dict:
    """An SVG bar chart's geometry: one bar per locality that acted, its first lag in days; the
    median as a line (no bars: no locality acted with a dated document)."""
    placed = sorted((loc.first_lag, _name(loc.unit)) for loc in c.covered if loc.first_lag is not None)
    if not placed:
        return {"bars": []}
    left, right = 260, 60
    longest = max(1, max(lag for lag, _ in placed))
    scale = (width - left - right) / longest
    height = bar * len(placed) + 40
    bars = [{"name": name, "lag": lag, "y": 10 + i * bar, "text_y": 10 + i * bar + bar * 0.7,
             "width": max(1.0, max(0, lag) * scale)} for i, (lag, name) in enumerate(placed)]
    median = statistics.median(lag for lag, _ in placed)
    x = left + max(0.0, median) * scale
    anchor, tx = ("end", x - 4) if x > width - 140 else ("start", x + 4)
    return {"bars": bars, "width": width, "height": height, "left": left, "bar": bar, "median": median,
            "median_x": x, "median_text_x": tx, "median_anchor": anchor,
            "undated": sum(1 for loc in c.covered if loc.first_lag is None)}
