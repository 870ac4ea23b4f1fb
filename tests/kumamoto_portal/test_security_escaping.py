"""HTML typed into any text field is shown as text, never run, on public pages and in the admin."""
import re

import pytest
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import escape

from core.models import Division, SourcedModel
from tests.kumamoto_portal.test_pages_common import public_urls

RAW = re.compile(r"<script>alert\(|<b>Z\d")


def payload(field, pk):
    """Markup that would run (or show bold) if not escaped; unique per row, fits the field."""
    if field.max_length is not None and field.max_length < 40:
        return f"<b>Z{pk}</b>"[: field.max_length]
    return f"<script>alert({pk})</script>"


def injectable_fields(model):
    """Free-text fields staff type into (not choices, slugs or URLs, which are validated)."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
        and not field.choices
        and not isinstance(field, (models.SlugField, models.URLField))
        and (field.max_length is None or field.max_length >= 8)
    ]


CONTENT_MODELS = sorted(
    {Division, *(m for m in admin.site._registry if issubclass(m, SourcedModel))},
    key=lambda m: m._meta.label,
)


@pytest.fixture
def hostile_text(db):
    """Every free-text field of every record holds markup; return {model: {pk: {field: text}}}."""
    typed = {}
    for model in CONTENT_MODELS:
        fields = injectable_fields(model)
        for pk in model.objects.values_list("pk", flat=True):
            values = {field.attname: payload(field, pk) for field in fields}
            model.objects.filter(pk=pk).update(**values)
            typed.setdefault(model, {})[pk] = values
    return typed


@pytest.mark.django_db
def test_markup_in_text_fields_is_escaped_on_every_public_page(client, hostile_text):
    from exchange.models import PartnerCity

    shown = 0
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not RAW.search(html), (url, RAW.search(html) and html[RAW.search(html).start() - 200:][:300])
        shown += html.count("&lt;script&gt;alert(")
    assert shown > 100  # the text really is on the pages, as text
    city = PartnerCity.objects.first()
    html = client.get(reverse("exchange:city-list")).content.decode()
    assert escape(hostile_text[PartnerCity][city.pk]["name"]) in html


@pytest.mark.django_db
def test_markup_in_text_fields_is_escaped_in_the_admin(admin_client, hostile_text):
    assert len(CONTENT_MODELS) >= 35
    for model in CONTENT_MODELS:
        info = (model._meta.app_label, model._meta.model_name)
        changelist = admin_client.get(reverse("admin:%s_%s_changelist" % info))
        assert changelist.status_code == 200, model
        assert not RAW.search(changelist.content.decode()), model
        for pk, values in list(hostile_text[model].items())[:2]:
            change = admin_client.get(reverse("admin:%s_%s_change" % info, args=[pk]))
            assert change.status_code == 200, (model, pk)
            html = change.content.decode()
            assert not RAW.search(html), (model, pk)
            for name, text in values.items():
                assert escape(text) in html, (model, pk, name)
