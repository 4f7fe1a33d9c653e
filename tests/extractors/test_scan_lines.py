"""Ruled lines found in the pixels of a scanned page, and erased from it."""

from __future__ import annotations

import numpy
from PIL import Image, ImageDraw, ImageFont

from extractors.pdf_read import tables_from_edges
from extractors.scan_lines import Rule, ruled_lines, rules

POINTS_PER_PIXEL = 72 / 300


def test_long_thin_runs_are_rules_and_thick_or_short_ones_are_not() -> None:
    ink = numpy.zeros((60, 400), dtype=bool)
    ink[10:13, 20:380] = True  # a rule three pixels thick
    ink[11, 380:390] = True  # which runs on a little in its middle row
    ink[30:50, 50:300] = True  # a filled block
    ink[55, 10:40] = True  # a dash, shorter than a rule
    assert rules(ink, min_length=100, max_thickness=6) == [Rule(10, 12, 20, 390)]


def test_a_slightly_tilted_rule_is_one_rule() -> None:
    ink = numpy.zeros((20, 1200), dtype=bool)
    for step in range(4):  # drops a pixel every 300 columns
        ink[5 + step : 7 + step, step * 300 : (step + 1) * 300] = True
    assert rules(ink, min_length=100, max_thickness=12) == [Rule(5, 9, 0, 1200)]


def test_a_drawn_grid_becomes_a_table_and_leaves_the_page_with_only_its_text() -> None:
    image = Image.new("L", (1200, 700), 255)
    draw = ImageDraw.Draw(image)
    for y in (100, 300, 500):
        draw.line([(100, y), (1100, y)], fill=90, width=3)
    for x in (100, 600, 1100):
        draw.line([(x, 100), (x, 500)], fill=90, width=3)
    draw.rectangle([(103, 103), (597, 297)], fill=225)  # a shaded cell
    draw.text((150, 180), "Delmål", fill=0, font=ImageFont.truetype("DejaVuSans.ttf", 40))

    ruled = ruled_lines(image, POINTS_PER_PIXEL)

    (table,) = tables_from_edges(ruled.edges)
    assert len(table.rows) == 2 and all(len(row.cells) == 2 for row in table.rows)
    expected = tuple(pixels * POINTS_PER_PIXEL for pixels in (100, 100, 1100, 500))
    assert all(abs(found - wanted) < 2 for found, wanted in zip(table.bbox, expected, strict=True))
    erased = numpy.asarray(ruled.erased)
    assert (erased[95:106, :] == 255).all() and (erased[:, 595:606] == 255).all()
    assert erased[103:297, 103:140].min() == 255  # the shading went with the rules
    assert erased[170:240, 150:300].min() < 100  # the text stayed
