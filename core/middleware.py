"""Request clean-up shared by every page."""
from django.http import QueryDict


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
