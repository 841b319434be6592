from datetime import date, timedelta

import pytest

from tracker.domain.drafts.business_days import add_business_days, is_business_day

THU = date(2026, 11, 26)
FRI = date(2026, 11, 27)
SAT = date(2026, 11, 28)
SUN = date(2026, 11, 29)
MON = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (THU, 0, THU),
        (THU, 1, FRI),
        (THU, 2, MON),
        (THU, 3, date(2026, 12, 1)),  # across a weekend and a month end
        (FRI, 0, FRI),
        (FRI, 1, MON),
        (FRI, 5, date(2026, 12, 4)),
        (SAT, 0, MON),  # no work day today: roll to Monday
        (SUN, 0, MON),
        (SAT, 1, MON),  # the first weekday after Saturday
        (SUN, 1, MON),
        (SAT, 5, date(2026, 12, 4)),  # whole weeks never land on a weekend
        (SUN, 10, date(2026, 12, 11)),
        (date(2026, 12, 31), 1, date(2027, 1, 1)),  # a year end (holidays are not known)
        (date(2027, 1, 29), 1, date(2027, 2, 1)),  # Friday, month end
        (MON, -1, date(2026, 11, 27)),
        (SAT, -1, FRI),
    ],
)
def test_add_business_days(start: date, n: int, expected: date) -> None:
    assert add_business_days(start, n) == expected


def test_matches_a_day_by_day_count_for_every_start_and_offset() -> None:
    for offset in range(14):
        start = THU + timedelta(days=offset)
        for n in range(1, 23):
            day, left = start, n
            while left:
                day += timedelta(days=1)
                left -= is_business_day(day)
            assert add_business_days(start, n) == day, (start, n)
            assert is_business_day(day)
