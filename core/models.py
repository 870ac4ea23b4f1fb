"""Shared model parts: the responsible division (所管課), natural keys, provenance and date fields.

Every content model of the portal inherits ``SourcedModel`` so that each record names
where its facts come from: a section of the FY2016 市政概要 (such as ``3(3)``) or
``SUPPLEMENT.md``, and declares its natural key once (``NaturalKeyModel``).
"""
import datetime

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Max
from django.db.models.fields.related import resolve_relation
from django.db.models.signals import class_prepared
from django.dispatch import receiver

from .wareki import DatePrecision, find_control_character, format_era_date

SOURCE_DOCUMENT = "市政概要(平成28年度版)"
SOURCE_SUPPLEMENT = "補足資料(SUPPLEMENT.md)"

#: The source of a record that staff entered themselves: 「国際課による登録(令和8年12月2日)」.
REGISTERED_SOURCE_PATTERN = r"\S.*による登録\((明治|大正|昭和|平成|令和)(元|\d{1,2})年\d{1,2}月\d{1,2}日\)"

source_validator = RegexValidator(
    regex=rf"^(市政概要 \d(\(\d\))?[ア-ンー]*|補足資料: .+|{REGISTERED_SOURCE_PATTERN})$",
    message=(
        "出典は「市政概要 3(3)」のように節を、「補足資料: 出典名」の形で、または"
        "「国際課による登録(令和8年12月2日)」のように所管課と登録日を入力してください。"
    ),
)


def registered_source(division_name: str, day: datetime.date) -> str:
    """The source of a record that a division's staff entered on ``day``.

    ``registered_source("国際課", date(2026, 12, 2))`` → ``国際課による登録(令和8年12月2日)``;
    ``source_validator`` accepts it.
    """
    return f"{division_name}による登録({format_era_date(day)})"


class FiscalYearField(models.PositiveSmallIntegerField):
    """A fiscal year (年度), stored as the Gregorian year in which it starts (April 1).

    平成27年度 is stored as 2015. Shown by ``wareki.format_fiscal_year``.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "validators", [MinValueValidator(1868), MaxValueValidator(2200)]
        )
        super().__init__(*args, **kwargs)


def responsible_division_field(help_text, **kwargs):
    """Return the ``responsible_division`` (所管課) foreign key of a top-level record.

    A protected link to ``Division``: a division cannot be deleted while records name it.
    ``help_text`` says which division the section has; ``kwargs`` go to ``ForeignKey``
    (e.g. ``related_name``).
    """
    return models.ForeignKey(
        "core.Division",
        on_delete=models.PROTECT,
        verbose_name="所管課",
        help_text=help_text,
        **kwargs,
    )


class DatePrecisionField(models.CharField):
    """How much of the date beside it the source states (year, month or day)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 5)
        kwargs.setdefault("choices", DatePrecision.choices)
        kwargs.setdefault("default", DatePrecision.DAY)
        kwargs.setdefault("verbose_name", "日付の精度")
        kwargs.setdefault(
            "help_text",
            "出典が日まで書いていれば「年月日」、月までなら「年月」(日付は1日で保存)、"
            "年だけなら「年」(日付は1月1日で保存)。",
        )
        super().__init__(*args, **kwargs)


class NaturalKeyQuerySet(models.QuerySet):
    """Base of the QuerySets of every ``NaturalKeyModel``: finds a record by its natural key.

    A model's own QuerySet subclasses it and becomes the manager with ``as_manager()``
    (or ``Manager.from_queryset``), so the manager has ``get_by_natural_key`` as well.
    """

    def get_by_natural_key(self, *key):
        """Return the record whose ``natural_key()`` is ``key``.

        A parent in the model's ``natural_key_fields`` takes as many parts as its own
        natural key: ``Room.objects.get_by_natural_key("熊本市国際交流会館", "6・7階", "ホール")``.
        Raises the model's ``DoesNotExist``, or ``TypeError`` for a wrong number of parts.
        """
        return self.get(**self.model.natural_key_lookups(key))


