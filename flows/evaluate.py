"""`make eval`: accuracy of the pipeline against the annotated sample case files.

Runs the real nightly flow over sample_docs/export into a temporary warehouse, with a fixed evaluation
key so that annotated personnummer can be turned into the same case keys, and compares field by field,
separately for the development cases and the held-back cases. Then it runs the flow over sample_docs/twins
(each scanned document as text, and scanned copies of text documents) and sets what every scan gives
beside what the same document gives as text.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path

EVALUATION_KEY = "aktgranskning-evaluation-key"
SAMPLE_ROOT = Path(__file__).resolve().parent.parent / "sample_docs"
# An extracted item counts as the annotated one when their normalised texts are this similar.
ITEM_SIMILARITY = 0.85
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


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)
    pairs: list[tuple[object, object]] = field(default_factory=list)

    def add(self, expected: object, found: object, where: str) -> None:
        self.total += 1
        self.pairs.append((expected, found))
        if expected == found:
            self.right += 1
        else:
            self.misses.append(f"{where}: expected {expected!r}, found {found!r}")

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else float("nan")


@dataclass
class Retrieval:
    """Precision and recall of extracted items against the annotated ones, and the kind of the matched."""

    found: int = 0
    expected: int = 0
    matched: int = 0
    kind_right: int = 0
    boundary_only: int = 0  # missed items found with other boundaries (a clause more or less)
    misses: list[str] = field(default_factory=list)

    def add(self, other: Retrieval) -> None:
        """Count another tally's items into this one (its misses stay its own)."""
        self.found += other.found
        self.expected += other.expected
        self.matched += other.matched
        self.kind_right += other.kind_right
        self.boundary_only += other.boundary_only

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else float("nan")

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else float("nan")

    @property
    def kind_accuracy(self) -> float:
        return self.kind_right / self.matched if self.matched else float("nan")


def _normalised(text: str) -> str:
    return " ".join(re.sub(r"[^\w/ ]", " ", text.casefold()).split())


def _similar(a: str, b: str) -> bool:
    return SequenceMatcher(None, _normalised(a), _normalised(b)).ratio() >= ITEM_SIMILARITY


def _match_one_to_one(
    expected: list[tuple[str, str]], found: list[tuple[str, str]], same: Callable[[tuple, tuple], bool]
) -> tuple[list[tuple[tuple, tuple]], list[tuple], list[tuple]]:
    """Greedy one-to-one matching: the matched (expected, found) pairs, the missed, the unmatched found."""
    unmatched, matched, missed = list(found), [], []
    for wanted in expected:
        partner = next((f for f in unmatched if same(wanted, f)), None)
        if partner is None:
            missed.append(wanted)
            continue
        unmatched.remove(partner)
        matched.append((wanted, partner))
    return matched, missed, unmatched


def score_items(
    expected: list[tuple[str, str]], found: list[tuple[str, str]], tally: Retrieval, where: str
) -> None:
    """(kind, text) items matched one to one by text similarity; the kind of the matched is checked."""
    matched, missed, unmatched = _match_one_to_one(expected, found, lambda e, f: _similar(e[1], f[1]))
    tally.found += len(found)
    tally.expected += len(expected)
    tally.matched += len(matched)
    for (kind, text), (found_kind, _) in matched:
        if found_kind == kind:
            tally.kind_right += 1
        else:
            tally.misses.append(f"{where}: {text!r} is a {kind}, found as {found_kind}")
    tally.misses.extend(f"{where}: missed {kind} {text!r}" for kind, text in missed)
    tally.misses.extend(f"{where}: extra {kind} {text!r}" for kind, text in unmatched)
    tally.boundary_only += sum(any(_overlapping(text, f[1]) for f in unmatched) for _, text in missed)


def _overlapping(a: str, b: str) -> bool:
    """The same item with other boundaries: one text holds the other."""
    a, b = _normalised(a), _normalised(b)
    return bool(a and b) and (a in b or b in a)


def _twelve_digits(personnummer: str) -> str:
    return "".join(ch for ch in personnummer if ch.isdigit())


def _run_pipeline(runs: list[tuple[Path, Path]]) -> None:
    """The nightly flow over each (export folder, warehouse), on one Prefect server."""
    os.environ["AKTGRANSKNING_KEY"] = EVALUATION_KEY
    from flows.cli import _configure_prefect

    _configure_prefect(runs[0][1])
    from flows.nightly import nightly
    from flows.prefect_api import prefect_api

    with prefect_api():
        for export, db_path in runs:
            db_path.unlink(missing_ok=True)
            nightly(str(export), str(db_path))


def _iso(value: object) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


@dataclass
class Scores:
    fields: dict[str, dict[str, Tally]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Tally))
    )
    items: dict[str, Retrieval] = field(default_factory=lambda: defaultdict(Retrieval))
    alignment: dict[str, Retrieval] = field(default_factory=lambda: defaultdict(Retrieval))


