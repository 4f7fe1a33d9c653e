"""N synthetic cases for the speed benchmark (`make bench`), never written into sample_docs/export.

Case i is the committed sample case i modulo 61 with another person: a first and last name drawn from
common Swedish names and a new test personnummer (birth number 980-999) of the same birth year and
gender, put in place of the sample person's names and personnummer (every form of it) everywhere: in the
documents' text and in their file paths. So the mix of PDF, DOCX and scans, of document types and of
house styles is that of sample_docs, and no two cases share a person.

    python -m sample_docs.generator.synthetic TARGET --cases 1000
"""

from __future__ import annotations

import argparse
import copy
import os
import random
import re
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import yaml

from sample_docs.generator.build import render
from sample_docs.generator.source import GENERATOR, case_paths, load

NAMES = yaml.safe_load((GENERATOR / "names.yaml").read_text(encoding="utf-8"))


def luhn_digit(digits: str) -> int:
    total = 0
    for index, digit in enumerate(map(int, digits)):
        product = digit * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10


def new_personnummer(template: str, gender: str, rng: random.Random) -> str:
    """A test personnummer (birth number 980-999) born the template's year, agreeing with ``gender``."""
    year = template[:4]
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    # The birth number's third digit is odd for men, even for women.
    birth = rng.choice(("98", "99")) + rng.choice("13579" if gender == "M" else "02468")
    nine = f"{year[2:]}{month:02d}{day:02d}{birth}"
    return f"{year}{month:02d}{day:02d}-{birth}{luhn_digit(nine)}"


def _number_forms(personnummer: str) -> list[str]:
    """The ways a document or file name may write it or its birth date: 19850312-9820, 850312-9820,
    198503129820, 8503129820, 19850312, 850312."""
    full = personnummer
    return [full, full[2:], full.replace("-", ""), full[2:].replace("-", ""), full[:8], full[2:8]]


def _replacer(old: dict[str, str], new: dict[str, str]) -> Callable[[str], str]:
    """Replaces the old person's numbers and names, whole words in any case ("EKHOLM", "mengistu_robel"),
    names also in the genitive ("Matildas"), keeping the case they are written in."""
    pairs = dict(zip(_number_forms(old["personnummer"]), _number_forms(new["personnummer"]), strict=True))
    for field in ("first_name", "last_name"):
        name, replacement = str(old[field]), str(new[field])
        pairs[name] = replacement
        if not name.endswith("s"):
            pairs[name + "s"] = replacement if replacement.endswith("s") else replacement + "s"
    by_folded = {key.casefold(): value for key, value in pairs.items()}
    ordered = sorted(pairs, key=len, reverse=True)
    # Whole words and numbers; an underscore separates ("DUR_761205.pdf").
    pattern = re.compile(
        r"(?<![^\W_])(?:" + "|".join(map(re.escape, ordered)) + r")(?![^\W_])", re.IGNORECASE
    )
    return lambda text: pattern.sub(
        lambda match: _same_case(match.group(0), by_folded[match.group(0).casefold()]), text
    )


def _same_case(written: str, replacement: str) -> str:
    if written.isupper() and len(written) > 1:
        return replacement.upper()
    if written.islower():
        return replacement.lower()
    return replacement


def _substituted(value: Any, replace: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return replace(value)
    if isinstance(value, list):
        return [_substituted(item, replace) for item in value]
    if isinstance(value, dict):
        return {key: _substituted(item, replace) for key, item in value.items()}
    return value


def synthetic_case(template: dict[str, Any], number: int, seed: int) -> dict[str, Any]:
    """The template case with another person, its documents filed under the case number."""
    rng = random.Random(seed * 1_000_003 + number)
    person = template["person"]
    gender = str(person["gender"])
    new = {
        "first_name": rng.choice(NAMES["first_names"][gender]),
        "last_name": rng.choice(NAMES["last_names"]),
        "personnummer": new_personnummer(str(person["personnummer"]), gender, rng),
    }
    case = _substituted(copy.deepcopy(template), _replacer(person, new))
    case["person"] = {**person, **new}
    for document in case["documents"]:
        document["file"] = f"{number:05d}/{document['file']}"
    return case


def _render_case(template: dict[str, Any], number: int, seed: int, target: str) -> list[str]:
    written = []
    for document in synthetic_case(template, number, seed)["documents"]:
        path = Path(target) / document["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render(document))
        written.append(str(path))
    return written


def templates() -> list[dict[str, Any]]:
    sources = [load(path) for path in case_paths()]
    return [source.case for source in sources if source.case is not None]


def generate(
    target: Path,
    cases: int,
    *,
    seed: int = 0,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Render ``cases`` synthetic cases into ``target`` (created if needed); the files written."""
    target.mkdir(parents=True, exist_ok=True)
    sources = templates()
    written: list[Path] = []
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count()) as pool:
        futures = [
            pool.submit(_render_case, sources[number % len(sources)], number, seed, str(target))
            for number in range(cases)
        ]
        for done, future in enumerate(as_completed(futures), start=1):
            written.extend(Path(p) for p in future.result())
            if progress is not None:
                progress(done, cases)
    return sorted(written)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("target", type=Path)
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    files = generate(args.target, args.cases, seed=args.seed)
    print(f"{args.cases} cases, {len(files)} documents in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
