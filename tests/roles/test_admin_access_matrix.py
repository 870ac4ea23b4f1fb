"""Every admin URL of every model answers each role as designed.

Roles: anonymous, staff of a division with no part in the model ("stranger"), staff of a
division that shares the model but not the record ("neighbour", 観光政策課 in the
partner-city models of 国際課), staff of the owning division, the auditor (監査) and a
superuser. URLs: changelist, add, change, delete, history, import, export.
Forbidden POSTs (add, change, delete, import) change nothing.
"""
import csv
import io

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from core.models import Division, SourcedModel
from roles.permissions import owner_path
from tests.html_forms import change_form_data, form_data
from tests.factories.users import auditor, setup_roles, staff_of, superuser

MODELS = sorted(
    (model for model in admin.site._registry if issubclass(model, SourcedModel)),
    key=lambda model: model._meta.label,
)
URLS = ("changelist", "add", "change", "delete", "history", "import", "export")
LOGIN = "login"

# The division whose record each app's sample is, and a division with no part in the app.
OWNER = {"planning": "政策企画課", "exchange": "国際課", "public_relations": "広報課", "recovery": "復興総務課"}
STRANGER = {"planning": "広報課", "exchange": "復興総務課", "public_relations": "国際課", "recovery": "政策企画課"}
# Models where 観光政策課 (国内交流, Fukui) has records of its own beside 国際課's.
NEIGHBOUR_MODELS = {
    "exchange.ExchangeSection", "exchange.PartnerCity", "exchange.AffiliationMilestone",
    "exchange.CityDistance", "exchange.ExchangeActivity",
}

ALL_200 = dict.fromkeys(URLS, 200)
ALL_403 = dict.fromkeys(URLS, 403)
EXPECTED = {
    "anonymous": dict.fromkeys(URLS, LOGIN),
    "stranger": ALL_403,
    "neighbour": {
        "changelist": 200, "add": 200, "change": 403, "delete": 403, "history": 403,
        "import": 200, "export": 200,
    },
    "owner": ALL_200,
    "auditor": {
        "changelist": 200, "add": 403, "change": 200, "delete": 403, "history": 200,
        "import": 403, "export": 200,
    },
    "superuser": ALL_200,
}
# Divisions themselves are managed by superusers only; the auditor reads them.
EXPECTED_DIVISION = {**EXPECTED, "owner": ALL_403, "neighbour": ALL_403}


@pytest.fixture(scope="module", autouse=True)
def _roles(django_db_setup, django_db_blocker):
    """The groups of ``setup_roles``, made once (like the fixtures, they stay for the session)."""
    with django_db_blocker.unblock():
        setup_roles()

def _cases():
    for model in MODELS:
        roles = ["anonymous", "stranger", "owner", "auditor", "superuser"]
        if model._meta.label in NEIGHBOUR_MODELS or model is Division:
            roles.insert(2, "neighbour")
        for role in roles:
            yield pytest.param(model, role, id=f"{model._meta.label}-{role}")


def _user_for(role, model):
    app = model._meta.app_label
    if role == "stranger":
        return staff_of(STRANGER.get(app, "広報課"))
    if role == "neighbour":
        return staff_of("観光政策課")
    if role == "owner":
        return staff_of(OWNER.get(app, "国際課"))
    if role == "auditor":
        return auditor()
    if role == "superuser":
        return superuser()
    return None


def _sample(model):
    """A record of ``model`` owned by the app's owning division (for Division: 国際課 itself)."""
    if model is Division:
        return Division.objects.get(name="国際課")
    division = Division.objects.get(name=OWNER[model._meta.app_label])
    path = owner_path(model)
    return model.objects.filter(**{path.lookup: division}).order_by("pk").first()


def _url(model, name, obj):
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}_{name}"
    if name in ("change", "delete", "history"):
        return reverse(info, args=[obj.pk])
    return reverse(info)


def _snapshot(model):
    return sorted(model.objects.values_list(), key=repr)


def _client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _answer(response):
    if response.status_code == 302 and reverse("admin:login") in response["Location"]:
        return LOGIN
    return response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "role"), _cases())
def test_every_admin_url_answers_as_designed(model, role):
    obj = _sample(model)
    assert obj is not None, f"{model._meta.label} に所管課の記録がありません"
    client = _client(_user_for(role, model))
    expected = (EXPECTED_DIVISION if model is Division else EXPECTED)[role]
    answers = {name: _answer(client.get(_url(model, name, obj))) for name in URLS}
    assert answers == expected


@pytest.mark.django_db
@pytest.mark.parametrize("model", [m for m in MODELS if m._meta.label in NEIGHBOUR_MODELS], ids=lambda m: m._meta.label)
def test_neighbour_lists_and_exports_only_its_own_records(model):
    theirs = _sample(model)
    ours = model.objects.filter(
        **{owner_path(model).lookup: Division.objects.get(name="観光政策課")}
    ).first()
    client = _client(staff_of("観光政策課"))
    listing = client.get(_url(model, "changelist", None)).content.decode()
    if ours is not None:  # 福井市 has no distances in the document
        assert _url(model, "change", ours) in listing
    assert _url(model, "change", theirs) not in listing
    form = client.get(_url(model, "export", None))
    posted = lambda attrs: attrs.get("method", "").lower() == "post" and attrs.get("id") != "logout-form"
    export = client.post(_url(model, "export", None), {**form_data(form, posted), "format": "0"})
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))[1:]
    assert len(rows) == model.objects.filter(
        **{owner_path(model).lookup: Division.objects.get(name="観光政策課")}
    ).count()


def _forbidden_cases():
    for model in MODELS:
        roles = ["anonymous", "stranger", "auditor"]
        if model._meta.label in NEIGHBOUR_MODELS or model is Division:
            roles.append("neighbour")
        if model is Division:
            roles.append("owner")
        for role in roles:
            yield pytest.param(model, role, id=f"{model._meta.label}-{role}")


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "role"), _forbidden_cases())
def test_forbidden_posts_change_nothing(model, role):
    obj = _sample(model)
    data = change_form_data(_url(model, "change", obj))
    before = _snapshot(model)
    client = _client(_user_for(role, model))
    refused = LOGIN if role == "anonymous" else 403

    assert _answer(client.post(_url(model, "change", obj), data)) == refused
    assert _answer(client.post(_url(model, "delete", obj), {"post": "yes"})) == refused
    upload = SimpleUploadedFile("rows.csv", b"name\n\xe8\xa9\xa6\xe9\xa8\x93\n", "text/csv")
    if role in ("anonymous", "stranger", "auditor"):
        assert _answer(client.post(_url(model, "add", None), data)) == refused
        assert _answer(client.post(_url(model, "import", None), {"format": "0", "import_file": upload})) == refused
    assert _snapshot(model) == before


@pytest.mark.django_db
@pytest.mark.parametrize("model", [m for m in MODELS if m is not Division], ids=lambda m: m._meta.label)
def test_owner_saves_the_unchanged_change_form(model):
    """The payload of the forbidden POSTs is a valid form: the owner's POST is accepted."""
    obj = _sample(model)
    data = change_form_data(_url(model, "change", obj))
    before = _snapshot(model)
    response = _client(staff_of(OWNER[model._meta.app_label])).post(_url(model, "change", obj), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"].endswith(_url(model, "changelist", None))
    assert _snapshot(model) == before
