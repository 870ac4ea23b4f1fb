"""URLs for the error-page tests: the portal's own, plus a view that fails on purpose."""
from django.urls import path

from kumamoto_portal.urls import urlpatterns as portal_urlpatterns


def broken_view(request):
    """Fail the way a bug would, with an internal detail in the message."""
    raise RuntimeError("internal-detail: SELECT secret FROM settings.py")


urlpatterns = [path("broken/", broken_view), *portal_urlpatterns]
