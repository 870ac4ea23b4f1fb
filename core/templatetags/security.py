"""Template filters of the security pages (the login lockout page)."""
from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def lockout_duration(value):
    """Show a ``timedelta`` as Japanese hours and minutes: ``1時間``, ``1時間30分``, ``15分``.

    Seconds are rounded up to the next minute, so a lock is never announced as shorter than
    it is. Anything that is not a ``timedelta`` is shown as an empty string.
    """
    if not isinstance(value, timedelta):
        return ""
    minutes = -(-int(value.total_seconds()) // 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours}時間")
    if minutes or not hours:
        parts.append(f"{minutes}分")
    return "".join(parts)
