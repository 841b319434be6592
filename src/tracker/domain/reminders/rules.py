"""The follow-up rules as data: resources/rules/rules.toml, checked whole when loaded.

What each rule does is code (tracker.domain.reminders.engine); the file says whether it is
on, its numbers, the draft template, the task title and the sentence the Settings dialog
shows. Every problem is named by rule number and id, like the rejection playbook.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from tracker.assets import resource
from tracker.domain.drafts.templates import template_exists, unknown_fields

APPLIED_NO_REPLY = "applied_no_reply"
THANK_YOU = "thank_you"
PREPARE = "prepare"
SILENCE = "silence"
OFFER_DECISION = "offer_decision"

# Each rule the app knows, and its numbers with the range each may take.
NUMBERS: dict[str, dict[str, tuple[int, int]]] = {
    APPLIED_NO_REPLY: {"days": (1, 90)},
    THANK_YOU: {"business_days": (0, 10)},
    PREPARE: {"days_before": (0, 14)},
    SILENCE: {"days": (1, 180), "follow_ups": (1, 5)},
    OFFER_DECISION: {"business_days_before": (0, 30)},
}
# What the Settings dialog calls each number.
NUMBER_LABELS: dict[str, str] = {
    "days": "Days",
    "business_days": "Business days after",
    "days_before": "Days before",
    "follow_ups": "Unanswered follow-ups",
    "business_days_before": "Business days before",
}
LABELS: dict[str, str] = {
    APPLIED_NO_REPLY: "Applied, no reply",
    THANK_YOU: "Thank-you after every interview",
    PREPARE: "Prepare before an interview",
    SILENCE: "Silence: suggest Ghosted",
    OFFER_DECISION: "Offer: decide before the deadline",
}
TEXT_FIELDS = ("id", "template", "title", "explain")
_ONE = re.compile(r"\b1 ((?:[a-z]+ )?)(day|follow-up)s\b")  # "1 days" reads "1 day"


class RulesError(Exception):
    """A rules file that cannot be used; .problems lists each bad entry in plain words."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class Rule:
    id: str
    enabled: bool
    template: str
    title: str  # a pattern with the same {fields} as the templates
    explain: str  # may use {number} for each of its numbers
    numbers: dict[str, int] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return LABELS[self.id]

    def number(self, name: str) -> int:
        return self.numbers[name]

    def sentence(self) -> str:
        """The explanation with this rule's numbers in it."""
        text = self.explain
        for name, value in self.numbers.items():
            text = text.replace("{" + name + "}", str(value))
        return _ONE.sub(r"1 \1\2", text)


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    templates: Traversable | None = None  # where the drafts are read from; None: shipped

    def get(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def on(self, rule_id: str) -> Rule | None:
        """The rule when it is switched on, else None."""
        rule = self.get(rule_id)
        return rule if rule.enabled else None

    def with_changes(self, enabled: dict[str, bool], numbers: dict[str, dict[str, int]]) -> RuleSet:
        """The same rules with the person's switches and numbers (out-of-range ones ignored)."""
        changed: list[Rule] = []
        for rule in self.rules:
            values = dict(rule.numbers)
            for name, value in numbers.get(rule.id, {}).items():
                low, high = NUMBERS[rule.id].get(name, (1, 0))
                if low <= value <= high:
                    values[name] = value
            changed.append(
                replace(rule, enabled=enabled.get(rule.id, rule.enabled), numbers=values)
            )
        return RuleSet(tuple(changed), self.templates)


def _rule(where: str, raw: Any, problems: list[str], templates: Traversable | None) -> Rule | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: each rule must be a table of fields")
        return None
    rule_id = raw.get("id")
    if isinstance(rule_id, str) and rule_id.strip():
        where = f"{where} '{rule_id}'"
    found = len(problems)
    problems.extend(
        f"{where}: missing '{name}'" for name in (*TEXT_FIELDS, "enabled") if name not in raw
    )
    problems.extend(
        f"{where}: '{name}' must be non-empty text"
        for name in TEXT_FIELDS
        if name in raw and (not isinstance(raw[name], str) or not raw[name].strip())
    )
    if len(problems) > found:
        return None
    if rule_id not in NUMBERS:
        problems.append(f"{where}: unknown rule (expected one of: {', '.join(NUMBERS)})")
        return None
    wanted = NUMBERS[rule_id]
    known = {*TEXT_FIELDS, "enabled", *wanted}
    problems.extend(f"{where}: unknown field '{name}'" for name in raw if name not in known)
    if not isinstance(raw["enabled"], bool):
        problems.append(f"{where}: 'enabled' must be true or false, not {raw['enabled']!r}")
    numbers: dict[str, int] = {}
    for name, (low, high) in wanted.items():
        value = raw.get(name)
        if name not in raw:
            problems.append(f"{where}: missing '{name}'")
        elif not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            problems.append(
                f"{where}: '{name}' must be a whole number from {low} to {high}, not {value!r}"
            )
        else:
            numbers[name] = value
    template = raw["template"].strip()
    if not template_exists(template, templates):
        problems.append(f"{where}: template {template!r} not found")
    if bad := unknown_fields(raw["title"]):
        problems.append(f"{where}: title uses unknown field(s) {', '.join(bad)}")
    if len(problems) > found:
        return None
    return Rule(
        id=rule_id,
        enabled=raw["enabled"],
        template=template,
        title=raw["title"].strip(),
        explain=raw["explain"].strip(),
        numbers=numbers,
    )


def load_rules(source: str | Path, templates: Traversable | None = None) -> RuleSet:
    """Read and check a rules file: TOML text, or a Path to a TOML file.

    Every rule the app knows must be there exactly once. Raises RulesError naming every
    bad entry.
    """
    try:
        text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        raise RulesError([f"the rules file could not be read: {error}"]) from error
    except tomllib.TOMLDecodeError as error:
        raise RulesError([f"the rules file is not valid TOML: {error}"]) from error
    problems = [f"unknown section '{key}'" for key in data if key not in ("version", "rule")]
    raw = data.get("rule")
    rules: list[Rule] = []
    if not isinstance(raw, list) or not raw:
        problems.append("there are no rules (add [[rule]] tables)")
        raw = []
    for number, entry in enumerate(raw, start=1):
        rule = _rule(f"rule {number}", entry, problems, templates)
        if rule is None:
            continue
        if any(other.id == rule.id for other in rules):
            problems.append(f"rule {number} '{rule.id}': duplicate id")
        rules.append(rule)
    named = {rule.id for rule in rules}
    mentioned = {e.get("id") for e in raw if isinstance(e, dict)}
    problems.extend(
        f"rule '{rule_id}' is missing" for rule_id in NUMBERS if rule_id not in named | mentioned
    )
    if problems:
        raise RulesError(problems)
    return RuleSet(tuple(rules), templates)


def default_rules() -> RuleSet:
    """The rules the app ships with."""
    return load_rules(resource("rules", "rules.toml").read_text(encoding="utf-8"))
