"""The chat grammar shared by Slack and the console (DESIGN.md §7).

Text becomes a typed command; anything that is not a command is a question
for the KB. Parsing only recognises shapes: host names are checked against
the inventory later, numbers are parsed as numbers, and free text (a reason)
is kept as data — nothing here is ever placed on a command line.
"""

from __future__ import annotations

import re
from typing import NamedTuple

MAX_TEXT = 40_000  # Slack's own limit on a message's text; anything longer was not typed by a person
_MENTION = re.compile(r"<@([A-Z0-9]++)(?:\|[^>]*+)?+>")
_TARGET = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,252}$")
_TARGET_TEXT = re.compile(r"[A-Za-z0-9_.,\s-]++")  # what a list of targets may contain
_MAX_TARGETS = 1_000
_LEADING_MENTIONS = re.compile(r"(?:\s*+<@[A-Z0-9]++(?:\|[^>]*+)?+>)*+\s*+")
_WORD = re.compile(r"\S++")
_HEAD_WORDS = 16  # no command has more words before its free text (targets, reason)
# A reason word between targets and the reason: a whole word, with more text after it.
# It starts with a plain character class so the regex engine scans for candidates in C (20 times faster
# over a run of spaces than a leading lookbehind); each first letter then picks its own word.
_REASON_SPLIT = re.compile(r"[bBrRsScCpP](?<=\s[bBrRsScCpP])(?:(?<=[bB])(?i:ecause)|(?<=[rR])(?i:eason:?)"
                           r"|(?<=[sS])(?i:ince)|(?<=[cC])(?i:ar)|(?<=[pP])(?i:our|arce que))\s++(?=\S)")
_ID = re.compile(r"#?+([0-9]{1,9}+)")
# The value between `set` and `on`: `nlbsflags 1`, `nlbsflags=0x1`, `NLBSFlags to 1`. Possessive
# quantifiers: `\s` and `=`/`to` never overlap, so giving characters back could not help a match.
_SET_VALUE = re.compile(r"nlbsflags\s*+(?:=|to)?+\s*+(0x[0-9a-f]{1,8}+|[0-9]{1,10}+)", re.I)
_REASON_WORDS = frozenset({"because", "reason", "reason:", "since", "car", "pour"})
_ACK_WORDS = frozenset({"ack", "acknowledge", "acknowledged", "anyway"})
_NOW_WORDS = frozenset({"now", "maintenant"})


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
    now: bool = False  # an admin runs it now, outside the change windows


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


class Reconcile(NamedTuple):
    change_id: int


class ShowChange(NamedTuple):
    change_id: int


class Help(NamedTuple):
    pass


class WhoAmI(NamedTuple):
    pass


class Invalid(NamedTuple):
    message: str


Command = (Ask | Check | SetValue | Revert | Approve | Deny | Cancel | Reconcile | History | ShowChange | Help
           | WhoAmI | Invalid)

