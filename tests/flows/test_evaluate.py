"""Item scoring: one-to-one matching by similarity, the kind of the matched, and boundary-only misses."""

from __future__ import annotations

from flows.evaluate import Retrieval, score_items


def test_items_scored_one_to_one_with_kind_and_boundaries() -> None:
    expected = [
        ("goal", "Anna ska kunna arbeta halvtid"),
        ("subgoal", "Anna kommer tre dagar i veckan"),
        ("activity", "att spela gitarr i musikgruppen"),
        ("activity", "att laga mat"),
    ]
    found = [
        ("goal", "Anna ska kunna arbeta halvtid."),
        ("activity", "Anna kommer tre dagar i veckan"),
        ("activity", "att spela gitarr i musikgruppen, som hon gjorde förr när hon var ung"),
        ("purpose", "något helt annat"),
    ]
    tally = Retrieval()
    score_items(expected, found, tally, "doc")
    assert (tally.found, tally.expected, tally.matched, tally.kind_right) == (4, 4, 2, 1)
    assert tally.boundary_only == 1
    assert any("is a subgoal, found as activity" in miss for miss in tally.misses)
