"""The catalogue as DCAT in JSON-LD (``dcat:Catalog`` / ``dcat:Dataset`` / ``dcat:Distribution``).

The JSON-LD context is written into the document itself, so harvesters (and the tests) read
it without fetching anything.
"""
from django.utils.translation import gettext as _

from core.downloads import FORMATS

from .datasets import CITY_NAME, LICENSE_IRI

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct:modified": {"@type": "xsd:dateTime"},
    "dct:license": {"@type": "@id"},
    "dcat:downloadURL": {"@type": "@id"},
    "dcat:accessURL": {"@type": "@id"},
    "dcat:landingPage": {"@type": "@id"},
    "dcat:mediaType": {"@type": "@id"},
}

MEDIA_TYPE_BASE = "https://www.iana.org/assignments/media-types/"


def _ja(text):
    return {"@value": str(text), "@language": "ja"}


def catalog_document(catalog, *, catalog_url, download_url):
    """The DCAT JSON-LD document of ``catalog`` (a ``datasets.Catalog``).

    ``download_url(slug, format_key)`` gives the absolute URL of a download.
    """
    publisher = {"@type": "foaf:Organization", "foaf:name": _ja(CITY_NAME)}
    datasets = []
    for entry in catalog.entries:
        dataset = {
            "@id": entry.url,
            "@type": "dcat:Dataset",
            "dct:identifier": entry.slug,
            "dct:title": _ja(entry.title),
            "dct:description": _ja(entry.dataset.description),
            "dct:publisher": publisher,
            "dct:license": LICENSE_IRI,
            "dcat:keyword": [_ja(word) for word in entry.dataset.keywords],
            "dcat:theme": _ja(entry.dataset.category),
            "dcat:landingPage": entry.url,
            "dcat:contactPoint": [
                {"@type": "vcard:Organization", "vcard:fn": _ja(f"{CITY_NAME} {division}")}
                for division in entry.divisions
            ],
            "dcat:distribution": [
                {
                    "@type": "dcat:Distribution",
                    "dct:title": _ja(f"{entry.title} {fmt.label}"),
                    "dcat:downloadURL": download_url(entry.slug, fmt.key),
                    "dcat:accessURL": download_url(entry.slug, fmt.key),
                    "dcat:mediaType": MEDIA_TYPE_BASE + fmt.content_type.split(";")[0],
                    "dct:license": LICENSE_IRI,
                }
                for fmt in FORMATS.values()
            ],
        }
        if entry.last_modified:
            dataset["dct:modified"] = entry.last_modified.isoformat()
        datasets.append(dataset)
    return {
        "@context": CONTEXT,
        "@id": catalog_url,
        "@type": "dcat:Catalog",
        "dct:title": _ja(_("熊本市 市政概要ポータル オープンデータ")),
        "dct:publisher": publisher,
        "dct:license": LICENSE_IRI,
        "dcat:dataset": datasets,
    }
