"""The review queue: one row per case, ordered by how much needs review, as .xlsx or .csv."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from warehouse.db import sql

_COLUMN_WIDTHS = {"Att granska": 50, "Underlag (mening och sida)": 120, "Ärende (nyckel)": 20}


def queue(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[tuple]]:
    cursor = con.execute(sql("reports/review_queue"))
    return [d[0] for d in cursor.description], cursor.fetchall()


def write_queue(con: duckdb.DuckDBPyConnection, out: Path) -> int:
    """Write the queue as Excel (.xlsx) or CSV (any other suffix); returns the number of cases."""
    columns, rows = queue(con)
    if out.suffix.lower() == ".xlsx":
        _write_xlsx(out, columns, rows)
    else:
        with out.open("w", encoding="utf-8-sig", newline="") as handle:  # the BOM lets Excel read UTF-8
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(columns)
            writer.writerows(rows)
    return len(rows)


def _write_xlsx(out: Path, columns: list[str], rows: list[tuple]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Granskningskö"
    sheet.append(columns)
    for row in rows:
        sheet.append(list(row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, name in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _COLUMN_WIDTHS.get(name, 16)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.save(out)
