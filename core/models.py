"""Shared model parts: the responsible division (所管課), natural keys, provenance and date fields.

Every content model of the portal inherits ``SourcedModel`` so that each record names
where its facts come from: a section of the FY2016 市政概要 (such as ``3(3)``) or
``SUPPLEMENT.md``, and declares its natural key once (``NaturalKeyModel``).
``SourcedModel`` also holds the rules every writer of a content record
meets, whoever writes it (admin, spreadsheet import, ``loaddata``, code):

- one text form (``normalize_text_fields``): line endings ``\n``, NFKC, trimmed — the
  spreadsheet import's rules (``core.wareki``), applied in ``clean_fields`` (so forms and
  imports validate what will be stored) and by the ``pre_save`` receiver
  ``normalize_before_save`` (so ``loaddata``'s raw saves and code that never validates
  store the same text);
- integers within what the column holds on PostgreSQL (``clean_fields``), also on SQLite,
  which stores any size;
- a ``version`` that every write changing the record advances (optimistic locking):
  saving a record read before somebody else saved it raises ``RecordChanged`` instead of
  silently overwriting their change. The admin asks before that happens
  (``backoffice.forms``).
"""
import datetime

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import F, Max
from django.db.models.fields.related import resolve_relation
from django.db.models.signals import class_prepared
from django.dispatch import receiver

from .wareki import (
    DatePrecision,
    find_control_character,
    format_era_date,
    normalize_multiline,
    normalize_text,
)

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


#: The field of ``SourcedModel`` that counts the saves of a record (optimistic locking).
VERSION_FIELD = "version"


class RecordChanged(Exception):
    """A save of ``instance`` found its record saved by somebody else since it was read.

    Raised by ``SourcedModel.save`` (nothing is written); ``instance.version`` is the
    version that was read. Like any error inside a save it spoils the surrounding
    transaction: code that goes on after catching it saves inside ``transaction.atomic()``.
    """

    def __init__(self, instance):
        self.instance = instance
        super().__init__(
            f"「{instance}」は読み込んだ後に他の人が保存しました(版 {instance.version})。"
        )


def is_multiline_text(field) -> bool:
    """Whether the text of model ``field`` keeps its line breaks (a ``TextField``).

    The one rule for which text is normalised how: a ``TextField`` by
    ``wareki.normalize_multiline``, any other ``CharField`` by ``wareki.normalize_text``
    (used by the models and by the spreadsheet columns, ``spreadsheets.widgets``).
    """
    return isinstance(field, models.TextField)


def normalize_field_text(field, value):
    """Return ``value`` of model ``field`` in the one form the portal stores text in.

    Text of a ``CharField`` / ``TextField``: NFKC, trimmed, ``\r\n`` → ``\n`` (see
    ``is_multiline_text``). Any other value is returned unchanged.
    """
    if not isinstance(value, str) or not isinstance(field, (models.CharField, models.TextField)):
        return value
    return normalize_multiline(value) if is_multiline_text(field) else normalize_text(value)


def integer_range(field):
    """Return ``(lowest, highest)`` that the column of integer ``field`` holds on PostgreSQL.

    Django's ranges per field type (``BaseDatabaseOperations.integer_field_ranges``, the
    limits of PostgreSQL's ``smallint`` / ``integer`` / ``bigint``), whatever the database
    in use: SQLite would store more, and such a backup could not be restored into
    PostgreSQL. ``None`` for a field that is not an integer.
    """
    if not isinstance(field, models.IntegerField):
        return None
    return BaseDatabaseOperations.integer_field_ranges.get(field.get_internal_type())