class _Words:
    """The message split into words once, with where each starts, so a reason keeps its own spacing.

    Every rule below walks this list left to right and never backs up, so parsing is linear in the
    length of the message whatever its shape (the regexes it replaced backtracked quadratically).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        matches = []
        for match in _WORD.finditer(text):
            if len(matches) == _HEAD_WORDS:
                self.complete = False
                break
            matches.append(match)
        else:
            self.complete = True
        self.words = [m.group() for m in matches]
        self.lower = [w.lower() for w in self.words]
        self.starts = [m.start() for m in matches]

    def __len__(self) -> int:
        """The number of words, or one more than the head when the message goes on beyond it."""
        return len(self.words) + (not self.complete)

    def at(self, i: int) -> str:
        return self.lower[i] if i < len(self.lower) else ""

    def rest(self, i: int) -> str:
        return self.text[self.starts[i]:] if i < len(self.words) else ""

    def long(self) -> bool:
        return not self.complete

    def reason_at(self, i: int) -> int | None:
        """Where the reason starts if a reason word (`because`, `parce que`…) with text after it is at `i`."""
        if self.at(i) in _REASON_WORDS:
            return i + 1 if i + 1 < len(self) else None
        if self.at(i) == "parce" and self.at(i + 1) == "que" and self.starts[i + 1] == self.starts[i] + 6:
            return i + 2 if i + 2 < len(self) else None
        return None

    def change_id(self, i: int) -> tuple[int, int] | None:
        """`[change] [#]N` at `i`: the number and the index after it."""
        if self.at(i) == "change" and i + 1 < len(self) and _ID.fullmatch(self.words[i + 1]):
            i += 1
        match = _ID.fullmatch(self.words[i]) if i < len(self) else None
        return (int(match.group(1)), i + 1) if match else None

    def optional_reason(self, i: int) -> str | None:
        """Nothing at `i`, or a reason word and the reason: the reason ("" for none); None otherwise."""
        if i >= len(self):
            return ""
        start = self.reason_at(i)
        return self.rest(start) if start is not None else None

    def targets_and_reason(self, i: int) -> tuple[tuple[str, ...] | Invalid, str] | None:
        """`TARGETS [because REASON]` from word `i` to the end, or None when it is not that shape.

        Targets run to the first reason word that has text after it (so no host can be named
        `because` followed by more words); everything before it must be host-name characters,
        commas and spaces. One regex search and one possessive match: linear in the text.
        """
        if i >= len(self.words):
            return None
        start = self.starts[i]
        split = _REASON_SPLIT.search(self.text, start + len(self.words[i]))
        end = split.start() if split else len(self.text)
        if not _TARGET_TEXT.fullmatch(self.text, start, end):
            return None
        targets = _targets(self.text[start:end])
        if split is None and isinstance(targets, tuple) and targets[-1].lower() in _REASON_WORDS:
            # "… on fe02 because" with nothing after it: the reason is missing, `because` is no host
            return Invalid("a reason is required after `because`: say `set nlbsflags 1 on fe02 because CHG-123 "
                           "faster IPSec recovery`"), ""
        return targets, self.text[split.end():] if split else ""


def _clip(word: str, size: int = 40) -> str:
    """A word of the user's, short enough to quote back."""
    return word if len(word) <= size else word[:size] + "…"


def _targets(text: str) -> tuple[str, ...] | Invalid:
    names = tuple(t for t in re.split(r"[\s,]++", text.strip()) if t and t.lower() not in ("and", "et"))
    if len(names) > _MAX_TARGETS:
        return Invalid(f"that names {len(names):,} hosts or groups; name at most {_MAX_TARGETS:,} in one command "
                       "(a group in the inventory covers many hosts)")
    bad = [t for t in names if not _TARGET.fullmatch(t)]
    if not names:
        return Invalid("name a host or group (for example `fe01`, or `all`)")
    if bad:
        return Invalid(f"{_clip(bad[0]) if bad else 'that'} is not a host or group name")
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
            return Invalid(f"history does not understand {_clip(words[i])!r}; try `history fe01 since 7d`, "
                           "`history by U123`, `history change 12`")
    change = fields.pop("change_id", None)
    if change is not None and not _ID.fullmatch(change):
        return Invalid(f"{_clip(change)!r} is not a change number")
    user = fields.get("user")
    mention = _MENTION.fullmatch(user) if user else None
    if mention:
        user = mention.group(1)
    return History(fields.get("host"), user, fields.get("since"),
                   int(change.lstrip("#")) if change is not None else None)


def _strip_mentions(text: str) -> str:
    """Leading `<@U123>` mentions (the bot's, in an app mention) are not part of the command."""
    return text[_LEADING_MENTIONS.match(text).end():]  # type: ignore[union-attr]  # matches the empty string


def _set_value(w: _Words) -> Command | None:
    """`set nlbsflags[=| to] N on TARGETS [because REASON]`."""
    if w.at(0) != "set":
        return None
    on = next((k for k in range(2, len(w.words)) if w.lower[k] == "on"), None)
    if on is None:
        return None
    value = _SET_VALUE.fullmatch(w.text[w.starts[1]:w.starts[on]].rstrip())
    tail = w.targets_and_reason(on + 1) if value else None
    if tail is None:
        return None
    targets, reason = tail
    return targets if isinstance(targets, Invalid) else SetValue(_int(value.group(1)), targets, reason)


def _natural(w: _Words) -> Command | None:
    """`delete nlbsflags on …`, `enable fast failover on …`, `désactiver fast failover sur …`."""
    value: int | None
    if w.at(0) in ("delete", "remove", "unset", "clear") and w.at(1) == "nlbsflags" and w.at(2) in ("on", "from"):
        value, i = None, 3
    else:
        first, second = w.at(0), w.at(1)
        if first in ("enable", "activate", "activer") or (first, second) == ("turn", "on"):
            value = 1
        elif first in ("disable", "deactivate", "desactiver", "désactiver") or (first, second) == ("turn", "off"):
            value = None
        else:
            return None
        i = 2 if first == "turn" else 1
        i += w.at(i) == "the"
        if (w.at(i), w.at(i + 1)) != ("fast", "failover") or w.at(i + 2) not in ("on", "sur"):
            return None
        i += 3
    tail = w.targets_and_reason(i)
    if tail is None:
        return None
    targets, reason = tail
    return targets if isinstance(targets, Invalid) else SetValue(value, targets, reason)


