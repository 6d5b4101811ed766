"""What a drift-watch round costs: reading the fleet, and recording what it found in the database.

For each fleet size, against an in-process lab (HTTP + NTLM with message encryption), three rounds:
"baseline" (every host seen for the first time), "steady" (nothing changed: nothing recorded but
the observations and the snapshot) and "drift" (`--drift` hosts changed by hand: that many
observed rows and audit events). Printed per round: the wall time, the part spent reading the
fleet (until the last host answered) and the part spent recording (the one transaction at the
end, under the lease), and how many rows it wrote. The database is SQLite in a temp dir, or
`--database-url` (a PostgreSQL URL; tables are created in a fresh schema there and dropped after).

The machine's cores are shared with the lab, so compare the recording column across sizes rather
than absolute read times across runs.

Reproduce:  .venv/bin/python bench/watch_bench.py
            .venv/bin/python bench/watch_bench.py --sizes 100 --drift 5
            .venv/bin/python bench/watch_bench.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from bot.db.engine import make_engine, session_factory, upgrade  # noqa: E402
from bot.watch import Watch  # noqa: E402
from kb.store import default_kb  # noqa: E402
from remote.inventory import load_inventory  # noqa: E402
from remote.lab import Lab  # noqa: E402
from remote.lab.lab import fleet_topology  # noqa: E402
from remote.winrm_client import Credentials  # noqa: E402


@contextlib.contextmanager
def database(url: str | None, tmp: Path) -> Iterator[str]:
    if not url:
        yield f"sqlite:///{tmp}/watch-bench.db"
        return
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(url)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def one_size(size: int, drift: int, url: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp, Lab(fleet_topology(size), state_dir=Path(tmp) / "lab") as lab, \
            database(url, Path(tmp)) as db:
        engine = make_engine(db)
        upgrade(engine)
        inventory = load_inventory(lab.write_inventory(Path(tmp) / "inv.yaml"))
        creds = Credentials(lab.username, lab.password)
        watch = Watch(session_factory(engine), default_kb(), inventory, lambda h: creds, processes=1)
        last = [0.0]  # when the last host answered

        def progress(done: int, total: int, outcome: object) -> None:
            last[0] = time.perf_counter()

        for name in ("baseline", "steady", "drift"):
            if name == "drift":
                for i in range(1, drift + 1):
                    lab.host(f"fe{i:03d}").set_nlbsflags(7)
            start = time.perf_counter()
            result = watch.round(progress)
            end = time.perf_counter()
            read, record = last[0] - start, end - last[0]
            rows = len(result.drifted)
            print(f"{size:>6}  {name:<8}  {end - start:7.2f} s  {read:7.2f} s  {record * 1000:8.1f} ms  "
                  f"{rows:>5} observed, {len(result.first_seen):>5} baselines, {len(result.unchanged):>5} unchanged")
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 400])
    parser.add_argument("--drift", type=int, default=10, help="hosts changed by hand before the third round")
    parser.add_argument("--database-url", help="PostgreSQL URL (default: SQLite in a temp dir)")
    args = parser.parse_args()
    logging.getLogger("oakley.watch").setLevel(logging.ERROR)  # the drift warnings, one per host
    print(f"database: {'PostgreSQL' if args.database_url else 'SQLite'}")
    print(f"{'hosts':>6}  {'round':<8}  {'wall':>9}  {'reading':>9}  {'recording':>11}  found")
    for size in args.sizes:
        one_size(size, min(args.drift, size), args.database_url)


if __name__ == "__main__":
    main()
