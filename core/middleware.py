"""Request clean-up shared by every page, and the pages that say "come back later"."""
import logging

from django.http import QueryDict

from core import maintenance
from core.database import is_busy_error
from core.views import unavailable

logger = logging.getLogger(__name__)


class StripNulFromQueryMiddleware:
    """Remove NUL characters (``%00``) from query-string names and values.

    PostgreSQL text cannot hold NUL, so a filter value with one made the database raise
    (an HTTP 500 in the admin's list filters). No real value contains NUL, so dropping it
    corrects the request instead of refusing it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.GET.urlencode() or "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


class MaintenanceModeMiddleware:
    """While maintenance mode is on (``core.maintenance``), every page answers 「メンテナンス中です」.

    Public pages and the admin alike, with HTTP 503 and ``Retry-After``; only the static
    files (served before this middleware) still load. It sits after the security and CSP
    middleware, which still add their headers, and before any view touches the database.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if maintenance.is_on():
            return unavailable(request, "maintenance.html")
        return self.get_response(request)


class DatabaseBusyMiddleware:
    """A view that fails because the database is busy answers a Japanese 503, never a 500.

    Busy means another writer held SQLite's lock past the busy timeout (or PostgreSQL
    gave up waiting for a lock): see ``core.database``. The same error raised outside a
    view (a session saved after it) reaches ``core.views.server_error``, which answers
    the same page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_busy_error(exception):
            logger.warning("database busy: %s %s", request.method, request.path)
            return unavailable(request, "503.html")
        return None
