"""The chat grammar as it was before issue 9 (backtracking regexes), kept as the reference for the
differential test on short ASCII inputs. Quadratic on long inputs: never call it on those.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_MENTION = re.compile(r"^\s*(?:<@[A-Z0-9]+(?:\|[^>]*)?>\s*)+")
_TARGET = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,252}$")
_ID = r"#?(\d{1,9})"
_NUMBER = r"(0x[0-9a-fA-F]{1,8}|\d{1,10})"
_REASON = r"(?:\s+(?:because|reason:?|since|car|parce que|pour)\s+(?P<reason>.+))?"
_TARGETS = r"(?P<targets>[A-Za-z0-9_.,\s-]+?)"


class Ask(NamedTuple):
    question: str


class Check(NamedTuple):
    targets: tuple[str, ...]


class SetValue(NamedTuple):
    value: int | None  # None: delete the value
    targets: tuple[str, ...]
    reason: str


class Revert(NamedTuple):
    change_id: int
    reason: str


class Approve(NamedTuple):
    change_id: int
    acknowledge: bool
    now: bool = False


class Deny(NamedTuple):
    change_id: int
    reason: str


class Cancel(NamedTuple):
    change_id: int


class History(NamedTuple):
    host: str | None = None
    user: str | None = None
    since: str | None = None
    change_id: int | None = None


class ShowChange(NamedTuple):
    change_id: int


class Help(NamedTuple):
    pass


class WhoAmI(NamedTuple):
    pass


class Invalid(NamedTuple):
    message: str


Command = (Ask | Check | SetValue | Revert | Approve | Deny | Cancel | History | ShowChange | Help | WhoAmI
           | Invalid)

_SET = re.compile(rf"^set\s+nlbsflags\s*(?:=|to)?\s*{_NUMBER}\s+on\s+{_TARGETS}{_REASON}$", re.I | re.S)
_DELETE = re.compile(rf"^(?:delete|remove|unset|clear)\s+nlbsflags\s+(?:on|from)\s+{_TARGETS}{_REASON}$",
                     re.I | re.S)
_ENABLE = re.compile(rf"^(?:enable|turn\s+on|activate|activer)\s+(?:the\s+)?fast\s+failover\s+(?:on|sur)\s+"
                     rf"{_TARGETS}{_REASON}$", re.I | re.S)
_DISABLE = re.compile(rf"^(?:disable|turn\s+off|deactivate|desactiver|désactiver)\s+(?:the\s+)?fast\s+failover\s+"
                      rf"(?:on|sur)\s+{_TARGETS}{_REASON}$", re.I | re.S)
_REVERT = re.compile(rf"^(?:revert|undo|roll\s*back)\s+(?:change\s+)?{_ID}{_REASON}$", re.I | re.S)
_ACK = r"(?:ack|acknowledge|acknowledged|anyway)"
_NOW = r"(?:now|maintenant)"
_APPROVE = re.compile(rf"^approve\s+(?:change\s+)?{_ID}(?:\s+(?P<ack>{_ACK})(?:\s+(?P<now>{_NOW}))?"
                      rf"|\s+(?P<now2>{_NOW})(?:\s+(?P<ack2>{_ACK}))?)?\s*$", re.I)
_DENY = re.compile(rf"^(?:deny|reject)\s+(?:change\s+)?{_ID}(?:\s+(?P<reason>.+))?$", re.I | re.S)
_CANCEL = re.compile(rf"^(?:cancel|withdraw)\s+(?:change\s+)?{_ID}\s*$", re.I)
_SHOW = re.compile(rf"^(?:change|show)\s+{_ID}\s*$", re.I)


def _targets(text: str) -> tuple[str, ...] | Invalid:
    names = tuple(t for t in re.split(r"[\s,]+", text.strip()) if t and t.lower() not in ("and", "et"))
    bad = [t for t in names if not _TARGET.fullmatch(t)]
    if not names or bad:
        return Invalid(f"{bad[0] if bad else 'that'} is not a host or group name")
    return names


def _int(text: str) -> int:
    return int(text, 16) if text.lower().startswith("0x") else int(text)


def _history(words: list[str]) -> History | Invalid:
    fields: dict[str, str] = {}
    keys = {"host": "host", "for": "host", "on": "host", "user": "user", "by": "user", "since": "since",
            "change": "change_id"}
    i = 0
    while i < len(words):
        word = words[i].lower().lstrip("-")
        key, _, inline = word.partition("=")
        if key in keys:
            if not inline and i + 1 >= len(words):
                return Invalid(f"`{key}` needs a value, e.g. `history {key} "
                               f"{ {'since': '7d', 'change': '12', 'by': 'U123', 'user': 'U123'}.get(key, 'fe01') }`")
            value = words[i].partition("=")[2] if inline else words[i + 1]
            fields[keys[key]] = value
            i += 1 if inline else 2
        elif "host" not in fields and _TARGET.fullmatch(words[i]):
            fields["host"] = words[i]
            i += 1
        else:
            return Invalid(f"history does not understand {words[i]!r}; try `history fe01 since 7d`, "
                           "`history by U123`, `history change 12`")
    change = fields.pop("change_id", None)
    if change is not None and not re.fullmatch(_ID, change):
        return Invalid(f"{change!r} is not a change number")
    user = fields.get("user")
    if user:
        user = re.sub(r"^<@([A-Z0-9]+)(?:\|[^>]*)?>$", r"\1", user)
    return History(fields.get("host"), user, fields.get("since"),
                   int(change.lstrip("#")) if change is not None else None)


def parse(text: str) -> Command:
    """One chat message (mention or slash-command text) to a command."""
    text = _MENTION.sub("", text or "").strip()
    if text.lower().startswith("/oakley"):
        text = text[len("/oakley"):].strip()
    if not text:
        return Help()
    words = text.split()
    head = words[0].lower()
    if head in ("help", "aide", "?") and len(words) == 1:
        return Help()
    if head == "whoami" and len(words) == 1:
        return WhoAmI()
    if head in ("check", "vérifier", "verifier"):
        targets = _targets(" ".join(words[1:]))
        return targets if isinstance(targets, Invalid) else Check(targets)
    if head == "history" or head == "historique":
        return _history(words[1:])
    for pattern, make in (
        (_SET, lambda m, t: SetValue(_int(m.group(1)), t, m.group("reason") or "")),
        (_DELETE, lambda m, t: SetValue(None, t, m.group("reason") or "")),
        (_ENABLE, lambda m, t: SetValue(1, t, m.group("reason") or "")),
        (_DISABLE, lambda m, t: SetValue(None, t, m.group("reason") or "")),
    ):
        match = pattern.match(text)
        if match:
            targets = _targets(match.group("targets"))
            return targets if isinstance(targets, Invalid) else make(match, targets)
    if head in ("set", "delete", "remove", "unset", "enable", "disable"):
        return Invalid("to change a value say `set nlbsflags 1 on fe01 because REASON` "
                       "(or `enable fast failover on fe01`, `delete nlbsflags on fe01`)")
    for pattern, build in (
        (_REVERT, lambda m: Revert(int(m.group(1)), m.group("reason") or "")),
        (_APPROVE, lambda m: Approve(int(m.group(1)), bool(m.group("ack") or m.group("ack2")),
                                     bool(m.group("now") or m.group("now2")))),
        (_DENY, lambda m: Deny(int(m.group(1)), (m.group("reason") or "").strip())),
        (_CANCEL, lambda m: Cancel(int(m.group(1)))),
        (_SHOW, lambda m: ShowChange(int(m.group(1)))),
    ):
        match = pattern.match(text)
        if match:
            return build(match)
    if head in ("approve", "deny", "reject", "cancel", "revert", "undo"):
        return Invalid(f"`{head}` takes a change number, e.g. `{head} 12`")
    return Ask(text)
