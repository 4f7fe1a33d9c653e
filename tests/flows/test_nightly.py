"""End to end: the real nightly flow (real Prefect, real files, real DuckDB) on sample_docs/."""

import json
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from flows.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / "sample_docs"
TABLES = (
    "documents",
    "items",
    "mentions",
    "name_tokens",
    "case_findings",
    "current_documents",
    "finding_evidence",
    "comparisons",
    "item_alignment",
    "added_items",
    "mismatches",
)
ORDER_BY = {
    "documents": "doc_id",
    "items": "doc_id, item_no",
    "mentions": "doc_id, mention_no",
    "name_tokens": "doc_id, token_key",
    "case_findings": "case_key",
    "current_documents": "case_key, role",
    "finding_evidence": "case_key, finding, doc_id, page, evidence, detail",
    "comparisons": "case_key",
    "item_alignment": "case_key, order_item_no",
    "added_items": "case_key, item_no",
    "mismatches": "case_key",
}
FINDINGS = (
    "has_current_dur",
    "dur_states_purpose",
    "dur_states_goal",
    "plan_verdict",
    "violence_asked",
    "violence_status",
    "sip_status",
    "psychiatry_cooperation",
    "fk_cooperation",
    "af_cooperation",
    "personal_ombud",
    "followup_documented",
    "has_children",
    "child_impact_analysis",
)


def snapshot(db_path: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY {ORDER_BY[t]}").fetchall() for t in TABLES}


@pytest.fixture(scope="module")
def annotations():
    return json.loads((SAMPLES / "annotations.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    export = tmp_path_factory.mktemp("export")
    shutil.copytree(SAMPLES / "export", export, dirs_exist_ok=True)
    db_path = tmp_path_factory.mktemp("warehouse") / "w.duckdb"
    assert main(["run", str(export), "--db", str(db_path)]) == 0
    return export, db_path


def test_every_file_is_recorded(warehouse, annotations):
    export, db_path = warehouse
    files = [p for p in export.rglob("*") if p.is_file()]
    with duckdb.connect(str(db_path), read_only=True) as con:
        statuses = dict(con.execute("SELECT status, count(*) FROM documents GROUP BY 1").fetchall())
        run = con.execute("SELECT status, files_seen, files_new FROM runs").fetchall()
        ocr = con.execute(
            "SELECT count(*) FROM documents WHERE ocr_pages > 0 AND ocr_confidence > 50"
        ).fetchone()
    scans = sum(d["format"] == "scan" for c in annotations["cases"] for d in c["documents"])
    assert sum(statuses.values()) == len(files)
    assert statuses.get("needs_ocr", 0) == 0 and ocr == (scans,)  # every scan read by OCR
    assert run == [("completed", len(files), len(files))]


def test_one_finding_row_per_case(warehouse, annotations):
    _, db_path = warehouse
    with duckdb.connect(str(db_path), read_only=True) as con:
        cases = con.execute("SELECT count(*), count(gender), count(birth_year) FROM case_findings").fetchone()
    assert cases == (len(annotations["cases"]),) * 3


def test_every_finding_has_evidence_from_its_own_case(warehouse):
    _, db_path = warehouse
    with duckdb.connect(str(db_path), read_only=True) as con:
        cases = [row[0] for row in con.execute("SELECT case_key FROM case_findings").fetchall()]
        evidence = con.execute(
            "SELECT e.case_key, e.finding, e.basis, d.case_key FROM finding_evidence AS e "
            "LEFT JOIN documents AS d USING (doc_id)"
        ).fetchall()
    covered = {(case, finding) for case, finding, _, _ in evidence}
    assert covered == {(case, finding) for case in cases for finding in FINDINGS}
    for case, finding, basis, document_case in evidence:
        assert (document_case == case) if basis != "absence" else document_case is None, finding
    assert {basis for *_, basis, _ in evidence} == {"document", "item", "mention", "alignment", "absence"}


def test_no_personnummer_or_name_in_any_text_column(warehouse, annotations):
    _, db_path = warehouse
    names = {
        part
        for case in annotations["cases"]
        for key in ("first_name", "last_name")
        for part in re.split(r"[\s-]+", case["person"][key])
    }
    name_pattern = re.compile(rf"(?i)(?<![\w])(?:{'|'.join(map(re.escape, sorted(names)))})(?![\w])")
    number_pattern = re.compile(r"(?<![0-9a-zA-Z])(?:\d{2})?\d{6}\s?[-+]?\s?\d{4}(?![0-9a-zA-Z])")
    # Providers' names are organisations', though one may share a word with a person ("Kulturträffen Sofia").
    providers = {d["provider"] for case in annotations["cases"] for d in case["documents"] if d["provider"]}
    leaks = []
    with duckdb.connect(str(db_path), read_only=True) as con:
        columns = con.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE data_type = 'VARCHAR' AND table_schema = 'main'"
        ).fetchall()
        assert len(columns) > 20
        for table, column in columns:
            for (value,) in con.execute(f'SELECT DISTINCT "{column}" FROM "{table}"').fetchall():
                if value in providers:
                    continue
                if value and (name_pattern.search(value) or number_pattern.search(value)):
                    leaks.append(f"{table}.{column}: {value[:80]}")
    assert leaks == [], leaks[:10]


def test_second_run_leaves_identical_rows_and_a_changed_file_replaces_its_rows(warehouse, tmp_path):
    export, db_path = warehouse
    before = snapshot(db_path)
    assert main(["run", str(export), "--db", str(db_path)]) == 0
    assert snapshot(db_path) == before
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert con.execute(
            "SELECT files_new, files_unchanged FROM runs ORDER BY started_at DESC LIMIT 1"
        ).fetchone() == (0, len(before["documents"]))

    docx = sorted(export.rglob("*.docx"))[0]
    original_rows = [r for r in before["documents"] if r[1] == _sha(docx)]
    shutil.copy(sorted(export.rglob("*.docx"))[1], docx)
    assert main(["run", str(export), "--db", str(db_path)]) == 0
    after = snapshot(db_path)
    assert len(after["documents"]) == len(before["documents"])
    assert original_rows and original_rows[0] not in after["documents"]
    assert [r for r in after["documents"] if r[1] == _sha(docx)]


def _sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()
