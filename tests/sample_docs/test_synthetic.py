"""The benchmark's synthetic cases: the sample cases with other people, rendered as real files."""

import re
from pathlib import Path

from extractors import extract
from sample_docs.generator.synthetic import generate, luhn_digit, synthetic_case, templates


def _identity(person: dict) -> re.Pattern[str]:
    number = str(person["personnummer"])
    values = (person["last_name"], number, number[2:], number[2:8])
    return re.compile("|".join(rf"(?<![^\W_]){re.escape(str(v))}(?![^\W_])" for v in values))


def test_synthetic_cases_are_the_samples_with_other_people(tmp_path: Path) -> None:
    files = generate(tmp_path, 3, workers=1)
    for number, case in enumerate(templates()[:3]):
        written = [p for p in files if p.relative_to(tmp_path).parts[0] == f"{number:05d}"]
        assert sorted(p.suffix for p in written) == sorted(Path(d["file"]).suffix for d in case["documents"])
        old_person = _identity(case["person"])
        new_person = _identity(synthetic_case(case, number, 0)["person"])
        texts = []
        for path in written:
            assert path.read_bytes().startswith(b"%PDF" if path.suffix == ".pdf" else b"PK")
            texts.append(f"{path.relative_to(tmp_path)}\n{extract(path).text}")
        assert not any(old_person.search(text) for text in texts)
        assert any(new_person.search(text) for text in texts)


def test_the_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = generate(tmp_path / "a", 2, workers=1), generate(tmp_path / "b", 2, workers=1)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_new_personnummer_are_valid_test_numbers_of_the_same_year_and_gender() -> None:
    for number, case in enumerate(templates()):
        old, new = case["person"], synthetic_case(case, number, 0)["person"]
        digits = new["personnummer"][2:].replace("-", "")
        assert luhn_digit(digits[:9]) == int(digits[9])
        assert new["personnummer"][:4] == old["personnummer"][:4] and 980 <= int(digits[6:9]) <= 999
        assert int(digits[8]) % 2 == (1 if old["gender"] == "M" else 0)
        assert new["personnummer"] != old["personnummer"]


def test_luhn_digit_of_a_known_test_number() -> None:
    assert luhn_digit("850312982") == 0  # 19850312-9820


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def test_no_case_keeps_its_old_person_in_any_case_or_the_genitive() -> None:
    for number, template in enumerate(templates()):
        old, case = template["person"], synthetic_case(template, number, 0)
        names = [str(old[f]) for f in ("first_name", "last_name") if old[f] != case["person"][f]]
        number_forms = (old["personnummer"], old["personnummer"][2:], old["personnummer"][2:8])
        words = "|".join(re.escape(w) for w in (*names, *number_forms))
        left = re.compile(rf"(?i)(?<![^\W_])(?:{words})s?(?![^\W_])")
        texts = _strings({key: value for key, value in case.items() if key != "person"})
        assert not [t for t in texts if left.search(t)], template["case_id"]
