"""Numbers said in words, joined into figures before anything else reads them.

"quarante-cinq secondes", "two thousand eight", "three oh six six seven seven":
dictated or typed out, they are one number each, not a row of small ones (which
would read as a count of 2 or a range). Single number words ("cinq minutes")
are left alone: `kb.slots` reads those itself.
"""

from __future__ import annotations

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8,
          "neuf": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
          "quatorze": 14, "quinze": 15, "seize": 16}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "septante": 70,
         "huitante": 80, "octante": 80, "nonante": 90}
_THOUSAND = frozenset({"thousand", "mille"})
_DIGITS = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
           "seven": "7", "eight": "8", "nine": "9"}
#: Words that make a compound: without one of them, nothing is joined (and nothing is scanned twice).
_JOINING = frozenset(_TENS) | _THOUSAND | {"oh", "zero"}
_ARTICLES = frozenset({"un", "une"})  # "un" alone is an article: a unit only after "et" ("vingt et un")


def _unit(tokens: list[str], i: int, after_and: bool) -> int | None:
    if i >= len(tokens):
        return None
    t = tokens[i]
    if t in _ARTICLES and not after_and:
        return None
    return _UNITS.get(t)


def _below_hundred(tokens: list[str], i: int) -> tuple[int, int] | None:
    """The number starting at i and where it ends: "quarante cinq", "twenty one", "soixante dix", "vingt et un"."""
    t = tokens[i]
    if t == "quatre" and i + 1 < len(tokens) and tokens[i + 1] in ("vingt", "vingts"):  # quatre-vingt(-dix)
        base, j = 80, i + 2
        if j < len(tokens) and tokens[j] in _TEENS:
            return base + _TEENS[tokens[j]], j + 1
        unit = _unit(tokens, j, False)
        return (base + unit, j + 1) if unit else (base, j)
    if t in _TENS:
        base, j = _TENS[t], i + 1
        if base == 60 and j < len(tokens) and tokens[j] in _TEENS:  # soixante-dix, soixante-quinze
            return base + _TEENS[tokens[j]], j + 1
        after_and = j < len(tokens) and tokens[j] in ("et", "and") and j + 1 < len(tokens)
        unit = _unit(tokens, j + 1 if after_and else j, after_and)
        if unit:
            return base + unit, (j + 2 if after_and else j + 1)
        return base, j
    if t in _TEENS:
        return _TEENS[t], i + 1
    unit = _unit(tokens, i, False)
    return (unit, i + 1) if unit else None


def spoken_numbers(tokens: list[str]) -> list[str]:
    """The tokens with each compound number word joined into its figure."""
    if _JOINING.isdisjoint(tokens):
        return tokens
    out: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        # "three oh six six seven seven": digits said one by one (four or more, with an "oh" or "zero")
        run = i
        while run < len(tokens) and tokens[run] in _DIGITS and run - i < 12:
            run += 1
        if run - i >= 4 and {"oh", "zero"} & set(tokens[i:run]):
            out.append("".join(_DIGITS[x] for x in tokens[i:run]))
            i = run
            continue
        head = _below_hundred(tokens, i) if (t in _TENS or t in _TEENS or t in _UNITS) else None
        thousands = head is not None and head[1] < len(tokens) and tokens[head[1]] in _THOUSAND
        if thousands or (t in _THOUSAND and not (out and out[-1].isdigit())):
            # "two thousand eight", "deux mille trois"; "thousand" alone: 1000
            value, j = (head[0], head[1] + 1) if head is not None and thousands else (1, i + 1)
            if j < len(tokens) and tokens[j] == "and" and j + 1 < len(tokens) and _below_hundred(tokens, j + 1):
                j += 1  # "two thousand and three"
            rest = _below_hundred(tokens, j) if j < len(tokens) else None
            out.append(str(value * 1000 + (rest[0] if rest else 0)))
            i = rest[1] if rest else j
            continue
        if head is not None and (t in _TENS or (t == "quatre" and head[0] >= 80)):
            out.append(str(head[0]))
            i = head[1]
            continue
        out.append(t)
        i += 1
    return out
