"""Loading the Swedish pattern files that domain experts maintain (nlp/patterns/*.yaml)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

PATTERN_DIR = Path(__file__).parent / "patterns"


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed pattern file `nlp/patterns/<name>.yaml`."""
    with (PATTERN_DIR / f"{name}.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def alternation(phrases: list[str]) -> str:
    """A regex alternation of literal phrases, longest first, with flexible white space."""
    ordered = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(word) for word in p.split()) for p in ordered)
