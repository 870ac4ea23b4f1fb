"""Where the tests find the source documents the portal's data comes from.

By default ``../shared/documents`` beside the repository (as CI lays them out); another
place can be named with ``PORTAL_SOURCE_DOCUMENTS``. The tests that compare the data with
the document call :func:`require_documents` first. Without the documents (a plain clone)
they are skipped with a reason that ``pytest -ra`` shows, so ``make test`` passes; with
``PORTAL_REQUIRE_SOURCE_DOCUMENTS=1`` (set by ``.ci/run``) a missing document is a failure
naming where it was looked for, so in CI a check that did not run never looks like one
that passed.
"""
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = Path(os.environ.get("PORTAL_SOURCE_DOCUMENTS", ROOT.parent / "shared" / "documents"))
DOCUMENT_FILE = DOCUMENTS / "000_1e19fc764633c0ce.txt"
SUPPLEMENT_FILE = DOCUMENTS / "SUPPLEMENT.md"
GLOSSARY_FILE = DOCUMENTS / "GLOSSARY.md"

REQUIRE_ENV = "PORTAL_REQUIRE_SOURCE_DOCUMENTS"


def documents_required():
    """True when a missing source document must fail the test instead of skipping it."""
    return os.environ.get(REQUIRE_ENV, "").strip() == "1"


def missing_documents(*paths):
    """Return the given document paths that do not exist (as strings)."""
    return [str(path) for path in paths if not Path(path).is_file()]


def require_documents(*paths):
    """Skip the calling test when a source document is missing, or fail it when required.

    Called inside a test or a fixture. The message names every missing file, the folder
    that was searched and how to point the tests elsewhere.
    """
    missing = missing_documents(*(paths or (DOCUMENT_FILE, SUPPLEMENT_FILE)))
    if not missing:
        return
    where = (
        f"PORTAL_SOURCE_DOCUMENTS={os.environ['PORTAL_SOURCE_DOCUMENTS']}"
        if "PORTAL_SOURCE_DOCUMENTS" in os.environ
        else "../shared/documents beside the repository"
    )
    message = (
        f"出典の文書が見つかりません / source documents not found (looked in {DOCUMENTS}, {where}): {', '.join(missing)}. "
        "Put them there or set PORTAL_SOURCE_DOCUMENTS to their folder."
    )
    if documents_required():
        pytest.fail(f"{message} {REQUIRE_ENV}=1, so this is a failure, not a skip.", pytrace=False)
    pytest.skip(f"{message} Skipped; {REQUIRE_ENV}=1 makes this a failure.")


def documents_present(*paths):
    """For a check that only widens with the documents: True when they are all there.

    Without them it returns False (the check runs on what it has), except under
    ``PORTAL_REQUIRE_SOURCE_DOCUMENTS=1``, where it fails like :func:`require_documents`.
    """
    if missing_documents(*paths):
        if documents_required():
            require_documents(*paths)
        return False
    return True
