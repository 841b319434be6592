"""After a rejection: what the app knows, the panel's questions, the plan, and saving it.

The panel calls gather() once, lets the person answer Answers and pick a path (helped by
suggest_path), shows build_plan()'s tasks for editing, and saves with confirm_plan():
every ticked task and the debrief in one transaction, or nothing at all.

The work lives in facts, plan, save and playbook beside this file; this package keeps the
one name the rest of the app imports from.
"""

from __future__ import annotations

from tracker.domain.rejection.facts import (
    FIND_INTERVIEWERS,
    KNOWS_WHY,
    YOU,
    InterviewFacts,
    KnowsWhy,
    Participant,
    Person,
    RejectionFacts,
    gather,
)
from tracker.domain.rejection.plan import (
    GAP_NAMES,
    MISSING,
    NO_INTERVIEWERS,
    Answers,
    PlannedTask,
    build_plan,
    prefill_answers,
    suggest_path,
)
from tracker.domain.rejection.save import (
    ConfirmResult,
    add_person_inline,
    cancel_interviews,
    confirm_plan,
    debrief_exists,
    latest_rejection_at,
    needs_panel,
    remind_to_plan,
)

__all__ = [
    "FIND_INTERVIEWERS",
    "GAP_NAMES",
    "KNOWS_WHY",
    "MISSING",
    "NO_INTERVIEWERS",
    "YOU",
    "Answers",
    "ConfirmResult",
    "InterviewFacts",
    "KnowsWhy",
    "Participant",
    "Person",
    "PlannedTask",
    "RejectionFacts",
    "add_person_inline",
    "build_plan",
    "cancel_interviews",
    "confirm_plan",
    "debrief_exists",
    "gather",
    "latest_rejection_at",
    "needs_panel",
    "prefill_answers",
    "remind_to_plan",
    "suggest_path",
]
