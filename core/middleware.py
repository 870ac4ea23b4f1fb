"""Request clean-up shared by every page, and the pages that say "come back later"."""
import logging

from django.conf import settings
from django.http import QueryDict
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_cache_control

from core import maintenance, pagecache
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


class PublicPageCacheMiddleware:
    """Anonymous requests for public pages are answered from the pages' cache (``core.pagecache``).

    A page is stored when its view allows it (``ReadOnlyPageMixin.page_cache``), under the
    content version, its full address and the language; a signed-in session, a form post
    or maintenance mode always reaches the view. Every stored page carries ``ETag`` and
    ``Last-Modified``, and a conditional request whose validators match gets a 304.

    What a signed-in session gets is marked ``Cache-Control: private, no-cache``: a shared
    proxy never keeps a staff page (the live page, or the admin's) to give it to others.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not pagecache.may_use_cache(request) or maintenance.is_on():
            return private_if_signed_in(request, self.get_response(request))
        version = pagecache.request_version(request)
        key = pagecache.page_key(request, version)
        entry = pagecache.cache().get(key)
        if entry is not None:
            response = pagecache.restore(entry)
        else:
            response = self.get_response(request)
            if not pagecache.may_store(request, response):
                return response
            pagecache.validators(response)
            if timeout := pagecache.seconds_to_keep():
                pagecache.store(key, response, timeout)
        return pagecache.conditional(request, response)

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.page_cache = getattr(view_func, "page_cache", False)


def private_if_signed_in(request, response):
    """Mark the response of a session (or of the login that starts one) private."""
    session = settings.SESSION_COOKIE_NAME
    if session in request.COOKIES or session in response.cookies:
        patch_cache_control(response, private=True, no_cache=True)
    return response


class HeadWithoutBodyMiddleware:
    """The answer to a ``HEAD`` request has headers only, as HTTP requires.

    Django leaves the body to the server, and gunicorn sends whatever it is given (the
    development server and the test client drop it themselves). ``Content-Length`` stays
    that of the ``GET`` answer. Outermost, so that every middleware, the pages' cache
    included, sees the whole page first (it stores it for the ``GET`` requests too).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD":
            if response.streaming:
                response.streaming_content = []
            else:
                response.content = b""
        return response


class PublicPageGZipMiddleware(GZipMiddleware):
    """Compress what carries no secret: pages without a CSRF token, outside a signed-in session.

    Compressed pages that reflect a request's input beside a secret leak the secret
    (BREACH): the admin's forms and anything that asked for a CSRF token stay plain.
    """

    def process_response(self, request, response):
        if settings.SESSION_COOKIE_NAME in request.COOKIES or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return response
        return super().process_response(request, response)
