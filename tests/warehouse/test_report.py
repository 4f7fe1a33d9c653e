"""The HTML report in headless Chromium, and the review queue as Excel and CSV, from a real warehouse."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.warehouse.test_db import ANNA, OTHER_ANNA, analysed, compared_case, item, load, record
from warehouse import db
from warehouse.report import write_report
from warehouse.review_queue import write_queue


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    other_order = record(
        "eva/order.pdf",
        "x",
        analysed(
            "order",
            date(2019, 2, 1),
            OTHER_ANNA,
            name="Eva Berg",
            district="Norrmalm",
            provider="Fontänhuset",
            items=[item("goal", "X ska kunna arbeta")],
        ),
    )
    with db.connect(path) as con:
        load(con, [*compared_case([item("goal", "X kan arbeta på en vanlig arbetsplats")]), other_order])
    return path


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium (apt-get install chromium)")
    return found


def test_the_report_opens_in_chromium_with_its_tables_and_charts(warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    with db.connect(warehouse, read_only=True) as con:
        write_report(con, out)
    dom = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", out.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    captions = re.findall(r"<caption>(.*?)</caption>", dom)
    assert len(captions) == 4
    assert any("inriktning" in c for c in captions) and any("utförare" in c for c in captions)
    assert dom.count("<svg") == 2
    verdicts = re.findall(r'data-verdict="(\w+)"', dom)
    assert {"no_plan", "partial"} <= set(verdicts) or {"no_plan", "match"} <= set(verdicts)
    assert "Norrmalm" in dom and "Fontänhuset" in dom


def test_the_review_queue_holds_every_case_in_excel_and_csv(warehouse: Path, tmp_path: Path) -> None:
    with db.connect(warehouse, read_only=True) as con:
        cases = {row[0] for row in con.execute("SELECT case_key FROM case_findings").fetchall()}
        assert write_queue(con, tmp_path / "queue.xlsx") == len(cases) == 2
        write_queue(con, tmp_path / "queue.csv")
    sheet = load_workbook(tmp_path / "queue.xlsx").active
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert {row["Ärende (nyckel)"] for row in rows} == cases == {ANNA, OTHER_ANNA}
    assert [row["Ordning"] for row in rows] == [1, 2]
    assert rows[0]["Poäng"] >= rows[1]["Poäng"]
    with (tmp_path / "queue.csv").open(encoding="utf-8-sig") as handle:
        assert {row["Ärende (nyckel)"] for row in csv.DictReader(handle, delimiter=";")} == cases
