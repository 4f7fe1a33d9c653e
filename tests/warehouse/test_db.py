from datetime import date, datetime

import pytest

from nlp.compare import compare_case
from nlp.model import AnalysedDocument, Item, Mention
from nlp.privacy import Pseudonymizer
from warehouse import db
from warehouse.model import DocumentRecord, FilePlace, RunCounts, RunInfo

PSEUDONYMIZER = Pseudonymizer(b"test")
ANNA = PSEUDONYMIZER.case_key("198503129820")
OTHER_ANNA = PSEUDONYMIZER.case_key("197001019801")


def analysed(doc_type, day, case_key=None, name="Anna Lindqvist", **facts):
    return AnalysedDocument(
        doc_type=doc_type,
        doc_date=day,
        case_key=case_key,
        name_key=PSEUDONYMIZER.name_key(name) if name else None,
        name_token_keys=PSEUDONYMIZER.name_token_keys(name) if name else frozenset(),
        gender=facts.get("gender", "K" if case_key else None),
        birth_year=facts.get("birth_year", 1985 if case_key else None),
        district=facts.get("district"),
        provider=facts.get("provider"),
        items=facts.get("items", []),
        mentions=facts.get("mentions", []),
    )


def mention(topic, status, evidence="Meningen."):
    return Mention(topic, status, evidence, 1, 0, len(evidence))


def record(path, sha, analysis=None, status="ok", error=None, file_date=None):
    folder = path.rsplit("/", 1)[0] if "/" in path else ""
    return DocumentRecord(
        doc_id=f"{path}:{sha}",
        sha256=sha,
        path_key=PSEUDONYMIZER.path_key(path),
        source_path=path,
        status=status,
        error=error,
        pages=1,
        folder_key=PSEUDONYMIZER.path_key(f"folder:{folder}"),
        file_date=file_date,
        analysis=analysis,
    )


def export_places(con, records, gone=()):
    """Where the export's files lie: the new records' and every stored file's but the paths in `gone`."""
    stored = con.execute("SELECT path_key, source_path, folder_key, file_date FROM documents").fetchall()
    places = {key: FilePlace(path, folder, day) for key, path, folder, day in stored}
    places |= {r.path_key: FilePlace(r.source_path, r.folder_key, r.file_date) for r in records}
    for path in gone:
        places.pop(PSEUDONYMIZER.path_key(path))
    return places


def load(con, records, replaced=(), compare=compare_case, version="rules", gone=()):
    run_id = f"run{datetime.now().timestamp()}"
    db.start_run(con, RunInfo(run_id, datetime.now()))
    places = export_places(con, records, gone)
    load = db.Load(con, run_id, replaced)
    load.insert(records)
    load.finish(places, RunCounts(files_seen=len(places)), compare, version)
    return run_id


@pytest.fixture
def con(tmp_path):
    with db.connect(tmp_path / "w.duckdb") as connection:
        yield connection


def anna_case():
    return [
        record("dur.pdf", "a", analysed("dur", date(2019, 3, 1), ANNA, district="Farsta")),
        record(
            "order.pdf", "b", analysed("order", date(2019, 4, 1), ANNA, district="Farsta", provider="Misa")
        ),
        record("plan.docx", "c", analysed("plan", date(2019, 5, 1), provider="Misa")),
        record("scan.pdf", "d", status="needs_ocr", error="no text layer (scanned document): needs OCR"),
    ]


def test_migrations_apply_once(tmp_path):
    with db.connect(tmp_path / "w.duckdb") as first:
        versions = [row[0] for row in first.execute("SELECT version FROM schema_migrations").fetchall()]
    with db.connect(tmp_path / "w.duckdb") as again:
        assert db.migrate(again) == []
    assert versions == [1, 2, 3, 4, 5, 6]


def test_plan_without_number_is_linked_through_the_name(con):
    load(con, anna_case())
    rows = con.execute("SELECT source_path, case_key, linked_by FROM documents ORDER BY 1").fetchall()
    assert rows == [
        ("dur.pdf", ANNA, "personnummer"),
        ("order.pdf", ANNA, "personnummer"),
        ("plan.docx", ANNA, "name"),
        ("scan.pdf", None, None),
    ]


def test_shared_name_leaves_the_plan_unlinked_with_the_reason(con):
    other = record("other_dur.pdf", "e", analysed("dur", date(2019, 1, 1), OTHER_ANNA, birth_year=1970))
    load(con, [*anna_case(), other])
    case_key, note = con.execute(
        "SELECT case_key, link_note FROM documents WHERE source_path = 'plan.docx'"
    ).fetchone()
    assert case_key is None
    assert note == "not linked: 2 cases share the name"