class SourcedModel(NaturalKeyModel):
    """Abstract base of every content model: the ``source`` of the record's facts.

    Also the record's natural key (``NaturalKeyModel``: each model declares
    ``natural_key_fields``) and the audit trail: every concrete subclass gets a historical
    model and a ``history`` manager (django-simple-history; see ``audit.history``), which
    leaves ``version`` out.

    Optimistic locking: ``version`` is 1 for a new record and one more on every save
    that changes a value (a save that changes nothing keeps it). A save of a record that
    was read from the database (or shown in a form with its version) updates it only if
    its version is still the one read; otherwise it raises ``RecordChanged`` and writes
    nothing. A raw save (``loaddata``) and a save of an instance built from scratch with
    the primary key of an existing record do not check, and advance the version when they
    change the stored row. Bulk writes must set ``version`` themselves
    (``spreadsheets.bulk`` does); ``QuerySet.update()`` leaves it as it is.
    """

    source = models.CharField(
        "出典",
        max_length=200,
        validators=[source_validator],
        help_text="この記録の根拠。市政概要の節(例:「市政概要 3(3)」)または"
        "「補足資料: 熊本市震災復興計画について」のように書きます。",
    )

    version = models.PositiveIntegerField(
        "版",
        default=1,
        help_text="保存されるたびに1つ増える番号。画面を開いた後に他の人が保存したことを"
        "見分けるためのもので、入力はしません。",
    )

    class Meta:
        abstract = True

    def normalize_text_fields(self):
        """Put every text field's value in the one stored form (``normalize_field_text``)."""
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname)
            normalized = normalize_field_text(field, value)
            if normalized != value:
                setattr(self, field.attname, normalized)

    def clean_fields(self, exclude=None):
        """Normalise the text, validate the fields, and refuse what one database would lose.

        - Control characters (BEL, NUL, ESC …) in any text are refused before the text is
          normalised: they are invisible on a page and cannot be written to XLSX, so one
          of them would stop every spreadsheet export of the model.
        - Text is then normalised (``normalize_text_fields``), so that the length and the
          other rules are checked on what will be stored.
        - Every integer must fit the column on PostgreSQL (``integer_range``), on SQLite
          too; the message names the limit.

        Raises ``ValidationError`` (Japanese).
        """
        errors = {}
        exclude = set(exclude or ())
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname)
            if field.name in exclude or not isinstance(value, str):
                continue
            if isinstance(field, (models.CharField, models.TextField)):
                control = find_control_character(value)
                if control:
                    errors[field.name] = [
                        ValidationError(
                            f"見えない制御文字(U+{ord(control):04X})が含まれています。"
                            "取り除いてから保存してください。",
                            code="control_character",
                        )
                    ]
        self.normalize_text_fields()
        try:
            super().clean_fields(exclude | set(errors))
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if field.name in exclude or field.primary_key:
                continue
            bounds = integer_range(field)
            value = getattr(self, field.attname)
            if bounds is None or not isinstance(value, int) or isinstance(value, bool):
                continue
            low, high = bounds
            if value > high:
                message = f"{high}以下の数を入力してください(この欄に保存できる上限です)。"
            elif value < low:
                message = f"{low}以上の数を入力してください(この欄に保存できる下限です)。"
            else:
                continue
            # Django's own validators give the same limit on PostgreSQL only: one message
            # on every database.
            errors[field.name] = [ValidationError(message, code="out_of_range")]
        if errors:
            raise ValidationError(errors)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # What was read, to tell a save that changes nothing (no new version) from one
        # that does. The row's own values: no copy.
        instance._loaded_values = (field_names, values)
        return instance

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self._remember_values()

    def _remember_values(self):
        # The values now stored (deferred fields left out: reading one would query).
        names = [f.attname for f in self._meta.concrete_fields if f.attname in self.__dict__]
        self._loaded_values = (names, [self.__dict__[name] for name in names])

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        # Optimistic locking at the database: the UPDATE matches the row only at the
        # version read, and advances it in the same statement, so of two saves of the same
        # version only one succeeds. A save that changes no value keeps the version.
        version = self._meta.get_field(VERSION_FIELD)
        values = [item for item in values if item[0] is not version]
        if self._state.adding:
            # A raw save (loaddata) or an instance built with an existing key: nothing
            # was read to check against; the version follows the stored row.
            names = [field.attname for field, _, _ in values]
            stored = base_qs.filter(pk=pk_val).values_list(*names, VERSION_FIELD).first()
            if stored is None:
                return False
            self.version = stored[-1] + _differs(values, dict(zip(names, stored)))
            values.append((version, None, self.version))
            return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update)
        loaded = getattr(self, "_loaded_values", None)
        changed = loaded is None or _differs(values, dict(zip(*loaded)))
        if changed:
            values.append((version, None, F(VERSION_FIELD) + 1))
        filtered = base_qs.filter(**{VERSION_FIELD: self.version})
        if super()._do_update(filtered, using, pk_val, values, update_fields, forced_update):
            if changed:
                self.version += 1
            self._remember_values()
            return True
        if base_qs.filter(pk=pk_val).exists():
            raise RecordChanged(self)
        return False


def _differs(values, stored):
    """Whether any ``(field, model, value)`` of an UPDATE differs from ``stored`` (by attname)."""
    missing = object()
    for field, _, value in values:
        if hasattr(value, "resolve_expression") or stored.get(field.attname, missing) != value:
            return True
    return False


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


def normalize_before_save(sender, instance, **kwargs):
    """``pre_save`` receiver: the stored text of every content record, however it is saved.

    Connected in ``CoreConfig.ready``. Covers ``save()`` and ``loaddata`` (whose raw saves
    skip ``save()`` and ``clean_fields`` but send ``pre_save``); bulk writes send no
    signal, so they must pass normalised values (the spreadsheet columns read text with the
    same functions).
    """
    if isinstance(instance, SourcedModel):
        instance.normalize_text_fields()


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
