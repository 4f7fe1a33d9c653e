"""Word patterns as the pattern files write them: lowercase words, each exact or a prefix ("våld*").

spaCy's Matcher can express a prefix only as a REGEX predicate, and it tests every such predicate at
every token: with a hundred prefixes that was two thirds of the analysis time. Here each pattern is filed
under its first word (or first word's prefix), so a token costs a few dictionary lookups.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

PREFIX_MARK = "*"
_HEAD = 3


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    prefix: bool

    def matches(self, lower: str) -> bool:
        return lower.startswith(self.text) if self.prefix else lower == self.text


def pattern_words(literal: str, nlp: Language) -> tuple[Word, ...]:
    """A literal's words, split as the tokenizer splits text ("sip-möte*" stays one word)."""
    placeholder = "\u2217"  # not a character the tokenizer splits on, unlike "*"
    words = []
    for token in nlp.tokenizer(literal.lower().replace(PREFIX_MARK, placeholder)):
        text = token.text.replace(placeholder, "")
        if text:
            words.append(Word(text, token.text.endswith(placeholder) and len(token.text) > 1))
    return tuple(words)


class WordPatterns:
    """Finds every occurrence of every pattern, overlapping ones included, like spaCy's Matcher."""

    def __init__(self) -> None:
        self._exact: dict[str, list[tuple[str, tuple[Word, ...]]]] = defaultdict(list)
        # Prefix patterns by their prefix's first letters, so that most tokens cost one lookup.
        self._by_head: dict[str, list[tuple[str, tuple[Word, ...]]]] = defaultdict(list)

    def add(self, key: str, words: tuple[Word, ...]) -> None:
        if not words:
            return
        first = words[0]
        if first.prefix:
            self._by_head[first.text[:_HEAD]].append((key, words))
        else:
            self._exact[first.text].append((key, words))

    def __call__(self, lowers: list[str]) -> list[tuple[str, int, int]]:
        """(pattern key, start, end) of each match in a text's lowercase tokens."""
        found = []
        for start, lower in enumerate(lowers):
            for key, words in self._candidates(lower):
                end = start + len(words)
                following = lowers[start + 1 : end]
                if len(following) == len(words) - 1 and all(map(Word.matches, words[1:], following)):
                    found.append((key, start, end))
        return found

    def _candidates(self, lower: str) -> Iterator[tuple[str, tuple[Word, ...]]]:
        yield from self._exact.get(lower, ())
        for head in {lower[:length] for length in range(1, _HEAD + 1)}:
            for key, words in self._by_head.get(head, ()):
                if lower.startswith(words[0].text):
                    yield key, words


def lowercase_tokens(tokens: Doc | Span) -> list[str]:
    return [token.lower_ for token in tokens]
