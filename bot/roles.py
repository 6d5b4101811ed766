"""Who may do what, keyed on chat user IDs (never display names).

Anyone may ask questions and run checks. Requesting a change needs the
requester role (`*` grants it to everyone); approving or denying needs the
approver role; admins hold both and may cancel anyone's request.
"""

from __future__ import annotations

from typing import NamedTuple


def _ids(text: str) -> frozenset[str]:
    return frozenset(part.strip() for part in text.split(",") if part.strip())


class Roles(NamedTuple):
    requesters: frozenset[str]
    approvers: frozenset[str]
    admins: frozenset[str]

    @classmethod
    def parse(cls, requesters: str, approvers: str, admins: str) -> Roles:
        return cls(_ids(requesters), _ids(approvers), _ids(admins))

    def can_request(self, user: str) -> bool:
        return "*" in self.requesters or user in self.requesters or user in self.admins

    def can_approve(self, user: str) -> bool:
        return user in self.approvers or user in self.admins

    def is_admin(self, user: str) -> bool:
        return user in self.admins

    def describe(self, user: str) -> str:
        held = [name for name, ok in (("requester", self.can_request(user)), ("approver", self.can_approve(user)),
                                      ("admin", self.is_admin(user))) if ok]
        return ", ".join(held) if held else "no role (you may ask questions and run checks)"
