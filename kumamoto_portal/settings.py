"""Settings of the Kumamoto city portal.

Every deployment-specific value is read once from the environment (django-environ):

- ``DJANGO_DEBUG`` (bool, default False)
- ``SECRET_KEY`` (required unless ``DJANGO_DEBUG=1``)
- ``DATABASE_URL`` (default: SQLite file ``db.sqlite3`` beside ``manage.py``;
  production uses ``postgres://…``)
- ``ALLOWED_HOSTS`` (comma separated; default ``127.0.0.1,localhost`` in debug, empty otherwise)
"""
import re
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy, gettext_noop

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
if DEBUG:
    # A development-only key: production must set SECRET_KEY, and has no default.
    SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-development-only-key-kumamoto")
else:
    SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"] if DEBUG else []
)

INSTALLED_APPS = [
    # English versions of content fields (name_en …, registered in each app's translation.py).
    # First: the translated fields exist before the audit trail builds each content model's
    # history (AuditConfig.ready), so English edits are recorded too.
    "modeltranslation",
    # The portal's shared apps, lowest layer first (the import contracts are in
    # .importlinter). Before Django's and the libraries' apps: their templates override the
    # libraries' (import_export's export page, simple_history's history pages), and every
    # content model has its history (AuditConfig.ready) before the admin modules are read.
    "core",
    "audit",
    "roles",
    "spreadsheets",
    "backups",
    "search",
    "graphics",
    "backoffice",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "import_export",
    "simple_history",
    "axes",  # security: login lockout (see the security block at the end)
    # Background tasks (spreadsheet imports and exports; see the block after the spreadsheets').
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    # Content apps: one per section of the document.
    "planning",
    "exchange",
    "public_relations",
    "recovery",
    "notices",
    # ウェブアクセシビリティ方針 and the latest test result of the public pages.
    "accessibility",
    # Open data: the datasets and catalogue read from the content apps.
    "opendata",
    # Readers of every content app: the JSON API, the feeds and the sitemap.
    "api",
    "feeds",
]

