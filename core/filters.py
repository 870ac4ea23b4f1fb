"""The base of every public list's filter (django-filter)."""
import django_filters


class PortalFilterSet(django_filters.FilterSet):
    """A FilterSet whose filters know their model from the start.

    django-filter gives a filter its model only when a FilterSet is instantiated; a filter
    whose form field is built on the class itself (the API schema does so, reading
    ``base_filters``) caches a field with no label, and every list's form and title then
    lose it (「None: 町」, a field labelled "Kind"). Setting the model on the class's
    filters makes the label the model field's verbose name wherever it is first read.
    """

    @classmethod
    def get_filters(cls):
        filters = super().get_filters()
        model = cls._meta.model
        for filter_ in filters.values():
            filter_.model = model
        return filters
