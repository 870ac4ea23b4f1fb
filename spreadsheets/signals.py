"""Signals of the spreadsheets app, for the apps that want to know what an import did.

``import_confirmed`` is sent once per confirmed admin import, after its rows are written
and inside the same transaction: what a receiver writes is committed with the import, and
a receiver that raises takes the whole import back (nothing is written, the job fails).
It is the one place that says what was imported (an import batch can hook in here).

Arguments (all keyword):

- ``sender``: the model class imported into;
- ``user``: the staff user who confirmed the import;
- ``model``: the same model class;
- ``file_name``: the uploaded file's name;
- ``counts``: ``{"new": n, "update": n, "delete": n, "skip": n}``;
- ``reason``: the 変更理由 typed on confirm (``""`` when none; also the history rows'
  change reason);
- ``result``: django-import-export's ``Result``: ``result.rows`` holds every row's
  ``RowResult`` with ``import_type``, ``object_id`` (new records' ids included) and
  ``instance``;
- ``job``: the ``SpreadsheetJob`` (its ``id`` names the import).
"""
from django.dispatch import Signal

import_confirmed = Signal()