def test_case_findings_take_district_and_provider_from_the_current_order(con):
    newer_order = record(
        "order2.pdf",
        "f",
        analysed("order", date(2020, 1, 1), ANNA, district="Farsta", provider="Fontänhuset"),
    )
    load(con, [*anna_case(), newer_order])
    assert con.execute(
        "SELECT case_key, district, gender, birth_year, provider FROM case_findings"
    ).fetchall() == [(ANNA, "Farsta", "K", 1985, "Fontänhuset")]


def test_case_findings_roll_up_the_mentions_of_all_documents(con):
    purpose = Item("purpose", "X ska få struktur i vardagen", 1, 0, 10)
    dur = analysed(
        "dur",
        date(2019, 3, 1),
        ANNA,
        items=[purpose],
        mentions=[
            mention("violence", "asked", "X uppger att hon inte är utsatt för våld."),
            mention("sip", "in_progress"),
            mention("followup", "booked"),
        ],
    )
    journal = analysed(
        "journal",
        date(2019, 6, 1),
        ANNA,
        mentions=[
            mention("violence", "disclosed"),
            mention("sip", "exists"),
            mention("followup", "documented"),
        ],
    )
    plan = analysed("plan", date(2019, 5, 1), ANNA, mentions=[mention("followup", "documented")])
    order = analysed("order", date(2019, 4, 1), ANNA)
    documents = (("dur", dur), ("j", journal), ("p", plan), ("o", order))
    load(con, [record(f"{name}.pdf", name, analysis) for name, analysis in documents])
    row = con.execute(
        "SELECT has_current_dur, dur_states_purpose, dur_states_goal, violence_asked, violence_status, "
        "sip_status, followup_documented, fk_cooperation FROM case_findings"
    ).fetchone()
    assert row == (True, True, False, True, "disclosed", "exists", True, False)
    evidence = con.execute(
        "SELECT finding, basis, doc_id, evidence FROM finding_evidence "
        "WHERE finding IN ('violence_status', 'dur_states_purpose', 'dur_states_goal') ORDER BY 1"
    ).fetchall()
    assert evidence == [
        ("dur_states_goal", "absence", None, None),
        ("dur_states_purpose", "item", "dur.pdf:dur", "X ska få struktur i vardagen"),
        ("violence_status", "mention", "j.pdf:j", "Meningen."),
    ]


def test_a_follow_up_counts_only_where_the_caseworker_records_it(con):
    plan = analysed("plan", date(2019, 5, 1), ANNA, mentions=[mention("followup", "documented")])
    order = analysed("order", date(2019, 4, 1), ANNA)
    load(con, [record("p.pdf", "p", plan), record("o.pdf", "o", order)])
    assert con.execute("SELECT followup_documented FROM case_findings").fetchone() == (False,)


def test_a_dur_older_than_about_a_year_before_the_order_is_not_current(con):
    old_dur = analysed("dur", date(2018, 2, 1), ANNA)
    order = analysed("order", date(2019, 4, 1), ANNA)
    load(con, [record("d.pdf", "d", old_dur), record("o.pdf", "o", order)])
    assert con.execute("SELECT has_current_dur FROM case_findings").fetchone() == (False,)


def test_of_several_durs_of_the_same_day_the_current_one_is_the_same_in_every_query(con):
    order = analysed("order", date(2019, 4, 1), ANNA)
    durs = [record(f"dur{n}.pdf", f"d{n}", analysed("dur", date(2019, 3, 1), ANNA)) for n in range(6, 0, -1)]
    load(con, [*durs, record("o.pdf", "o", order)])
    first = con.execute("SELECT doc_id FROM case_documents WHERE doc_type = 'dur' AND recency = 1").fetchall()
    chosen = {
        con.execute("SELECT doc_id FROM current_documents WHERE role = 'dur'").fetchone() for _ in range(30)
    }
    assert chosen == set(first)


def test_changed_file_replaces_its_rows(con):
    load(con, anna_case())
    changed = record("order.pdf", "b2", analysed("order", date(2019, 4, 2), ANNA, provider="Studio IT"))
    load(con, [changed], replaced=["order.pdf:b"])
    rows = con.execute("SELECT doc_id, provider FROM documents WHERE source_path = 'order.pdf'").fetchall()
    assert rows == [("order.pdf:b2", "Studio IT")]


def test_a_failed_load_leaves_nothing_behind(con):
    duplicate = anna_case()[:1] * 2
    db.start_run(con, RunInfo("r1", datetime.now()))
    with pytest.raises(Exception, match=r"(?i)constraint"):
        db.Load(con, "r1", []).insert(duplicate)
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    assert con.execute("SELECT status FROM runs").fetchone() == ("running",)


def item(kind, text):
    return Item(kind, text, 1, 0, len(text))


