"""Which words of a question the article's world does not account for.

The engine is closed-world: a question that names something the article never
mentions must be declined, not answered from a neighbouring fact. A word is
*accounted for* when the lexicon, the article's own text or the stop and marker
words know it, or when it is an ordinary English or French word
(`data/ordinary-words.txt`). Anything else that looks like a term — IPv6,
PowerShell, quorum — is named back to the user. A misspelt ordinary word
(one edit away from a known one) is noise, not a term.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from kb.text import MAX_WORD, normalize

ORDINARY_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "ordinary-words.txt")
#: Ordinary words of operations and audit too rare for the frequency list ("caveat", "astreinte").
OPS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "ops-words.txt")
#: Rarer words that describe ("malveillant", "énumérées"); rare nouns stay terms (tools/ordinary_words.py).
RARE_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "rare-words.txt")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
MEMO_LIMIT = 50_000
_ORDINAL_ENDINGS = frozenset({"er", "re", "e", "eme", "ieme", "nd", "st", "rd", "th", "d"})
_HOST_PREFIXES = frozenset({"fe", "be", "node", "noeud", "nd", "host", "srv", "server", "serveur", "dc", "exch", "mbx",
                            "front", "back", "frontal", "cluster", "clu", "vs", "evs", "bck", "bes", "fes", "n"})
_TIME_OF_DAY = frozenset({"am", "pm", "h", "hrs", "min", "mn", "s", "ms"})
_PUNCTUATION = "\"'«»“”‘’()[]{}<>,;:!?*`~…"


def _words(text: str) -> list[str]:
    """The words of a question as written (split on spaces, punctuation trimmed): no regex on the cold path."""
    words = []
    for raw in text[:4000].split():
        for piece in raw.replace("/", " ").split():
            word = piece.strip(_PUNCTUATION).rstrip(".")
            if word:
                words.append(word)
    return words


class Vocabulary:
    """Known words plus the ordinary-word list, read on first need."""

    def __init__(self, known: Iterable[str], ordinary_file: str = ORDINARY_FILE,
                 extra_files: tuple[str, ...] = (OPS_FILE,), rare_file: str = RARE_FILE) -> None:
        self.known = frozenset(known)
        self._file = ordinary_file
        self._extra = extra_files
        self._rare_file = rare_file
        self._text: str | None = None
        self._rare_text: str | None = None
        self._ordinary: frozenset[str] | None = None
        self._everything: frozenset[str] | None = None
        self._memo: dict[str, bool] = {}

    def _list(self) -> str:
        # The file as one string: a lookup is a C-speed scan, so a one-question process (`oakley ask`)
        # never pays for building a 34,000-word set; a long-running bot memoises each word's answer.
        if self._text is None:
            texts = []
            for name in (self._file, *self._extra):
                with open(name, encoding="utf-8") as fh:
                    texts.append(fh.read().strip("\n"))
            self._text = "\n" + "\n".join(texts) + "\n"
        return self._text

    def _words(self) -> frozenset[str]:
        """The set, built only for typo checks (hundreds of probes per word)."""
        if self._ordinary is None:
            self._ordinary = frozenset(w for w in self._list().split("\n") if w and w[0] != "#")
        return self._ordinary

    def ordinary(self, token: str) -> bool:
        """An ordinary English or French word (from the list, not counting near misses)."""
        found = self._memo.get("=" + token)
        if found is None:
            found = self._remember("=" + token, f"\n{token}\n" in self._list())
        return found

    def rare(self, token: str) -> bool:
        """A rarer word that describes ("malveillant"): not a term, but still correctable into one ("pourcent")."""
        if self._rare_text is None:
            with open(self._rare_file, encoding="utf-8") as fh:
                self._rare_text = "\n" + fh.read().strip("\n") + "\n"
        return f"\n{token}\n" in self._rare_text

    def _remember(self, key: str, found: bool) -> bool:
        if len(self._memo) >= MEMO_LIMIT:  # chat text is unbounded: so is not the memo
            self._memo.clear()
        self._memo[key] = found
        return found

    def _accounted(self, token: str) -> bool:
        found = self._memo.get(token)
        if found is None:
            found = self._remember(token, self.ordinary(token) or self.rare(token) or (
                5 <= len(token) <= MAX_WORD and token.isalpha() and (
                    self._one_edit_from(token, self._words()) or _inflected(token, self._all())
                    or _prefixed(token, self._all()))))
        return found

    def _all(self) -> frozenset[str]:
        """Ordinary and known words together, for the other forms of a word ("rollbacks", "rebasculer")."""
        if self._everything is None:
            self._everything = self._words() | self.known
        return self._everything

    def slip_of_ordinary(self, token: str) -> bool:
        """One slip from an ordinary word ("protcets"): a typo of that word, not two slips from a term."""
        found = self._memo.get("~" + token)
        if found is None:
            found = self._remember("~" + token, token.isalpha() and self._one_edit_from(token, self._words()))
        return found

    @staticmethod
    def _one_edit_from(token: str, words: frozenset[str]) -> bool:
        """A misspelt ordinary word. (Misspelt lexicon words were corrected before this.)"""
        splits = [(token[:i], token[i:]) for i in range(len(token) + 1)]
        for a, b in splits:
            if b and a + b[1:] in words:
                return True
            if len(b) > 1 and a + b[1] + b[0] + b[2:] in words:
                return True
            for c in _LETTERS:
                if (b and a + c + b[1:] in words) or a + c + b in words:
                    return True
        return False

    def unknown(self, tokens: list[str], names: frozenset[str] = frozenset(),
                shouted: frozenset[str] = frozenset()) -> list[str]:
        """Tokens that look like terms and that nothing accounts for, in order, once each.

        A name (written with inner capitals) must be an ordinary word as spelt: it is not a typo. A short word
        counts only when it is a name or written in capitals (`shouted`: BGP, PFS).
        """
        found: list[str] = []
        for tok in tokens:
            if tok in self.known or tok in found or tok.isdigit() or len(tok) < 3:
                continue
            rest = tok.lstrip("0123456789")
            if tok[0].isdigit() and rest.endswith("z"):  # "1402z", "23h58z": a Zulu time of day
                rest = rest[:-1]
            if tok[0].isdigit() and (not rest or rest in _ORDINAL_ENDINGS | _TIME_OF_DAY
                                     or (rest[:1] in ("h", "m") and rest.lstrip("hmin").isdigit())):
                continue  # "1er", "3e": ordinals; "3am", "14h05": times of day; "2m30", "2min30": durations
            digits = len(tok) - len(tok.rstrip("0123456789"))
            if (tok.rstrip("0123456789") in _HOST_PREFIXES and digits <= 3) or (
                    2 <= digits <= 3 and tok[-digits] == "0" and tok[0].isalpha()):
                continue  # "FE2", "node1", "srv03"; "EXVS01", "MBX02": a server's or a group's name, not a term
            if len(tok) <= 4 and tok.isalpha() and tok not in names and tok not in shouted:
                continue  # short lower-case words are chat shorthand ("teh", "mgmt"), not terms
            if not (self.ordinary(tok) if tok in names else self._accounted(tok)):
                found.append(tok)
        return found


#: Inflections the frequency list misses ("déplaçons", "respectons", "imputables"): an ending, and what a form of
#: the same word can end with instead. Longest endings first; only words of 6 letters or more are tried.
_INFLECTIONS = (
    ("eraient", ("er", "e", "re")), ("erions", ("er", "e")), ("eront", ("er", "e", "re")), ("erons", ("er", "e")),
    ("aient", ("er", "e", "re", "ir")), ("erait", ("er", "e", "re")), ("ables", ("able", "er", "e", "ant")),
    ("ibles", ("ible", "re", "ir")), ("able", ("er", "e", "ant", "")), ("ible", ("re", "ir", "")),
    ("ions", ("er", "ion", "e", "re", "ir")), ("iez", ("er", "e", "re")), ("ons", ("er", "e", "re", "ir", "ant")),
    ("ez", ("er", "e", "re", "ir")), ("ent", ("er", "e", "re", "ir")), ("ait", ("er", "e", "re", "ir")),
    ("ais", ("er", "e", "re", "ir")), ("era", ("er", "e")), ("ees", ("er", "e", "ee")), ("ee", ("er", "e")),
    ("ing", ("", "e")), ("ed", ("", "e")), ("es", ("", "e")), ("s", ("",)), ("ly", ("",)),
    ("iest", ("y",)), ("est", ("", "e")),  # "narrowest", "busiest", "safest"
    ("ement", ("e", "")), ("ment", ("", "e")),  # French adverbs: "nativement", "vraiment"
)


def _inflected(token: str, words: frozenset[str]) -> bool:
    """Another form of an ordinary word: its stem with another ending is in the list."""
    if len(token) < 6:
        return False
    for ending, others in _INFLECTIONS:
        if token.endswith(ending):
            stem = token[: -len(ending)]
            if len(stem) >= 4 and any(stem + other in words for other in others):
                return True
    return False


def _prefixed(token: str, words: frozenset[str]) -> bool:
    """"rebasculer", "déchiffrement": a known or ordinary word again or undone."""
    for prefix in ("re", "de", "des", "dis", "un"):
        rest = token[len(prefix):]
        if token.startswith(prefix) and len(rest) >= 5 and (rest in words or _inflected(rest, words)):
            return True
    return False


def original_spelling(question: str, token: str) -> str:
    """The user's own spelling of a normalised token ("IPv6" for "ipv6"), for naming it back."""
    for word in _words(question):
        if normalize(word).replace("-", "").replace(".", "") == token or normalize(word) == token:
            return word
    return token


def proper_names(question: str) -> frozenset[str]:
    """Words written with capitals inside (OAuth, IPv6, PowerShell): names of things, never typos."""
    return frozenset(normalize(w) for w in _words(question)
                     if any(c.isupper() for c in w[1:]) and any(c.islower() for c in w))


def acronyms(question: str) -> frozenset[str]:
    """Words written in capitals (BGP, OSPF): short ones are terms, not chat shorthand."""
    return frozenset(normalize(w) for w in _words(question) if len(w) >= 2 and w.isupper())
