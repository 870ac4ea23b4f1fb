import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
pytestmark = pytest.mark.django_db
@pytest.mark.parametrize("url", ["/partner-cities/", "/partner-cities/fukui/", "/exchange-activities/", "/exchange-activities/?city=guilin&fiscal_year=2015", "/international-center/", "/metropolitan-area/", "/recovery/", "/public-relations/"])
def test_count(client, url):
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    print("COUNT", url, len(q))
