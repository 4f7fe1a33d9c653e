"""`make eval`: accuracy of the pipeline against the annotated sample case files.

Runs the real nightly flow over sample_docs/export into a temporary warehouse, with a fixed evaluation
key so that annotated personnummer can be turned into the same case keys, and compares field by field,
separately for the development cases and the held-back cases.
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


def _run_pipeline(export: Path, db_path: Path) -> None:
    os.environ["AKTGRANSKNING_KEY"] = EVALUATION_KEY
    from flows.cli import _configure_prefect

    _configure_prefect(db_path)
    from flows.nightly import nightly

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
                "SELECT path_key, doc_type, doc_date, case_key, district, provider, status, doc_id"
                " FROM documents"
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
        combined = retrievals["all"]
        for split in splits:
            r = retrievals[split]
            combined.found += r.found
            combined.expected += r.expected
            combined.matched += r.matched
            combined.kind_right += r.kind_right
            combined.boundary_only += r.boundary_only


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
        if not args.score_only:
            db_path.unlink(missing_ok=True)
            _run_pipeline(args.samples / "export", db_path)
        scores = evaluate(annotations, db_path)
    print()
    report(scores)
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
