"""The person's reminder settings, kept with their data (tracker.domain.settings).

Rule switches and numbers live in one setting as JSON ({"thank_you": {"enabled": false,
"business_days": 2}}); anything unreadable or out of range falls back to the rules file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from tracker.domain.changes import Written
from tracker.domain.reminders.rules import NUMBERS, RuleSet, default_rules
from tracker.domain.settings import read_value, write_value
from tracker.domain.store import Store
from tracker.domain.validate import Checker

RULES_KEY = "reminders.rules"
KEEP_IN_TRAY_KEY = "reminders.keep_in_tray"
CALENDAR_FEED_KEY = "reminders.calendar_feed"


@dataclass(frozen=True)
class RuleChoice:
    """One rule as the person set it."""

    enabled: bool
    numbers: dict[str, int]


def rules_for(store: Store, base: RuleSet | None = None) -> RuleSet:
    """The rules file (*base*, or the shipped one) with the person's switches and numbers."""
    base = base or default_rules()
    enabled: dict[str, bool] = {}
    numbers: dict[str, dict[str, int]] = {}
    for rule_id, choice in _stored(store).items():
        enabled[rule_id] = choice.enabled
        numbers[rule_id] = choice.numbers
    return base.with_changes(enabled, numbers)


def save_rule_choices(store: Store, choices: dict[str, RuleChoice]) -> Written[None]:
    """Keep the person's switches and numbers. Raises ValidationError naming a bad number."""
    c = Checker()
    for rule_id, choice in choices.items():
        if rule_id not in NUMBERS:
            c.fail(rule_id, f"There is no rule called '{rule_id}'.")
            continue
        for name, value in choice.numbers.items():
            low, high = NUMBERS[rule_id].get(name, (1, 0))
            if not low <= value <= high:
                c.fail(f"{rule_id}.{name}", f"Choose a number from {low} to {high}.")
    c.done()
    data = {
        rule_id: {"enabled": choice.enabled, **choice.numbers}
        for rule_id, choice in sorted(choices.items())
    }
    return write_value(store, RULES_KEY, json.dumps(data, sort_keys=True))


def _stored(store: Store) -> dict[str, RuleChoice]:
    try:
        data = json.loads(read_value(store, RULES_KEY) or "{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    found: dict[str, RuleChoice] = {}
    for rule_id, raw in data.items():
        if rule_id not in NUMBERS or not isinstance(raw, dict):
            continue
        enabled = raw.get("enabled", True)
        numbers = {
            name: value
            for name, value in raw.items()
            if name in NUMBERS[rule_id] and isinstance(value, int) and not isinstance(value, bool)
        }
        found[rule_id] = RuleChoice(enabled if isinstance(enabled, bool) else True, numbers)
    return found


def _flag(store: Store, key: str) -> bool:
    return read_value(store, key) == "1"


def _set_flag(store: Store, key: str, on: bool) -> Written[None]:
    return write_value(store, key, "1" if on else None)


def keeps_running_in_tray(store: Store) -> bool:
    """Closing the window leaves the app in the tray (off unless the person turned it on)."""
    return _flag(store, KEEP_IN_TRAY_KEY)


def set_keep_running_in_tray(store: Store, on: bool) -> Written[None]:
    return _set_flag(store, KEEP_IN_TRAY_KEY, on)


def keeps_calendar_feed(store: Store) -> bool:
    """A calendar file in the data folder is kept up to date for calendar apps."""
    return _flag(store, CALENDAR_FEED_KEY)


def set_keep_calendar_feed(store: Store, on: bool) -> Written[None]:
    return _set_flag(store, CALENDAR_FEED_KEY, on)
