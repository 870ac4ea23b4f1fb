"""Shared model parts: the responsible division (所管課), provenance and date fields.

Every content model of the portal inherits ``SourcedModel`` so that each record names
where its facts come from: a section of the FY2016 市政概要 (such as ``3(3)``) or
``SUPPLEMENT.md``. ``SourcedModel`` also holds the rules every writer of a content record
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
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import F

from .wareki import DatePrecision, find_control_character, normalize_multiline, normalize_text

SOURCE_DOCUMENT = "市政概要(平成28年度版)"
SOURCE_SUPPLEMENT = "補足資料(SUPPLEMENT.md)"

source_validator = RegexValidator(
    regex=r"^(市政概要 \d(\(\d\))?[ア-ンー]*|補足資料: .+)$",
    message=(
        "出典は「市政概要 3(3)」のように節を、または「補足資料: 出典名」の形で入力してください。"
    ),
)


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


class SourcedModel(models.Model):
    """Abstract base of every content model: the ``source`` of the record's facts.

    Also the audit trail: every concrete subclass gets a historical model and a
    ``history`` manager (django-simple-history; see ``audit.history``), which leaves
    ``version`` out.

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


class DivisionQuerySet(models.QuerySet):
    """Reads of responsible divisions."""


class DivisionManager(models.Manager.from_queryset(DivisionQuerySet)):
    def get_by_natural_key(self, name):
        """Return the division named ``name`` (e.g. ``国際課``)."""
        return self.get(name=name)


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

    objects = DivisionManager()

    class Meta:
        verbose_name = "所管課"
        verbose_name_plural = "所管課"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)



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
