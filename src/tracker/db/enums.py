"""Fixed vocabularies stored as text and checked by the database."""

from enum import StrEnum


class Stage(StrEnum):
    WISHLIST = "wishlist"
    APPLIED = "applied"
    SCREENING = "screening"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    GHOSTED = "ghosted"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def is_closed(self) -> bool:
        return self in CLOSED_STAGES


ACTIVE_STAGES = (Stage.WISHLIST, Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER)
CLOSED_STAGES = frozenset({Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN, Stage.GHOSTED})


class RemoteMode(StrEnum):
    ONSITE = "onsite"
    HYBRID = "hybrid"
    REMOTE = "remote"


class ContactRole(StrEnum):
    RECRUITER = "recruiter"
    HIRING_MANAGER = "hiring_manager"
    DECISION_MAKER = "decision_maker"
    INTERVIEWER = "interviewer"
    REFERRER = "referrer"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class InterviewKind(StrEnum):
    PHONE_SCREEN = "phone_screen"
    TECHNICAL = "technical"
    BEHAVIOURAL = "behavioural"
    PANEL = "panel"
    ONSITE = "onsite"
    FINAL = "final"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Connection(StrEnum):
    """How the connection with one interviewer felt."""

    STRONG = "strong"
    OKAY = "okay"
    WEAK = "weak"


class TaskKind(StrEnum):
    TODO = "todo"
    FOLLOW_UP = "follow_up"
    THANK_YOU = "thank_you"
    FEEDBACK_REQUEST = "feedback_request"
    LETTER = "letter"
    MEETING_REQUEST = "meeting_request"
    REFERRAL = "referral"
    REFLECTION = "reflection"
    PREP = "prep"


class TaskOrigin(StrEnum):
    USER = "user"
    PLAYBOOK = "playbook"
    RULE = "rule"


class DebriefPath(StrEnum):
    FIGHT = "fight"
    FLIGHT = "flight"
