"""The notices in force, for the public pages' base template (``includes/emergency_notices.html``).

Lazy: the query runs only on a page that shows the notices (not on admin pages).
"""
from .models import EmergencyNotice


def emergency_notices(request):
    return {"emergency_notices": EmergencyNotice.objects.in_force()}
