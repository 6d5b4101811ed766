"""Normalising chat text and forgiving small typos.

Questions arrive with accents or without, with the article's own mangled
"n?ud", in either language; matching works on lower-case ASCII tokens.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_TOKEN = re.compile(r"[a-z0-9]+")
_MEMO_SIZE = 10_000
#: Longer tokens are not words (a pasted hash, a run of letters): never corrected, named as terms.
MAX_WORD = 30
_SPECIAL = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


# Chat shorthand spelled out before tokenising: one alternation, one linear scan, one compile
# (a cold `oakley ask` pays for every pattern it compiles).
_SHORTHAND = re.compile(
    r"(?P<without>\bw/o\b)|(?P<with>\bw/(?=[\s\w]))|(?P<cannot>\bcan(?:['’]?t|not)\b)|(?P<wont>\bwon['’]?t\b)"
    r"|(?P<dont>\bdont(?=\s+(?:le|la|les|l|on|il|elle|ils|elles|je|j|nous|vous|tu|parle|parlent|un|une|des|ce|"
    r"cette|ces|c|vous|mon|ma|mes|notre|nos|votre|vos)\b))"  # French "dont", not "don't"
    r"|(?P<aux>\b(?:is|are|was|were|do|does|did|have|has|had|should|would|could|must|need)(?=nt\b))nt\b"
    r"|(?P<nt>n['’]t\b)|(?P<percent>%(?![a-z]))|(?<![a-z0-9])(?P<times>\d+)x\b"
    r"|(?<![a-z0-9])(?P<n>\d+)(?P<unit>mins?|mn|minutes?|s|secs?|seconds?|secondes?|h|hrs?|hours?|heures?)\b"
)
#: French chat shorthand ("cb de tps ss nlbsflags ?"): spelt out, so that "ss" negates like "sans".
_FR_CHAT_WORDS = {"ss": "sans", "cb": "combien", "cmb": "combien", "tps": "temps", "pr": "pour", "qd": "quand",
                  "ds": "dans", "bcp": "beaucoup", "tjs": "toujours", "tjrs": "toujours",
                  # spelt as said ("koman", "kel port", "kan le noeud plante")
                  "koman": "comment", "kel": "quel", "kels": "quels", "kelle": "quelle", "kelles": "quelles",
                  "kan": "quand", "koi": "quoi", "pkoi": "pourquoi", "ki": "qui", "tjr": "toujours",
                  # Scots and Caribbean English ("whit's the total wi the flag?", "we nuh touch di registry")
                  "whit": "what", "tae": "to", "wid": "with", "nuh": "not", "di": "the", "pon": "on",
                  "naebody": "nobody", "nae": "no", "cannae": "cannot", "dinnae": "do not", "disnae": "does not",
                  "oor": "our", "ower": "over", "yin": "one", "twa": "two", "inna": "in the", "dem": "them",
                  "dat": "that", "ting": "thing", "fur": "for", "aboot": "about", "ken": "know"}
# compiled only for a message that has one; not after ":" ("in m:ss", "hh:mm:ss": a clock's format)
_FR_CHAT = r"(?<!:)\b(?:" + "|".join(_FR_CHAT_WORDS) + r")\b"
_PUNCT_TO_SPACE = str.maketrans({c: " " for c in "?!.,;:'’()«»\"/"})
_SPELLED = {"without": " without ", "with": " with ", "cannot": "can not", "wont": "will not", "nt": " not",
            "percent": " percent "}


def _spell_out(m: re.Match[str]) -> str:
    kind = m.lastgroup
    if kind == "dont":
        return "dont"
    if kind == "aux":
        return f"{m.group('aux')} not"
    if kind == "times":
        return f"{m.group('times')} times"
    if kind == "unit":
        return f"{m.group('n')} {m.group('unit')}"
    return _SPELLED[kind or ""]


_BE = re.compile(r"\bBEs?\b|\b(fes?)(\s*(?:to|and|et|vers|->|/|<->|-|&)\s*)bes?\b", re.I)


def _back_end(m: re.Match[str]) -> str:
    if m.group(1):  # "FE to BE", "fe/be"
        return f"{m.group(1)}{m.group(2)}backend"
    return "backend" if m.group(0)[:2] == "BE" else m.group(0)  # "BE" in capitals; "be" is the verb


_HEX = r"\b0x([0-9a-f]{1,8})\b"  # compiled on use: start-up time


def normalize(text: str) -> str:
    # "BE" in capitals, or after "FE to", is a back-end; "be" alone is the verb.
    if "be" in text or "BE" in text or "Be" in text:
        text = _BE.sub(_back_end, text)
    text = text.lower().replace("n?ud", "noeud").translate(_SPECIAL)
    if "0x" in text:  # "NLBSFlags REG_DWORD 0x1" (reg query's output): the data in decimal
        text = re.sub(_HEX, lambda m: str(int(m.group(1), 16)), text)
    text = _SHORTHAND.sub(_spell_out, text)
    if "ces bien" in text:  # "le port 143 ces bien pour IMAP4 ?": "c'est bien", misspelt
        text = text.replace("ces bien", "c est bien")
    if "o'" in text or "o’" in text:  # "the name o' the value": Scots and Irish "of"
        text = re.sub(r"\bo['’](?=\s)", "of", text)
    if " c " in text:  # "c le frontal ?", "c supporte": chat's "c'est"
        text = re.sub(r"(?<![\w:\\.()'’])c (?=(?!est\b|etait\b)[a-z])", "c est ", text)
    if not _FR_CHAT_WORDS.keys().isdisjoint(text.translate(_PUNCT_TO_SPACE).split()):
        text = re.sub(_FR_CHAT, lambda m: _FR_CHAT_WORDS[m.group(0)], text)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(normalize(text))


def distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance (Levenshtein plus transpositions)."""
    if a == b:
        return 0
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Speller:
    """Corrects a token to the closest known word, or leaves it alone.

    One edit is forgiven from 4 letters, two from 8 (symmetric-delete lookup,
    so a correction costs a few dictionary probes, not a scan). Tokens with
    digits are names or numbers and never corrected.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(w for w in words if w.isalpha())
        self._index: dict[str, set[str]] | None = None
        self._memo: dict[str, str] = {}
        self._ties: dict[str, tuple[str, ...]] = {}

    def _lookup(self) -> dict[str, set[str]]:
        if self._index is None:
            index: dict[str, set[str]] = {}
            for w in self.words:
                if len(w) >= 3:
                    for key in {w} | _deletes(w):
                        index.setdefault(key, set()).add(w)
            self._index = index
        return self._index

    def correct(self, token: str) -> str:
        if token in self.words or not 4 <= len(token) <= MAX_WORD or not token.isalpha():
            return token
        if token in self._memo:
            return self._memo[token]
        allowed = 2 if len(token) >= 8 else 1
        keys = {token} | _deletes(token)
        if allowed == 2:
            keys |= {d2 for d in _deletes(token) for d2 in _deletes(d)}
        index = self._lookup()
        candidates = {w for k in keys for w in index.get(k, ())}
        letters = sorted(token)
        scored = sorted(  # nearest first; among equals, the same letters swapped ("configurre" → "configurer")
            (d, sorted(w) != letters, -len(w), w)
            for w in candidates
            if abs(len(w) - len(token)) <= allowed and (d := distance(token, w)) <= allowed
            and (d < 2 or w[:6] == token[:6] or (w[0] == token[0] and w[-1] == token[-1]))  # two slips: same ends
        )
        best = scored[0][3] if scored else token
        if len(self._memo) >= _MEMO_SIZE:  # hostile text must not grow it without bound
            self._memo.clear()
            self._ties.clear()
        self._memo[token] = best
        ties = tuple(s[3] for s in scored if s[:3] == scored[0][:3])
        if len(ties) > 1:
            self._ties[token] = ties
        return best

    def ties(self, token: str) -> tuple[str, ...]:
        """Equally near corrections of a token ("configureer": configuree, configurer); empty when one is best."""
        self.correct(token)
        return self._ties.get(token, ())
