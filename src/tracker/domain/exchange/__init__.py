"""Your data is yours: export (JSON, CSV, vCard) and import (JSON, CSV with a column mapping).

No Qt here: the dialogs and the command line both call these modules.

- ``document``: the complete JSON document (every table, a format version) and its schema.
- ``restore``: a JSON document back into a database, empty or not, with a preview.
- ``sheets``: CSV for spreadsheets (formula-safe) and vCard 4.0 for contacts.
- ``files``: atomic, private writes.
"""
