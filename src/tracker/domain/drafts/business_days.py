"""Due dates counted in working days (Monday to Friday; public holidays are not known).

The rule, in words: *n* business days after a day is the n-th weekday strictly after it,
so a Friday plus one is the Monday and a Saturday plus one is also the Monday. Zero means
"today", except that a weekend has no today for work: it rolls forward to the Monday.
Negative *n* counts back the same way (the n-th weekday strictly before).
"""

from __future__ import annotations

from datetime import date, timedelta

_DAY = timedelta(days=1)
_SATURDAY = 5


def is_business_day(day: date) -> bool:
    return day.weekday() < _SATURDAY


def add_business_days(start: date, n: int) -> date:
    """The day *n* business days after *start* (see the module notes for weekends)."""
    if n == 0:
        day = start
        while not is_business_day(day):
            day += _DAY
        return day
    step = _DAY if n > 0 else -_DAY
    count = abs(n)
    # Any seven days in a row hold exactly five weekdays: jump whole weeks, then walk
    # the last one to five days so a weekend start never lands on a weekend.
    weeks = (count - 1) // 5
    day = start + step * (7 * weeks)
    left = count - 5 * weeks
    while left:
        day += step
        if is_business_day(day):
            left -= 1
    return day
