"""Ansible's INI inventory format, read into the YAML inventory's shape.

    fe01 ansible_host=10.0.0.11            # before any section: group `ungrouped`
    [frontends]
    fe[01:03].example.com oakley_os=windows-2003
    [frontends:vars]
    oakley_role=front-end
    [exchange:children]
    frontends

As in Ansible, values on a host line are Python literals when they parse as
one (`ansible_port=5986` is a number), values in a `:vars` section are
strings, and `host:port` sets ansible_port. Errors give the line number,
never the line: it may be the one that holds a secret.
"""

from __future__ import annotations

import ast
import re
import shlex
from pathlib import Path
from typing import Any

from remote.errors import InventoryError

_SECTION = re.compile(r"^\[([^\]:\s]+)(?::(vars|children))?\]\s*$")
_RANGE = re.compile(r"\[([0-9]+|[a-z]):([0-9]+|[a-z])(?::([0-9]+))?\]")
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_MAX_EXPANSION = 10_000


def _literal(value: str) -> Any:
    """A host-line value: a Python literal when it is one (bounded), else the text."""
    if len(value) > 1000:
        return value
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return value


def expand(pattern: str, where: str) -> list[str]:
    """`fe[01:03]` → fe01, fe02, fe03 (and `[a:c]`, and a step `[1:9:2]`), as Ansible expands host ranges."""
    match = _RANGE.search(pattern)
    if match is None:
        return [pattern]
    first, last, step = match.group(1), match.group(2), int(match.group(3) or 1)
    head, tail = pattern[:match.start()], pattern[match.end():]
    if first.isdigit() != last.isdigit() or step < 1:
        raise InventoryError(f"{where}: a host range mixes letters and digits or has a bad step")
    if first.isdigit():
        width = len(first) if first.startswith("0") else 0
        values = [str(n).zfill(width) for n in range(int(first), int(last) + 1, step)]
    else:
        values = [chr(c) for c in range(ord(first), ord(last) + 1, step)]
    if not values or len(values) > _MAX_EXPANSION:
        raise InventoryError(f"{where}: a host range must name between 1 and {_MAX_EXPANSION} hosts")
    names: list[str] = []
    for value in values:
        names.extend(expand(head + value + tail, where))
        if len(names) > _MAX_EXPANSION:
            raise InventoryError(f"{where}: a host range must name between 1 and {_MAX_EXPANSION} hosts")
    return names


def _pair(token: str, where: str) -> tuple[str, str]:
    key, sep, value = token.partition("=")
    key = key.strip()
    if not sep or not _KEY.fullmatch(key):
        raise InventoryError(f"{where}: expected name=value")
    return key, value.strip()


def parse_ini(text: str, path: Path) -> dict[str, Any]:
    """{"all": {"vars", "children": {group: {"hosts", "vars", "children"}}}} from INI text."""
    groups: dict[str, dict[str, Any]] = {}

    def group(name: str) -> dict[str, Any]:
        return groups.setdefault(name, {"hosts": {}, "vars": {}, "children": {}})

    section, kind = "ungrouped", "hosts"
    for number, raw in enumerate(text.splitlines(), start=1):
        where = f"{path}: line {number}"
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            match = _SECTION.match(line)
            if match is None:
                raise InventoryError(f"{where}: a section is [group], [group:vars] or [group:children]")
            section, kind = match.group(1), match.group(2) or "hosts"
            group(section)
            continue
        if kind == "vars":
            key, value = _pair(line, where)
            group(section)["vars"][key] = value
            continue
        try:
            lexer = shlex.shlex(line, posix=True)
            lexer.whitespace_split, lexer.commenters = True, "#;"
            tokens = list(lexer)
        except ValueError:
            raise InventoryError(f"{where}: a quote is not closed") from None
        if not tokens:
            continue
        if kind == "children":
            if len(tokens) != 1:
                raise InventoryError(f"{where}: a [{section}:children] line names one group")
            group(section)["children"][tokens[0]] = None
            group(tokens[0])
            continue
        pattern, variables = tokens[0], dict(_pair(t, where) for t in tokens[1:])
        host_vars: dict[str, Any] = {k: _literal(v) for k, v in variables.items()}
        name, sep, port = pattern.rpartition(":")
        if sep and port.isdigit() and name and name.count("[") == name.count("]"):
            pattern, host_vars = name, {"ansible_port": int(port), **host_vars}
        for host in expand(pattern, where):
            group(section)["hosts"][host] = {**group(section)["hosts"].get(host, {}), **host_vars}

    all_group = groups.pop("all", {"vars": {}, "hosts": {}})
    # Children reference their group's own node, so a group's hosts and vars
    # are the same wherever it appears (the walk merges repeated visits).
    for node in groups.values():
        node["children"] = {child: groups[child] for child in node["children"] if child != "all"}
    if not groups.get("ungrouped", {}).get("hosts"):
        groups.pop("ungrouped", None)
    return {"all": {"vars": all_group["vars"], "hosts": all_group["hosts"], "children": groups}}
