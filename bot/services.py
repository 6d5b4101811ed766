"""Everything a chat handler needs, built once from the settings.

With no inventory configured (the console on a fresh checkout) the lab is
started in-process and its inventory and credentials are used.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from bot import audit
from bot.change_windows import parse_windows
from bot.checks import CredentialSource, credentials_from_env
from bot.db.engine import UnsupportedDatabase, is_current, make_engine, session_factory, upgrade
from bot.durations import parse_duration
from bot.hostfacts import HostFacts, parse_max_age
from bot.roles import Roles
from bot.settings import Settings
from bot.workflow import Workflow
from kb.store import KnowledgeBase, default_kb
from remote.inventory import Inventory, load_inventory
from remote.lab import Lab
from remote.winrm_client import Credentials, Timeouts

DATABASE_DOWN = "The database is unavailable, try again in a moment."  # the reply when it is lost mid-run


class ConfigError(Exception):
    """Bad configuration: the message names the variable to fix."""


@dataclass
class Services:
    settings: Settings
    kb: KnowledgeBase
    engine: Engine
    sessions: sessionmaker[Session]
    inventory: Inventory
    credentials: CredentialSource
    roles: Roles
    workflow: Workflow
    lab: Lab | None = None
    recovered: list[int] = field(default_factory=list)
    host_facts: HostFacts | None = None  # the OS each host reported, shared through the database

    def close(self) -> None:
        self.engine.dispose()
        if self.lab is not None:
            self.lab.stop()


CONSOLE_ROLES = Roles.parse("alice", "bob", "")


def settle_heap() -> None:
    """Call once a long-running process has started: moves the objects made by
    imports and set-up out of the collector's reach, so full collections no
    longer pause a request for tens of milliseconds (bench/history_bench.py)."""
    gc.collect()
    gc.freeze()


def prepare_database(url: str) -> Engine:
    """An engine on an up-to-date schema: SQLite is upgraded on start; PostgreSQL must be current."""
    try:
        engine = make_engine(url)
    except UnsupportedDatabase as exc:
        raise ConfigError(f"OAKLEY_DATABASE_URL: {exc}") from None
    except (ArgumentError, ValueError) as exc:
        raise ConfigError(f"OAKLEY_DATABASE_URL: not a database URL Oakley can use ({type(exc).__name__}: "
                          f"{str(exc).splitlines()[0]}); e.g. sqlite:///oakley.db or "
                          "postgresql://user@host/db") from None
    try:
        if engine.dialect.name == "sqlite":
            upgrade(engine)
        elif not is_current(engine):
            raise ConfigError("OAKLEY_DATABASE_URL: the database is not at the newest schema; "
                              "run `oakley db upgrade`")
    except SQLAlchemyError as exc:
        engine.dispose()
        where = engine.url.render_as_string(hide_password=True)
        cause = getattr(exc, "orig", None) or exc
        raise ConfigError(f"OAKLEY_DATABASE_URL: cannot use the database at {where}: "
                          f"{str(cause).splitlines()[0]}") from None
    except ConfigError:
        engine.dispose()
        raise
    return engine


def build_services(settings: Settings, *, inventory_path: str | None = None, use_lab_if_unset: bool = False,
                   default_roles: Roles | None = None, lab_state: str | os.PathLike[str] | None = None) -> Services:
    try:
        ttl = parse_duration(settings.approval_ttl)
    except ValueError as exc:
        raise ConfigError(f"OAKLEY_APPROVAL_TTL: {exc}") from None
    os_max_age = host_facts_max_age(settings)
    kb = default_kb()
    lab: Lab | None = None
    path = inventory_path or settings.inventory
    if path:
        inventory = load_inventory(path)
        password = settings.winrm_password.get_secret_value() if settings.winrm_password else None
        credentials = credentials_from_env(settings.winrm_username, password)
    elif use_lab_if_unset:
        if lab_state is None:  # the console's own lab follows the database (bot/labstate.py)
            from bot.labstate import console_lab_dir, reset_if_new

            probe = prepare_database(settings.database_url)
            try:
                lab_state = console_lab_dir(probe)
                reset_if_new(probe, lab_state)
            finally:
                probe.dispose()
        lab = Lab(state_dir=lab_state, control=True).start()
        inventory = load_inventory(lab.write_inventory(Path(lab.state_dir) / "inventory.yaml"))
        lab_credentials = Credentials(lab.username, lab.password)
        credentials = lambda host: lab_credentials  # noqa: E731
    else:
        raise ConfigError("OAKLEY_INVENTORY is not set: point it at the Ansible inventory (YAML or INI) of the servers")
    roles = Roles.parse(settings.requesters, settings.approvers, settings.admins)
    if not (roles.requesters or roles.approvers or roles.admins) and default_roles is not None:
        roles = default_roles
    engine = prepare_database(settings.database_url)
    sessions = session_factory(engine)
    if settings.audit_export:
        problem = audit.export_path_ok(settings.audit_export)
        if problem:
            engine.dispose()
            raise ConfigError(f"OAKLEY_AUDIT_EXPORT: {problem}")
        audit.configure_export(sessions, settings.audit_export)
    workflow = Workflow(sessions, kb, inventory, credentials, roles, ttl=ttl,
                        audit_key=settings.audit_key.get_secret_value().encode() if settings.audit_key else None,
                        concurrency=settings.fleet_concurrency, timeouts=Timeouts(),
                        request_rate=settings.request_rate, windows=parse_windows(settings.change_windows),
                        canary=settings.rollout_canary)
    recovered = [c.id for c in workflow.recover_interrupted()]
    return Services(settings, kb, engine, sessions, inventory, credentials, roles, workflow, lab, recovered,
                    HostFacts(sessions, os_max_age))


def host_facts_max_age(settings: Settings) -> timedelta:
    """OAKLEY_OS_MAX_AGE, checked: a configuration error names the variable."""
    try:
        return parse_max_age(settings.os_max_age)
    except ValueError as exc:
        raise ConfigError(f"OAKLEY_OS_MAX_AGE: {exc} (or 0 to read it at every check)") from None
