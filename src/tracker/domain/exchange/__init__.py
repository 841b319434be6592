"""Your data is yours: export (JSON, CSV, vCard) and import (JSON, CSV with a column mapping).

No Qt here: the dialogs and the command line both call these modules.

- ``document``: the complete JSON document (every table, a format version) and its schema.
- ``restore``: a JSON document back into a database, empty or not, with a preview.
- ``sheets``: CSV for spreadsheets (formula-safe); ``vcard``: contacts as vCard 4.0.
- ``sniff``: reading any CSV safely (encoding, delimiter, header, streamed rows).
- ``values``: dates, salaries, stage names and the like, as spreadsheets write them.
- ``presets``: LinkedIn, Teal, Huntr and generic column meanings.
- ``table_import``, ``table_values``, ``table_writer``: the mapping, the checks, the write.
- ``report``: what an import did or would do; ``files``: atomic, private writes.
"""
