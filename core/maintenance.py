"""Maintenance mode (メンテナンス中): every page answers 503 while the data is replaced.

Switched with ``manage.py maintenance on|off`` (``restore_portal --maintenance`` does it
around a restore). The switch is a file, ``settings.PORTAL_MAINTENANCE_FILE`` (default
``maintenance.on`` beside ``manage.py``): every worker of the server sees it at its next
request, it costs one ``stat`` per request, it survives a restore that empties or drops
the tables (a flag in the database would not), and it works while the database is down.
With several application servers, point it at storage they share.

The portal counts as serving whenever maintenance mode is off.
"""
from pathlib import Path

from django.conf import settings
from django.utils import timezone


def switch_file():
    """Return the switch file's path (``Path``)."""
    return Path(settings.PORTAL_MAINTENANCE_FILE)


def is_on():
    """Whether maintenance mode is on (the switch file exists)."""
    return switch_file().exists()


def switch_on(reason=""):
    """Turn maintenance mode on; the file records when and why (for whoever finds it)."""
    path = switch_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{timezone.localtime().isoformat()} {reason}\n".rstrip() + "\n", encoding="utf-8")


def switch_off():
    """Turn maintenance mode off (nothing happens when it is off already)."""
    switch_file().unlink(missing_ok=True)
