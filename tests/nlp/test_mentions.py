"""DOMAIN.md's "Context matters": each trap as a sentence, and the status the analysis must give."""

from __future__ import annotations

import pytest

from extractors.model import Block, BlockKind
from nlp.mentions import find_topic_mentions


def blocks_of(text: str, headings: frozenset[str] = frozenset()) -> list[Block]:
    blocks, offset = [], 0
    for line in text.split("\n"):
        kind = BlockKind.HEADING if line in headings else BlockKind.PARAGRAPH
        blocks.append(Block(line, kind, 1, offset, offset + len(line)))
        offset += len(line) + 1
    return blocks


def statuses(text: str, topic: str, doc_type: str = "dur", headings: frozenset[str] = frozenset()) -> set:
    mentions = find_topic_mentions(text, blocks_of(text, headings), doc_type, 2019)
    return {m.status for m in mentions if m.topic == topic}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anna uppger att hon inte är utsatt för våld.", {"asked"}),
        ("Hon svarar att hon inte har varit utsatt för våld, hot eller kränkningar av någon.", {"asked"}),
        ("Frågor om våld har ställts vid samtalet den 2 april.", {"asked"}),
        ("Hon berättar att hon har varit utsatt för misshandel.", {"disclosed"}),
        ("Hon utsattes för misshandel 2014 av en tidigare pojkvän.", {"disclosed"}),
        ("Hon avböjer att svara på frågor om våld.", {"declined"}),
        ("Frågan om våld har ställts. Hon vill inte svara på den.", {"asked", "declined"}),
        ("Han fick frågan om våld. Han svarar nej.", {"asked"}),
        ("Har du blivit utsatt för hot eller våld av någon närstående, nu eller tidigare? – Nej.", {"asked"}),
        ("Frågor om våld ställda – förnekar. /SN", {"asked"}),
        ("Har du varit utsatt för våld? Nej.", {"asked"}),
        ("Hon har varit utsatt för hot och trakasserier av sin före detta man.", {"disclosed"}),
        ("Våld i nära relationer har inte efterfrågats.", {"not_asked"}),
        ("FREDA-frågorna genomgångna vid utredningssamtalet, inget framkom.", {"asked"}),
        ("Av äldre journal framgår att han dömdes 2012 för misshandel efter ett bråk.", set()),
        ("Frågan om våld har inte ställts.", {"not_asked"}),
        ("Vi har pratat om våld i nära relationer enligt FREDA.", {"asked"}),
        ("Hennes mamma har varit utsatt för våld.", set()),
        ("Hennes bror har utsatts för våld av sin sambo.", set()),
        ("Hon berättar att hon blev misshandlad av sin före detta sambo.", {"disclosed"}),
        ("Hon har levt i en våldsam relation.", {"disclosed"}),
        ("Frågan om våld ställdes inte eftersom mamman var med.", {"not_asked"}),
        ("Hon har tillfrågats om våld och uppger att hon inte utsatts.", {"asked"}),
        ("Hon berättar att barnens pappa slog henne under flera år.", {"disclosed"}),
        ("Han hade en våldsam hosta och mötet avbröts.", set()),
        ("Relationsvåldscentrum Söder, tfn 08-508 43 000", set()),
        ("Våld i nära relationer:", set()),
        ("Våld: ej ifyllt", set()),
        ("Våld: –", set()),
    ],
)
def test_violence(text: str, expected: set) -> None:
    assert statuses(text, "violence") == expected


def test_an_empty_violence_heading_is_not_asked() -> None:
    text = "Våld i nära relationer\nSysselsättning\nAnna vill arbeta i ett café."
    headings = frozenset({"Våld i nära relationer", "Sysselsättning"})
    assert statuses(text, "violence", headings=headings) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anna har en aktuell SIP tillsammans med psykiatrin.", {"exists"}),
        ("SIP har inte upprättats.", {"none"}),
        ("Samtal med Viktor om SIP.", {"none"}),
        ("Handläggaren har berättat för Viktor vad en SIP är.", {"none"}),
        ("Viktor vill nu ha en SIP.", {"none"}),
        ("Handläggaren har tagit initiativ till en SIP.", {"in_progress"}),
        ("SIP-mötet fick ställas in eftersom kontaktpersonen var sjuk.", {"in_progress"}),
        ("Kallelse till SIP har skickats till psykosmottagningen.", {"in_progress"}),
        ("SIP-möte bokat till 2019-11-20.", {"in_progress"}),
        ("Han har samtyckt till en samordnad individuell plan.", {"in_progress"}),
        ("Han vill inte ha någon SIP.", {"declined"}),
        ("En SIP kan bli aktuell längre fram.", {"none"}),
        ("Hon har informerats om SIP.", {"none"}),
        ("En SIP upprättades 2015 men har inte följts upp.", {"none"}),
        ("En intern SIP hölls mellan enheterna.", {"none"}),
        ("Hennes syster har en SIP.", {"none"}),
        ("SIP-kallelse skickad till psykiatrin.", {"in_progress"}),
        ("Med hennes samtycke har vi bett psykiatrin om en SIP.", {"in_progress"}),
        ("SIP-mötet flyttat till den 29 november på mottagningens begäran.", {"in_progress"}),
        ("Vi bokar SIP-möte till den 13 mars.", {"in_progress"}),
        ("Mottagningen meddelar att SIP-mötet den 7 juni ställs in på grund av sjukdom.", {"in_progress"}),
        ("Hon har gett sitt samtycke till en SIP.", {"in_progress"}),
        ("Mottagningen vill delta i en SIP.", {"none"}),
        ("Elias har en SIP med BUP Södermalm och skolan, där hon deltar som förälder.", {"none"}),
        ("Hennes son har en SIP sedan i våras.", {"none"}),
        ("SIP – ej aktuellt för henne.", {"none"}),
        ("Han har erbjudits SIP men tackat nej.", {"declined"}),
        ("Hon önskar inte någon SIP.", {"declined"}),
        ("Hon ser inget behov av SIP.", {"declined"}),
        ("Handläggaren har initierat en SIP.", {"in_progress"}),
        ("SIP har diskuterats.", {"none"}),
        ("SIP kan vara aktuellt framöver.", {"none"}),
        ("SIP planeras.", {"none"}),
        ("SIP är begärd av socialpsykiatrin.", {"in_progress"}),
        ("Avvaktar datum för SIP från mottagningen.", {"in_progress"}),
        ("Vi har tagit kontakt med psykiatrin för att få till en SIP.", {"in_progress"}),
    ],
)
def test_sip(text: str, expected: set) -> None:
    assert statuses(text, "sip") == expected


