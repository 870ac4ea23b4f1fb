"""Any page number a citizen types gives a page of the list, never an error."""
import pytest

from core.views import PortalPaginator

ROWS = list(range(45))  # three pages of 20, 20 and 5


@pytest.mark.parametrize(
    ("asked", "shown"),
    [("1", 1), ("2", 2), ("3", 3), ("0", 1), ("-1", 1), ("abc", 1), ("", 1), (None, 1),
     ("1e5", 1), ("1.5", 1), ("4", 3), ("99999999999999999999", 3), ("２", 2)],
)
def test_page_numbers_are_corrected(asked, shown):
    assert PortalPaginator(ROWS, 20).get_page(asked).number == shown


@pytest.mark.django_db
def test_page_links_keep_the_filter(client, settings):
    settings.PORTAL_PAGE_SIZE = 2
    response = client.get("/exchange-activities/", {"city": "guilin", "page": "0"})
    html = response.content.decode()
    assert response.context["page_obj"].number == 1
    assert 'href="?city=guilin&amp;page=2"' in html
