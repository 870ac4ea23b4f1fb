"""The public pages' cache: a page is rendered once per content version, URL and language.

What a public page shows changes only when content is written, so every such write bumps
one *content version* and every cached page is keyed by it: the first request after a
write renders the page again, and no citizen sees a page older than the last save.

What bumps the version (connected in ``CoreConfig.ready``; the same hooks as the site
search's index):

- ``post_save`` (``loaddata``'s raw saves included), ``post_delete`` and ``m2m_changed``
  of every model of the apps in ``settings.PORTAL_PAGE_CACHE_APPS``: admin edits,
  deletes, reverts of the audit trail, the row-by-row import, fixtures;
- ``core.signals.records_bulk_written``: the fast import path and the undo of an import;
- ``core.signals.document_loaded``: ``load_document``.

The version is bumped at once and again when the writer's transaction commits: a page
rendered from the old rows while the write was in flight was stored under a version that
the commit makes obsolete.

The version and the pages live in the ``pages`` cache (``settings.CACHES``): a file cache
by default, shared by every server process and the task worker on the machine; Redis when
``REDIS_URL`` is set, shared by every machine. A page's time in the cache never outlasts
the next moment it would change by itself: local midnight (「今日」, the fiscal year) and
each moment returned by a function given to :func:`register_next_change` (an emergency
notice's start or end).
"""
from __future__ import annotations

import datetime
import hashlib
import time
import uuid
from collections import OrderedDict

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language

#: The cache alias of the pages and of the content version.
CACHE_ALIAS = "pages"
#: The cache alias of the rendered fragments of pages (``{% fragment %}``): this process's memory.
FRAGMENT_ALIAS = "fragments"
VERSION_KEY = "portal:content-version"

_next_change_functions = []
# Whether this process bumped the version and has not read it since (one bump a batch).
_bumped_since_read = False


def cache():
    return caches[CACHE_ALIAS]


def register_next_change(function):
    """Make ``function(now)`` (the next moment content changes by itself, or None) bound the TTL."""
    _next_change_functions.append(function)
    return function


# The content version


def current_version() -> dict:
    """``{"token": …, "at": seconds since the epoch}`` of the last content write.

    When the cache holds none (first start, a cleared cache), a new version starts now,
    without reading the database: a request answered from the cache makes no query.
    """
    global _bumped_since_read
    _bumped_since_read = False
    version = cache().get(VERSION_KEY)
    if version is None:
        cache().add(VERSION_KEY, {"token": uuid.uuid4().hex, "at": time.time()}, None)
        version = cache().get(VERSION_KEY)
    return version


def bump(**kwargs) -> None:
    """A new content version: every cached page is obsolete."""
    cache().set(VERSION_KEY, {"token": uuid.uuid4().hex, "at": time.time()}, None)


def bump_now_and_on_commit(using=None, **kwargs) -> None:
    """Bump now (for reads on this connection) and once more when the transaction commits.

    Once per batch of writes, not per row: an import of 10,000 rows row by row bumps
    once before this process reads the version again, and once at its commit.
    """
    global _bumped_since_read
    if not _bumped_since_read:
        bump()
        _bumped_since_read = True
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and any(func is bump for _, func, _ in connection.run_on_commit):
        return
    transaction.on_commit(bump, using=using)


def public_models():
    """The models whose records public pages show (``settings.PORTAL_PAGE_CACHE_APPS``)."""
    return [
        model
        for label in settings.PORTAL_PAGE_CACHE_APPS
        for model in apps.get_app_config(label).get_models()
    ]


def content_written(sender, **kwargs) -> None:
    """Receiver of ``post_save`` / ``post_delete`` / ``m2m_changed`` of every model."""
    if sender._meta.app_label in settings.PORTAL_PAGE_CACHE_APPS:
        bump_now_and_on_commit(**kwargs)