@pytest.mark.parametrize(
    ("text", "topic", "expected"),
    [
        ("Handläggaren och psykiatrin hade ett gemensamt möte om Anna.", "psychiatry", {"cooperation"}),
        ("Med Annas samtycke har handläggaren talat med hennes läkare.", "psychiatry", {"cooperation"}),
        ("Recepten förnyas av psykiatrin.", "psychiatry", {"no_cooperation"}),
        (
            "Hon vill inte att socialtjänsten och psykiatrin har ett möte om henne.",
            "psychiatry",
            {"no_cooperation"},
        ),
        ("Hon har sjukersättning från Försäkringskassan.", "fk", {"no_cooperation"}),
        ("Avstämningsmöte hos Försäkringskassan med Anna och hennes handläggare.", "fk", {"cooperation"}),
        ("Ett avstämningsmöte med Försäkringskassan planeras i oktober.", "fk", {"no_cooperation"}),
        ("Han är inte inskriven på Arbetsförmedlingen.", "af", {"no_cooperation"}),
        ("Han står i kö till Alfa för att få en IPS-coach.", "af", set()),
        ("Ansökan skickades av hans personliga ombud.", "personal_ombud", {"cooperation"}),
        ("Personligt ombud Söder, tfn 08-508 24 000", "personal_ombud", set()),
        ("Personligt ombud", "personal_ombud", set()),
        ("Hon hade personligt ombud 2016–2017 för sina räkningar.", "personal_ombud", {"no_cooperation"}),
        ("Handläggaren har haft kontakt med Försäkringskassan om sjukpenningen.", "fk", {"cooperation"}),
    ],
)
def test_cooperation(text: str, topic: str, expected: set) -> None:
    assert statuses(text, topic) == expected


@pytest.mark.parametrize(
    ("text", "doc_type", "expected"),
    [
        ("2019-03-19 Uppföljning på Misa med Anna och handledaren.", "journal", {"documented"}),
        ("Bokat uppföljningsmöte 2/4 kl. 10 på Misa.", "journal", {"booked"}),
        ("Uppföljningsmötet inställt, Anna är sjuk.", "journal", {"booked"}),
        ("Uppföljning planeras till mars 2020.", "dur", {"booked"}),
        ("Tar upp det vid uppföljningen.", "journal", {"booked"}),
        ("Uppföljning av insatsen gjordes 19 mars 2019 på Misa.", "dur", {"documented"}),
    ],
)
def test_followup(text: str, doc_type: str, expected: set) -> None:
    assert statuses(text, "followup", doc_type) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Barnkonsekvensanalys gjord.", {"done"}),
        ("Barnkonsekvensanalys ej gjord.", {"not_done"}),
        ("Barnkonsekvensanalys: ej aktuell", {"not_done"}),
        ("Barnkonsekvensanalys:", set()),
    ],
)
def test_child_impact_analysis(text: str, expected: set) -> None:
    assert statuses(text, "child_impact_analysis") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anna har inga barn.", {"no"}),
        ("Hon har en son född 2004 som bor hos sin pappa.", {"yes"}),
        ("Barn", set()),
        ("Barn: nej", {"no"}),
        ("Han fick diagnosen ADHD som barn.", set()),
        ("Barnkonsekvensanalys:", set()),
    ],
)
def test_children(text: str, expected: set) -> None:
    assert statuses(text, "children") == expected


def test_evidence_is_the_sentence_with_its_page() -> None:
    text = "Bakgrund\nAnna bor ensam. Hon uppger att hon inte är utsatt för våld. Hon har en katt."
    [mention] = find_topic_mentions(text, blocks_of(text), "dur", 2019)
    assert mention.evidence == "Hon uppger att hon inte är utsatt för våld."
    assert text[mention.char_start : mention.char_end] == mention.evidence
    assert mention.page == 1
