"""Root pytest configuration: every test database starts with the whole document loaded.

The fixtures in ``fixtures/*.json`` are loaded once per test session into the test
database, exactly as ``make run`` loads them, so tests read the real document's data.
"""
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures"

# The old_layout_database fixture: a database made by the code before the shared apps.
# portal_database / file_portal: a portal on a real SQLite file, in other processes.
pytest_plugins = ["tests.support.old_layout", "tests.support.sqlite_file"]


def fixture_files():
    """Return the fixture files in load order (file names sort by their number prefix)."""
    return sorted(str(path) for path in FIXTURE_DIR.glob("*.json"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load every fixture of the document into the test database, once.

    As ``load_document`` does, each loaded record then gets its initial history row.
    """
    from audit.history import FIXTURE_REASON, record_current_state

    with django_db_blocker.unblock():
        files = fixture_files()
        if files:
            call_command("loaddata", *files, verbosity=0)
            record_current_state(reason=FIXTURE_REASON)


@pytest.fixture(autouse=True)
def _no_language_left_active():
    """Every test starts in the default language (Japanese), whatever the test before did.

    A request to an English page (``/en/…``) leaves English active in the thread
    (LocaleMiddleware activates it and nothing switches back), and ``reverse()`` would then
    give the ``/en/`` addresses to the next test.
    """
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Serve static files without the production manifest, which needs ``collectstatic``."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _plain_http_test_client(settings):
    """The test client speaks plain HTTP: no redirect to HTTPS (production redirects)."""
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hash test passwords with a fast hasher (production keeps PBKDF2).

    Every ``admin_user``/``admin_client`` and ``create_user(password=…)`` hashes a password;
    with PBKDF2's many iterations that was a large share of the suite's time.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _maintenance_switch_of_the_test(settings, tmp_path_factory):
    """Maintenance mode off, and its switch file apart from the project's own."""
    settings.PORTAL_MAINTENANCE_FILE = tmp_path_factory.mktemp("maintenance") / "maintenance.on"


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Background tasks run at once, inside the request that enqueues them (django-tasks'
    immediate backend); tests of the real worker set ``settings.TASKS`` themselves."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _live_pages(settings):
    """Pages are rendered live, and whole (no kept fragments): the tests of a page count its
    queries and read what rows a test wrote without signals (``bulk_create``). The cache's
    own tests turn them on (``tests/core/test_page_cache.py``), each with empty caches."""
    from django.core.cache import caches

    from core import pagecache

    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    settings.PORTAL_FRAGMENT_CACHE_SECONDS = 0
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-pages"},
    }
    caches["pages"].clear()
    caches["fragments"].clear()
    pagecache._values.clear()
