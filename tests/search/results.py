"""Reading the search page as a citizen sees it: the results' titles and links, in order."""
import re
from html import unescape

from django.urls import reverse
from django.utils import translation

RESULT = re.compile(r'<h3><a href="(?P<link>[^"]*)">(?P<title>.*?)</a></h3>', re.S)


def search_page(client, query, language="ja", **params):
    """The search page of ``language``: ``/search/`` or ``/en/search/``."""
    with translation.override(language):
        url = reverse("search:results")
    return client.get(url, {"q": query, **params})


def results(response):
    """``[(title as shown, link)]`` of the results on the page, in order."""
    html = response.content.decode()
    # Without the highlighting (<mark>) and the marks of Japanese on English pages (<span lang="ja">).
    return [(unescape(re.sub(r"</?(?:mark|span)[^>]*>", "", match["title"])), unescape(match["link"])) for match in RESULT.finditer(html)]


def titles(response):
    return [title for title, _ in results(response)]
