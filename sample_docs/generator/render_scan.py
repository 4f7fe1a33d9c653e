"""A scanned copy: the PDF rendering rasterised at 150, 200 or 300 dpi, greyscale, slightly tilted and
blurred, saved as an image-only PDF with no text layer. Resolution, angle and blur follow from the file
path, so they vary between documents but not between runs.
"""

from __future__ import annotations

import io
import time
import zlib
from typing import Any

import pypdfium2 as pdfium
from PIL import Image, ImageFilter

from sample_docs.generator.render_pdf import render_pdf

RESOLUTIONS = (150, 200, 300)  # dpi: the range of office scanners' settings
FIXED_TIME = time.struct_time((2020, 1, 1, 0, 0, 0, 2, 1, 0))


def tilt(seed: int, page: int) -> float:
    """A small angle in degrees, 0.4 to 1.5 either way, the same for a document's pages give or take 0.1."""
    base = 0.4 + (seed % 1000) / 1000 * 1.0  # 0.4 .. 1.4
    wobble = ((seed >> 10) + page * 37) % 11 / 100  # 0 .. 0.1
    sign = 1 if (seed >> 20) % 2 else -1
    return sign * round(base + wobble, 2)


def render_scan(document: dict[str, Any]) -> bytes:
    seed = zlib.crc32(str(document["file"]).encode("utf-8"))
    dpi = RESOLUTIONS[(seed >> 12) % len(RESOLUTIONS)]
    blur = (0.5 + (seed >> 4) % 4 / 10) * dpi / 200  # 0.5 .. 0.8 pixels at 200 dpi
    pdf = pdfium.PdfDocument(render_pdf(document))
    pages: list[Image.Image] = []
    try:
        for index in range(len(pdf)):
            image = pdf[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            image = image.rotate(tilt(seed, index), resample=Image.Resampling.BICUBIC, fillcolor=255)
            pages.append(image.filter(ImageFilter.GaussianBlur(blur)))
    finally:
        pdf.close()
    buffer = io.BytesIO()
    pages[0].save(
        buffer,
        format="PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=dpi,
        quality=80,
        creationDate=FIXED_TIME,
        modDate=FIXED_TIME,
        producer="",
        creator="",
        title="",
        author="",
    )
    return buffer.getvalue()
