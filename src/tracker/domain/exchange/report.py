"""What an import did, or would do: counts per kind of row, and every problem found."""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.domain.exchange.files import ExchangeError

MAX_LISTED_PROBLEMS = 1000  # a broken 100 MB file lists this many, then counts the rest


@dataclass
class Counts:
    added: int = 0
    skipped: int = 0
    updated: int = 0


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the file: where (a CSV line, or a row of a JSON table), which field."""

    where: str
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.where}, {self.field}: {self.message}"


@dataclass
class ImportReport:
    counts: dict[str, Counts] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0  # may exceed len(problems) on a very broken file
    bad_rows: int = 0  # rows with at least one problem: skipped, or the reason for refusing
    dry_run: bool = False
    committed: bool = False

    def count(self, kind: str) -> Counts:
        return self.counts.setdefault(kind, Counts())

    def add_problem(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_LISTED_PROBLEMS:
            self.problems.append(problem)

    def summary(self) -> str:
        """One line per kind of row, for people and scripts alike."""
        lines = []
        for kind, c in self.counts.items():
            if c.added or c.skipped or c.updated:
                parts = [f"{c.added} to add" if self.dry_run else f"{c.added} added"]
                if c.updated:
                    parts.append(f"{c.updated} {'to update' if self.dry_run else 'updated'}")
                if c.skipped:
                    parts.append(f"{c.skipped} {'to skip' if self.dry_run else 'skipped'}")
                lines.append(f"{kind.replace('_', ' ')}: {', '.join(parts)}")
        if self.problem_count:
            lines.append(
                f"{self.problem_count} problem{'s' if self.problem_count != 1 else ''} "
                f"in {self.bad_rows} row{'s' if self.bad_rows != 1 else ''}"
                + (", skipped" if self.committed else "")
            )
        return "\n".join(lines) or "Nothing to import."


class ImportRefused(ExchangeError):
    """The file has problems and the person did not choose to skip those rows."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        first = "; ".join(str(p) for p in report.problems[:3])
        more = report.problem_count - min(3, len(report.problems))
        super().__init__(
            f"Nothing was imported: {report.problem_count} problem"
            f"{'s' if report.problem_count != 1 else ''} in the file ({first}"
            f"{f'; and {more} more' if more > 0 else ''})."
        )


class ImportCancelled(ExchangeError):
    def __init__(self) -> None:
        super().__init__("The import was cancelled; nothing was changed.")
