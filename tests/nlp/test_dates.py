from datetime import date

import pytest

from nlp.dates import document_date, find_dates

AUG_5 = date(2019, 8, 5)


@pytest.mark.parametrize(
    "written",
    [
        "2019-08-05",
        "190805",
        "5 augusti 2019",
        "5/8 2019",
        "5 aug -19",
        "den 5:e augusti 2019",
        "20190805",
        "5/8-19",
        "5 Aug. 2019",
    ],
)
def test_swedish_spellings(written):
    assert [m.value for m in find_dates(f"Mötet hölls {written} på kontoret.")] == [AUG_5]


def test_first_part_of_a_personnummer_is_not_a_date():
    assert find_dates("Personnummer 850312-9820") == []


def test_impossible_dates_are_ignored():
    assert find_dates("2019-13-45 och 991399") == []


def test_labelled_own_date_wins_over_earlier_dates():
    text = "Född 1985-03-12\nAnsökan inkom 2019-06-01\nDatum: 5 aug -19\nUppföljning 2019-12-01"
    assert document_date(text) == AUG_5


def test_first_unlabelled_date_in_the_opening():
    assert document_date("Journalanteckningar\n2019-08-05 Telefonsamtal\n2019-09-10 Besök") == AUG_5


def test_birth_date_alone_is_not_the_document_date():
    assert document_date("Född 1985-03-12") is None


def test_journal_date_is_its_newest_entry():
    text = "Journal\n2019-08-05 Telefonsamtal.\n20 aug -19 Uppföljning genomförd.\n2019-09-02 Utredning klar."
    assert document_date(text, "journal") == date(2019, 9, 2)


def test_period_bounds_and_past_dates_are_not_the_document_date():
    text = (
        "Uppdrag till utförare\nInsatsen gäller från den 16 september 2019 till och med den 15 september "
        "2020. Hon har varit här sedan 2018-09-03. Uppdraget lämnas den 5 augusti 2019."
    )
    assert document_date(text, "order") == AUG_5


def test_a_document_signed_at_its_end_is_dated_there():
    opening = "Utredning\nHon ansökte den 2 juli 2019 om sysselsättning.\n"
    text = opening + "Bakgrund. " * 200 + "\nBeslutsfattare: gruppledare, 5/8 2019."
    assert document_date(text, "dur") == AUG_5


def test_an_order_dated_only_by_its_period_is_dated_by_its_start():
    assert document_date("Beställning\nInsatsen gäller 2019-08-05 – 2020-08-04.", "order") == AUG_5
    assert document_date("Beställning\nSysselsättning fr.o.m. 5 augusti 2019.", "order") == AUG_5


def test_a_deadline_is_not_the_document_date():
    text = "Uppdrag till utförare\nSysselsättning två dagar i veckan, från 5 augusti 2019.\n"
    text += "Utföraren skickar planen senast den 30 september 2019 till handläggaren."
    assert document_date(text, "order") == AUG_5


def test_journal_entries_opened_by_a_label_or_a_weekday():
    text = "Journal\nDatum: 2019-07-01\nSamtal.\nTisdag 5 augusti 2019\nBesök.\nNytt möte 1/12 2019."
    assert document_date(text, "journal") == AUG_5
