"""Every number in every answer comes from the article's data or from a computation on it.

A number is traced when it is written in the article's facts (texts, quotes,
data), stated in the question, or computed from the article's durations and the
question's (sums, differences, ratios, percentages, margins to a bound, minutes, seconds and milliseconds),
or from the suggested policies' ports (their count, a policy's port numbers added up).
"""

from __future__ import annotations

import re
from itertools import product
from pathlib import Path
from typing import Any

import pytest
import yaml

from kb.engine import answer
from kb.model import IdleTimer, IkeMainMode, IpsecPolicy, PlannedMove, UnplannedTotal
from kb.slots import WORD_NUMBERS, spoken_numbers
from kb.store import default_kb
from kb.text import tokenize

HERE = Path(__file__).parent
QUESTIONS = [item["q"] for name in sorted(HERE.glob("*.yaml"))
             for item in yaml.safe_load(name.read_text("utf-8"))]
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_MIN_SEC = re.compile(r"(\d+)\s*(?:min|mins|mn|minutes?)\s*(\d+)")
_CLOCK = re.compile(r"\b([01]?\d|2[0-3])[:h]([0-5]\d)(?=z?\b)|\b(1[0-2]|0?[1-9]) ?([ap])\.?m\b"
                    r"|\b([01]\d|2[0-3])([0-5]\d)z\b", re.I)  # Zulu times too: 14:02Z, 1402Z
_PERIOD = re.compile(r"\b(?:day|week|month|quarter|jour|semaine|mois|trimestre)s?\b", re.I)
_DECIMAL_MIN = re.compile(r"(\d+)[.,](\d+)\s*(?:min|mins|mn|minutes?)")


def _article_numbers() -> tuple[set[str], set[int]]:
    kb = default_kb()
    literals: set[str] = set()
    seconds: set[int] = set()
    for fact in kb.article.facts:
        literals.update(_NUMBER.findall(f"{fact.text.en} {fact.text.fr} {fact.quote} {fact.data!r}"))
        data: Any = fact.data
        if isinstance(data, PlannedMove):
            seconds.update({data.min_seconds, data.max_seconds})
        elif isinstance(data, IdleTimer | IkeMainMode):
            seconds.add(data.seconds)
        elif isinstance(data, UnplannedTotal):
            seconds.update({data.idle_seconds, data.ike_seconds, data.total_seconds})
    literals.update(_NUMBER.findall(kb.article.article.revision + " " + kb.article.article.last_reviewed))
    # a policy's port numbers added up (a quiz), and how many distinct ports policies name together
    policies = [f.data.ports for f in kb.article.facts if isinstance(f.data, IpsecPolicy)]
    literals.update(str(sum(s.port for s in ports)) for ports in policies)
    literals.update(str(len({s.port for p in chosen for s in p})) for chosen in product(policies, repeat=2))
    return literals, seconds


LITERALS, SECONDS = _article_numbers()


def _derived(durations: set[int], factors: set[int]) -> set[str]:
    """Sums, differences, ratios, percentages of durations, in seconds and minutes, and counts times them.

    A count is 1 unless stated: "2 moves and a crash" adds two moves to one crash.
    """
    out: set[str] = set()
    sums = {a + b for a, b in product(durations, repeat=2)} | {abs(a - b) for a, b in product(durations, repeat=2)}
    for n, value in product(factors, sums | durations):
        total = n * value
        out.update({str(total), str(total // 60), str(total % 60)})
    for (n, a), (m, b) in product(product(factors | {1}, SECONDS), repeat=2):  # "2 moves and 1 hang": each kind
        out.update({str(n * a + m * b), str((n * a + m * b) // 60), str((n * a + m * b) % 60)})
    for a, b in product(durations, repeat=2):
        for value in (a + b, abs(a - b)):
            out.update({str(value), str(value // 60), str(value % 60)})
        mid = f"{(a + b) / 2:g}"  # the middle of a range
        out.update({mid, mid.replace(".", ",")})
        if a + b:
            out.add(str(round(100 * a / (a + b))))  # a share of a total ("IPSec is 40 % of the failover")
        if b:
            out.add(f"{a / b:g}")
            out.add(f"{a / b:.1f}")
            out.add(str(round(100 * abs(a - b) / b)))
    for a in durations:
        out.update({str(a), str(a // 60), str(a % 60), str(a * 1000)})  # and in milliseconds
    saved = {abs(a - b) for a, b in product(SECONDS, repeat=2)}  # what NLBSFlags saves, of a total with Exchange
    for part, total in product(durations | saved, sums):  # a part of a total ("NLBSFlags saves 40 % of the 10 min")
        if total:
            out.add(str(round(100 * part / total)))
    for a, b in product(sums, repeat=2):  # totals with Exchange's recovery against each other ("1.6 times faster")
        if b:
            out.update({f"{a / b:g}", f"{a / b:.1f}"})
    for bound, total in product(durations, sums):  # the margin to a bound the question sets ("SLA 5 min")
        margin = abs(bound - total)
        out.update({str(margin), str(margin // 60), str(margin % 60)})
    return out


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q[:60])
def test_every_number_is_traced(question: str) -> None:
    got = answer(question)
    stated = set(_NUMBER.findall(question)) | {str(WORD_NUMBERS[t]) for t in tokenize(question) if t in WORD_NUMBERS}
    stated |= {t for t in spoken_numbers(tokenize(question)) if t.isdigit()}  # "two thousand eight": 2008
    stated_seconds = {int(n) * 60 for n in stated if n.isdigit()} | {int(n) for n in stated if n.isdigit()}
    stated_seconds |= {int(m) * 60 + int(s) for m, s in _MIN_SEC.findall(question)}  # "2 min 30"
    stated_seconds |= {round(float(f"{a}.{b}") * 60) for a, b in _DECIMAL_MIN.findall(question)}  # "2.5 min"
    factors = {int(n) for n in stated if n.isdigit() and int(n) <= 1000}
    if _PERIOD.search(question):  # "2 crashes a month, per year": the count times the periods in the year
        factors |= {n * periods for n in factors for periods in (3, 4, 7, 12, 30, 52, 365)}
    allowed = LITERALS | stated | _derived(SECONDS | stated_seconds, factors)
    for hour, minute, h12, half, zh, zm in _CLOCK.findall(question):  # "at 09:58" → "back around 10:00"
        hour, minute = (hour, minute) if hour else (zh, zm)
        start = int(hour) * 60 + int(minute) if hour else (int(h12) % 12 + (12 if half.lower() == "p" else 0)) * 60
        for span in {0} | {int(n) for n in allowed if n.isdigit() and int(n) <= 1440}:
            end = start + span
            allowed |= {f"{end // 60 % 24:02d}", f"{end % 60:02d}", str(end // 60 % 24)}
    untraced = [n for n in _NUMBER.findall(got.answer) if n not in allowed and n.replace(",", ".") not in allowed]
    assert untraced == [], f"{got.answer!r} states {untraced} that nothing traces"


def test_planned_move_claim_about_nlbsflags_is_gone() -> None:
    got = answer("Does NLBSFlags matter for a planned move?")
    assert "does not matter" not in got.answer and "ne joue pas" not in got.answer


def test_registry_type_is_worded_as_oakleys_practice() -> None:
    got = answer("What registry type is NLBSFlags?")
    assert not got.answered
    assert "REG_DWORD" in got.answer and "not the article" in got.answer
