"""factory-boy factory of the shared records: the responsible division (所管課)."""
import factory

from core.models import Division


class DivisionFactory(factory.django.DjangoModelFactory):
    """A responsible division (所管課): the saved one of that name, created if missing.

    Divisions are shared reference data that the fixtures load, so a record that is only
    built (``build_batch`` before ``bulk_create``) also points to a saved division. Each
    section's factories pass their own division: ``SubFactory(DivisionFactory, name="国際課")``.
    """

    class Meta:
        model = Division
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"試験課{n}")
    source = "市政概要 1"

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        return cls._create(model_class, *args, **kwargs)
