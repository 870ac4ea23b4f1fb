"""Odd query strings never make a page fail."""
import pytest
from django.contrib import admin
from django.urls import reverse

from kumamoto_portal.models import SourcedModel

CHANGELISTS = [
    reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    for model in admin.site._registry
    if issubclass(model, SourcedModel)
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", CHANGELISTS)
def test_a_nul_byte_in_an_admin_filter_is_dropped_not_a_server_error(admin_client, url):
    """Regression: ?source=%00 raised psycopg.DataError on PostgreSQL (HTTP 500)."""
    response = admin_client.get(url + "?source=%00&q=%00")
    assert response.status_code in (200, 302)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/exchange-activities/?city=%00guilin", "/partner-cities/?scope=over%00seas"],
)
def test_a_nul_byte_in_a_public_filter_is_dropped(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "\x00" not in response.wsgi_request.GET.urlencode()
    assert response.context["filter"].form.is_valid()
