"""CSRF: every state-changing admin form refuses a POST without the token.

Each test posts once without the token (403, nothing changes) and once with the token the
page gave (accepted), so a refusal cannot come from a bad form instead of the CSRF check.
"""
import re

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from import_export.formats.base_formats import CSV

from exchange.models import PartnerCity
from core.models import Division
from public_relations.models import Broadcaster
from public_relations.resources import BroadcasterResource
from tests.factories.public_relations import BroadcasterFactory
from tests.factories.users import UserFactory, superuser
from tests.html_forms import change_form_data, form_data

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _token(client, url):
    page = client.get(url)
    assert page.status_code == 200, url
    return TOKEN.search(page.content.decode()).group(1)


@pytest.fixture
def strict():
    """A client that checks CSRF as a browser's request is checked, logged in as a superuser."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser())
    return client


@pytest.mark.django_db
def test_login_needs_the_token():
    user = UserFactory(username="clerk")
    user.set_password("kumamoto-castle-2016")
    user.save()
    client = Client(enforce_csrf_checks=True)
    credentials = {"username": "clerk", "password": "kumamoto-castle-2016", "next": "/admin/"}
    assert client.post("/admin/login/", credentials).status_code == 403
    assert client.get("/admin/").status_code == 302
    token = _token(client, "/admin/login/")
    response = client.post("/admin/login/", {**credentials, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_logout_needs_the_token(strict):
    assert strict.post("/admin/logout/").status_code == 403
    assert strict.get("/admin/").status_code == 200
    token = _token(strict, "/admin/")
    assert strict.post("/admin/logout/", {"csrfmiddlewaretoken": token}).status_code == 200
    assert strict.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_change_needs_the_token(strict):
    city = PartnerCity.objects.get(name="福井市")
    url = f"/admin/exchange/partnercity/{city.pk}/change/"
    data = {**change_form_data(url), "population": ["1"]}
    assert strict.post(url, data).status_code == 403
    city.refresh_from_db()
    assert city.population != 1
    assert strict.post(url, {**data, "csrfmiddlewaretoken": _token(strict, url)}).status_code == 302
    city.refresh_from_db()
    assert city.population == 1


@pytest.mark.django_db
def test_add_needs_the_token(strict):
    url = "/admin/public_relations/broadcaster/add/"
    division = Division.objects.get(name="広報課")
    data = {
        **change_form_data(url), "name": ["試験放送"], "responsible_division": [str(division.pk)],
        "source": ["市政概要 5"],
    }
    assert strict.post(url, data).status_code == 403
    assert not Broadcaster.objects.filter(name="試験放送").exists()
    assert strict.post(url, {**data, "csrfmiddlewaretoken": _token(strict, url)}).status_code == 302
    assert Broadcaster.objects.filter(name="試験放送").exists()


@pytest.mark.django_db
def test_delete_needs_the_token(strict):
    broadcaster = BroadcasterFactory(name="試験放送", source="市政概要 5")
    url = f"/admin/public_relations/broadcaster/{broadcaster.pk}/delete/"
    assert strict.post(url, {"post": "yes"}).status_code == 403
    assert Broadcaster.objects.filter(pk=broadcaster.pk).exists()
    token = _token(strict, url)
    assert strict.post(url, {"post": "yes", "csrfmiddlewaretoken": token}).status_code == 302
    assert not Broadcaster.objects.filter(pk=broadcaster.pk).exists()


def _broadcaster_file():
    resource = BroadcasterResource()
    dataset = resource.export(Broadcaster.objects.order_by("pk")[:1])
    column = dataset.headers.index(resource.column_label(resource.fields["name"]))
    row = list(dataset[0])
    row[column] = "試験放送"
    dataset.append(row)
    return SimpleUploadedFile("broadcasters.csv", CSV().export_data(dataset).encode("utf-8"), "text/csv")


@pytest.mark.django_db
def test_import_and_its_confirm_step_need_the_token(strict):
    url = "/admin/public_relations/broadcaster/import/"
    upload = {"format": "0", "resource": "0"}
    assert strict.post(url, {**upload, "import_file": _broadcaster_file()}).status_code == 403
    uploaded = strict.post(
        url, {**upload, "import_file": _broadcaster_file(), "csrfmiddlewaretoken": _token(strict, url)}
    )
    assert uploaded.status_code == 302
    preview = strict.get(uploaded["Location"])  # the job's page, with the confirm form
    assert preview.status_code == 200
    confirm = form_data(preview, lambda attrs: attrs.get("action", "").endswith("process_import/"))
    assert confirm, "取り込み確認のフォームがありません"
    token = TOKEN.search(preview.content.decode()).group(1)
    process = "/admin/public_relations/broadcaster/process_import/"
    assert strict.post(process, confirm).status_code == 403
    assert not Broadcaster.objects.filter(name="試験放送").exists()
    assert strict.post(process, {**confirm, "csrfmiddlewaretoken": token}).status_code == 302
    assert Broadcaster.objects.filter(name="試験放送").exists()


@pytest.mark.django_db
def test_export_needs_the_token(strict):
    url = "/admin/public_relations/broadcaster/export/"
    page = strict.get(url)
    posted = lambda attrs: attrs.get("method", "").lower() == "post" and attrs.get("id") != "logout-form"
    data = {**form_data(page, posted), "format": "0"}
    assert strict.post(url, data).status_code == 403
    response = strict.post(url, {**data, "csrfmiddlewaretoken": _token(strict, url)})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]


def _public_urls():
    """Every public URL without parameters (the admin aside)."""
    found = []

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin" or "admin" in str(pattern.pattern):
                    continue
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif (
                isinstance(pattern, URLPattern)
                and "<" not in str(pattern.pattern)
                and not str(pattern.pattern).startswith("admin/")  # e.g. admin/recent-changes/
            ):
                found.append("/" + prefix + str(pattern.pattern))

    walk(get_resolver().url_patterns, "")
    return sorted(set(found))


def test_public_urls_are_found():
    assert {"/", "/partner-cities/", "/recovery/"} <= set(_public_urls())


@pytest.mark.django_db
@pytest.mark.parametrize("url", _public_urls())
def test_public_pages_refuse_a_post_without_token(url):
    client = Client(enforce_csrf_checks=True)
    assert client.get(url).status_code == 200
    assert client.post(url, {"name": "x"}).status_code == 403


def test_every_admin_form_of_the_site_is_behind_csrf():
    """No admin view is exempt (a csrf_exempt view would skip every check above)."""
    for model_admin in admin.site._registry.values():
        for pattern in model_admin.urls:
            callback = getattr(pattern, "callback", None)
            if callback is not None:
                assert not getattr(callback, "csrf_exempt", False), pattern
