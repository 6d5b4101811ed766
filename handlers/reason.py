"""A request's reason: required, a few words, or whatever OAKLEY_REASON_PATTERN demands (a ticket id)."""

from __future__ import annotations

import re

MIN_WORDS = 3


def problem(reason: str, pattern: str | None, lang: str = "en") -> str | None:
    """Why this reason is not enough, or None when it is."""
    reason = " ".join(reason.split())
    fr = lang == "fr"
    if not reason:
        return ("Une raison est obligatoire : ajoutez `car RAISON`, p. ex. `… car CHG-1234 bascule plus rapide`."
                if fr else "A reason is required: add `because REASON`, e.g. `… because CHG-1234 faster failover`.")
    if pattern:
        if not re.search(pattern, reason[:500]):
            return (f"La raison doit correspondre à `{pattern}` (la règle de l'équipe, p. ex. un numéro de ticket)."
                    if fr else f"The reason must match `{pattern}` (your team's rule, e.g. a ticket id).")
        return None
    if len(reason.split()) < MIN_WORDS:
        return (f"Donnez une raison de quelques mots (au moins {MIN_WORDS}) : l'approbateur doit savoir pourquoi."
                if fr else f"Give a reason of a few words (at least {MIN_WORDS}) so the approver knows why.")
    return None
