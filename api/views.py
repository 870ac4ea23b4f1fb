"""Views of the read-only API (``/api/v1/``): a list and a detail per public model, the docs.

Every model whose records appear on a public page has a viewset (``viewset_for``), listed
in ``api.urls``. Lists filter as the public pages do (the same django-filter FilterSets)
and page with ``?page=`` / ``?page_size=``. Anonymous GET (and HEAD, OPTIONS) only: the
viewsets have no write actions, so any other method answers 405; no authentication is
read, so a staff session changes nothing. The rate limit per address is the settings'
``REST_FRAMEWORK`` throttle (429 with ``Retry-After``).
"""
import functools

from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.throttling import AnonRateThrottle

from core.views import ReadOnlyPageMixin, SectionPageMixin

from .serializers import lookup_field_of, serializer_for


class PublicRecordViewSet(ReadOnlyPageMixin, viewsets.ReadOnlyModelViewSet):
    """Base of every API viewset: read only, outside a transaction (``ReadOnlyPageMixin``).

    A natural key in the address may hold dots and any character but ``/``.
    """

    lookup_value_regex = "[^/]+"
    # Answered live: the rate limit counts every request of a client.
    page_cache = False


def viewset_for(model, queryset=None, filterset_class=None):
    """The viewset of ``model``'s public records.

    ``queryset`` is the public page's (``PartnerCity.objects.for_list()``), else every
    record; every parent is joined (``select_related``) so that a list takes the same
    number of queries for 10 rows as for 1,000. ``filterset_class`` is the public list's
    FilterSet.
    """
    parents = [field.name for field in model._meta.concrete_fields if field.is_relation]
    queryset = (queryset if queryset is not None else model._default_manager.all()).select_related(*parents)
    name = model._meta.verbose_name
    tag = model._meta.app_config.verbose_name
    viewset = type(
        f"{model.__name__}ViewSet",
        (PublicRecordViewSet,),
        {
            "queryset": queryset,
            "serializer_class": serializer_for(model),
            "lookup_field": lookup_field_of(model),
            "filterset_class": filterset_class,
            "__doc__": str(name),
        },
    )
    return extend_schema_view(
        list=extend_schema(summary=_("%(name)sの一覧") % {"name": name}, tags=[str(tag)]),
        retrieve=extend_schema(summary=_("%(name)sの1件") % {"name": name}, tags=[str(tag)]),
    )(viewset)


class ApiDocsView(SectionPageMixin, TemplateView):
    """``/api/v1/docs/``: the API's documentation, rendered from its OpenAPI schema.

    Rendered on the server, in the portal's layout: no script, so the page keeps to the
    Content Security Policy (Swagger UI's page has an inline style and script).
    """

    template_name = "api/docs.html"
    crumbs = [(_("API(データの機械利用)"), reverse_lazy("api:docs"))]

    def get_context_data(self, **kwargs):
        schema = api_schema(get_language())
        limit = AnonRateThrottle()  # the settings' rate: requests per period of seconds
        return super().get_context_data(
            schema=schema,
            operations=operations_of(schema),
            rate_requests=limit.num_requests,
            rate_seconds=limit.duration,
            **kwargs,
        )


@functools.cache
def api_schema(language):
    """The API's OpenAPI schema (a dict) in ``language``, generated once per process and language.

    The code alone fixes it; ``language`` only keys the cache (labels are translated).
    """
    return SchemaGenerator(patterns=None).get_schema(request=None, public=True)


def operations_of(schema):
    """The GET operations of an OpenAPI ``schema``, grouped by tag: ``[(tag, [operation…])]``.

    Each operation is a dict: ``path``, ``is_detail`` (one record), ``summary``, ``parameters`` (name, place, type,
    description) and ``fields`` (the properties of the record it returns).
    """
    components = schema.get("components", {}).get("schemas", {})
    groups = {}
    for path, methods in schema["paths"].items():
        operation = methods.get("get")
        if operation is None:
            continue
        groups.setdefault((operation.get("tags") or [""])[0], []).append(
            {
                "path": path,
                "is_detail": "{" in path,
                "summary": operation.get("summary", ""),
                "parameters": [
                    {
                        "name": parameter["name"],
                        "place": parameter["in"],
                        "type": _type_of(parameter.get("schema", {})),
                        "description": parameter.get("description", ""),
                    }
                    for parameter in operation.get("parameters", [])
                ],
                "fields": _record_fields(operation, components),
            }
        )
    return list(groups.items())


def _record_fields(operation, components):
    content = operation["responses"].get("200", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    reference = schema.get("$ref") or ""
    component = components.get(reference.rsplit("/", 1)[-1], {})
    if "results" in component.get("properties", {}):  # a page of a list: its rows
        reference = component["properties"]["results"]["items"]["$ref"]
        component = components.get(reference.rsplit("/", 1)[-1], {})
    return [
        {"name": name, "type": _type_of(spec), "description": spec.get("title") or spec.get("description", "")}
        for name, spec in component.get("properties", {}).items()
    ]


def _type_of(spec):
    if "$ref" in spec or "allOf" in spec or "oneOf" in spec:
        return "enum"
    kind = spec.get("type", "")
    if isinstance(kind, list):
        kind = "/".join(kind)
    return f"{kind} ({spec['format']})" if spec.get("format") else kind