def relation_written(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and instance._meta.app_label in settings.PORTAL_PAGE_CACHE_APPS:
        bump_now_and_on_commit(**kwargs)


def request_version(request) -> dict:
    """The content version, read once per request (the pages' cache middleware reads it first)."""
    version = getattr(request, "portal_content_version", None)
    if version is None:
        version = request.portal_content_version = current_version()
    return version


# Values and fragments of pages, kept in this process until content changes
#
# Kept in this process's memory (``CACHES["fragments"]``: no file to read, nothing to
# unpickle beyond a string) but keyed by the content version every process shares: a write
# in any process gives every fragment a new key, so none is ever older than the last save.


def fragments_on() -> bool:
    return settings.PORTAL_FRAGMENT_CACHE_SECONDS > 0


def fragment_key(request, name, *vary) -> str:
    """The key of fragment ``name``: content version, language, local day, whether a session
    is signed in (staff see a few more details), and ``vary`` (what else the fragment shows:
    the page's path, a record's key, a query string…)."""
    signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES
    parts = "\x1f".join(map(str, (name, signed_in, *vary)))
    digest = hashlib.md5(parts.encode(), usedforsecurity=False).hexdigest()
    return (
        f"portal:fragment:{request_version(request)['token']}:{get_language()}:"
        f"{timezone.localdate().isoformat()}:{digest}"
    )


def fragment(request, name, render, *vary):
    """``render()`` (a fragment of the page), kept per ``fragment_key`` while content is unchanged."""
    if not fragments_on() or request is None:
        return render()
    key = fragment_key(request, name, *vary)
    store = caches[FRAGMENT_ALIAS]
    text = store.get(key)
    if text is None:
        text = render()
        store.set(key, text, settings.PORTAL_FRAGMENT_CACHE_SECONDS)
    return text


#: name → (version token, value); the least recently used go beyond ``MAX_VALUES``.
_values = OrderedDict()
MAX_VALUES = 256


def for_this_version(request, name, compute):
    """``compute()``, kept in this process until content changes.

    For what a page reads on every request and only shows (the emergency notices not yet
    ended, the records a page of the document is made of, with their related rows read
    together): nothing may change the value once computed. The same switch as the
    fragments (``settings.PORTAL_FRAGMENT_CACHE_SECONDS``).
    """
    if not fragments_on():
        return compute()
    token = request_version(request)["token"] if request is not None else current_version()["token"]
    held = _values.get(name)
    if held is None or held[0] != token:
        held = _values[name] = (token, compute())
        while len(_values) > MAX_VALUES:
            _values.popitem(last=False)
    else:
        _values.move_to_end(name)
    return held[1]


def remembered(name, compute):
    """``compute()``, kept until content changes (values every page reads, e.g. choices)."""
    if settings.PORTAL_PAGE_CACHE_SECONDS <= 0:
        return compute()
    key = f"portal:value:{current_version()['token']}:{name}"
    return cache().get_or_set(key, compute, settings.PORTAL_PAGE_CACHE_SECONDS)


# Pages


def seconds_to_keep(now=None) -> int:
    """How long a page rendered ``now`` may be served: until the next change by itself."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    midnight = timezone.make_aware(
        datetime.datetime.combine(local.date() + datetime.timedelta(days=1), datetime.time())
    )
    moments = [midnight] + [moment for f in _next_change_functions if (moment := f(now))]
    until = min(moments) - now
    return max(0, min(settings.PORTAL_PAGE_CACHE_SECONDS, int(until.total_seconds())))


def may_use_cache(request) -> bool:
    """Anonymous GET and HEAD requests only: a signed-in session always sees live pages."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and settings.PORTAL_PAGE_CACHE_SECONDS > 0
    )


def page_key(request, version) -> str:
    address = hashlib.md5(request.build_absolute_uri().encode(), usedforsecurity=False).hexdigest()
    return f"portal:page:{version['token']}:{request.LANGUAGE_CODE}:{address}"


def may_store(request, response) -> bool:
    return (
        getattr(request, "page_cache", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Content-Encoding")
    )


def validators(response) -> None:
    """``ETag`` (of the content), ``Last-Modified`` (when the page was rendered); browsers
    revalidate.

    Not the version's time: a page also changes by itself (a notice starts or ends, a new
    day or 年度 begins) and is rendered again then, so a client that asks by date alone
    (``If-Modified-Since``) must see it as newer.
    """
    digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
    response.headers["ETag"] = f'"{digest}"'
    response.headers["Last-Modified"] = http_date(time.time())
    # Stored by the browser, but asked for again every time (a 304 when unchanged): a
    # citizen's browser never shows a page older than the last save either.
    patch_cache_control(response, no_cache=True)


def store(key, response, timeout) -> None:
    cache().set(key, (response.status_code, list(response.items()), response.content), timeout)


def restore(entry) -> HttpResponse:
    status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    return response


def conditional(request, response):
    """304 Not Modified for a conditional request whose validators still match."""
    return get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=parse_http_date_safe(response["Last-Modified"]),
        response=response,
    )