MIDDLEWARE = [
    # A HEAD request gets the headers of the page without its body (gunicorn sends any
    # body it is given): outermost, after every other middleware has seen the whole page.
    "core.middleware.HeadWithoutBodyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Compresses pages that carry no secret (BREACH: not the admin's forms), after every
    # other middleware has written the response.
    "core.middleware.PublicPageGZipMiddleware",
    # CORS headers on the API (CORS_URLS_REGEX), also on the answers of the middleware below.
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.StripNulFromQueryMiddleware",
    # Anonymous requests for public pages from the pages' cache (core.pagecache): after the
    # language is known, before anything below runs for a page already rendered.
    "core.middleware.PublicPageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Audit trail: history rows written during a request name the signed-in user.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # security: Content Security Policy header, then login lockout (axes must come last)
    "csp.middleware.CSPMiddleware",
    # Maintenance mode and a busy database answer a Japanese 503 (inside CSP: its header
    # is kept; before any view reads the database).
    "core.middleware.MaintenanceModeMiddleware",
    "core.middleware.DatabaseBusyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kumamoto_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.language_versions",
                "notices.context_processors.emergency_notices",
            ],
            "builtins": [
                "core.templatetags.wareki",
                "core.templatetags.portal",
                "core.templatetags.languages",
                "django.templatetags.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "kumamoto_portal.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Connections are kept between requests (seconds; 0 closes each at the end of its request)
# and checked before reuse, so a restarted database server costs one retry, not an error.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("PORTAL_DB_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("PORTAL_DB_CONN_HEALTH_CHECKS", default=True)
# --- SQLite as an embedded database (PostgreSQL is left as it is) ---
# WAL: pages read while an import writes (readers never wait for the writer). A busy
# timeout: a second writer waits for the first instead of failing at once. Immediate
# transactions: a transaction takes the write lock when it begins, so two imports queue up;
# a deferred one that has read would find the lock taken when it first writes and fail
# without waiting (SQLite cannot upgrade a stale read snapshot to a write).
# With ATOMIC_REQUESTS every request's view runs in such a transaction. The public pages
# only read and opt out (core.views.ReadOnlyPageMixin: no transaction, so citizens never
# wait for the write lock). Admin requests keep theirs: staff pages are few, and each of
# them writes the session anyway (SESSION_SAVE_EVERY_REQUEST), so it needs the lock all the
# same. A lock still not free after the timeout is a Japanese 503 (core.middleware).
# synchronous stays FULL (the default): a committed import survives a power cut.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": env.float("PORTAL_SQLITE_BUSY_SECONDS", default=20.0),
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ja"
# Japanese at the current addresses, English under /en/ (i18n_patterns in the root URLs);
# the admin stays Japanese. Our own messages are written in Japanese (the msgids) and
# translated in locale/en; locale/ja completes the libraries' Japanese.
LANGUAGES = [("ja", "日本語"), ("en", "English")]
# django-modeltranslation: every translated field has name_ja and name_en; an empty English
# version falls back to the Japanese one. Labels read 「都市名(英語)」 in the admin and in
# spreadsheet headers.
MODELTRANSLATION_DEFAULT_LANGUAGE = "ja"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("ja",)
MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = lambda verbose_name, language: (  # noqa: E731
    f"{verbose_name}(英語)" if language == "en" else f"{verbose_name}(日本語)"
)
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Spreadsheet files (the spreadsheets app; its file formats are set on its admin mixin) ---
PORTAL_IMPORT_MAX_BYTES = env.int("PORTAL_IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
PORTAL_IMPORT_MAX_ROWS = env.int("PORTAL_IMPORT_MAX_ROWS", default=50_000)
PORTAL_IMPORT_MAX_UNZIPPED_BYTES = env.int("PORTAL_IMPORT_MAX_UNZIPPED_BYTES", default=100 * 1024 * 1024)
# An upload waits between preview and confirm in its job (spreadsheets.SpreadsheetJob, a
# database row every server and worker sees; see the background tasks block below).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# --- end of spreadsheet files ---

# --- The public pages' cache (core.pagecache) ---
# Anonymous public pages are kept per content version, address and language. The version
# and the pages must be seen by every process that serves pages or writes content (server
# workers, the task worker): a file cache on this machine, or Redis with REDIS_URL.
# PORTAL_PAGE_CACHE_SECONDS bounds a page's time in the cache (0 turns the cache off). The
# version follows content, not code: the development server (DEBUG) caches nothing by
# default, so a changed template or catalogue shows at once; a release changes
# PORTAL_PAGE_CACHE_PREFIX (or empties the cache) for the same reason.
PORTAL_PAGE_CACHE_SECONDS = env.int("PORTAL_PAGE_CACHE_SECONDS", default=0 if DEBUG else 3600)
PORTAL_PAGE_CACHE_DIR = env.path("PORTAL_PAGE_CACHE_DIR", default=BASE_DIR / ".cache" / "pages")
# Fragments of pages (the document's long sections, the map, the menus) and values every
# page reads (the notices not yet ended), kept in each process's memory under the same
# content version: a page the cache above does not hold (another query string, a signed-in
# session, its first request after a write in another part of the site) is put together
# from them instead of rendered whole. 0 turns them off (the development server, the tests).
PORTAL_FRAGMENT_CACHE_SECONDS = env.int("PORTAL_FRAGMENT_CACHE_SECONDS", default=0 if DEBUG else 3600)
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "portal-fragments",
    "OPTIONS": {"MAX_ENTRIES": env.int("PORTAL_FRAGMENT_CACHE_MAX_ENTRIES", default=2000)},
}
# Apps whose records public pages show: a save, delete or import of any of their models
# makes every cached page obsolete.
PORTAL_PAGE_CACHE_APPS = ["core", "planning", "exchange", "public_relations", "recovery", "notices"]
# import_export's Japanese catalogue is half done; ours (locale/ja) completes it.
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Background tasks (django-tasks): spreadsheet imports and exports run in a worker ---
# Without REDIS_URL the queue is a database table and `manage.py db_worker` runs it (make
# run starts one beside the web server). With REDIS_URL the queue is RQ on that Redis, for
# several workers on several machines (`manage.py rqworker default`).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    INSTALLED_APPS.append("django_rq")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env.str("PORTAL_PAGE_CACHE_PREFIX", default="kumamoto-portal"),
    }
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 60 * 60}}
    RQ_SHOW_ADMIN_LINK = False  # django-rq's queue pages are English; `rqinfo` shows them
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": PORTAL_PAGE_CACHE_DIR,
        "OPTIONS": {"MAX_ENTRIES": env.int("PORTAL_PAGE_CACHE_MAX_ENTRIES", default=5000)},
    }
