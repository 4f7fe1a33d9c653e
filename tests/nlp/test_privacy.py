import os
import stat

import pytest

from nlp.privacy import KeyFileError, Pseudonymizer, load_or_create_key


@pytest.fixture
def pseudonymizer():
    return Pseudonymizer(b"test-key")


def test_case_key_is_keyed_and_stable(pseudonymizer):
    key = pseudonymizer.case_key("198503129820")
    assert key == pseudonymizer.case_key("198503129820")
    assert key != Pseudonymizer(b"other").case_key("198503129820")
    assert "8503129820" not in key and len(key) == 64


def test_case_key_needs_twelve_digits(pseudonymizer):
    with pytest.raises(ValueError):
        pseudonymizer.case_key("8503129820")


def test_mask_text_hides_numbers_and_every_name_word(pseudonymizer):
    tokens = pseudonymizer.name_token_keys("Anna Lindqvist")
    masked = pseudonymizer.mask_text(
        "Anna Lindqvist (850312-9820) berättar. Annas mamma och Lindqvists hund.", tokens
    )
    assert masked == "X X (ÅÅMMDD-XXXX) berättar. X:s mamma och X:s hund."


def test_mask_text_leaves_other_words(pseudonymizer):
    tokens = pseudonymizer.name_token_keys("Anna Lindqvist")
    assert pseudonymizer.mask_text("Karin Ek på Misa", tokens) == "Karin Ek på Misa"


def test_mask_path_is_case_insensitive(pseudonymizer):
    tokens = pseudonymizer.name_token_keys("Anna Lindqvist")
    assert (
        pseudonymizer.mask_path("Farsta/lindqvist_ANNA_19850312-9820.pdf", tokens)
        == "Farsta/X_X_ÅÅMMDD-XXXX.pdf"
    )


def test_key_file_created_private(tmp_path, monkeypatch):
    monkeypatch.delenv("AKTGRANSKNING_KEY", raising=False)
    key_file = tmp_path / "w.duckdb.key"
    key = load_or_create_key(key_file)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert load_or_create_key(key_file) == key and len(key) == 64


def test_key_file_readable_by_others_is_refused(tmp_path, monkeypatch):
    monkeypatch.delenv("AKTGRANSKNING_KEY", raising=False)
    key_file = tmp_path / "w.duckdb.key"
    key_file.write_text("secret")
    os.chmod(key_file, 0o644)
    with pytest.raises(KeyFileError, match="chmod 600"):
        load_or_create_key(key_file)


def test_environment_key_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("AKTGRANSKNING_KEY", "from-env")
    assert load_or_create_key(tmp_path / "absent.key") == b"from-env"
    assert not (tmp_path / "absent.key").exists()
