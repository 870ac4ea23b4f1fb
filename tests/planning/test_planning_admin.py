"""Admin of sections 1–2: changelist, add, change, import and export pages for every model."""
import pytest
from django.apps import apps
from django.urls import reverse

from audit.history import is_history_model

pytestmark = pytest.mark.django_db

# The audit trail's historical models are not content and have no admin of their own.
MODELS = [
    model for model in apps.get_app_config("planning").get_models() if not is_history_model(model)
]


def test_every_model_is_registered():
    assert len(MODELS) == 12


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
def test_admin_pages(admin_client, model):
    info = (model._meta.app_label, model._meta.model_name)
    obj = model.objects.first()
    assert obj is not None, "the fixture has a record of every model"
    for url in [
        reverse("admin:%s_%s_changelist" % info),
        reverse("admin:%s_%s_add" % info),
        reverse("admin:%s_%s_change" % info, args=[obj.pk]),
        reverse("admin:%s_%s_import" % info),
        reverse("admin:%s_%s_export" % info),
    ]:
        assert admin_client.get(url).status_code == 200, url


def test_admin_search(admin_client):
    response = admin_client.get(reverse("admin:planning_policyfield_changelist"), {"q": "観光"})
    assert response.status_code == 200
    assert "観光の振興" in response.content.decode()