class NaturalKeyModel(models.Model):
    """Abstract base of a model whose natural key is declared once, in ``natural_key_fields``.

    ``natural_key_fields`` names the model fields of the key, in order; a foreign key in
    it stands for the parent's whole natural key::

        natural_key_fields = ("city", "order")   # natural_key() == ("桂林市", 3)

    From it follow ``natural_key()``, ``natural_key.dependencies`` (the parents in the
    key, for the order of serialization; not set when there are none), the manager's
    ``get_by_natural_key(*key)`` (``NaturalKeyQuerySet``; the default manager ``objects``
    unless the model declares its own) and a spreadsheet resource's ``import_id_fields``.
    Every concrete subclass must declare it (``ImproperlyConfigured`` otherwise).
    """

    #: The names of the fields that make up the natural key, in order.
    natural_key_fields: tuple = ()

    objects = NaturalKeyQuerySet.as_manager()

    class Meta:
        abstract = True

    def natural_key(self):
        """Return the natural key: the key's values, each parent expanded to its own key."""
        key = []
        for field in self.natural_key_model_fields():
            if field.is_relation:
                key.extend(getattr(self, field.name).natural_key())
            else:
                key.append(getattr(self, field.attname))
        return tuple(key)

    @classmethod
    def natural_key_model_fields(cls):
        """Return the model fields named by ``natural_key_fields``, in order."""
        return [cls._meta.get_field(name) for name in cls.natural_key_fields]

    @classmethod
    def natural_key_length(cls):
        """Return the number of parts of the natural key (parents counted with their parts)."""
        return sum(
            field.related_model.natural_key_length() if field.is_relation else 1
            for field in cls.natural_key_model_fields()
        )

    @classmethod
    def natural_key_lookups(cls, key, prefix=""):
        """Return the ``filter()`` keyword arguments that find the record of natural key ``key``.

        ``Floor.natural_key_lookups(("熊本市国際交流会館", "6・7階"))`` is
        ``{"center__name": "熊本市国際交流会館", "label": "6・7階"}``; ``prefix`` is put in
        front of every lookup (used for parents). Raises ``TypeError`` when ``key`` has
        the wrong number of parts.
        """
        parts = list(key)
        if len(parts) != cls.natural_key_length():
            raise TypeError(
                f"The natural key of {cls._meta.label} has {cls.natural_key_length()} parts, "
                f"not {len(parts)}: {tuple(parts)!r}"
            )
        lookups = {}
        for field in cls.natural_key_model_fields():
            if field.is_relation:
                parent = field.related_model
                length = parent.natural_key_length()
                lookups.update(parent.natural_key_lookups(parts[:length], f"{prefix}{field.name}__"))
                del parts[:length]
            else:
                lookups[f"{prefix}{field.name}"] = parts.pop(0)
        return lookups


@receiver(class_prepared)
def _give_natural_key_dependencies(sender, **kwargs):
    # Django's serializers read ``Model.natural_key.dependencies``: a function attribute,
    # so each model needs a natural_key function of its own to carry its parents.
    if not issubclass(sender, NaturalKeyModel):
        return
    if not sender.natural_key_fields:
        raise ImproperlyConfigured(
            f"{sender._meta.label} declares no natural_key_fields (see NaturalKeyModel)."
        )
    dependencies = []
    for field in sender.natural_key_model_fields():
        if field.is_relation:
            parent = resolve_relation(sender, field.remote_field.model)
            dependencies.append(parent if isinstance(parent, str) else parent._meta.label_lower)

    def natural_key(self):
        return NaturalKeyModel.natural_key(self)

    natural_key.__doc__ = NaturalKeyModel.natural_key.__doc__
    # Only a non-empty list: sort_dependencies() appends the foreign keys' models to an
    # empty one in place, which would then be read as labels on the next dump.
    if dependencies:
        natural_key.dependencies = dependencies
    sender.natural_key = natural_key


