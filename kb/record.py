"""Immutable records with NamedTuple's shape, built without `typing`.

`typing.NamedTuple` costs a cold `oakley ask` the `typing` import plus, per
class, a compile of every annotation and an `eval`'d constructor: about a
third of the start-up. A `Record` is the same thing made by a metaclass — a
tuple subclass with `_fields`, `_field_defaults`, `_make`, `_replace`,
`_asdict`, named read-only fields and `__getnewargs__` (pickle) — so pydantic
(`kb.validate`) still validates it as a named tuple from its annotations.
Fields are the annotated names in order; a class attribute of that name is
the field's default. Annotations stay strings (`from __future__ import
annotations`) and are only evaluated by pydantic.
"""

from __future__ import annotations

from _collections import _tuplegetter
from collections.abc import Iterable
from types import MappingProxyType

_tuple_new = tuple.__new__
_MISSING = object()


class RecordMeta(type):
    """Makes each class body a record: slots-free, one read-only property per annotated field."""

    def __new__(mcls, name: str, bases: tuple[type, ...], ns: dict[str, object]) -> RecordMeta:
        if "_fields" in ns or not any(isinstance(b, RecordMeta) for b in bases):
            return super().__new__(mcls, name, bases, ns)  # the base class itself
        fields = tuple(ns.get("__annotations__", {}))
        defaults = {f: ns.pop(f) for f in fields if f in ns}
        if any(f.startswith("_") for f in fields) or list(defaults) != list(fields[len(fields) - len(defaults):]):
            raise TypeError(f"{name}: fields may not start with _, and defaulted fields come last")
        ns.update({f: _tuplegetter(i, f"Field {i}: {f}") for i, f in enumerate(fields)})
        ns.update(__slots__=(), _fields=fields, _field_defaults=MappingProxyType(defaults), __match_args__=fields,
                  _size=len(fields))
        return super().__new__(mcls, name, bases, ns)


class Record(tuple, metaclass=RecordMeta):
    """Base of the records; see the module docstring."""

    # No annotations here: pydantic would read them as fields of every record.
    __slots__ = ()
    _fields = ()
    _field_defaults = MappingProxyType({})
    _size = 0

    def __new__(cls, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if not kwargs and len(args) == cls._size:
            return _tuple_new(cls, args)
        return _tuple_new(cls, cls._fill(args, kwargs))

    @classmethod
    def _fill(cls, args: tuple[object, ...], kwargs: dict[str, object]) -> tuple[object, ...]:
        fields = cls._fields
        if len(args) > len(fields):
            raise TypeError(f"{cls.__name__} takes {len(fields)} arguments, {len(args)} given")
        values = list(args)
        for f in fields[len(args):]:
            value = kwargs.pop(f, _MISSING)
            if value is _MISSING:
                value = cls._field_defaults.get(f, _MISSING)
                if value is _MISSING:
                    raise TypeError(f"{cls.__name__} is missing the field {f!r}")
            values.append(value)
        if kwargs:
            raise TypeError(f"{cls.__name__} got unexpected or repeated fields {sorted(kwargs)}")
        return tuple(values)

    @classmethod
    def _make(cls, iterable: Iterable[object]):  # type: ignore[no-untyped-def]
        values = tuple(iterable)
        if len(values) != cls._size:
            raise TypeError(f"{cls.__name__} takes {cls._size} values, {len(values)} given")
        return _tuple_new(cls, values)

    def _replace(self, **changes: object):  # type: ignore[no-untyped-def]
        values = tuple(changes.pop(f, v) for f, v in zip(self._fields, self, strict=True))
        if changes:
            raise TypeError(f"{type(self).__name__} has no fields {sorted(changes)}")
        return _tuple_new(type(self), values)

    def _asdict(self) -> dict[str, object]:
        return dict(zip(self._fields, self, strict=True))

    def __getnewargs__(self) -> tuple[object, ...]:
        return tuple(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{f}={v!r}' for f, v in zip(self._fields, self, strict=True))})"
