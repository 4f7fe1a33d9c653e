"""Reading scanned pages with Tesseract (Swedish): each image-only page rendered at 300 dpi, straightened,
its ruled lines taken as table edges and erased, read word by word with its box and confidence, and
handed on as the same positioned words that a text layer gives, so that the layout and the analysis
treat it like any other page.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from xml.etree import ElementTree

import numpy
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from extractors.pdf_layout import PageContent, Word
from extractors.pdf_read import grid, tables_from_edges
from extractors.scan_lines import ruled_lines

OCR_DPI = 300
LANGUAGE = "swe"
MISSING = (
    "no text layer (scanned document): needs OCR, and Tesseract with Swedish is not installed "
    "(Debian: apt-get install tesseract-ocr tesseract-ocr-swe)"
)
_POINTS_PER_PIXEL = 72 / OCR_DPI
_SKEW_DEGREES = 3.0  # scans are straightened within this angle either way
_SKEW_STEP = 0.1
_SKEW_WIDTH = 800  # pixels: the skew is measured on a smaller copy of the page
_MIN_CONFIDENCE = 0  # Tesseract gives -1 for boxes that are not words
_NOISE_CONFIDENCE = 50
_LINE_CLASSES = frozenset({"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"})
# How Tesseract reads a list bullet at the start of a line: «, », *, +, ©, ®, °, sometimes glued to the word.
_MISREAD_BULLET = re.compile(r"^[«»•·*+©®°¢¤]{1,3}(?=\w|$)")


@dataclass(frozen=True, slots=True)
class OcrPage:
    content: PageContent
    confidences: list[float]  # one per word, 0-100


@lru_cache(maxsize=1)
def unavailable() -> str | None:
    """Why OCR cannot run here (the error to record), or None when Tesseract reads Swedish."""
    binary = shutil.which("tesseract")
    if binary is None:
        return MISSING
    try:
        languages = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return MISSING
    return None if LANGUAGE in languages.split() else MISSING


def has_images(page: pdfium.PdfPage) -> bool:
    return any(
        pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(page.raw, index))
        == pdfium_c.FPDF_PAGEOBJ_IMAGE
        for index in range(pdfium_c.FPDFPage_CountObjects(page.raw))
    )


def read_page(page: pdfium.PdfPage, number: int) -> OcrPage:
    """The words of an image-only page, in PDF points like a text layer's."""
    import pytesseract

    width, height = page.get_size()
    image = straightened(page.render(scale=OCR_DPI / 72, grayscale=True).to_pil().convert("L"))
    # One thread per page: the workers already read files in parallel.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    ruled = ruled_lines(image, _POINTS_PER_PIXEL)
    tables = [grid(table) for table in tables_from_edges(ruled.edges)]
    hocr = pytesseract.image_to_pdf_or_hocr(ruled.erased, lang=LANGUAGE, extension="hocr")
    words, confidences = _words(hocr)
    content = PageContent(number, float(width), float(height), words, tables, from_ocr=True)
    return OcrPage(content, confidences)


def _words(hocr: bytes) -> tuple[list[Word], list[float]]:
    """Tesseract's words (hOCR) with the box of their line, so that a line stays one line after rounding,
    and the line's font size as Tesseract estimates it from the whole line."""
    words, confidences = [], []
    for line in ElementTree.fromstring(hocr).iter():
        if line.get("class") not in _LINE_CLASSES:
            continue
        properties = _properties(line.get("title", ""))
        _, top, _, bottom = (float(v) * _POINTS_PER_PIXEL for v in properties["bbox"].split())
        size = float(properties.get("x_size", (bottom - top) / _POINTS_PER_PIXEL)) * _POINTS_PER_PIXEL
        size = round(size, 1)
        for index, (text, x0, x1, confidence) in enumerate(_line_words(line)):
            if index == 0 and _MISREAD_BULLET.match(text):
                words.append(Word("•", x0, x0 + size / 2, top, bottom, size, False))
                confidences.append(confidence)
                text = _MISREAD_BULLET.sub("", text)
                if not text:
                    continue
            if confidence < _NOISE_CONFIDENCE and not any(char.isalnum() for char in text):
                continue  # Tesseract's guess at a speck or at blank paper: "<>", "|", "~"
            words.append(Word(text, x0, x1, top, bottom, size, False))
            confidences.append(confidence)
    return words, confidences


def _line_words(line: ElementTree.Element) -> Iterator[tuple[str, float, float, float]]:
    """Text, left and right edge (points) and confidence of each word of an hOCR line."""
    for word in line.iter():
        if word.get("class") != "ocrx_word":
            continue
        text = "".join(word.itertext()).strip()
        properties = _properties(word.get("title", ""))
        confidence = float(properties.get("x_wconf", -1))
        if text and confidence >= _MIN_CONFIDENCE:
            x0, _, x1, _ = (float(v) * _POINTS_PER_PIXEL for v in properties["bbox"].split())
            yield text, x0, x1, confidence


def _properties(title: str) -> dict[str, str]:
    """An hOCR title ("bbox 10 20 30 40; x_wconf 96") as a mapping of property to value."""
    pairs = (part.strip().split(" ", 1) for part in title.split(";"))
    return {pair[0]: pair[1] for pair in pairs if len(pair) == 2}


def straightened(image: Image.Image) -> Image.Image:
    """The page turned back by its skew: the angle at which the rows of ink line up best."""
    angle = skew(image)
    if abs(angle) < _SKEW_STEP / 2:
        return image
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)


def skew(image: Image.Image) -> float:
    """The small angle (degrees, counter-clockwise) that makes the text lines horizontal."""
    scale = min(1.0, _SKEW_WIDTH / image.width)
    small = image.resize((max(1, int(image.width * scale)), max(1, int(image.height * scale))))
    ink = small.point(lambda value: 255 if value < 160 else 0)
    best_angle, best_score = 0.0, -1.0
    steps = int(_SKEW_DEGREES / _SKEW_STEP)
    for step in range(-steps, steps + 1):
        angle = step * _SKEW_STEP
        rows = numpy.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST), dtype=numpy.float32).sum(
            axis=1
        )
        score = float(numpy.square(numpy.diff(rows)).sum())
        if score > best_score:
            best_angle, best_score = angle, score
    return best_angle
