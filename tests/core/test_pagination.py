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


@pytest.mark.django_db
def test_a_long_list_shows_its_first_pages_and_says_how_to_reach_the_rest(client, settings):
    settings.PORTAL_PAGE_SIZE = 2
    settings.PORTAL_MAX_PAGES = 3
    response = client.get("/exchange-activities/", {"page": "99"})
    html = response.content.decode()
    # More than 3 pages of 2 activities in the document: the deepest page shown is the 3rd.
    assert response.context["paginator"].count > 6
    assert response.context["page_obj"].number == 3
    # Not 「3 / 3 ページ」: there are more rows than the three pages hold.
    assert "3 / 3 ページ" not in html
    assert '<span aria-current="page">3ページ目</span>' in html
    count = response.context["paginator"].count
    assert (
        f"3ページ目まで表示しています(全{count:,}件)。それより後は、条件で絞り込むか、"
        "ダウンロード(CSVなど)で全件をご覧ください。"
    ) in html


@pytest.mark.django_db
def test_a_long_list_in_english_says_how_many_records_it_holds(client, settings):
    settings.PORTAL_PAGE_SIZE = 2
    settings.PORTAL_MAX_PAGES = 3
    response = client.get("/en/exchange-activities/", {"page": "3"})
    html = response.content.decode()
    count = response.context["paginator"].count
    assert "Page 3 of 3" not in html
    assert '<span aria-current="page">Page 3</span>' in html
    assert f"Showing the first 3 pages of {count:,} records." in html


@pytest.mark.django_db
def test_a_list_within_the_bound_says_nothing_of_it(client, settings):
    settings.PORTAL_PAGE_SIZE = 2
    response = client.get("/exchange-activities/", {"page": "2"})
    html = response.content.decode()
    assert "まで表示しています" not in html
    assert f"2 / {response.context['paginator'].num_pages} ページ" in html