# A job still waiting or running after this many minutes is shown as failed (its worker
# was stopped or killed; a killed import has written nothing).
PORTAL_TASK_TIMEOUT_MINUTES = env.int("PORTAL_TASK_TIMEOUT_MINUTES", default=15)
# Uploads, previews and export files are kept this long for their owner, then deleted.
PORTAL_SPREADSHEET_JOB_HOURS = env.int("PORTAL_SPREADSHEET_JOB_HOURS", default=24)
# Exports of up to this many records download at once; larger ones run in the worker.
PORTAL_EXPORT_INLINE_MAX_ROWS = env.int("PORTAL_EXPORT_INLINE_MAX_ROWS", default=1000)
# --- end of background tasks ---
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Roles: import and export each need their own per-model permission
# (import_<model>, export_<model>; created after migrate, see roles/permissions.py).
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"

# The latest accessibility test result, shown on /accessibility/ (`make a11y-report` writes it).
PORTAL_ACCESSIBILITY_REPORT = BASE_DIR / "accessibility" / "data" / "report.json"

# Public lists page at this many rows.
PORTAL_PAGE_SIZE = env.int("PORTAL_PAGE_SIZE", default=20)
# ... and show at most this many pages: deeper pages would cost the database every row
# before them; the filters and the downloads reach every row (core.views.PortalPaginator).
PORTAL_MAX_PAGES = env.int("PORTAL_MAX_PAGES", default=50)
# The "no filter" choice of every public list filter (django-filter).
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("すべて")

# --- The portal's own name on the web: the Atom feeds' ids ---
# Each feed and entry is named by a tag URI (RFC 4151), tag:<domain>,<date>:<what>
# (tag:portal.example.jp,2026-12-01:exchange-activities/42): the same whatever address or
# language a request used, so a feed reader never sees an entry twice. PORTAL_SITE_DOMAIN
# is the portal's domain name, by default the first host name of ALLOWED_HOSTS (not an
# address or a wildcard), else localhost; PORTAL_SITE_DOMAIN_DATE a day on which that
# domain was the portal's (YYYY, YYYY-MM or YYYY-MM-DD). Changing either changes every id.
_DOMAIN_NAME = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$")
PORTAL_SITE_DOMAIN = env.str(
    "PORTAL_SITE_DOMAIN",
    default=next((host.lstrip(".") for host in ALLOWED_HOSTS if _DOMAIN_NAME.match(host.lstrip("."))), "localhost"),
)
PORTAL_SITE_DOMAIN_DATE = env.str("PORTAL_SITE_DOMAIN_DATE", default="2026-12-01")
if not _DOMAIN_NAME.match(PORTAL_SITE_DOMAIN):
    raise ImproperlyConfigured(f"PORTAL_SITE_DOMAIN は portal.example.jp のようなドメイン名にしてください: {PORTAL_SITE_DOMAIN!r}")
if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", PORTAL_SITE_DOMAIN_DATE):
    raise ImproperlyConfigured(f"PORTAL_SITE_DOMAIN_DATE は 2026-12-01 のような日付にしてください: {PORTAL_SITE_DOMAIN_DATE!r}")

