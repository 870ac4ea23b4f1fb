"""Template context shared by every public page: the page's address in each language."""
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import NoReverseMatch, Resolver404, get_script_prefix, resolve, reverse
from django.utils import translation


def language_versions(request):
    """``language_versions``: one entry per language of the page — code, name, address
    (``url``, and ``absolute_url`` with scheme and host, as ``hreflang`` alternates need).

    A page of the public tree (``i18n_patterns``) exists in Japanese and English; each
    address keeps the query string, so a filtered or paged list links to the same list in
    the other language. Pages outside the tree (the admin, an address that resolves to
    nothing or to a view without a name) get an empty list: they have no other language
    to link to.
    """
    query = request.GET.urlencode()
    versions = _addresses(
        request.path_info,
        getattr(request, "urlconf", None) or settings.ROOT_URLCONF,
        get_script_prefix(),
        translation.get_language(),
    )
    addresses = [(code, name, f"{url}?{query}" if query else url) for code, name, url in versions]
    try:
        origin = request.build_absolute_uri("/")[:-1]
    except DisallowedHost:
        # The 400 page of a request to a host name not ours: no address with that host.
        origin = ""
    return {
        "language_versions": [
            {"code": code, "name": name, "url": address, "absolute_url": origin + address}
            for code, name, address in addresses
        ]
    }


@lru_cache(maxsize=2048)
def _addresses(path_info, urlconf, script_prefix, language):
    """``(code, name, address)`` of the page at ``path_info`` in each language, or ().

    Once per path and process: the URLs do not change while the process runs (a resolve
    and a reverse per language cost more than the rest of a small page). The arguments
    are what the answer depends on: the language resolves the ``/en/`` prefix.
    """
    try:
        match = resolve(path_info, urlconf)
    except Resolver404:
        return ()
    versions = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            try:
                url = reverse(match.view_name, urlconf, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                return ()
        versions.append((code, name, url))
    if len({url for _, _, url in versions}) < len(versions):
        return ()
    return tuple(versions)
