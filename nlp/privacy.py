"""Pseudonymisation and masking: no personnummer or name leaves the analysis in clear.

A case is keyed by HMAC-SHA256 of the normalised 12-digit personnummer. Names are never stored; their
words are kept only as keyed hashes (`token_key`), so that any later text or path can be masked
against every name the export has given, without the names themselves.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import stat
from pathlib import Path

from nlp.identity import normalise_name

KEY_ENVIRONMENT_VARIABLE = "AKTGRANSKNING_KEY"
NAME_MASK = "X"
NUMBER_MASK = "ÅÅMMDD-XXXX"

# Anything shaped like a personnummer is masked, valid check digit or not.
_NUMBER_SHAPED = re.compile(r"(?<!\d)(?:\d{2})?\d{6}[ \t]?[-+]?[ \t]?\d{4}(?!\d)")
_TEXT_WORD = re.compile(r"(?<![\w])(?P<word>[A-ZÅÄÖÉÜ][\wåäöéü]*?)(?P<genitive>:?s)?(?![\w])")
_PATH_WORD = re.compile(r"[^\W\d_]+")


class KeyFileError(Exception):
    """The key file is missing, unreadable or readable by others."""


def load_or_create_key(key_file: Path, *, create: bool = True) -> bytes:
    """The secret key: `AKTGRANSKNING_KEY` if set, else the key file, created with mode 0600 on first use
    (unless ``create`` is false: then a missing key file is an error)."""
    from_environment = os.environ.get(KEY_ENVIRONMENT_VARIABLE)
    if from_environment:
        return from_environment.encode("utf-8")
    if not create and not key_file.exists():
        raise KeyFileError(
            f"no key: set {KEY_ENVIRONMENT_VARIABLE} or put the warehouse's key file at {key_file}"
        )
    if key_file.exists():
        mode = stat.S_IMODE(key_file.stat().st_mode)
        if mode & 0o077:
            raise KeyFileError(
                f"key file {key_file} is readable by others (mode {mode:o}); run: chmod 600 {key_file}"
            )
        return key_file.read_bytes().strip()
    key_file.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(secrets.token_hex(32))
    return key_file.read_bytes().strip()


class Pseudonymizer:
    """Keyed hashes of identities. Holds the key; never stores what it hashes."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def _digest(self, domain: str, value: str) -> str:
        return hmac.new(
            self._key, f"{domain}:{value}".encode("utf-8", "surrogateescape"), hashlib.sha256
        ).hexdigest()

    def case_key(self, personnummer_digits: str) -> str:
        """The case key of a normalised 12-digit personnummer."""
        if not re.fullmatch(r"\d{12}", personnummer_digits):
            raise ValueError("case_key needs the 12-digit personnummer")
        return hmac.new(self._key, personnummer_digits.encode(), hashlib.sha256).hexdigest()

    def path_key(self, relative_path: str) -> str:
        return self._digest("path", relative_path)

    def name_key(self, full_name: str) -> str:
        return self._digest("name", normalise_name(full_name))

    def token_key(self, word: str) -> str:
        return self._digest("token", word.casefold())

    def name_token_keys(self, full_name: str) -> frozenset[str]:
        words = normalise_name(full_name).replace("-", " ").split()
        return frozenset(self.token_key(word) for word in words if len(word) > 1)

    def mask_text(self, text: str, token_keys: frozenset[str] | set[str]) -> str:
        """The text with personnummer-shaped numbers and every word of a known name masked."""
        text = _NUMBER_SHAPED.sub(NUMBER_MASK, text)
        if not token_keys:
            return text

        def replace(match: re.Match[str]) -> str:
            if self.token_key(match["word"]) in token_keys:
                return NAME_MASK + (":s" if match["genitive"] else "")
            if match["genitive"] and self.token_key(match["word"] + "s") in token_keys:
                return NAME_MASK
            return match.group(0)

        return _TEXT_WORD.sub(replace, text)

    def mask_path(self, path: str, token_keys: frozenset[str] | set[str]) -> str:
        """A relative path with numbers and name words masked, whatever their case, made printable: bytes
        that are not UTF-8 (a name from a Windows zip) and control characters become "�"."""
        path = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        path = "".join(c if c.isprintable() else "�" for c in path)
        path = _NUMBER_SHAPED.sub(NUMBER_MASK, path)
        return _PATH_WORD.sub(
            lambda match: NAME_MASK if self.token_key(match.group(0)) in token_keys else match.group(0), path
        )
