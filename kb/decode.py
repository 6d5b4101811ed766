"""Rebuild `kb.model` objects from the JSON cache without importing pydantic.

The cache holds data pydantic has already validated, so this only has to
follow the type hints: dataclasses, tuples, dicts, optionals and unions of
dataclasses told apart by their `kind`.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _kind_of(cls: type) -> str | None:
    hint = _hints(cls).get("kind")
    return typing.get_args(hint)[0] if hint is not None else None


def build(tp: Any, value: Any) -> Any:
    """Turn plain JSON values into an instance of the type hint `tp`."""
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = _hints(tp)
        return tp(**{k: build(hints[k], v) for k, v in value.items()})
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is tuple:
        return tuple(build(args[0], v) for v in value)
    if origin is dict:
        return {k: build(args[1], v) for k, v in value.items()}
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        options = [a for a in args if a is not type(None)]
        if len(options) == 1:
            return build(options[0], value)
        kind = value.get("kind") if isinstance(value, dict) else None
        for option in options:
            if _kind_of(option) == kind:
                return build(option, value)
        raise ValueError(f"no type in {tp} has kind {kind!r}")
    return value