# --- The read-only JSON API (/api/v1/, Django REST framework + drf-spectacular) ---
# Anonymous GET only: no authentication is read (a staff session changes nothing), JSON is
# the only format, no request body is parsed. The rate limit counts requests per client
# address in the "default" cache: per process with the local-memory cache, shared by every
# worker once the cache is Redis. Behind a reverse proxy set PORTAL_API_PROXIES to the
# number of proxies in front of the portal, so that the client's address is read from
# X-Forwarded-For; with 0 (the default) that header is ignored and cannot be forged.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PortalApiPagination",
    "PAGE_SIZE": env.int("PORTAL_API_PAGE_SIZE", default=100),
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env.str("PORTAL_API_RATE", default="60/minute")},
    "NUM_PROXIES": env.int("PORTAL_API_PROXIES", default=0),
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    # A record's own API address; not "url", which is a field of some records (web channels).
    "URL_FIELD_NAME": "api_url",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "熊本市 市政概要ポータル API",
    # Marked for the English catalogue; the docs page shows it in the page's language.
    "DESCRIPTION": gettext_noop(
        "熊本市「市政概要」(平成28年度版)の公開ページに載っている記録を、JSONで読み出すための"
        "読み取り専用APIです。認証は不要で、GETだけを受け付けます。"
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # One name for a choice set that several models share (by dotted path: no app import).
    "ENUM_NAME_OVERRIDES": {
        "DatePrecisionEnum": "core.wareki.DatePrecision",
        "LegibilityEnum": "recovery.models.Legibility",
    },
}
# Any site may read the API from a browser (GET only, no cookies); nothing else is shared.
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
# --- end of the API ---

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# --- Security hardening: login lockout, sessions, HTTPS, CSP -------------------
# Everything below is read from the environment once; defaults are safe for production
# (DJANGO_DEBUG=0) and relaxed only where the development server over plain HTTP needs it.
# django-axes checks every login before Django's own backend does.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("PORTAL_LOGIN_FAILURE_LIMIT", default=5)
# Hours until a lock lifts by itself; 0 keeps it until `manage.py axes_reset_username`.
AXES_COOLOFF_TIME = env.float("PORTAL_LOGIN_LOCKOUT_HOURS", default=1.0) or None
# Lock a user name from one address: behind a proxy every client shares the proxy's
# address, and locking by address alone would lock every clerk out at once.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# Locks are lifted with `make unlock` / axes_reset_* commands; axes' own (English, read-only)
# admin pages stay out of the Japanese staff admin.
AXES_ENABLE_ADMIN = False

# Sessions end when the browser closes, and after this many idle minutes (every request
# pushes the end forward).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = env.int("PORTAL_SESSION_IDLE_MINUTES", default=30) * 60
SESSION_SAVE_EVERY_REQUEST = True

# HTTPS. Behind a TLS-terminating proxy set DJANGO_SECURE_PROXY_SSL_HEADER to the header
# the proxy sets, e.g. "HTTP_X_FORWARDED_PROTO=https".
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
_proxy_ssl_header = env.str("DJANGO_SECURE_PROXY_SSL_HEADER", default="")
SECURE_PROXY_SSL_HEADER = tuple(_proxy_ssl_header.split("=", 1)) if _proxy_ssl_header else None
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Content Security Policy (django-csp 4): everything from this origin only, no inline
# script or style anywhere (public pages, the admin and the import/export pages keep to it).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Where `make backup` (manage.py backup_portal) writes, and `make restore` reads.
PORTAL_BACKUP_DIR = env.path("PORTAL_BACKUP_DIR", default=BASE_DIR / "backups")
# Maintenance mode (manage.py maintenance on|off; restore_portal needs it): a file, so that
# every worker sees it and it outlives any restore of the database (core/maintenance.py).
PORTAL_MAINTENANCE_FILE = env.path("PORTAL_MAINTENANCE_FILE", default=BASE_DIR / "maintenance.on")
# --- end of security hardening ---------------------------------------------------------
