"""What the portal tells people when the database is busy, and how it recognises that.

SQLite lets one writer in at a time: a second one waits up to the busy timeout
(``PORTAL_SQLITE_BUSY_SECONDS``, see the settings) and then fails with
``OperationalError: database is locked``. PostgreSQL fails the same way when a lock wait
is cancelled or two transactions deadlock. None of that is the user's fault nor a bug:
pages, the import confirm and ``import_sheet`` say :data:`BUSY_MESSAGE` and nothing else.
"""
from django.db import OperationalError

BUSY_MESSAGE = "データベースが使用中です。しばらくしてからもう一度お試しください。"
#: Seconds a busy or maintenance page asks the browser to wait (``Retry-After``).
RETRY_AFTER_SECONDS = 30

# SQLite: a writer waited for the busy timeout ("database is locked"), or a shared-cache
# (in-memory) database's table lock. PostgreSQL: lock_not_available (a lock_timeout or
# NOWAIT) and deadlock_detected.
_SQLITE_BUSY = ("database is locked", "database table is locked")
_POSTGRESQL_BUSY = {"55P03", "40P01"}


def is_busy_error(error):
    """Whether ``error`` (an exception) is, or was caused by, the database being busy.

    Follows ``__cause__`` and ``__context__``, so a lock wrapped in another error (a row
    error of an import, a 400 of a changelist) is found too.
    """
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OperationalError):
            if any(text in str(error) for text in _SQLITE_BUSY):
                return True
            original = error.__cause__
            if getattr(original, "sqlstate", None) in _POSTGRESQL_BUSY:
                return True
        error = error.__cause__ or error.__context__
    return False
