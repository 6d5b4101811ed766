"""`oakley lab` as a process: prints where it listens and what to export."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_lab_prints_credentials_writes_inventory_and_stops(tmp_path: Path) -> None:
    inventory = tmp_path / "inv.yaml"
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "lab", "--state-dir", str(tmp_path / "state"),
         "--inventory-out", str(inventory), "--latency", "0.01"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        lines: dict[str, str] = {}
        deadline = time.monotonic() + 30
        while "OAKLEY_WINRM_PASSWORD" not in lines and time.monotonic() < deadline:
            line = proc.stdout.readline()  # type: ignore[union-attr]
            if "=" in line:
                key, _, value = line.strip().partition("=")
                lines[key] = value
        assert lines["OAKLEY_WINRM_USERNAME"] and lines["OAKLEY_WINRM_PASSWORD"]
        assert Path(lines["OAKLEY_INVENTORY"]) == inventory
        data = yaml.safe_load(inventory.read_text())
        assert set(data["all"]["children"]) == {"frontends", "backends", "domain_controllers"}
        assert lines["OAKLEY_WINRM_PASSWORD"] not in inventory.read_text()
        check = subprocess.run(
            [sys.executable, "-m", "bot", "check", "fe01", "--json"], capture_output=True, text=True, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT), **lines}, timeout=60,
        )
        assert check.returncode == 0, check.stderr
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
