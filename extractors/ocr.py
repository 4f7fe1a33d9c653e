"""Reading scanned pages with Tesseract (Swedish): each image-only page rendered at 300 dpi, straightened,
read word by word with its box and confidence, and handed on as the same positioned words that a text
layer gives, so that the layout and the analysis treat it like any other page.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from functools import lru_cache

import numpy
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from extractors.pdf_layout import PageContent, Word

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
    data = pytesseract.image_to_data(image, lang=LANGUAGE, output_type=pytesseract.Output.DICT)
    words, confidences = _words(data)
    return OcrPage(PageContent(number, float(width), float(height), words, [], from_ocr=True), confidences)


def _words(data: dict[str, list]) -> tuple[list[Word], list[float]]:
    """Tesseract's words with the box of their line, so that a line stays one line after rounding."""
    lines: dict[tuple[int, int, int], list[int]] = {}
    for index, (text, confidence) in enumerate(zip(data["text"], data["conf"], strict=True)):
        if str(text).strip() and float(confidence) >= _MIN_CONFIDENCE:
            key = (data["block_num"][index], data["par_num"][index], data["line_num"][index])
            lines.setdefault(key, []).append(index)
    words, confidences = [], []
    for indexes in lines.values():
        top = min(data["top"][i] for i in indexes) * _POINTS_PER_PIXEL
        bottom = max(data["top"][i] + data["height"][i] for i in indexes) * _POINTS_PER_PIXEL
        # A line's glyphs, ascenders to descenders, span about its font size.
        size = round(statistics.median(data["height"][i] for i in indexes) * _POINTS_PER_PIXEL, 1)
        for i in indexes:
            x0 = data["left"][i] * _POINTS_PER_PIXEL
            x1 = (data["left"][i] + data["width"][i]) * _POINTS_PER_PIXEL
            words.append(Word(str(data["text"][i]).strip(), x0, x1, top, bottom, size, False))
            confidences.append(float(data["conf"][i]))
    return words, confidences


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
