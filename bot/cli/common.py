"""What several sub-commands share: settings, the inventory, progress lines."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from bot.cli.errors import UsageError
from bot.settings import Settings, SettingsError, load_settings
from remote.errors import InventoryError
from remote.inventory import Inventory, load_inventory


def settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        raise UsageError(str(exc)) from None


def resolve(inventory: Inventory, targets: list[str]) -> list[Any]:
    try:
        return inventory.resolve(targets)
    except InventoryError as exc:
        from handlers.names import resolve as by_name  # the chat's did-you-mean, for the CLI too

        guesses = [g for word in by_name(inventory, targets).suggestions.values() for g in word][:3]
        hint = f"; did you mean {', '.join(guesses)}?" if guesses else ""
        raise UsageError(f"{str(exc)[:300]}{hint}") from None


def inventory_from(path: str | None, conf: Settings) -> Inventory:
    chosen = path or conf.inventory
    if not chosen:
        raise UsageError("no inventory: pass --inventory PATH or set OAKLEY_INVENTORY "
                         "(`oakley lab --inventory-out PATH` writes one for the lab)")
    try:
        return load_inventory(chosen)
    except InventoryError as exc:
        raise UsageError(str(exc)) from None


def fleet_progress(verb: str, total: int, every: int = 25) -> Callable[[int, int, Any], None] | None:
    """Progress on stderr for long runs: every `every` hosts (the caller's summary line ends the run).

    On a terminal one line is rewritten in place; in a log, a line per `every` hosts, and none
    at the end, where it would only repeat the summary ("read 6 of 6 hosts").
    """
    if total <= 1:
        return None

    tty = sys.stderr.isatty()

    def report(done: int, total: int, outcome: Any) -> None:
        if tty:
            sys.stderr.write(f"\r{verb} {done}/{total} hosts" + ("\n" if done == total else ""))
        elif done % every == 0 and done != total:
            sys.stderr.write(f"{verb} {done}/{total} hosts\n")
        sys.stderr.flush()

    return report


def open_services(inventory_path: str | None, *, use_lab: bool = False, default_roles: Any = None) -> Any:
    """Services from the settings; configuration problems become usage errors."""
    from bot.services import ConfigError, build_services

    conf = settings()
    try:
        return build_services(conf, inventory_path=inventory_path, use_lab_if_unset=use_lab,
                              default_roles=default_roles)
    except (ConfigError, InventoryError) as exc:
        raise UsageError(str(exc)) from None


def open_database() -> Any:
    """(engine, sessions) on OAKLEY_DATABASE_URL, schema checked or upgraded."""
    from bot.db.engine import session_factory
    from bot.services import ConfigError, prepare_database

    try:
        engine = prepare_database(settings().database_url)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    return engine, session_factory(engine)
