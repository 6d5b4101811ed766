"""Errors of the knowledge base, kept apart so callers need not import pydantic."""

from __future__ import annotations


class KBDataError(Exception):
    """A data file is malformed; the message names the file and the field."""

    def __init__(self, file: str, problems: list[str]) -> None:
        self.file = file
        self.problems = problems
        shown = "; ".join(problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"{file}: {shown}{more}")
