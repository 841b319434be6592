from tracker.db.enums import Stage
from tracker.domain.applications import ApplicationInput, create_application, list_rows


def test_created_application_is_listed(store):
    app_id = create_application(store, ApplicationInput(company="Northwind", role="Backend")).value
    rows = list_rows(store)
    assert [(r.id, r.company, r.stage) for r in rows] == [(app_id, "Northwind", Stage.WISHLIST)]
