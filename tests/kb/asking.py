"""Assertions the fresh-round tests share: what an answer to one question must be."""

from __future__ import annotations

from kb.engine import answer


def answered_starting(question: str, starts: str, *says: str) -> None:
    """Answered, with the verdict asked for first (and each figure or term given)."""
    got = answer(question)
    assert got.answered and got.answer.startswith(starts) and all(s in got.answer for s in says), got.answer


def declined(question: str) -> None:
    """Declined: the article does not cover it, or it is not about the article."""
    got = answer(question)
    assert not got.answered, got.answer


def answered_saying(question: str, *says: str) -> None:
    """Answered, with each figure or term the question is after."""
    got = answer(question)
    assert got.answered and all(s in got.answer for s in says), got.answer


def answered_saying_not(question: str, says: str, not_says: str) -> None:
    """Answered with the figure asked for, and without the other case's."""
    got = answer(question)
    assert got.answered and says in got.answer and not_says not in got.answer, got.answer
