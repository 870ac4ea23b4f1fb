"""The API's pages (the settings' ``DEFAULT_PAGINATION_CLASS``; imported by the settings' name).

Apart from ``api.views``: REST framework reads it while drf-spectacular is still loading.
"""
from rest_framework.pagination import PageNumberPagination


class PortalApiPagination(PageNumberPagination):
    """``?page=2&page_size=500``: ``REST_FRAMEWORK["PAGE_SIZE"]`` rows a page, at most 1,000."""

    page_size_query_param = "page_size"
    max_page_size = 1000
