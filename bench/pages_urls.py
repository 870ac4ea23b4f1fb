"""The portal's URLs and ``/bench-hello/``: the cheapest page Django can serve through the
portal's whole middleware stack (outside a transaction, like the public pages)."""
from django.db import transaction
from django.http import HttpResponse
from django.urls import path

from kumamoto_portal.urls import handler500, urlpatterns as portal_urlpatterns  # noqa: F401


@transaction.non_atomic_requests
def hello(request):
    return HttpResponse("Hello, world", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench-hello/", hello), *portal_urlpatterns]
