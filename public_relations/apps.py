from django.apps import AppConfig


class PublicRelationsConfig(AppConfig):
    """Section 5: public relations (広報)."""

    name = "public_relations"
    verbose_name = "広報"
