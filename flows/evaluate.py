"""`make eval`: accuracy of the pipeline against the annotated sample case files.

Runs the real nightly flow over sample_docs/export into a temporary warehouse, with a fixed evaluation
key so that annotated personnummer can be turned into the same case keys, and compares field by field,
separately for the development cases and the held-back cases.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

EVALUATION_KEY = "aktgranskning-evaluation-key"
SAMPLE_ROOT = Path(__file__).resolve().parent.parent / "sample_docs"


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, expected: object, found: object, where: str) -> None:
        self.total += 1
        if expected == found:
            self.right += 1
        else:
            self.misses.append(f"{where}: expected {expected!r}, found {found!r}")

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else float("nan")


def _twelve_digits(personnummer: str) -> str:
    return "".join(ch for ch in personnummer if ch.isdigit())


def _run_pipeline(export: Path, db_path: Path) -> None:
    os.environ["AKTGRANSKNING_KEY"] = EVALUATION_KEY
    from flows.cli import _configure_prefect

    _configure_prefect(db_path)
    from flows.nightly import nightly

    nightly(str(export), str(db_path))


def _iso(value: object) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def evaluate(annotations: dict, db_path: Path) -> dict[str, dict[str, Tally]]:
    import duckdb

    from nlp.privacy import Pseudonymizer

    pseudonymizer = Pseudonymizer(EVALUATION_KEY.encode())
    tallies: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    with duckdb.connect(str(db_path), read_only=True) as con:
        documents = {
            row[0]: row
            for row in con.execute(
                "SELECT path_key, doc_type, doc_date, case_key, district, provider, status FROM documents"
            ).fetchall()
        }
        findings = {
            row[0]: row
            for row in con.execute(
                "SELECT case_key, gender, birth_year, district, provider FROM case_findings"
            ).fetchall()
        }
    for case in annotations["cases"]:
        split = case["split"]
        case_key = pseudonymizer.case_key(_twelve_digits(case["person"]["personnummer"]))
        for document in case["documents"]:
            where = f"{case['case_id']} {document['file']}"
            stored = documents.get(pseudonymizer.path_key(document["file"]))
            if stored is None:
                tallies[split]["document loaded"].add(True, False, where)
                continue
            tallies[split]["document loaded"].add(True, True, where)
            if document["format"] == "scan":
                tallies[split]["scan marked needs_ocr"].add("needs_ocr", stored[6], where)
                continue
            tally = tallies[split]
            tally["doc_type"].add(document["doc_type"], stored[1], where)
            for name in ("doc_date", f"  doc_date of {document['doc_type']}"):
                tally[name].add(_iso(document["doc_date"]), _iso(stored[2]), where)
            expected_case = case_key if document.get("linked_by", "personnummer") != "none" else None
            tally["case"].add(expected_case, stored[3], where)
            tally["district"].add(document.get("district"), stored[4], where)
            if document["doc_type"] in ("order", "plan"):
                for name in ("provider", f"  provider of {document['doc_type']}"):
                    tally[name].add(document.get("provider"), stored[5], where)
        found = findings.get(case_key)
        where = case["case_id"]
        tally = tallies[split]
        tally["case found"].add(True, found is not None, where)
        if found:
            tally["case gender"].add(case["person"]["gender"], found[1], where)
            tally["case birth_year"].add(case["person"]["birth_year"], found[2], where)
            tally["case district"].add(case["district"], found[3], where)
            tally["case provider"].add(case.get("provider"), found[4], where)
    return tallies


def report(tallies: dict[str, dict[str, Tally]]) -> None:
    splits = [s for s in ("dev", "heldout") if s in tallies]
    fields = list(dict.fromkeys(f for s in splits for f in tallies[s]))
    print(f"{'field':<24}" + "".join(f"{s + ' (right/n)':>22}{'accuracy':>10}" for s in splits))
    for name in fields:
        line = f"{name:<24}"
        for split in splits:
            tally = tallies[split].get(name, Tally())
            line += f"{f'{tally.right}/{tally.total}':>22}{tally.accuracy:>10.3f}"
        print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=Path, default=SAMPLE_ROOT)
    parser.add_argument(
        "--misses",
        choices=["dev", "all", "none"],
        default="dev",
        help="list the wrong answers: of the dev cases only (default), all, or none",
    )
    args = parser.parse_args(argv)
    annotations = json.loads((args.samples / "annotations.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="aktgranskning-eval-") as folder:
        db_path = Path(folder) / "eval.duckdb"
        _run_pipeline(args.samples / "export", db_path)
        tallies = evaluate(annotations, db_path)
    print()
    report(tallies)
    if args.misses != "none":
        print("\nwrong answers:")
        _print_misses({k: v for k, v in tallies.items() if args.misses == "all" or k == "dev"})
    return 0


def _print_misses(tallies: dict[str, dict[str, Tally]]) -> None:
    for split, fields in tallies.items():
        for name, tally in fields.items():
            for miss in tally.misses if not name.startswith(" ") else []:
                print(f"  [{split}] {name}: {miss}")


if __name__ == "__main__":
    raise SystemExit(main())