def _read_warehouse(db_path: Path) -> tuple[dict, dict, dict, dict]:
    import duckdb

    with duckdb.connect(str(db_path), read_only=True) as con:
        documents = {
            row[0]: row
            for row in con.execute(
                "SELECT path_key, doc_type, doc_date, case_key, district, provider, status, doc_id,"
                " ocr_confidence FROM documents"
            ).fetchall()
        }
        columns = ", ".join(
            ("case_key", "gender", "birth_year", "district", "provider", "orientation", *FINDINGS)
        )
        cursor = con.execute(f"SELECT {columns} FROM case_findings")
        names = [d[0] for d in cursor.description]
        findings = {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}
        items: dict[str, list[tuple[str, str]]] = defaultdict(list)
        rows = con.execute("SELECT doc_id, kind, text FROM items ORDER BY doc_id, item_no").fetchall()
        for doc_id, kind, text in rows:
            items[doc_id].append((kind, text))
        pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
        rows = con.execute(
            "SELECT case_key, order_text, plan_text FROM item_alignment WHERE matched"
        ).fetchall()
        for case_key, order_text, plan_text in rows:
            pairs[case_key].append((order_text, plan_text))
    return documents, findings, items, pairs


def evaluate(annotations: dict, db_path: Path) -> Scores:
    from nlp.privacy import Pseudonymizer

    pseudonymizer = Pseudonymizer(EVALUATION_KEY.encode())
    documents, findings, items, pairs = _read_warehouse(db_path)
    scores = Scores()
    for case in annotations["cases"]:
        split, person = case["split"], case["person"]
        case_key = pseudonymizer.case_key(_twelve_digits(person["personnummer"]))
        name_keys = pseudonymizer.name_token_keys(f"{person['first_name']} {person['last_name']}")
        tally = scores.fields[split]
        for document in case["documents"]:
            where = f"{case['case_id']} {document['file']}"
            stored = documents.get(pseudonymizer.path_key(document["file"]))
            tally["document loaded"].add(True, stored is not None, where)
            if stored is None:
                continue
            if document["format"] == "scan":
                tally["scan read by OCR"].add("ok", stored[6], where)
            _score_document(tally, document, stored, case_key, where)
            expected_items = [
                (item["kind"], pseudonymizer.mask_text(item["text"], name_keys))
                for item in document.get("items") or []
            ]
            score_items(expected_items, items.get(stored[7], []), scores.items[split], where)
        _score_case(tally, case, findings.get(case_key))
        expected_pairs = [
            (pseudonymizer.mask_text(p["order"], name_keys), pseudonymizer.mask_text(p["plan"], name_keys))
            for p in (case.get("alignment") or {}).get("pairs", [])
            if p["plan"]
        ]
        score_pairs(expected_pairs, pairs.get(case_key, []), scores.alignment[split], case["case_id"])
    return scores


@dataclass
class ScanBeside:
    """One document read from its scan and from its text, scored against its annotation and each other."""

    where: str
    split: str
    confidence: float | None = None
    type_right: bool = False
    date_right: bool = False
    annotated: Retrieval = field(default_factory=Retrieval)  # found: the scan's items
    annotated_in_text: Retrieval = field(default_factory=Retrieval)  # found: the text's items
    against_text: Retrieval = field(default_factory=Retrieval)  # expected: the text's items


def scans_beside_text(annotations: dict, db_path: Path, twins_db_path: Path) -> list[ScanBeside]:
    """Every document that is in sample_docs/ both as scan and as text (one of them under twins/)."""
    from nlp.privacy import Pseudonymizer

    pseudonymizer = Pseudonymizer(EVALUATION_KEY.encode())
    export = _read_warehouse(db_path)
    twins = _read_warehouse(twins_db_path)
    rows = []
    for case in annotations["cases"]:
        person = case["person"]
        name_keys = pseudonymizer.name_token_keys(f"{person['first_name']} {person['last_name']}")
        for document in (d for d in case["documents"] if d.get("twin")):
            in_export = (export, document["file"])
            in_twins = (twins, document["twin"])
            scan, text = (in_export, in_twins) if document["format"] == "scan" else (in_twins, in_export)
            (scan_documents, _, scan_items, _), scan_path = scan
            (text_documents, _, text_items, _), text_path = text
            scan_stored = scan_documents.get(pseudonymizer.path_key(scan_path))
            text_stored = text_documents.get(pseudonymizer.path_key(text_path))
            row = ScanBeside(f"{case['case_id']} {document['doc_type']} {scan_path}", case["split"])
            rows.append(row)
            if scan_stored is None or text_stored is None:
                continue
            row.confidence = scan_stored[8]
            row.type_right = scan_stored[1] == document["doc_type"]
            row.date_right = _iso(scan_stored[2]) == _iso(document["doc_date"])
            expected = [
                (item["kind"], pseudonymizer.mask_text(item["text"], name_keys))
                for item in document.get("items") or []
            ]
            from_scan, from_text = scan_items.get(scan_stored[7], []), text_items.get(text_stored[7], [])
            score_items(expected, from_scan, row.annotated, f"{row.where} (scan)")
            score_items(expected, from_text, row.annotated_in_text, f"{row.where} (text)")
            score_items(from_text, from_scan, row.against_text, f"{row.where} (scan against text)")
    return rows


