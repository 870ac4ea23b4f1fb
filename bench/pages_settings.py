"""The portal's production settings, plus a hello-world page to measure the pages against
(``bench/bench_pages.py``; every value else comes from the environment as in production)."""
from kumamoto_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.pages_urls"