class SourcedModel(NaturalKeyModel):
    """Abstract base of every content model: the ``source`` of the record's facts.

    Also the record's natural key (``NaturalKeyModel``: each model declares
    ``natural_key_fields``) and the audit trail: every concrete subclass gets a historical
    model and a ``history`` manager (django-simple-history; see ``audit.history``).
    """

    source = models.CharField(
        "出典",
        max_length=200,
        validators=[source_validator],
        help_text="この記録の根拠。市政概要の節(例:「市政概要 3(3)」)または"
        "「補足資料: 熊本市震災復興計画について」のように書きます。",
    )

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        """Validate the fields, and refuse control characters (BEL, NUL, ESC …) in any text.

        They are invisible on a page and cannot be written to XLSX, so one of them would
        stop every spreadsheet export of the model. Raises ``ValidationError`` (Japanese).
        """
        errors = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if exclude and field.name in exclude or field.name in errors:
                continue
            value = getattr(self, field.attname)
            if isinstance(field, (models.CharField, models.TextField)) and isinstance(value, str):
                control = find_control_character(value)
                if control:
                    errors[field.name] = [
                        ValidationError(
                            f"見えない制御文字(U+{ord(control):04X})が含まれています。"
                            "取り除いてから保存してください。"
                        )
                    ]
        if errors:
            raise ValidationError(errors)


class Division(SourcedModel):
    """A division of the city (課) that is responsible (所管課) for part of the content.

    The document names the responsible division in each section heading:
    政策企画課 (1, 2), 国際課 (3), 観光政策課 (4), 広報課 (5), 復興総務課 (6).
    """

    name = models.CharField(
        "課名",
        max_length=50,
        unique=True,
        help_text="市政概要の見出しに書かれた課の名前。例: 国際課",
    )
    order = models.PositiveSmallIntegerField(
        "表示順", default=0, help_text="一覧での並び順。小さいほど先に表示されます。"
    )

    natural_key_fields = ("name",)

    class Meta:
        verbose_name = "所管課"
        verbose_name_plural = "所管課"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


def content_models():
    """Return every concrete content model (a ``SourcedModel`` subclass), sorted by label."""
    found = [model for model in apps.get_models() if issubclass(model, SourcedModel)]
    return sorted(found, key=lambda model: model._meta.label)


def date_precision_pairs(model) -> dict[str, str]:
    """The date fields of ``model`` that have a ``DatePrecisionField`` beside them.

    ``{"date": "date_precision"}`` for ``ExchangeActivity``: the precision field is the
    date field's name followed by ``_precision``.
    """
    fields = {field.name: field for field in model._meta.concrete_fields}
    return {
        name: f"{name}_precision"
        for name, field in fields.items()
        if isinstance(field, models.DateField)
        and not isinstance(field, models.DateTimeField)
        and isinstance(fields.get(f"{name}_precision"), DatePrecisionField)
    }


def order_scope(model) -> list[str]:
    """The fields within which ``model``'s 表示順 (``order``) counts, e.g. ``["city"]``.

    Those that make ``order`` unique with them (a ``UniqueConstraint`` on ``city`` and
    ``order``); otherwise those that sort before ``order`` in ``Meta.ordering``
    (``policy__number`` counts as ``policy``); ``[]`` when the order runs over all records.
    """
    for constraint in model._meta.constraints:
        fields = list(getattr(constraint, "fields", ()) or ())
        if "order" in fields and len(fields) > 1:
            return [name for name in fields if name != "order"]
    scope = []
    for entry in model._meta.ordering:
        name = str(entry).lstrip("-").split("__")[0]
        if name == "order":
            return scope
        if name not in scope:
            scope.append(name)
    return []


def next_order(model, scope_values: dict) -> int:
    """The next free 表示順 of ``model`` within ``scope_values``: one more than the largest.

    ``scope_values`` maps each field of ``order_scope(model)`` to its value (a related
    record or a plain value). A related record not saved yet has no records under it: 1.
    """
    lookups = {}
    for name, value in scope_values.items():
        if isinstance(value, models.Model):
            if value.pk is None:
                return 1
            value = value.pk
        lookups[name] = value
    largest = model._default_manager.filter(**lookups).aggregate(largest=Max("order"))["largest"]
    return (largest or 0) + 1