def compared_case(plan_items, folder="anna"):
    order_items = [
        item("goal", "X ska kunna arbeta på en ordinarie arbetsplats"),
        item("subgoal", "X kommer till verksamheten tre dagar i veckan"),
        item("activity", "att sortera varor"),
    ]
    return [
        record(f"{folder}/order.pdf", "b", analysed("order", date(2019, 4, 1), ANNA, items=order_items)),
        record(f"{folder}/plan.docx", "c", analysed("plan", date(2019, 5, 1), items=plan_items)),
    ]


def test_each_case_compared_with_its_mismatches_and_evidence(con):
    plan_items = [
        item("goal", "X kan arbeta på en vanlig arbetsplats"),
        item("subgoal", "X är här 3 dagar/vecka"),
        item("activity", "Keramik på fredagar"),
    ]
    load(con, compared_case(plan_items))
    assert con.execute(
        "SELECT verdict, order_items, matched, changed, added FROM comparisons"
    ).fetchall() == [("partial", 3, 2, 1, 1)]
    assert con.execute("SELECT count(*) FROM item_alignment").fetchone() == (3,)
    missing, added = con.execute(
        "SELECT order_items_missing_in_plan, plan_items_not_in_order FROM mismatches"
    ).fetchone()
    assert (missing, added) == (["att sortera varor"], ["Keramik på fredagar"])
    assert con.execute("SELECT plan_verdict FROM case_findings").fetchone() == ("partial",)
    details = {
        r[0]
        for r in con.execute("SELECT detail FROM finding_evidence WHERE finding = 'plan_verdict'").fetchall()
    }
    assert {"order item found in plan", "order item missing in plan", "plan item not in order"} <= details


def test_a_scan_in_the_cases_folder_makes_an_unreadable_plan(con):
    order = compared_case([])[0]
    scan = record("anna/skannat.pdf", "s", status="needs_ocr", error="needs OCR")
    load(con, [order, scan])
    assert con.execute("SELECT verdict FROM comparisons").fetchone() == ("unreadable_plan",)


def test_a_scan_named_as_older_than_the_order_is_not_its_plan(con):
    order = compared_case([])[0]
    old_scan = record("anna/plan_2018.pdf", "s", status="needs_ocr", file_date=date(2018, 12, 31))
    load(con, [order, old_scan])
    assert con.execute("SELECT verdict FROM comparisons").fetchone() == ("no_plan",)


def test_a_nameless_document_takes_the_case_of_its_folder(con):
    nameless = record("anna/kallelse.docx", "k", analysed("other", date(2019, 6, 1), name=None))
    elsewhere = record("shared/brev.docx", "l", analysed("other", date(2019, 6, 1), name=None))
    other = record("shared/dur.pdf", "m", analysed("dur", date(2019, 1, 1), OTHER_ANNA, name="Eva Berg"))
    anna = record("shared/order.pdf", "n", analysed("order", date(2019, 1, 1), ANNA))
    load(con, [*compared_case([]), nameless, elsewhere, other, anna])
    rows = dict(con.execute("SELECT source_path, linked_by FROM documents").fetchall())
    assert rows["anna/kallelse.docx"] == "folder"
    assert rows["shared/brev.docx"] is None


def test_a_shorter_name_links_through_its_words(con):
    full = record("dur.pdf", "a", analysed("dur", date(2019, 3, 1), ANNA, name="Anna Maria Lindqvist"))
    short = record("plan.docx", "c", analysed("plan", date(2019, 5, 1), name="Anna Lindqvist"))
    load(con, [full, short])
    assert con.execute(
        "SELECT case_key, linked_by FROM documents WHERE source_path = 'plan.docx'"
    ).fetchone() == (
        ANNA,
        "name",
    )


def test_an_unchanged_case_is_not_compared_again(con):
    calls = []

    def counting(case):
        calls.append(case.case_key)
        return compare_case(case)

    load(con, compared_case([item("goal", "X kan arbeta")]), compare=counting)
    load(con, [], compare=counting)
    assert calls == [ANNA]
    load(con, [], compare=counting, version="new synonyms")  # new rules: every case again
    assert calls == [ANNA, ANNA]


def test_a_failing_batch_rolls_back_the_batches_before_it(con):
    first, second = anna_case()[:1], anna_case()[:1]  # the same document twice: a key violation
    db.start_run(con, RunInfo("r1", datetime.now()))
    load = db.Load(con, "r1", [])
    load.insert(first)
    assert con.execute("SELECT count(*) FROM documents").fetchall() == [(1,)]  # inside the transaction
    with pytest.raises(Exception, match=r"(?i)constraint"):
        load.insert(second)
    load.abort()  # the flow aborts again on its way out: no error hides the first
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    assert con.execute("SELECT status FROM runs").fetchone() == ("running",)
