"""Message drafts: plain-text templates with named {placeholders}, rendered safely.

Safe means the only thing ever substituted is one of FIELDS written as ``{name}``. Nothing
is evaluated and no format mini-language runs, so ``{x.__class__}``, ``{0}``, ``$x`` or
``%(a)s`` in a template or in a value come out exactly as typed; a value is inserted once
and never scanned again. Braces have no escape: they are plain text unless they wrap a
known field name. A field the app could not fill shows as a bracketed gap, e.g.
``[what you discussed]``, so nothing goes out with a silent hole.

A template's first line may be ``Subject: ...``; the rest is the body. Shipped templates
live in resources/templates; a person's edited copy of one lives in their data folder
(``override_dir``) and wins over the shipped one until reset. Functions that read templates
take ``folder`` to read another set instead of the shipped one (a playbook's own, a test's).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

from tracker.assets import resource

# Every field a template or a title pattern may use, and what it holds (for the editor).
FIELDS: dict[str, str] = {
    "first_name": "the first name of the person the message is for",
    "full_name": "their full name",
    "title": "their job title",
    "company": "the company",
    "role": "the role you applied for",
    "topics": "what stood out with this person (from your interview notes; edit it in the plan)",
    "interview_name": "the interview you had with this person ('the technical interview')",
    "interviews": "the interviews on record, one per line",
    "weak_points": "the interviews and people you marked as weaker, one per line",
    "letter_points": "the points your letter should address, one per line",
    "decision_maker_name": "the decision maker's full name",
    "decision_maker_first_name": "the decision maker's first name",
    "network_names": "the people from your network you picked, with their titles",
    "network_phrase": "how many people you picked, in words ('two people')",
    "user_name": "your name",
    "went_well": "what went well, as typed in the plan",
    "do_differently": "what you would do differently, as typed in the plan",
    "who_decided": "a question asking who made the decision, when nobody is on record",
    # Filled by the follow-up rules (tracker.domain.reminders).
    "interview": "the interview: its kind, day and time, and where",
    "panel": "the people on the interview panel, one per line",
    "earlier_topics": "what came up in earlier rounds with this company, one per line",
    "lessons": "what you said you would do differently, from your lessons, one per line",
    "deadline": "the day an offer must be answered by",
}

# What shows when the app could not fill a field.
GAPS: dict[str, str] = {
    "first_name": "[their name]",
    "full_name": "[their name]",
    "title": "[their title]",
    "company": "[company]",
    "role": "[role]",
    "topics": "[what you discussed]",
    "interview_name": "[the interview]",
    "interviews": "[your interviews]",
    "weak_points": "[where the interviews felt weaker]",
    "letter_points": "[the points you want to address]",
    "decision_maker_name": "[decision maker's name]",
    "decision_maker_first_name": "[decision maker's name]",
    "network_names": "[names from your network]",
    "network_phrase": "someone",
    "user_name": "[your name]",
    "went_well": "[your notes]",
    "do_differently": "[your notes]",
    "who_decided": "",
    "interview": "[the interview]",
    "panel": "[who you will meet]",
    "earlier_topics": "[nothing on record yet]",
    "lessons": "[nothing on record yet]",
    "deadline": "[the deadline]",
}

_FIELD = re.compile(r"\{([a-z_]+)\}")
_NAME_GAP = re.compile(r"\[[^\[\]\n]{0,40}\bnames?\b[^\[\]\n]{0,40}\]")
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_SUBJECT = "subject:"


class TemplateError(Exception):
    """A template name that is not valid, or a template that cannot be found."""


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str


def render(
    template: str, values: Mapping[str, str | None], gaps: Mapping[str, str] | None = None
) -> str:
    """Fill the known {fields} of *template*; never raises, never evaluates anything."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in FIELDS:
            return match.group(0)  # unknown: left as typed, so the person sees it
        try:
            value = values.get(name)
            text = "" if value is None else str(value)
        except Exception:  # a broken mapping or value must not stop the draft
            text = ""
        if text.strip():
            return text
        return (gaps or {}).get(name) or GAPS[name]

    try:
        return _FIELD.sub(fill, template if isinstance(template, str) else str(template))
    except Exception:  # unreachable in practice; the promise is that rendering never raises
        return str(template)


def unfilled_names(*texts: str | None) -> list[str]:
    """The [someone's name] gaps still in the texts: a person nobody has named yet."""
    found: list[str] = []
    for text in texts:
        found += [m.group(0) for m in _NAME_GAP.finditer(text or "") if m.group(0) not in found]
    return found


def unknown_fields(text: str) -> list[str]:
    """The {names} in *text* that are not fields (they would stay as typed)."""
    return sorted({m.group(1) for m in _FIELD.finditer(text) if m.group(1) not in FIELDS})


