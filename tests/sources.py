"""Where the tests find the source documents the portal's data comes from.

By default ``../shared/documents`` beside the repository (as CI lays them out); another
place can be named with ``PORTAL_SOURCE_DOCUMENTS``. The tests that compare the data with
the document fail, rather than skip, when the documents are missing: a check that did not
run must not look like one that passed.
"""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = Path(os.environ.get("PORTAL_SOURCE_DOCUMENTS", ROOT.parent / "shared" / "documents"))
DOCUMENT_FILE = DOCUMENTS / "000_1e19fc764633c0ce.txt"
SUPPLEMENT_FILE = DOCUMENTS / "SUPPLEMENT.md"

