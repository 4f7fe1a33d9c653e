"""The audit report's tables and charts, recomputed from the warehouse, as one self-contained HTML file."""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from warehouse.db import sql

VERDICT_COLOURS = {
    "match": ("Stämmer", "#2e7d32"),
    "partial": ("Delvis ändrad", "#f9a825"),
    "replaced": ("Ersatt", "#c62828"),
    "no_plan": ("Plan saknas", "#616161"),
    "unreadable_plan": ("Oläslig skanning", "#8e24aa"),
    "no_order": ("Ingen beställning", "#bdbdbd"),
}
_BAR_HEIGHT = 18
_LABEL_WIDTH = 220
_CHART_WIDTH = 460


@dataclass(frozen=True, slots=True)
class Table:
    caption: str
    columns: list[str]
    rows: list[tuple]


def _query(con: duckdb.DuckDBPyConnection, name: str) -> Table:
    cursor = con.execute(sql(f"reports/{name}"))
    return Table("", [d[0] for d in cursor.description], cursor.fetchall())


def _checklist(con: duckdb.DuckDBPyConnection) -> Table:
    """Figures as rows, districts as columns: "n av N (p %)"."""
    rows = con.execute(sql("reports/checklist_by_district")).fetchall()
    districts = sorted({district for district, *_ in rows})
    cells: dict[str, dict[str, str]] = defaultdict(dict)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for district, figure, cases, of_cases in rows:
        cells[figure][district] = _share(cases, of_cases)
        totals[figure][0] += cases
        totals[figure][1] += of_cases
    body = [
        (figure, *(cells[figure].get(d, "") for d in districts), _share(*totals[figure]))
        for figure in sorted(cells)
    ]
    return Table("", ["Granskningspunkt", *districts, "Totalt"], body)


def _share(cases: int, of_cases: int) -> str:
    return f"{cases} av {of_cases} ({round(100 * cases / of_cases)} %)" if of_cases else "–"


def _table_html(table: Table, caption: str) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in table.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape('' if v is None else str(v))}</td>" for v in row) + "</tr>"
        for row in table.rows
    )
    return (
        f"<table><caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _chart_svg(con: duckdb.DuckDBPyConnection, query: str, title: str) -> str:
    """A stacked bar per label, one segment per verdict, with a legend."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for label, verdict, cases in con.execute(sql(f"reports/{query}")).fetchall():
        counts[label][verdict] = cases
    most = max((sum(v.values()) for v in counts.values()), default=1)
    scale = _CHART_WIDTH / most
    bars = []
    for row, (label, verdicts) in enumerate(sorted(counts.items())):
        y = row * (_BAR_HEIGHT + 6) + 4
        bars.append(
            f'<text x="{_LABEL_WIDTH - 6}" y="{y + _BAR_HEIGHT - 5}" text-anchor="end">'
            f"{html.escape(label)}</text>"
        )
        x = float(_LABEL_WIDTH)
        for verdict, (name, colour) in VERDICT_COLOURS.items():
            cases = verdicts.get(verdict, 0)
            if cases:
                width = cases * scale
                bars.append(
                    f'<rect class="bar" data-verdict="{verdict}" x="{x:.1f}" y="{y}" width="{width:.1f}" '
                    f'height="{_BAR_HEIGHT}" fill="{colour}">'
                    f"<title>{html.escape(label)}: {name} {cases}</title></rect>"
                )
                x += width
    height = len(counts) * (_BAR_HEIGHT + 6) + 8
    legend = "".join(
        f'<span class="key"><i style="background:{colour}"></i>{name}</span>'
        for name, colour in VERDICT_COLOURS.values()
    )
    return (
        f"<figure><figcaption>{html.escape(title)}</figcaption>"
        f'<svg role="img" aria-label="{html.escape(title)}" width="{_LABEL_WIDTH + _CHART_WIDTH + 10}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg">{"".join(bars)}</svg>'
        f'<div class="legend">{legend}</div></figure>'
    )


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 1em 0 2em; font-size: 0.9em; }
caption { text-align: left; font-weight: bold; margin-bottom: 0.4em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; }
th { background: #f3f3f3; }
figure { margin: 1em 0 2em; } figcaption { font-weight: bold; margin-bottom: 0.4em; }
svg text { font-size: 12px; } .legend { font-size: 0.85em; }
.key { margin-right: 1em; }
.key i { display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.3em; }
"""


def render(con: duckdb.DuckDBPyConnection) -> str:
    """The whole report as HTML text."""
    cases, documents, not_read, last_run = con.execute(sql("reports/summary")).fetchone()
    when = last_run.strftime("%Y-%m-%d %H:%M") if isinstance(last_run, datetime) else "ingen körning"
    sections = [
        f"<h1>Aktgranskning: förgranskning av sysselsättningsärenden</h1>"
        f"<p>{cases} ärenden, {documents} dokument ({not_read} kunde inte läsas). Senaste körning: {when}. "
        "Siffrorna är maskinens förgranskning och ska bekräftas vid manuell granskning.</p>",
        "<h2>Ärendena</h2>",
        _table_html(
            _query(con, "cases_by_district_orientation"),
            "Ärenden per stadsdelsförvaltning, inriktning och kön",
        ),
        _table_html(_query(con, "cases_by_birth_decade"), "Ärenden per födelseårtionde och kön"),
        _table_html(
            _query(con, "cases_by_provider"), "Ärenden per utförare och kön, med genomförandeplanernas utfall"
        ),
        "<h2>Granskningspunkterna</h2>",
        _table_html(_checklist(con), "Granskningspunkter per stadsdelsförvaltning: antal och andel ärenden"),
        "<h2>Genomförandeplan mot beställning</h2>",
        _chart_svg(con, "verdicts_by_district", "Planernas utfall per stadsdelsförvaltning"),
        _chart_svg(con, "verdicts_by_provider", "Planernas utfall per utförare"),
    ]
    return (
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Aktgranskning</title>'
        f"<style>{_STYLE}</style></head><body>{''.join(sections)}</body></html>"
    )


def write_report(con: duckdb.DuckDBPyConnection, out: Path) -> None:
    out.write_text(render(con), encoding="utf-8")