def report_scans(rows: list[ScanBeside]) -> None:
    """`make eval`'s side by side: what each scan gives next to what the same document gives as text."""
    columns = f"{'type':>7}{'date':>7}{'conf':>6}{'text':>9}{'scan':>9}{'scan/text':>11}"
    print(f"\n{'scans beside their text':<58}{columns}")
    for row in rows:
        print(
            f"{row.where[:57]:<58}{_mark(row.type_right):>7}{_mark(row.date_right):>7}"
            f"{_number(row.confidence):>6}{_count(row.annotated_in_text):>9}{_count(row.annotated):>9}"
            f"{row.against_text.recall:>11.3f}"
        )
    for split in ("dev", "heldout", "all"):
        chosen = [r for r in rows if split in ("all", r.split)]
        if not chosen:
            continue
        total = {name: Retrieval() for name in ("annotated", "annotated_in_text", "against_text")}
        for row in chosen:
            for name, combined in total.items():
                combined.add(getattr(row, name))
        types = f"{sum(r.type_right for r in chosen)}/{len(chosen)}"
        dates = f"{sum(r.date_right for r in chosen)}/{len(chosen)}"
        print(
            f"{f'{split}: {len(chosen)} scans':<58}{types:>7}{dates:>7}{'':>6}"
            f"{_count(total['annotated_in_text']):>9}{_count(total['annotated']):>9}"
            f"{total['against_text'].recall:>11.3f}"
        )
    print(
        "conf: Tesseract's mean word confidence; text, scan: the annotated items that the document\n"
        "gives as text and as scan; scan/text: of the items the text gives, the share the scan gives too\n"
        "(the goal is at least 0.85)."
    )


def _mark(right: bool) -> str:
    return "ok" if right else "WRONG"


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def _count(retrieval: Retrieval) -> str:
    return f"{retrieval.matched}/{retrieval.expected}"


def score_pairs(
    expected: list[tuple[str, str]], found: list[tuple[str, str]], tally: Retrieval, where: str
) -> None:
    """Order item ~ plan item pairs the comparison found, against the annotated counterparts."""
    matched, missed, unmatched = _match_one_to_one(
        expected, found, lambda e, f: _similar(e[0], f[0]) and _similar(e[1], f[1])
    )
    tally.found += len(found)
    tally.expected += len(expected)
    tally.matched += len(matched)
    tally.misses.extend(f"{where}: missed {order!r} ~ {plan!r}" for order, plan in missed)
    tally.misses.extend(f"{where}: wrong {order!r} ~ {plan!r}" for order, plan in unmatched)


def _score_document(
    tally: dict[str, Tally], document: dict, stored: tuple, case_key: str, where: str
) -> None:
    tally["doc_type"].add(document["doc_type"], stored[1], where)
    for name in ("doc_date", f"  doc_date of {document['doc_type']}"):
        tally[name].add(_iso(document["doc_date"]), _iso(stored[2]), where)
    expected_case = case_key if document.get("linked_by", "personnummer") != "none" else None
    tally["case"].add(expected_case, stored[3], where)
    tally["district"].add(document.get("district"), stored[4], where)
    if document["doc_type"] in ("order", "plan"):
        for name in ("provider", f"  provider of {document['doc_type']}"):
            tally[name].add(document.get("provider"), stored[5], where)


def _score_case(tally: dict[str, Tally], case: dict, found: dict | None) -> None:
    where = case["case_id"]
    tally["case found"].add(True, found is not None, where)
    if not found:
        return
    tally["case gender"].add(case["person"]["gender"], found["gender"], where)
    tally["case birth_year"].add(case["person"]["birth_year"], found["birth_year"], where)
    tally["case district"].add(case["district"], found["district"], where)
    tally["case provider"].add(case.get("provider"), found["provider"], where)
    tally["case orientation"].add(case.get("orientation"), found["orientation"], where)
    for name in FINDINGS:
        if name in case.get("expected", {}):
            tally[name].add(case["expected"][name], found[name], where)


