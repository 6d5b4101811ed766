"""Text bound for a terminal: chat text can carry escape sequences (a window title, a cleared screen) and NULs."""

from __future__ import annotations


def printable(text: str, *, lines: bool = True) -> str:
    """Each character a terminal would act on rather than show (ESC, BEL, NUL, …) as "?"; with `lines`, line
    breaks and tabs are kept (a table cell keeps neither)."""
    if text.isprintable():
        return text
    kept = "\n\t" if lines else ""
    return "".join(ch if ch.isprintable() or ch in kept else "?" for ch in text)
