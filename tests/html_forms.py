"""Read an admin page's form the way a browser submits it (for tests that POST real forms)."""
from html.parser import HTMLParser

from django.test import Client

from tests.factories.users import superuser


class FormValues(HTMLParser):
    """Collect what a browser would submit from the page's form(s) that ``wanted(attrs)`` picks."""

    def __init__(self, wanted):
        super().__init__()
        self.wanted = wanted
        self.data = []
        self._select = None
        self._textarea = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self.wanted(attrs):
            self._in_form = True
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.append((name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.data.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "form":
            self._in_form = False


_FORM_DATA = {}


def change_form_data(url):
    """The admin change (or add) form at ``url`` as a superuser's browser would submit it unchanged.

    Returns ``{name: [values]}`` without the CSRF token. Kept per URL for the session:
    every test starts from the same loaded fixtures.
    """
    if url not in _FORM_DATA:
        client = Client()
        client.force_login(superuser())
        page = client.get(url)
        assert page.status_code == 200
        _FORM_DATA[url] = form_data(page, lambda attrs: attrs.get("id", "").endswith("_form"))
    return _FORM_DATA[url]


def form_data(page, wanted):
    """What a browser submits from the forms of ``page`` that ``wanted(attrs)`` picks.

    Returns ``{name: [values]}``, the CSRF token left out (tests add it or not).
    """
    parser = FormValues(wanted)
    parser.feed(page.content.decode())
    data = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value.removeprefix("\n"))
    data.pop("csrfmiddlewaretoken", None)
    return data
