"""Where Oakley keeps local state; import-light (used while building --help)."""

from __future__ import annotations

import os
from pathlib import Path


def state_dir(name: str) -> Path:
    """A lab's registries between runs, under the XDG state directory."""
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "oakley" / name
