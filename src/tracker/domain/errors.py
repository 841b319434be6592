"""The one error type the domain raises for input a person can fix."""

from __future__ import annotations


class ValidationError(Exception):
    """Input that cannot be saved. Maps each field to what is wrong with it, in plain words."""

    def __init__(self, problems: dict[str, str]) -> None:
        assert problems, "a ValidationError needs at least one problem"
        self.problems = dict(problems)
        super().__init__("; ".join(f"{field}: {text}" for field, text in self.problems.items()))

    @property
    def field(self) -> str:
        return next(iter(self.problems))

    @property
    def message(self) -> str:
        return self.problems[self.field]


class NotFoundError(Exception):
    """The row an operation was asked to work on no longer exists."""

    def __init__(self, what: str, row_id: int) -> None:
        super().__init__(f"That {what} no longer exists (it may have been deleted).")
        self.what = what
        self.row_id = row_id


class ConflictError(Exception):
    """A save over a row that changed since it was read (another window or copy of the app)."""

    def __init__(self, what: str, row_id: int) -> None:
        super().__init__(
            f"This {what} was changed elsewhere (in another window, or another copy of "
            "Job Tracker) after you opened it."
        )
        self.what = what
        self.row_id = row_id


class UnreadableError(Exception):
    """A row holds a value this version cannot read (an unknown stage, a date that is not
    one), so it cannot be opened for editing; the lists still show it, flagged."""

    def __init__(self, what: str, row_id: int) -> None:
        super().__init__(
            f"This {what} holds a value this version of Job Tracker cannot read (put there by "
            "another program or a newer version), so it cannot be opened here. It stays in "
            "the list, flagged, and nothing was changed."
        )
        self.what = what
        self.row_id = row_id
