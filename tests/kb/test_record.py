"""kb.record: NamedTuple's behaviour without typing (the model, pickled snapshots, pydantic)."""

from __future__ import annotations

import _pickle
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from kb import validate  # noqa: F401 - defines the typing names the annotations use, for pydantic
from kb.model import Fact, Text
from kb.record import Record


class Point(Record):
    x: int
    y: int = 0


def test_records_behave_like_named_tuples() -> None:
    p = Point(1)
    assert p == (1, 0) and p.x == 1 and p.y == 0 and Point(x=2, y=3) == (2, 3)
    assert p._replace(y=5) == Point(1, 5) and p._asdict() == {"x": 1, "y": 0}
    assert Point._make([4, 5]) == Point(4, 5) and Point._fields == ("x", "y") and repr(p) == "Point(x=1, y=0)"
    assert _pickle.loads(_pickle.dumps(p, protocol=5)) == p
    with pytest.raises(AttributeError):
        p.x = 3  # type: ignore[misc]
    with pytest.raises(AttributeError):
        p.z = 3  # type: ignore[attr-defined]  # no __dict__
    for bad in (lambda: Point(), lambda: Point(1, 2, 3), lambda: Point(1, z=2), lambda: p._replace(z=1)):
        with pytest.raises(TypeError):
            bad()


def test_pydantic_validates_records_from_their_annotations() -> None:
    assert TypeAdapter(Text).validate_python({"en": "a", "fr": "b"}) == Text("a", "b")
    with pytest.raises(ValidationError):
        TypeAdapter(Text).validate_python({"en": "a", "fr": "b", "de": "c"})
    with pytest.raises(ValidationError):
        TypeAdapter(Fact).validate_python({"id": "x", "section": "s", "text": {"en": "a", "fr": "b"}, "quote": "q",
                                           "data": {"kind": "planned_move", "min_seconds": "soon"}})


def test_answering_never_imports_typing_pydantic_or_yaml(tmp_path: Path) -> None:
    code = ("import sys; from kb.engine import answer; answer('How long is a planned failover?'); "
            "print(sorted(m for m in ('typing', 'pydantic', 'yaml', 'json', 'pickle') if m in sys.modules))")
    env = {**os.environ, "OAKLEY_CACHE_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, env=env)  # writes the snapshot
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env).stdout
    assert out.strip() == "[]"
