"""What each column of a known export means, and a guess for any other spreadsheet.

A preset is recognised by the names in its header; the generic one guesses from common
column names. Either way the result is only a suggestion the person can change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker.db.enums import Stage
from tracker.domain.exchange.values import stage_key

# Where a column can go: the key is the field, the value what people see in the dialog.
TARGETS: dict[str, str] = {
    "": "(leave out)",
    "company": "Company",
    "role": "Role",
    "stage": "Stage",
    "location": "Location",
    "remote_mode": "Remote",
    "posting_url": "Posting link",
    "source": "Source",
    "salary": "Salary or range",
    "salary_min": "Minimum salary",
    "salary_max": "Maximum salary",
    "salary_currency": "Currency",
    "priority": "Priority (0 to 5)",
    "found_on": "Date found",
    "applied_on": "Date applied",
    "closed_on": "Date closed",
    "follow_up_on": "Follow-up date (makes a task)",
    "job_description": "Job description",
    "notes": "Notes",
    "contact_name": "Contact name",
    "contact_email": "Contact email",
    "contact_phone": "Contact phone",
}
DATE_TARGETS = ("found_on", "applied_on", "closed_on", "follow_up_on")
# Several columns may feed the notes; each is added as "Header: text".
REPEATABLE = frozenset({"notes"})


def header_key(text: str) -> str:
    """Headers compared without case, punctuation or underscores: company_name = Company Name."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


SYNONYMS: dict[str, tuple[str, ...]] = {
    "company": ("company", "company name", "employer", "organization", "organisation", "org"),
    "role": ("role", "position", "title", "job title", "job", "job position", "position title"),
    "stage": ("status", "stage", "list", "list name", "state", "application status"),
    "posting_url": ("link", "url", "job url", "job link", "posting", "posting url", "job posting"),
    "location": ("location", "city", "place", "job location"),
    "remote_mode": ("remote", "work mode", "workplace type", "remote type", "on site remote"),
    "source": ("source", "found via", "job board", "found on", "where"),
    "salary": ("salary", "salary range", "compensation", "pay", "pay range"),
    "salary_min": ("min salary", "salary min", "minimum salary", "salary from"),
    "salary_max": ("max salary", "salary max", "maximum salary", "salary to"),
    "salary_currency": ("currency", "salary currency"),
    "priority": ("priority", "excitement", "interest", "rating"),
    "found_on": (
        "date added",
        "added",
        "saved date",
        "date saved",
        "date found",
        "date created",
        "created",
        "created at",
        "added at",
    ),
    "applied_on": (
        "date applied",
        "applied",
        "applied on",
        "application date",
        "applied date",
        "date of application",
    ),
    "closed_on": ("date closed", "closed", "closed on"),
    "follow_up_on": ("follow up date", "follow up", "followup date", "follow up on"),
    "job_description": ("description", "job description"),
    "notes": ("notes", "note", "comments", "comment"),
    "contact_name": ("contact", "contact name", "recruiter", "recruiter name"),
    "contact_email": ("contact email", "email", "recruiter email", "e mail"),
    "contact_phone": ("contact phone", "contact phone number", "phone", "phone number"),
}
_BY_SYNONYM = {name: target for target, names in SYNONYMS.items() for name in names}


@dataclass(frozen=True)
class Preset:
    name: str  # what --preset takes
    label: str  # what the dialog shows
    signature: frozenset[str] = frozenset()  # header keys that identify the file
    columns: dict[str, str] = field(default_factory=dict)  # header key -> target
    default_stage: Stage = Stage.APPLIED
    stages: dict[str, Stage] = field(default_factory=dict)  # stage key -> ours
    source: str | None = None


def _stages(pairs: dict[str, Stage]) -> dict[str, Stage]:
    return {stage_key(name): stage for name, stage in pairs.items()}


