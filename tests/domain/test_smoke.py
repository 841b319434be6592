from tests.domain.reading import table_rows
from tracker.db.enums import Stage
from tracker.domain.applications import ApplicationInput, create_application


def test_created_application_is_listed(store):
    app_id = create_application(store, ApplicationInput(company="Northwind", role="Backend")).value
    rows = table_rows(store)
    assert [(r.id, r.company, r.stage) for r in rows] == [(app_id, "Northwind", Stage.WISHLIST)]
