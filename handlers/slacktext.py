"""Slack text as people type it, and Slack text as Oakley writes it.

In: Slack wraps mentions, links and auto-linked host names in `<…>` and
escapes `&`, `<`, `>`; `normalize` turns a message back into what the person
typed, with the bot's mention removed wherever it is ("hey @oakley check fe01").
A link shows its label, and the URL too when the label hides it, so a reason
like `<https://evil|the CAB ticket>` cannot disguise where it points.

Out: `escape` makes user text inert in mrkdwn; `date` renders a time as a
Slack date token, which every reader sees in their own time zone.
"""

from __future__ import annotations

import re
from datetime import datetime

MAX_INPUT = 4000  # Slack's own limit on a message's text is 40 000; commands are short
_ANGLE = re.compile(r"<([^<>|]{0,2000})(?:\|([^<>]{0,2000}))?>")
_GREETING = re.compile(r"^(?:hey|hi|hello|yo|ok|okay|please|salut|bonjour|coucou|stp|svp)[\s,:!]*$", re.I)


def escape(text: str) -> str:
    """User text made inert in Slack mrkdwn: only `&`, `<` and `>` need it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _strip_scheme(url: str) -> str:
    return re.sub(r"^(?:https?://|mailto:)", "", url, flags=re.I).rstrip("/")


def _unwrap(match: re.Match[str], bot: str | None) -> str:
    target, label = match.group(1), match.group(2)
    if target.startswith("@"):
        if bot and target[1:] == bot:
            return "\x00"  # where the bot was mentioned
        return f"<{target}>"  # keep other people's mentions: `history by @carol`
    if target.startswith("#"):
        return f"#{label}" if label else target
    if target.startswith("!"):  # <!channel>, <!subteam^S1|@oncall>, <!date^…|fallback>
        if target.startswith("!date^") and label:
            return unescape(label)
        shown = unescape(label) if label else target[1:].split("^", 1)[0]
        return shown if shown.startswith("@") else "@" + shown
    shown = unescape(label) if label else _strip_scheme(unescape(target))
    if label and _strip_scheme(unescape(label)).lower() != _strip_scheme(unescape(target)).lower():
        return f"{shown} ({unescape(target)})"
    return shown


def normalize(text: str, bot_user: str | None = None) -> str:
    """What the person typed: links unwrapped, entities decoded, the bot's mention removed.

    A leading mention of anyone is removed too (a mention event always starts with one, and
    the bot's id is not always known). When the bot is mentioned mid-text, what follows the
    mention is the command; when nothing follows, what came before is.
    """
    text = (text or "")[:MAX_INPUT]
    text = re.sub(r"^\s*(?:<@[A-Z0-9]+(?:\|[^<>]{0,200})?>\s*)+", "", text)
    text = _ANGLE.sub(lambda m: _unwrap(m, bot_user), text)
    text = unescape(text)
    if "\x00" in text:
        before, _, after = text.partition("\x00")
        after = after.replace("\x00", " ")
        text = after if re.search(r"\w", after) else before
        text = text.strip()
        text = re.sub(r"^[\s,:;!]+", "", text)
    text = text.strip()
    words = text.split(None, 1)
    if len(words) == 2 and _GREETING.match(words[0]):
        text = words[1]
    return text.strip()


def date(when: datetime, fallback_format: str = "%Y-%m-%d %H:%M UTC") -> str:
    """`<!date^EPOCH^{date_short_pretty} {time}|fallback>`: each reader's own time zone."""
    return f"<!date^{int(when.timestamp())}^{{date_short_pretty}} {{time}}|{when:{fallback_format}}>"
