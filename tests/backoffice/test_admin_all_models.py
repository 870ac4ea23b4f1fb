"""Every model is in the admin with import and export, and every admin page opens."""
import pytest
from django.contrib import admin
from django.urls import reverse
from import_export.admin import ExportMixin, ImportMixin

from backoffice.admin import PortalAdmin, PortalInlineMixin
from core.models import SourcedModel

REGISTRY = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
CONTENT = [(model, model_admin) for model, model_admin in REGISTRY if issubclass(model, SourcedModel)]


def _ids(items):
    return [model._meta.label for model, _ in items]


def test_every_content_model_is_registered():
    from django.apps import apps

    content_models = {m for m in apps.get_models() if issubclass(m, SourcedModel)}
    assert content_models == {model for model, _ in CONTENT}


@pytest.mark.parametrize(("model", "model_admin"), CONTENT, ids=_ids(CONTENT))
def test_every_content_model_has_import_and_export(model, model_admin):
    assert isinstance(model_admin, ImportMixin)
    assert isinstance(model_admin, ExportMixin)
    assert model_admin.get_resource_classes(request=None)


@pytest.mark.parametrize(("model", "model_admin"), CONTENT, ids=_ids(CONTENT))
def test_every_content_admin_and_inline_scopes_choices_to_the_users_divisions(model, model_admin):
    """Division scoping is inherited: an inline not built on PortalInlineMixin would offer
    every division's records in its foreign-key choices."""
    assert isinstance(model_admin, PortalAdmin)
    for inline in model_admin.inlines:
        assert issubclass(inline, PortalInlineMixin), inline


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "model_admin"), REGISTRY, ids=_ids(REGISTRY))
def test_superuser_opens_every_admin_page(admin_client, model, model_admin):
    info = model._meta.app_label, model._meta.model_name
    names = ["changelist", "add"]
    if isinstance(model_admin, ImportMixin):
        names.append("import")
    if isinstance(model_admin, ExportMixin):
        names.append("export")
    for name in names:
        url = reverse(f"admin:{info[0]}_{info[1]}_{name}")
        response = admin_client.get(url)
        assert response.status_code == 200, url
    obj = model.objects.first()
    if obj is not None:
        for name in ("change", "history", "delete"):
            url = reverse(f"admin:{info[0]}_{info[1]}_{name}", args=[obj.pk])
            assert admin_client.get(url).status_code == 200, url


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "model_admin"), CONTENT, ids=_ids(CONTENT))
def test_admin_search_and_filters_do_not_fail(admin_client, model, model_admin):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert admin_client.get(url, {"q": "熊本"}).status_code == 200
    assert admin_client.get(url, {"q": "%'\"<>"}).status_code == 200


@pytest.mark.django_db
def test_admin_index_lists_every_section(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    for label in ("総合計画・連携中枢都市圏", "国際交流・国内交流", "広報", "震災復興"):
        assert label in response.content.decode()


@pytest.mark.django_db
def test_anonymous_user_is_sent_to_the_login_page(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
