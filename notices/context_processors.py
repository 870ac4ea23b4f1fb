"""The notices in force, for the public pages' base template (``includes/emergency_notices.html``).

Lazy: nothing is read on a page that does not show the notices (not on admin pages).
While fragments are kept (``settings.PORTAL_FRAGMENT_CACHE_SECONDS``), the notices not yet
ended are read once per content version and process (any save of a notice makes a new
version), and the ones in force are picked from them at each request: a notice still
starts and ends on time without a write.
"""
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from core import pagecache

from .models import EmergencyNotice


def emergency_notices(request):
    def in_force():
        if not pagecache.fragments_on():
            return list(EmergencyNotice.objects.in_force())
        now = timezone.now()
        not_ended = pagecache.for_this_version(
            request, "notices:not-ended", lambda: list(EmergencyNotice.objects.not_ended(now))
        )
        return [notice for notice in not_ended if notice.is_in_force(now)]

    return {"emergency_notices": SimpleLazyObject(in_force)}
