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
    assert find_provider(paragraph(text), text) == "Verkstaden i Tensta"


def test_provider_from_the_page_header():
    text = "Genomförandeplan\nMål: komma iväg"
    assert find_provider(paragraph(text), text, "Arbetscentrum Ekbacken | Sida 1") == "Arbetscentrum Ekbacken"
