"""The open data pages: the catalogue (``/opendata/``), its DCAT and the dataset files."""
from django.conf import settings
from django.http import Http404, JsonResponse
from django.utils import translation
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from core.downloads import FORMATS, download_response
from core.views import ReadOnlyPageMixin, SectionPageMixin

from .datasets import LICENSE_NAME, LICENSE_URL, Catalog, find_dataset
from .dcat import catalog_document

# Longest first: "event-sjis.csv" is the Shift_JIS CSV of "event", not the CSV of "event-sjis".
SUFFIXES = sorted(FORMATS.values(), key=lambda fmt: len(fmt.suffix), reverse=True)


class CatalogMixin:
    """The request's catalogue, with absolute URLs on this site."""

    def get_catalog(self):
        base = self.request.build_absolute_uri(reverse("opendata:catalog"))
        return Catalog(page_url=lambda slug: f"{base}#{slug}")

    def download_url(self, slug, key):
        filename = f"{slug}{FORMATS[key].suffix}"
        return self.request.build_absolute_uri(reverse("opendata:file", args=[filename]))


class CatalogView(CatalogMixin, SectionPageMixin, TemplateView):
    """``/opendata/``: every dataset with description, 所管課, licence, last change, files."""

    template_name = "opendata/catalog.html"
    crumbs = [(_("オープンデータ"), reverse_lazy("opendata:catalog"))]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            entries=self.get_catalog().entries,
            formats=FORMATS.values(),
            license_name=LICENSE_NAME,
            license_url=LICENSE_URL,
            **kwargs,
        )


class DcatView(CatalogMixin, ReadOnlyPageMixin, View):
    """``/opendata/catalog.jsonld``: the catalogue as DCAT (JSON-LD) for harvesters."""

    def get(self, request):
        document = catalog_document(
            self.get_catalog(),
            catalog_url=request.build_absolute_uri(),
            download_url=self.download_url,
        )
        return JsonResponse(
            document,
            content_type="application/ld+json",
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )


class DatasetFileView(CatalogMixin, ReadOnlyPageMixin, View):
    """``/opendata/<slug>.csv`` (UTF-8), ``<slug>-sjis.csv``, ``<slug>.xlsx``, ``<slug>.json``."""

    def get(self, request, filename):
        for fmt in SUFFIXES:
            if filename.endswith(fmt.suffix):
                dataset = find_dataset(filename[: -len(fmt.suffix)])
                if dataset is not None:
                    # A dataset is the same file from the English pages (/en/opendata/…):
                    # its columns, values and links are the Japanese catalogue's.
                    with translation.override(settings.LANGUAGE_CODE):
                        return download_response(
                            dataset.table, dataset.objects(self.get_catalog()), fmt.key
                        )
                break
        raise Http404(_("そのデータセットのファイルはありません。"))
