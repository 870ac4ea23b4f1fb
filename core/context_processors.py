"""Template context shared by every public page: the page's address in each language."""
from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
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
    urlconf = getattr(request, "urlconf", None)
    try:
        match = resolve(request.path_info, urlconf)
    except Resolver404:
        return {"language_versions": []}
    query = request.GET.urlencode()
    versions = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            try:
                url = reverse(match.view_name, urlconf, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                return {"language_versions": []}
        address = f"{url}?{query}" if query else url
        versions.append(
            {"code": code, "name": name, "url": address, "absolute_url": request.build_absolute_uri(address)}
        )
    if len({version["url"] for version in versions}) < len(versions):
        return {"language_versions": []}
    return {"language_versions": versions}