def _by_number(w: _Words) -> Command | None:
    """Commands about one change: revert, approve, deny, cancel, reconcile, show."""
    head = w.at(0)
    if head == "roll" and w.at(1) == "back":
        head, first = "rollback", 2
    else:
        first = 1
    found = w.change_id(first) if head != "show" and head != "change" else None
    if head in ("revert", "undo", "rollback") and found:
        reason = w.optional_reason(found[1])
        return Revert(found[0], reason) if reason is not None else None
    if head == "approve" and found:
        change_id, i = found
        tail = [w.at(j) for j in range(i, len(w))]
        ack, now = any(t in _ACK_WORDS for t in tail), any(t in _NOW_WORDS for t in tail)
        return Approve(change_id, ack, now) if len(tail) == ack + now else None
    if head in ("deny", "reject") and found:
        return Deny(found[0], w.rest(found[1]).strip())
    if head in ("cancel", "withdraw") and found:
        return Cancel(found[0]) if found[1] == len(w) else None
    if head == "reconcile" and found:
        return Reconcile(found[0]) if found[1] == len(w) else None
    if head in ("change", "show") and len(w) == 2:
        match = _ID.fullmatch(w.words[1])
        return ShowChange(int(match.group(1))) if match else None
    return None


#: Words that open a question after a command word ("check whether…", "history of NLBSFlags in the article?")
_QUESTION_OPENERS = frozenset({"whether", "if", "si", "que", "qu'", "how", "where", "what", "which", "why", "when",
                               "the", "le", "la", "les", "that", "is", "est", "comment", "où", "ou", "quel",
                               "quelle", "of", "de", "du", "des"})


def _asks(text: str, rest: list[str]) -> bool:
    """A command word opening a question: the message ends with "?" (a command never does), and no host follows."""
    return text.rstrip().endswith("?") and bool(rest)


def parse(text: str) -> Command:
    """One chat message (mention or slash-command text) to a command, in time linear in its length."""
    text = text or ""
    if len(text) > MAX_TEXT:
        return Invalid(f"that message is {len(text):,} characters long; Oakley reads messages of up to "
                       f"{MAX_TEXT:,} characters")
    text = _strip_mentions(text).strip()
    if text.lower().startswith("/oakley"):
        text = text[len("/oakley"):].strip()
    if not text:
        return Help()
    w = _Words(text)
    words = w.words
    head = w.lower[0]
    if head in ("help", "aide", "?") and len(words) == 1:
        return Help()
    if head == "whoami" and len(words) == 1:
        return WhoAmI()
    if head in ("check", "vérifier", "verifier"):
        asked = _asks(text, w.lower[1:])
        if asked and w.lower[1] in _QUESTION_OPENERS:
            return Ask(text)  # "check whether NLBSFlags goes on the back-end?": a question, not a host
        targets = _targets(w.rest(1).rstrip("? "))  # "check fe01?": the host, asked
        if isinstance(targets, Invalid) and asked:
            return Ask(text)
        return targets if isinstance(targets, Invalid) else Check(targets)
    if head == "history" or head == "historique":
        if w.long():
            return Invalid("history takes a host, `by USER`, `since 7d` and `change N`, not more; "
                           "try `history fe01 since 7d`")
        found = _history(words[1:])
        return Ask(text) if isinstance(found, Invalid) and _asks(text, w.lower[1:]) else found
    command = _set_value(w)
    if command is None:
        command = _natural(w)
    if command is not None:
        return command
    if head in ("set", "delete", "remove", "unset", "enable", "disable") and not _asks(text, w.lower[1:]):
        return Invalid("to change a value say `set nlbsflags 1 on fe01 because REASON` "
                       "(or `enable fast failover on fe01`, `delete nlbsflags on fe01`)")
    command = _by_number(w)
    if command is not None:
        return command
    if head in ("approve", "deny", "reject", "cancel", "revert", "undo", "reconcile"):
        return Invalid(f"`{head}` takes a change number, e.g. `{head} 12`")
    return Ask(text)