def split_subject(text: str) -> Draft:
    """A rendered template as subject and body (no "Subject:" line: empty subject)."""
    first, _, rest = text.partition("\n")
    if not first.strip().lower().startswith(_SUBJECT):
        return Draft("", text.strip("\n"))
    subject = first.strip()[len(_SUBJECT) :].strip()
    return Draft(subject, rest.strip("\n"))


def render_draft(
    name: str,
    values: Mapping[str, str | None],
    gaps: Mapping[str, str] | None = None,
    override_dir: Path | None = None,
    folder: Traversable | None = None,
) -> Draft:
    return split_subject(render(load_template(name, override_dir, folder), values, gaps))


# -- Templates on disk -----------------------------------------------------------------


def _checked(name: str) -> str:
    # Names become file names: no folders, dots or other surprises.
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise TemplateError(f"'{name}' is not a valid template name.")
    return name


def _override(name: str, override_dir: Path) -> Path:
    return override_dir / f"{_checked(name)}.txt"


def _folder(folder: Traversable | None) -> Traversable:
    """Where templates are read from: *folder*, or the shipped ones when it is None."""
    return resource("templates") if folder is None else folder


def template_names(folder: Traversable | None = None) -> list[str]:
    """The shipped templates (or those in *folder*), by name."""
    return sorted(
        entry.name[: -len(".txt")]
        for entry in _folder(folder).iterdir()
        if entry.name.endswith(".txt") and entry.is_file()
    )


def template_exists(name: str, folder: Traversable | None = None) -> bool:
    try:
        return (_folder(folder) / f"{_checked(name)}.txt").is_file()
    except TemplateError:
        return False


def shipped_template(name: str, folder: Traversable | None = None) -> str:
    """A template as shipped (or as it is in *folder*), ignoring the person's edits."""
    found = _folder(folder) / f"{_checked(name)}.txt"
    if not found.is_file():
        raise TemplateError(f"There is no template called '{name}'.")
    return found.read_text(encoding="utf-8")


def load_template(
    name: str, override_dir: Path | None = None, folder: Traversable | None = None
) -> str:
    """The person's edited copy when there is one, else the shipped template (or *folder*'s)."""
    if override_dir is not None:
        edited = _override(name, override_dir)
        if edited.is_file():
            return edited.read_text(encoding="utf-8", errors="replace")
    return shipped_template(name, folder)


def is_overridden(name: str, override_dir: Path | None) -> bool:
    return override_dir is not None and _override(name, override_dir).is_file()


def save_template_override(name: str, text: str, override_dir: Path) -> Path:
    """Keep the person's edit; written whole or not at all (temp file, then rename)."""
    shipped_template(name)  # only templates the app knows can be overridden
    target = _override(name, override_dir)
    override_dir.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=override_dir, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target


def reset_template(name: str, override_dir: Path) -> None:
    """Back to the shipped template (forgetting the edit)."""
    _override(name, override_dir).unlink(missing_ok=True)


# -- Words for the fields ---------------------------------------------------------------

# First words that start a phrase but are not names, plus words ending in -ing: lowered so
# "our conversation about Moving billing" reads "about moving billing". Anything else keeps
# its capital, since it may be a name (Python, Kafka, Priya).
_LOWER_STARTS = frozenset(
    {"a", "an", "the", "how", "why", "what", "when", "where", "which", "who", "whether"}
    | {"our", "my", "your", "their", "some", "one", "two", "three"}
)


def first_name(full_name: str) -> str:
    parts = full_name.split()
    return parts[0] if parts else ""


def natural_list(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def topic_items(topics: str | None) -> list[str]:
    """The separate topics in a notes field: one a line, as typed (a ";" stays inside)."""
    pieces = re.split(r"\n+", topics or "")
    return [piece.strip().rstrip(".").strip() for piece in pieces if piece.strip()]


def in_sentence(topic: str) -> str:
    """A topic as it reads mid-sentence: a capital dropped only where it is safe to."""
    word = topic.split(" ", 1)[0]
    if word.lower() in _LOWER_STARTS or (word.endswith("ing") and word[1:].islower()):
        return topic[0].lower() + topic[1:]
    return topic


def shorten(text: str, limit: int) -> str:
    """*text* cut to at most *limit* characters, at a word where one is near, ending "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(1, limit - 1)]
    space = cut.rfind(" ")
    if space >= limit * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:-—") + "…"


def count_words(n: int, one: str, many: str) -> str:
    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    number = words[n] if 0 <= n < len(words) else str(n)
    return f"{number} {one if n == 1 else many}"
