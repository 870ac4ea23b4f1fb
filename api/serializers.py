"""Serializers of the read-only API: the public fields of a content record, and nothing else.

Every field of the record except ``version`` (optimistic locking, no fact of the record);
the audit trail (who changed what) and the users are separate models and never serialized.
A record's own API address is ``api_url`` (``url`` is a field of some records); its
parents are given as their API addresses, its responsible division (所管課) by
name, and every choice with its Japanese label beside it (``<field>_label``).

A source (出典: ``source``, and each ``…_source`` that ``source_validator`` checks) reads as
on the public pages, as a citizen cites it (``core.citizen``): 「熊本市『市政概要』平成28年度版
3(1)」, in English under ``/en/api/v1/``. The section of the document it names is beside it
(``source_section``: ``3(1)``; ``null`` for another source), for programs that group records
by section; the staff's own form of the value (「市政概要 3(1)」, file names) is not given.
"""
import re

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.citizen import citizen_source
from core.languages import english_page
from core.models import VERSION_FIELD, Division, source_validator

#: A source that is a section of the document, as staff enter it: 「市政概要 3(1)」, 「市政概要 1(2)キ」.
DOCUMENT_SECTION = re.compile(r"^市政概要 (?P<section>\d\S*)$")


def source_fields(model):
    """The names of ``model``'s source fields (出典): those ``source_validator`` checks."""
    return {field.name for field in model._meta.concrete_fields if source_validator in field.validators}


class CitizenSourceField(serializers.CharField):
    """A source as a citizen cites it, in the request's language (``core.citizen``)."""

    def to_representation(self, value):
        return citizen_source(value, english=english_page())


class SourceSectionField(serializers.CharField):
    """The section of the document a source names (``3(1)``), or ``None``."""

    def to_representation(self, value):
        match = DOCUMENT_SECTION.match(str(value or ""))
        return match["section"] if match else None


def lookup_field_of(model):
    """The field that names a record of ``model`` in its API address.

    The slug where the model has one (``/partner-cities/guilin/``), else a natural key of one
    plain field (``/earthquakes/平成28年熊本地震/``), else the primary key.
    """
    field_names = {field.name for field in model._meta.concrete_fields}
    if "slug" in field_names:
        return "slug"
    key = model.natural_key_fields
    if len(key) == 1 and not model._meta.get_field(key[0]).is_relation:
        return key[0]
    return "pk"


def detail_view_name(model):
    """The URL name of the API page of one record of ``model``, e.g. ``api:partnercity-detail``."""
    return f"api:{model._meta.model_name}-detail"


class PublicRecordSerializer(serializers.HyperlinkedModelSerializer):
    """Base of the serializer of every public model (``serializer_for``); read only."""

    def build_url_field(self, field_name, model_class):
        field_class, kwargs = super().build_url_field(field_name, model_class)
        kwargs.update(view_name=detail_view_name(model_class), lookup_field=lookup_field_of(model_class))
        return field_class, kwargs

    def build_relational_field(self, field_name, relation_info):
        related = relation_info.related_model
        if related is Division:
            return serializers.SlugRelatedField, {
                "slug_field": "name",
                "read_only": True,
                "label": relation_info.model_field.verbose_name,
            }
        field_class, kwargs = super().build_relational_field(field_name, relation_info)
        kwargs.pop("queryset", None)
        kwargs.update(
            view_name=detail_view_name(related), lookup_field=lookup_field_of(related), read_only=True
        )
        return field_class, kwargs

    def get_fields(self):
        """The model's fields, each choice followed by its label (``kind`` → ``kind_label``),
        each source in citizens' words followed by its section (``source`` → ``source_section``)."""
        fields = {}
        sources = source_fields(self.Meta.model)
        for name, field in super().get_fields().items():
            fields[name] = field
            model_field = self.Meta.model._meta.get_field(name) if name != self.url_field_name else None
            if name in sources:
                label = model_field.verbose_name
                fields[name] = CitizenSourceField(
                    read_only=True,
                    label=label,
                    help_text=_(
                        "%(field)sを、公開ページと同じく市民が引用する形で示したもの"
                        "(例: 熊本市『市政概要』平成28年度版 3(1))。英語のAPI(/en/api/v1/)では英語。"
                    ) % {"field": label},
                )
                fields[f"{name}_section"] = SourceSectionField(
                    source=name,
                    read_only=True,
                    allow_null=True,
                    label=_("%(field)sの節") % {"field": label},
                    help_text=_(
                        "%(field)sが市政概要(平成28年度版)の節であれば、その番号(例: 3(1))。"
                        "それ以外の出典ではnull。"
                    ) % {"field": label},
                )
                continue
            if model_field is not None and model_field.choices:
                fields[f"{name}_label"] = serializers.CharField(
                    source=f"get_{name}_display",
                    read_only=True,
                    label=_("%(field)sの表示名") % {"field": model_field.verbose_name},
                )
        return fields


def serializer_for(model):
    """The serializer of ``model``'s public records (``PartnerCitySerializer`` …)."""
    read_only = [field.name for field in model._meta.concrete_fields if field.name != VERSION_FIELD]
    meta = type("Meta", (), {"model": model, "exclude": [VERSION_FIELD], "read_only_fields": read_only})
    return type(
        f"{model.__name__}Serializer",
        (PublicRecordSerializer,),
        {"Meta": meta, "__doc__": str(model._meta.verbose_name)},
    )
