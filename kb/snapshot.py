"""The validated knowledge base as JSON, and back, without pydantic.

Each model object is written with its class name (`"@"`), so reading it back
is a plain walk — no type hints to evaluate — which keeps `oakley ask` fast.
Only data that `kb.validate` accepted is ever written here.
"""

from __future__ import annotations

from typing import Any

from kb import model

_CLASSES: dict[str, Any] = {
    name: cls for name, cls in vars(model).items()
    if isinstance(cls, type) and issubclass(cls, tuple) and hasattr(cls, "_fields")
}
_TAG = "@"


def encode(value: Any) -> Any:
    if isinstance(value, tuple) and type(value).__name__ in _CLASSES:
        return {_TAG: type(value).__name__, **{k: encode(v) for k, v in value._asdict().items()}}
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    return value


def decode(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(decode(v) for v in value)
    if isinstance(value, dict):
        if _TAG in value:
            cls = _CLASSES[value[_TAG]]
            return cls(**{k: decode(v) for k, v in value.items() if k != _TAG})
        return {k: decode(v) for k, v in value.items()}
    return value
