"""The order against the plan: the same content in other words, numbers, kinds that move, verdicts."""

from __future__ import annotations

from nlp.compare import compare, compare_case, content_words
from nlp.model import CaseItems, ComparedItem


def items(doc_id: str, *pairs: tuple[str, str]) -> list[ComparedItem]:
    return [ComparedItem(doc_id, number, kind, text) for number, (kind, text) in enumerate(pairs)]


ORDER = items(
    "order",
    ("purpose", "X ska få en meningsfull vardag"),
    ("goal", "X ska på sikt kunna arbeta på en ordinarie arbetsplats"),
    ("subgoal", "X kommer till verksamheten tre dagar i veckan"),
    ("activity", "att träna på att sortera och prismärka varor"),
)


def test_numbers_frequencies_and_lemmas_are_compared_alike() -> None:
    assert content_words("tre dagar i veckan") == content_words("3 dagar/vecka")
    assert content_words("X klarar det på egen hand") == content_words("X klarar det självständigt")


def test_named_weekdays_count_as_days() -> None:
    assert content_words("måndag till torsdag") == content_words("fyra dagar")
    assert content_words("tisdagar och torsdagar") == content_words("två dagar")
    assert content_words("måndag, onsdag och fredag") == content_words("tre dagar")
    assert content_words("varje tisdag") == ["tisdag"]


def test_the_same_content_in_other_words_matches() -> None:
    plan = items(
        "plan",
        ("goal", "Att X längre fram kan arbeta på en vanlig arbetsplats"),
        ("subgoal", "X är på verksamheten 3 dagar/vecka, måndag till onsdag kl. 9-13"),
        ("subgoal", "Sortering och prismärkning i butiken"),  # an activity written as a sub-goal
    )
    result = compare(ORDER, plan)
    assert result.verdict == "match"
    assert [a.plan_item.item_no for a in result.alignments] == [0, 1, 2]
    assert (result.order_items, result.matched, result.changed, len(result.added)) == (3, 3, 0, 0)


def test_a_plan_that_drops_and_adds_is_partial() -> None:
    plan = items(
        "plan",
        ("goal", "X kan arbeta på en ordinarie arbetsplats på sikt"),
        ("subgoal", "X kommer till verksamheten tre dagar i veckan"),
        ("activity", "Keramikkurs på fredagar"),
    )
    result = compare(ORDER, plan)
    assert result.verdict == "partial"
    assert [a.matched for a in result.alignments] == [True, True, False]
    assert [i.text for i in result.added] == ["Keramikkurs på fredagar"]


def test_a_plan_with_goals_of_its_own_replaces_the_order() -> None:
    plan = items("plan", ("goal", "X bygger en egen byrå i massivt trä"), ("activity", "Svarvning med Kent"))
    assert compare(ORDER, plan).verdict == "replaced"


def test_no_plan_and_an_unreadable_one() -> None:
    missing = CaseItems("case", "order", ORDER, None, [], unreadable_plan=False)
    scanned = CaseItems("case", "order", ORDER, None, [], unreadable_plan=True)
    assert compare_case(missing).verdict == "no_plan"
    assert compare_case(scanned).verdict == "unreadable_plan"
    assert compare_case(missing).order_items == 3  # the purpose is not compared
