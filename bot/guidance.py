"""What KB 821839 says about a requested change, for the approver to read.

The rationale, the expected unplanned-failover time now and after, and every
way the request departs from the article's guidance (such a request needs
an explicit acknowledgement from the approver). The OS is the one the host
reported when it is known (bot/hostfacts.py), else the inventory's.
"""

from __future__ import annotations

from typing import NamedTuple

from bot.checks import about, describe_value, registry_rule, shorter_timer_oses
from bot.hostfacts import OSView
from kb.failover import NotCovered, estimate, nlbsflags_state
from kb.store import KnowledgeBase
from remote.inventory import Host
from remote.regexe import RegRead, data_text


class Guidance(NamedTuple):
    summary: str
    outside: tuple[str, ...]


def _time(kb: KnowledgeBase, host: Host, state: str, typed: bool = False) -> str:
    if typed:  # the article only speaks of a REG_DWORD
        return "not covered by the article"
    try:
        return about(estimate(kb, os=host.os or "", nlbsflags=state).min_seconds)
    except NotCovered:
        return "not covered by the article"


def _show(state: str) -> str:
    return "absent" if state == "absent" else state


def assess(kb: KnowledgeBase, host: Host, before: RegRead, target: int | None,
           restoring: tuple[str, str] | None = None, os_view: OSView | None = None) -> Guidance:
    """`restoring` (type, data): the request writes a value of another type back (a revert).

    `os_view`: what is known of the OS the host reports; the estimate uses it over the inventory's.
    """
    if os_view is not None:
        host = os_view.judged(host)
    rule = registry_rule(kb)
    rationale = kb.facts["registry.location"].text.en
    typed = before.present and before.type != "REG_DWORD"
    now = (describe_value(True, None, before.type, data_text(before)) if typed
           else nlbsflags_state(before.present, before.value if isinstance(before.value, int) else None))
    after = (describe_value(True, None, *restoring) if restoring
             else "absent" if target is None else nlbsflags_state(True, target))
    if host.role != rule.server_role:
        # The estimate is about a front-end reconnecting after a back-end failover: elsewhere it says nothing.
        summary = (f"{rationale} The article's failover estimate does not apply to {host.name}: it is a "
                   f"{host.role or 'host of unknown role'}, and the article's times are for Exchange 2003 "
                   f"{rule.server_role} servers reconnecting after a back-end failover.")
    else:
        summary = (f"{rationale} Expected IPSec time after an unplanned back-end failover on {host.name}: "
                   f"{_time(kb, host, now, typed)} now ({rule.value_name} {_show(now)}) → "
                   f"{_time(kb, host, after, restoring is not None)} after "
                   f"({rule.value_name} {_show(after)}). Exchange's own recovery time comes on top.")
    if os_view is not None and os_view.mismatch:
        summary += f" OS: {os_view.note()}."
    outside: list[str] = []
    if host.role != rule.server_role:
        outside.append(f"{host.name} is a {host.role or 'host of unknown role'}; the article sets "
                       f"{rule.value_name} on the Exchange 2003 {rule.server_role} only")
    if host.os not in shorter_timer_oses(kb):
        outside.append(f"{host.name} runs {host.os or 'an unknown Windows'}; the article describes the shorter "
                       "idle timer as a Windows Server 2003 behaviour")
    if target is not None and target != rule.data:
        outside.append(f"the article only describes {rule.value_name} = {rule.data}, not {target}")
    if restoring:
        outside.append(f"this writes {rule.value_name} back as {after}; the article's value is the number "
                       f"{rule.data} (REG_DWORD)")
    elif target is None and host.role == rule.server_role and now == str(rule.data):
        outside.append(f"removing {rule.value_name} undoes the article's recommendation for this front-end")
    return Guidance(summary, tuple(outside))
