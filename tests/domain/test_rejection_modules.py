"""tracker.domain.rejection stays the one import for the rest of the app after the split."""

from __future__ import annotations

from tracker.domain import rejection
from tracker.domain.rejection import facts as rejection_facts
from tracker.domain.rejection import plan as rejection_plan
from tracker.domain.rejection import save as rejection_save


def test_the_thin_module_re_exports_the_split_modules() -> None:
    assert rejection.gather is rejection_facts.gather
    assert rejection.build_plan is rejection_plan.build_plan
    assert rejection.confirm_plan is rejection_save.confirm_plan
    for name in rejection.__all__:
        assert hasattr(rejection, name), name
