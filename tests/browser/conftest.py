"""The browser suite: the public pages and the admin in a real Chromium, checked with axe-core (WCAG 2.1 A/AA).

Python ``playwright`` drives Debian's ``/usr/bin/chromium`` (never a browser that
playwright downloads); ``axe-playwright-python`` ships axe-core's ``axe.min.js``
(MPL-2.0). Without either, every test here is skipped with the reason; ``make
test-browser`` (which CI runs) installs them and sets ``PORTAL_REQUIRE_BROWSER=1``, under
which a missing one is an error instead.

The pages are served by pytest-django's ``live_server`` and read the document's data that
the root ``conftest.py`` loaded and committed once. These tests write nothing but a signed-in
user and its session, made here and removed afterwards, so they run without a test
transaction (a transactional test would flush the loaded document for the tests after it).
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
#: Where screenshots go when PORTAL_SCREENSHOTS names a folder (never the repository).
SCREENSHOTS = os.environ.get("PORTAL_SCREENSHOTS")


def _missing():
    missing = []
    for module in ("playwright", "axe_playwright_python"):
        if importlib.util.find_spec(module) is None:
            missing.append(f"Python の {module}")
    if not Path(CHROMIUM).exists():
        missing.append(CHROMIUM)
    return missing


def pytest_collection_modifyitems(config, items):
    missing = _missing()
    if not missing:
        return
    reason = "ブラウザのテストを飛ばします: " + "、".join(missing) + " がありません(make test-browser が入れます)"
    if os.environ.get("PORTAL_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(reason.replace("飛ばします", "実行できません"))
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="module")
def live_server(request, django_db_setup, django_db_blocker):
    """pytest-django's live server, for one module, serving plain HTTP.

    Its middleware reads the security settings once, when it starts (before any
    function-scoped ``settings`` change), so they are set for its whole life here.
    """
    from django.test.utils import override_settings
    from pytest_django.live_server_helper import LiveServer

    address = request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    # The server's thread reads the database for as long as it runs, between tests too
    # (a request still finishing), never inside a test transaction.
    with django_db_blocker.unblock(), override_settings(
        SECURE_SSL_REDIRECT=False, SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False
    ):
        server = LiveServer(address)
        yield server
        server.stop()


@pytest.fixture(autouse=True)
def _live_server_helper(request):
    """pytest-django's helper without its ``transactional_db`` (see the module docstring):
    only the live server's settings (its host in ``ALLOWED_HOSTS``)."""
    if "live_server" not in request.fixturenames:
        yield
        return
    server = request.getfixturevalue("live_server")
    server._live_server_modified_settings.enable()
    yield
    server._live_server_modified_settings.disable()


@pytest.fixture(scope="module")
def browser():
    """Chromium, for one test module. Playwright's synchronous API keeps an event loop
    running in this thread, so Django's guard against database calls from async code is
    lifted while it runs (the calls are synchronous) and put back when it stops."""
    from playwright.sync_api import sync_playwright

    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            TEST_RESULT.browser = f"Chromium {chromium.version}"
            yield chromium
            chromium.close()
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture(scope="module")
def signed_in_session(django_db_setup, django_db_blocker):
    """A superuser's session id, committed (the live server reads it); removed afterwards."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session
    from django.test import Client

    with django_db_blocker.unblock():
        user = get_user_model().objects.create_superuser("browser-admin", password=None)
        client = Client()
        client.force_login(user)
        session_id = client.cookies["sessionid"].value
    yield session_id
    with django_db_blocker.unblock():
        Session.objects.filter(session_key=session_id).delete()
        user.delete()


class PageOpener:
    """Opens pages of the live server in fresh browser contexts and closes them all at the end."""

    def __init__(self, browser, live_server, cookies=()):
        self.browser, self.live_server, self.cookies, self.contexts = browser, live_server, cookies, []

    def __call__(self, path, width=1280):
        context = self.browser.new_context(viewport={"width": width, "height": 900}, locale="ja-JP")
        self.contexts.append(context)
        if self.cookies:
            context.add_cookies([{**cookie, "url": self.live_server.url} for cookie in self.cookies])
        page = context.new_page()
        # Every request the page makes (its icon too) ends before the test does.
        response = page.goto(self.live_server.url + path, wait_until="networkidle")
        assert response.status == 200, f"{path}: HTTP {response.status}"
        return page

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def admin_page(browser, live_server, signed_in_session):
    """A function ``open(path, width)`` returning a signed-in page at ``width`` px."""
    opener = PageOpener(browser, live_server, [{"name": "sessionid", "value": signed_in_session}])
    yield opener
    opener.close()


@pytest.fixture
def public_page(browser, live_server):
    """A function ``open(path, width)`` returning a page as a citizen sees it (no login)."""
    opener = PageOpener(browser, live_server)
    yield opener
    opener.close()


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def run_axe(page):
    """axe-core's results (its JSON answer) for ``page``: the rules of ``WCAG_TAGS``."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}).response


def violation_lines(results):
    """The violations in axe-core's ``results``, as readable lines (empty: none)."""
    lines = []
    for violation in results["violations"]:
        targets = [" ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['id']} ({len(violation['nodes'])}件): {violation['help']} — {targets}")
    return lines


def axe_violations(page):
    """axe-core's WCAG 2.1 A/AA violations of ``page``, as readable lines (empty: none)."""
    return violation_lines(run_axe(page))


class PublishedResult:
    """What ``make a11y-report`` publishes: each axe-core run of the public pages' crawl
    (``record``) and the outcome of each test marked ``wcag_check`` (its key in
    ``accessibility.report.CHECKS``). Written at the end of the session to the file that
    ``PORTAL_A11Y_REPORT`` names, when it does and anything was recorded."""

    def __init__(self):
        self.runs, self.checks, self.browser = [], {}, ""

    def record(self, path, width, results):
        self.runs.append((path, width, results))

    def check(self, key, passed):
        # A check run several times (parametrized) has failed when any run failed.
        self.checks[key] = "passed" if passed and self.checks.get(key, "passed") == "passed" else "failed"

    def write(self, path):
        from django.utils import timezone

        from accessibility.report import build_report, write_report

        document = build_report(
            self.runs,
            self.checks,
            tested_at=timezone.localtime(),
            runner=f"axe-playwright-python {importlib.metadata.version('axe-playwright-python')}",
            browser=self.browser,
        )
        write_report(path, document)


TEST_RESULT = PublishedResult()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    marker = item.get_closest_marker("wcag_check")
    if marker and (report.when == "call" or report.failed):
        TEST_RESULT.check(marker.args[0], report.passed)
    return report


def pytest_sessionfinish(session):
    path = os.environ.get("PORTAL_A11Y_REPORT")
    # Under pytest-xdist each worker saw part of the crawl: only one process writes the result.
    if path and TEST_RESULT.runs and not hasattr(session.config, "workerinput"):
        TEST_RESULT.write(path)


def screenshot(page, name):
    """Save screenshots of the whole page and of the window to ``$PORTAL_SCREENSHOTS``
    (``<name>.png``, ``<name>-top.png``) when that names a folder."""
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}-top.png"))


def horizontal_overflow(page):
    """How many px the page is wider than the window (0: no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