def _precision_recall(tally: Tally) -> tuple[float, float] | None:
    """For a yes/no finding: precision and recall of the 'yes' answers."""
    pairs = tally.pairs
    if not pairs or not all(isinstance(e, bool) for e, _ in pairs):
        return None
    true_positive = sum(1 for e, f in pairs if e and f)
    said_yes = sum(1 for _, f in pairs if f)
    is_yes = sum(1 for e, _ in pairs if e)
    return (
        true_positive / said_yes if said_yes else float("nan"),
        true_positive / is_yes if is_yes else float("nan"),
    )


def report(scores: Scores) -> None:
    tallies = scores.fields
    splits = [s for s in ("dev", "heldout") if s in tallies]
    fields = list(dict.fromkeys(f for s in splits for f in tallies[s]))
    if len(splits) > 1:
        _add_all(scores, splits, fields)
        splits.append("all")
    header = "".join(f"{s + ' (right/n)':>19}{'acc':>7}{'P':>7}{'R':>7}" for s in splits)
    print(f"{'field':<24}{header}")
    for name in fields:
        line = f"{name:<24}"
        for split in splits:
            tally = tallies[split].get(name, Tally())
            pr = _precision_recall(tally)
            line += f"{f'{tally.right}/{tally.total}':>19}{tally.accuracy:>7.3f}"
            line += f"{pr[0]:>7.3f}{pr[1]:>7.3f}" if pr else " " * 14
        print(line)
    print(f"\n{'items':<24}" + "".join(f"{s:>19}{'P':>7}{'R':>7}{'kind':>7}" for s in splits))
    line = f"{'found/expected/matched':<24}"
    for split in splits:
        r = scores.items[split]
        line += f"{f'{r.found}/{r.expected}/{r.matched}':>19}"
        line += f"{r.precision:>7.3f}{r.recall:>7.3f}{r.kind_accuracy:>7.3f}"
    print(line)
    line = f"{'missed: boundaries only':<24}"
    for split in splits:
        r = scores.items[split]
        line += f"{f'{r.boundary_only}/{r.expected - r.matched}':>19}" + " " * 21
    print(line)
    print(f"\n{'item alignment':<24}" + "".join(f"{s:>19}{'P':>7}{'R':>7}{'':>7}" for s in splits))
    line = f"{'found/expected/right':<24}"
    for split in splits:
        r = scores.alignment[split]
        line += f"{f'{r.found}/{r.expected}/{r.matched}':>19}{r.precision:>7.3f}{r.recall:>7.3f}{'':>7}"
    print(line)


def _add_all(scores: Scores, splits: list[str], fields: list[str]) -> None:
    """The column for the whole of sample_docs/: every split's counts added up."""
    for name in fields:
        combined = scores.fields["all"][name]
        for split in splits:
            tally = scores.fields[split].get(name, Tally())
            combined.right += tally.right
            combined.total += tally.total
            combined.pairs.extend(tally.pairs)
    for retrievals in (scores.items, scores.alignment):
        for split in splits:
            retrievals["all"].add(retrievals[split])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=Path, default=SAMPLE_ROOT)
    parser.add_argument(
        "--misses",
        choices=["dev", "all", "none"],
        default="dev",
        help="list the wrong answers: of the dev cases only (default), all, or none",
    )
    parser.add_argument(
        "--db",
        type=Path,
        help="keep the evaluation warehouse at this path (default: a temporary one); with --score-only, "
        "score a warehouse an earlier evaluation left there without running the flow again",
    )
    parser.add_argument("--score-only", action="store_true", help="score --db as it is")
    args = parser.parse_args(argv)
    if args.score_only and not (args.db and args.db.is_file()):
        parser.error("--score-only needs --db with a warehouse from an earlier evaluation")
    annotations = json.loads((args.samples / "annotations.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="aktgranskning-eval-") as folder:
        db_path = args.db or Path(folder) / "eval.duckdb"
        twins_db_path = db_path.with_name(f"{db_path.stem}-twins.duckdb")
        if not args.score_only:
            _run_pipeline([(args.samples / "export", db_path), (args.samples / "twins", twins_db_path)])
        scores = evaluate(annotations, db_path)
        scans = scans_beside_text(annotations, db_path, twins_db_path)
    print()
    report(scores)
    report_scans(scans)
    if args.misses != "none":
        print("\nwrong answers:")
        shown = [s for s in ("dev", "heldout") if args.misses == "all" or s == "dev"]
        _print_misses(scores, shown)
    return 0


def _print_misses(scores: Scores, splits: list[str]) -> None:
    for split in splits:
        for name, tally in scores.fields[split].items():
            for miss in tally.misses if not name.startswith(" ") else []:
                print(f"  [{split}] {name}: {miss}")
        for miss in scores.items[split].misses:
            print(f"  [{split}] items: {miss}")
        for miss in scores.alignment[split].misses:
            print(f"  [{split}] alignment: {miss}")


if __name__ == "__main__":
    raise SystemExit(main())
