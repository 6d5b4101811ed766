"""Where the console's own lab keeps its registries: one lab per database.

The console starts the lab itself when no inventory is configured. Its
registries persist between runs, and so do the changes in the database; the
two must agree, or a fresh clone starts with `fe02` already changed and no
change that did it. So the lab's state is kept per database, and a database
with no changes in it starts a fresh lab.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sqlalchemy import Engine, func, select

from bot.paths import state_dir


def console_lab_dir(engine: Engine) -> Path:
    """The state directory for this database's lab (the URL without its password, made absolute)."""
    url = engine.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        url = url.set(database=os.path.abspath(url.database))
    key = url.render_as_string(hide_password=True)
    return state_dir("console-lab") / hashlib.sha256(key.encode()).hexdigest()[:16]


def reset_if_new(engine: Engine, directory: Path) -> bool:
    """Forget the lab's registries when the database holds no change yet; True when it did."""
    from bot.db.models import Change

    with engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(Change)).scalar_one():
            return False
    (directory / "lab-state.json").unlink(missing_ok=True)
    return True
