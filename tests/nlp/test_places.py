from extractors.model import Block, BlockKind
from nlp.places import find_district, find_provider


def paragraph(text: str) -> list[Block]:
    return [Block(text, BlockKind.PARAGRAPH, 1, 0, len(text))]


def test_district_beside_its_cue_in_any_order_and_genitive():
    assert find_district("Östermalms stadsdelsförvaltning\nBeställning") == "Östermalm"
    assert find_district("Stadsdelsförvaltning: Skärholmen\nDatum") == "Skärholmen"
    assert find_district("Beställning\nSDF Norrmalm\nBESTÄLLNING") == "Norrmalm"


def test_unlisted_district_is_taken_beside_a_cue():
    assert find_district("Majorna-Linné stadsdelsförvaltning") == "Majorna-Linné"


def test_provider_after_a_label_is_trimmed():
    text = "Beställning\nUtförare: Kafé Kompassen, Hökarängen (kontaktperson Eva)"
    assert find_provider(paragraph(text), text) == "Kafé Kompassen"


def test_district_letterhead_is_not_a_provider():
    text = "Rinkeby-Kista stadsdelsförvaltning\nGenomförandeplan\nMål"
    assert find_provider(paragraph(text), text) is None


def test_provider_from_a_plans_letterhead():
    text = "Verkstaden i Tensta – Genomförandeplan\nMål"
    assert find_provider(paragraph(text), text, letterhead=True) == "Verkstaden i Tensta"


def test_provider_from_the_page_header():
    text = "Genomförandeplan\nMål: komma iväg"
    furniture = "Arbetscentrum Ekbacken | Sida 1"
    assert find_provider(paragraph(text), text, furniture, letterhead=True) == "Arbetscentrum Ekbacken"


def test_an_orders_title_is_not_its_provider():
    text = "Uppdrag till utförare\nSocialpsykiatrin ger härmed Anna i uppdrag att ..."
    assert find_provider(paragraph(text), text) is None


def test_provider_named_as_an_organisation_in_the_text():
    text = "Beställning\nSocialpsykiatrin ger härmed Blomsterboden Åkeshov i uppdrag att verkställa insatsen."
    assert find_provider(paragraph(text), text) == "Blomsterboden Åkeshov"
    text = "Beställning – arbetsinriktad sysselsättning\nTill TENSTA HJULVERKET, arbetsledare Ali Hussein."
    assert find_provider(paragraph(text), text) == "Tensta Hjulverket"
    text = "Beställning\nHan vill gå på Träffpunkt Gläntan två dagar i veckan."
    assert find_provider(paragraph(text), text) == "Träffpunkt Gläntan"


def test_organisation_beside_a_person_after_a_label():
    text = "Till: Ali Hussein, Tensta Hjulverket\nÄmne: ny beställning"
    assert find_provider(paragraph(text), text) == "Tensta Hjulverket"


def test_a_hospital_or_a_bare_kind_of_place_is_not_a_provider():
    text = "Beställning\nHan vårdades på Södersjukhuset. Verkstaden är stängd i juli."
    assert find_provider(paragraph(text), text) is None


def test_a_plan_names_its_provider_in_a_title_line_or_as_we():
    text = "2019-06-18\nGenomförandeplan – Gläntan\nNamn: Anna Berg"
    assert find_provider(paragraph(text), text, letterhead=True) == "Gläntan"
    text = "Gläntan, Liljeholmsvägen 3 | Genomförandeplan\nNamn: Anna Berg"
    assert find_provider(paragraph(text), text, letterhead=True) == "Gläntan"
    text = "Genomförandeplan\nNamn: Anna Berg\nVi på Kompassen har gjort planen tillsammans med Anna."
    assert find_provider(paragraph(text), text, letterhead=True) == "Kompassen"


def test_a_plan_named_in_its_page_footer():
    text = "Genomförandeplan\nNamn: Anna Berg"
    furniture = "Sekretessbelagd handling\nGläntan · Liljeholmsvägen 3 · Sida 1 av 2"
    assert find_provider(paragraph(text), text, furniture, letterhead=True) == "Gläntan"


def test_provider_from_a_signature_beside_the_signers_role():
    body = "Planen gjordes av Kalle och Lotta i växthuset.\nLotta visar hur sådden går till."
    for signature in ("Gröna Fingrar, kontaktperson, Lotta Berg", "Lotta Berg, handledare, Gröna Fingrar"):
        text = f"Genomförandeplan 2023\n{body}\n{signature}\nKalle Ek"
        assert find_provider(paragraph(text), text, letterhead=True) == "Gröna Fingrar"


def test_a_signature_with_only_the_signer_names_no_provider():
    text = "Genomförandeplan 2023\nLotta visar hur sådden går till.\nLotta Berg, handledare"
    assert find_provider(paragraph(text), text, letterhead=True) is None
