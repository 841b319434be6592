"""The rejection playbook: the steps of each path, as data under resources/playbook.

Each step says what kind of task it makes, whom it addresses, how many business days
from today it falls due, which draft template it uses and how its title reads. The file
is checked whole when loaded; every problem is named by path, step number and id.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from tracker.assets import resource
from tracker.db.enums import DebriefPath, TaskKind
from tracker.domain.drafts.templates import template_exists, unknown_fields

MAX_OFFSET = 260  # about a year of business days; anything more is a typo
FIELDS = ("id", "kind", "audience", "due_business_days", "template", "title")
OPTIONAL = ("why",)


class Audience(StrEnum):
    """Whom a step's task is addressed to."""

    RECRUITER = "recruiter"
    EACH_INTERVIEWER = "each_interviewer"  # one task per person who interviewed you
    DECISION_MAKER = "decision_maker"  # planned when they can be reached directly
    # A letter for the decision maker, sent to the recruiter, who passes it on.
    DECISION_MAKER_VIA_RECRUITER = "decision_maker_via_recruiter"
    HIRING_MANAGER_OR_RECRUITER = "hiring_manager_or_recruiter"
    NETWORK_CONTACTS = "network_contacts"  # one task per network contact picked
    SELF = "self"  # a note for the person, not a message


class PlaybookError(Exception):
    """A playbook that cannot be used; .problems lists each bad entry in plain words."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class Step:
    id: str
    kind: TaskKind
    audience: Audience
    due_business_days: int
    template: str
    title: str  # a pattern with the same {fields} as the templates
    why: str = ""  # one line the panel can show under the step


@dataclass(frozen=True)
class Playbook:
    fight: tuple[Step, ...]
    flight: tuple[Step, ...]
    templates: Traversable | None = None  # where its steps' templates are; None: the shipped

    def steps(self, path: DebriefPath) -> tuple[Step, ...]:
        return self.fight if DebriefPath(path) is DebriefPath.FIGHT else self.flight


def _choices(enum: type[StrEnum]) -> str:
    return ", ".join(member.value for member in enum)


def _step(where: str, raw: Any, problems: list[str], exists: Callable[[str], bool]) -> Step | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: each step must be a table of fields")
        return None
    step_id = raw.get("id")
    if isinstance(step_id, str) and step_id.strip():
        where = f"{where} '{step_id}'"
    found = len(problems)
    problems.extend(f"{where}: missing '{name}'" for name in FIELDS if name not in raw)
    problems.extend(
        f"{where}: unknown field '{name}'" for name in raw if name not in FIELDS + OPTIONAL
    )
    problems.extend(
        f"{where}: '{name}' must be non-empty text"
        for name in ("id", "template", "title", "why")
        if name in raw and (not isinstance(raw[name], str) or not raw[name].strip())
    )
    kind = raw.get("kind")
    if "kind" in raw and kind not in {m.value for m in TaskKind}:
        problems.append(f"{where}: unknown kind {kind!r} (expected one of: {_choices(TaskKind)})")
    audience = raw.get("audience")
    if "audience" in raw and audience not in {m.value for m in Audience}:
        problems.append(
            f"{where}: unknown audience {audience!r} (expected one of: {_choices(Audience)})"
        )
    offset = raw.get("due_business_days")
    if "due_business_days" in raw and (
        not isinstance(offset, int) or isinstance(offset, bool) or not 0 <= offset <= MAX_OFFSET
    ):
        problems.append(
            f"{where}: 'due_business_days' must be a whole number from 0 to {MAX_OFFSET}, "
            f"not {offset!r}"
        )
    template = raw.get("template")
    if isinstance(template, str) and template.strip() and not exists(template):
        problems.append(f"{where}: template {template!r} not found")
    title = raw.get("title")
    if isinstance(title, str) and (bad := unknown_fields(title)):
        problems.append(f"{where}: title uses unknown field(s) {', '.join(bad)}")
    if len(problems) > found:
        return None
    return Step(
        id=raw["id"].strip(),
        kind=TaskKind(raw["kind"]),
        audience=Audience(raw["audience"]),
        due_business_days=int(raw["due_business_days"]),
        template=raw["template"].strip(),
        title=raw["title"].strip(),
        why=str(raw.get("why", "")).strip(),
    )


def _path(
    data: dict[str, Any], path: DebriefPath, problems: list[str], exists: Callable[[str], bool]
) -> list[Step]:
    raw = data.get(path.value)
    if not isinstance(raw, list) or not raw:
        problems.append(f"the '{path.value}' path has no steps (add [[{path.value}]] tables)")
        return []
    steps: list[Step] = []
    seen: set[str] = set()
    for number, entry in enumerate(raw, start=1):
        step = _step(f"{path.value} step {number}", entry, problems, exists)
        if step is None:
            continue
        if step.id in seen:
            problems.append(f"{path.value} step {number} '{step.id}': duplicate id")
        seen.add(step.id)
        steps.append(step)
    return steps


def load_playbook(source: str | Path, templates: Traversable | None = None) -> Playbook:
    """Read and check a playbook: TOML text, or a Path to a TOML file.

    Its steps' templates are read from *templates* (the shipped ones by default), and each
    must be there. Raises PlaybookError naming every bad entry.
    """
    try:
        text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        raise PlaybookError([f"the playbook could not be read: {error}"]) from error
    except tomllib.TOMLDecodeError as error:
        raise PlaybookError([f"the playbook is not valid TOML: {error}"]) from error
    problems: list[str] = []
    known = ("version", *(p.value for p in DebriefPath))
    problems.extend(f"unknown section '{key}'" for key in data if key not in known)

    def exists(name: str) -> bool:
        return template_exists(name, templates)

    fight = _path(data, DebriefPath.FIGHT, problems, exists)
    flight = _path(data, DebriefPath.FLIGHT, problems, exists)
    if problems:
        raise PlaybookError(problems)
    return Playbook(tuple(fight), tuple(flight), templates)


def default_playbook() -> Playbook:
    """The playbook the app ships with."""
    return load_playbook(resource("playbook", "playbook.toml").read_text(encoding="utf-8"))