PRESETS: tuple[Preset, ...] = (
    Preset(
        "linkedin-applications",
        "LinkedIn: Job Applications.csv",
        frozenset({"application date", "company name", "job title", "job url"}),
        {
            "application date": "applied_on",
            "contact email": "contact_email",
            "contact phone number": "contact_phone",
            "company name": "company",
            "job title": "role",
            "job url": "posting_url",
            "resume name": "notes",
            "question and answers": "",  # screening answers stay in LinkedIn
        },
        Stage.APPLIED,
        source="LinkedIn",
    ),
    Preset(
        "linkedin-saved",
        "LinkedIn: Saved Jobs.csv",
        frozenset({"saved date", "job url", "job title", "company name"}),
        {
            "saved date": "found_on",
            "job url": "posting_url",
            "job title": "role",
            "company name": "company",
        },
        Stage.WISHLIST,
        source="LinkedIn",
    ),
    Preset(
        "teal",
        "Teal: job tracker CSV",
        frozenset({"company name", "role", "excitement", "status"}),
        {
            "company name": "company",
            "role": "role",
            "location": "location",
            "url": "posting_url",
            "excitement": "priority",
            "source": "source",
            "salary range": "salary",
            "min salary": "salary_min",
            "max salary": "salary_max",
            "salary currency": "salary_currency",
            "currency": "salary_currency",
            "date added": "found_on",
            "date applied": "applied_on",
            "follow up date": "follow_up_on",
            "status": "stage",
            "notes": "notes",
            "job description": "job_description",
        },
        Stage.WISHLIST,
        _stages(
            {
                "Bookmarked": Stage.WISHLIST,
                "Applying": Stage.WISHLIST,
                "Applied": Stage.APPLIED,
                "Interviewing": Stage.INTERVIEWING,
                "Negotiating": Stage.OFFER,
                "Accepted": Stage.ACCEPTED,
                "I Withdrew": Stage.WITHDRAWN,
                "Not Selected": Stage.REJECTED,
                "No Response": Stage.GHOSTED,
            }
        ),
        source=None,
    ),
    Preset(
        "huntr",
        "Huntr: board export",
        frozenset({"list"}),
        {
            "list": "stage",
            "list name": "stage",
            "company": "company",
            "company name": "company",
            "title": "role",
            "job title": "role",
            "location": "location",
            "description": "job_description",
            "url": "posting_url",
            "date created": "found_on",
            "created at": "found_on",
            "date applied": "applied_on",
            "notes": "notes",
        },
        Stage.WISHLIST,
        _stages(
            {
                "Wishlist": Stage.WISHLIST,
                "Applied": Stage.APPLIED,
                "Interview": Stage.INTERVIEWING,
                "Offer": Stage.OFFER,
                "Rejected": Stage.REJECTED,
            }
        ),
    ),
    Preset("generic", "Any spreadsheet (columns guessed from their names)"),
)
PRESET_NAMES = tuple(p.name for p in PRESETS)


def preset_named(name: str) -> Preset:
    for preset in PRESETS:
        if preset.name == name:
            return preset
    raise ValueError(f"There is no preset {name!r}; choose from {', '.join(PRESET_NAMES)}.")


def recognise(headers: tuple[str, ...]) -> Preset:
    """The preset whose columns this header has, or the generic one."""
    keys = {header_key(h) for h in headers}
    if "list name" in keys:
        keys.add("list")
    for preset in PRESETS:
        if preset.signature and preset.signature <= keys:
            return preset
    return PRESETS[-1]


def suggest_targets(headers: tuple[str, ...], preset: Preset) -> tuple[str, ...]:
    """A field for each column (empty to leave it out); each field used once, but notes."""
    used: set[str] = set()
    targets = []
    for header in headers:
        key = header_key(re.sub(r" \(\d+\)$", "", header))
        target = preset.columns.get(key, _BY_SYNONYM.get(key, ""))
        if target in used and target not in REPEATABLE:
            target = ""
        used.add(target)
        targets.append(target)
    return tuple(targets)
