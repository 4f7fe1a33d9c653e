"""The ruled lines of a scanned page: long, thin, straight runs of dark pixels.

They are handed on as the edges a text layer's table lines give, so that a scanned table is found by the
same table finder, and they are erased from the image before OCR, which would otherwise read a rule
beside a word as "|" or "l". Light shading goes with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy
from PIL import Image

from extractors.pdf_read import line_edge

# Darker than this is ink, for rules: tables are often ruled in grey, and shaded cells are lighter.
_RULE_INK = 200
_MIN_LENGTH_POINTS = 30.0  # longer than any letter is tall or wide, shorter than a table's narrowest column
_MAX_THICKNESS_POINTS = 3.0  # thicker is a filled area (a logo, a black scan border), not a rule
_HALO_POINTS = 0.5  # the blur around a rule, erased with it


@dataclass(frozen=True, slots=True)
class Rule:
    """A line of pixels: the first and last row it covers, and the columns it runs along."""

    first: int
    last: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RuledPage:
    edges: list[dict[str, Any]]  # in points, top-down, as pdfplumber's table finder takes them
    erased: Image.Image  # the page with its rules and shading painted white


def ruled_lines(image: Image.Image, points_per_pixel: float) -> RuledPage:
    """The horizontal and vertical rules of a straightened greyscale page."""
    pixels = numpy.asarray(image.convert("L"))
    ink = pixels < _RULE_INK
    min_length = round(_MIN_LENGTH_POINTS / points_per_pixel)
    max_thickness = max(2, round(_MAX_THICKNESS_POINTS / points_per_pixel))
    halo = max(1, round(_HALO_POINTS / points_per_pixel))
    # Shading lighter than ink goes too: the edge of a shaded cell is read as "<" or "|".
    erased = numpy.where(ink, pixels, numpy.uint8(255))
    edges = []
    for rule in rules(ink, min_length, max_thickness):
        erased[_halo(rule.first, rule.last + 1, halo, len(pixels)), rule.start : rule.end] = 255
        middle = (rule.first + rule.last + 1) / 2 * points_per_pixel
        edges.append(
            line_edge(rule.start * points_per_pixel, middle, rule.end * points_per_pixel, middle, "h")
        )
    for rule in rules(ink.T, min_length, max_thickness):
        erased[rule.start : rule.end, _halo(rule.first, rule.last + 1, halo, len(pixels[0]))] = 255
        middle = (rule.first + rule.last + 1) / 2 * points_per_pixel
        edges.append(
            line_edge(middle, rule.start * points_per_pixel, middle, rule.end * points_per_pixel, "v")
        )
    return RuledPage(edges, Image.fromarray(erased))


def _halo(first: int, end: int, halo: int, limit: int) -> slice:
    return slice(max(0, first - halo), min(limit, end + halo))


def rules(ink: numpy.ndarray, min_length: int, max_thickness: int) -> list[Rule]:
    """The horizontal rules of a boolean ink array: runs at least min_length long in adjacent rows that
    overlap, together at most max_thickness rows thick. (Transpose the array for the vertical ones.)"""
    open_rules: list[list[int]] = []
    found: list[Rule] = []
    for row, start, end in zip(*_runs(ink, min_length), strict=True):
        still_open = []
        for rule in open_rules:
            if rule[1] < row - 1:
                found.append(Rule(*rule))
            else:
                still_open.append(rule)
        open_rules = still_open
        for rule in open_rules:
            if start < rule[3] and end > rule[2]:
                rule[1], rule[2], rule[3] = row, min(rule[2], start), max(rule[3], end)
                break
        else:
            open_rules.append([row, row, start, end])
    found.extend(Rule(*rule) for rule in open_rules)
    return [rule for rule in found if rule.last - rule.first < max_thickness]


def _runs(ink: numpy.ndarray, min_length: int) -> tuple[list[int], list[int], list[int]]:
    """Row, start and end column of every run of ink along the rows at least min_length long, by row."""
    padded = numpy.zeros((ink.shape[0], ink.shape[1] + 2), dtype=numpy.int8)
    padded[:, 1:-1] = ink
    change = numpy.diff(padded, axis=1)
    rows, starts = numpy.nonzero(change == 1)
    _, ends = numpy.nonzero(change == -1)  # row-major order: the n-th end closes the n-th start
    long = ends - starts >= min_length
    return rows[long].tolist(), starts[long].tolist(), ends[long].tolist()
