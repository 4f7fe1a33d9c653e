"""Document types from the content: the title, the page furniture, a series of dated entries."""

from __future__ import annotations

from nlp.doctype import classify, orientation


def test_page_furniture_does_not_push_the_title_out() -> None:
    furniture = "Skärholmens stadsdelsförvaltning\nAvdelningen för socialpsykiatri\nSida 1 av 2"
    body = "Utredning – sysselsättning enligt SoL\nNamn\nViktor\n" + "Beslut. " * 3
    assert classify(body, furniture) == "dur"


def test_a_series_of_dated_entries_is_a_journal() -> None:
    body = (
        "Journal\nMattias Öhrn\n2019-08-26 | Beställning skickad till utföraren. | RH\n"
        "2019-10-21 | Genomförandeplan inkommen. | RH\n2020-06-10 | Uppföljning. | RH\n"
        "2020-08-24 | Ny beställning skickad, uppdraget gäller ett år. | RH\n"
    )
    assert classify(body) == "journal"


def test_the_orientation_named_first() -> None:
    assert orientation("Sysselsättning med arbetsinriktning, inte traditionell.") == "arbetsinriktad"
    assert orientation("Sysselsättning, traditionell inriktning.") == "traditionell"
    assert orientation("Sysselsättning två dagar i veckan.") is None


def test_capitals_read_without_their_marks_are_the_same_words() -> None:
    # OCR of a scanned title, or an export that writes ASCII only.
    assert classify("GENOMFORANDEPLAN\nMal: Tomas har en stabil vardag.") == "plan"
    assert classify("Bestallning av sysselsattning\nUtforare: Misa") == "order"


def test_a_providers_attendance_report_is_no_order_although_it_names_the_orderer() -> None:
    text = "Närvarolista mars 2021\nDeltagare: Tomas Berg\nBeställare: Farsta sdf\n4 mars Ja\n6 mars Nej"
    assert classify(text) == "other"
