"""Labs of simulated hosts, started per test module or per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from remote.inventory import Inventory, load_inventory
from remote.lab import Lab
from remote.regexe import Allowlist, RegistryValue
from remote.winrm_client import Credentials, Timeouts

NLBSFLAGS = RegistryValue(r"HKLM\SYSTEM\CurrentControlSet\Services\PolicyAgent\Oakley", "NLBSFlags")
ALLOW = Allowlist([NLBSFLAGS])
FAST = Timeouts(operation=2, read=5, deadline=8)


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[Lab]:
    with Lab(state_dir=tmp_path / "lab") as running:
        yield running


@pytest.fixture(scope="module")
def tls_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    with Lab(tls=True, state_dir=tmp_path_factory.mktemp("tls-lab")) as running:
        yield running


def inventory_of(lab: Lab, tmp_path: Path) -> Inventory:
    return load_inventory(lab.write_inventory(tmp_path / "inventory.yaml"))


def creds(lab: Lab, password: str | None = None) -> Credentials:
    return Credentials(lab.username, password if password is not None else lab.password)
