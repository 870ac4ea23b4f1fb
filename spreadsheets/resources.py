"""The base of every ``ModelResource``: one import/export path for the whole portal.

Resources key rows on the model's natural key (``import_id_fields``, taken from the model's
``natural_key_fields`` unless the resource sets it) and skip rows that would change nothing,
so that re-importing an unchanged export creates and changes nothing.

Columns (see ``spreadsheets.widgets``): every model field gets its widget here, so a
date, a fiscal year, a number with its unit, a choice, a yes/no or a parent record is read
and written the same way in every app. Headers are the fields' Japanese labels; import
matches a header after normalisation by label or by field name. Every row error names the
row, the column and the value in Japanese; a file with any bad row writes nothing.
"""
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    MultipleObjectsReturned,
    ObjectDoesNotExist,
    ValidationError,
)
from django.utils.encoding import force_str
from django.utils.safestring import SafeString
from import_export import resources, widgets
from import_export.declarative import ModelDeclarativeMetaclass
from import_export.results import RowResult

from core.languages import with_english_fields
from core.models import Division
from core.wareki import DatePrecision, normalize_text

from .bulk import BulkImportMixin
from .formats import SpreadsheetError
from .widgets import (
    NaturalKeyWidget,
    is_empty_cell,
    QuantityWidget,
    WarekiDateWidget,
    read_date_cell,
    widget_for_field,
)

# Kept for code written against the first version of this module.
DateOnlyWidget = WarekiDateWidget
WholeNumberWidget = QuantityWidget


def header_key(text) -> str:
    """Return the form in which headers are compared: NFKC, no spaces, case-folded.

    ``" 都市 "``, ``"都 市"`` and ``"都市"`` are the same header; ``"Name"`` is ``"name"``.
    """
    return normalize_text(force_str(text if text is not None else "")).replace(" ", "").casefold()


def _key_part(value):
    # How a natural-key cell is compared between rows: 3, 3.0, "3" and "３" are the same.
    text = normalize_text(force_str(value if value is not None else ""))
    try:
        return str(Decimal(text.replace(",", "")).normalize())
    except (InvalidOperation, ValueError):
        return text


class PortalDiff(resources.Diff):
    """The import preview's row diff, read as the export writes it.

    ``Diff`` reads ``field.export`` directly, which shows a date known to the month as
    ``…8月1日``; through ``export_field`` it is ``平成25年(2013年)8月``, as on the pages.
    """

    def __init__(self, resource, instance, new):
        self.left = self._values(resource, instance)
        self.right = []
        self.new = new

    def compare_with(self, resource, instance):
        self.right = self._values(resource, instance)

    @staticmethod
    def _values(resource, instance):
        return [resource.export_field(field, instance) for field in resource.get_import_fields()]

    def as_html(self):
        """The library's cells (HTML of the change), each a ``DiffCell`` with its two values."""
        return [
            DiffCell(html, old="" if self.new else force_str(left), new=force_str(right))
            for html, left, right in zip(super().as_html(), self.left, self.right)
        ]


class DiffCell(SafeString):
    """One cell of a preview row: the library's HTML, and ``old`` / ``new`` as plain text.

    ``old`` is ``""`` for a new record. Pages that cannot show the library's inline-styled
    HTML (the Content Security Policy blocks it) show ``old`` and ``new`` instead.
    """

    def __new__(cls, html, *, old, new):
        cell = super().__new__(cls, html)
        cell.old, cell.new = old, new
        return cell


class PortalResourceMetaclass(ModelDeclarativeMetaclass):
    """Keys a resource on its model's natural key when its ``Meta`` sets no ``import_id_fields``.

    The model's ``natural_key_fields`` (``core.models.NaturalKeyModel``) become the
    resource's ``import_id_fields``, so the natural key is declared once, on the model.
    """

    def __new__(mcs, name, bases, attrs):
        # Each field with an English version gets its column right after the field's:
        # 「都市名」 then 「都市名(英語)」 (core.languages; registrations in translation.py).
        meta = attrs.get("Meta")
        if getattr(meta, "model", None) is not None and getattr(meta, "fields", None):
            meta.fields = with_english_fields(meta.model, meta.fields)
        new_class = super().__new__(mcs, name, bases, attrs)
        model = new_class._meta.model
        declared = any(
            "import_id_fields" in vars(klass.__dict__["Meta"])
            for klass in new_class.__mro__
            if "Meta" in klass.__dict__
        )
        if model is not None and not declared and getattr(model, "natural_key_fields", None):
            new_class._meta.import_id_fields = list(model.natural_key_fields)
        return new_class


class PortalResource(  # fast import path: bulk.py
    BulkImportMixin, resources.ModelResource, metaclass=PortalResourceMetaclass
):
    """Base resource: unchanged rows are skipped and reported as such; one transaction.

    Import rules, for every model:

    - Headers: the Japanese label (``verbose_name``) or the field name, compared after
      ``header_key``; an unknown, repeated or missing required column stops the import
      with a ``SpreadsheetError`` (Japanese) and writes nothing.
    - Values: read by the widgets of ``spreadsheets.widgets``. A date cell to the
      month (``平成28年4月``) sets the date's precision field to 年月 unless the row gives
      that precision column.
    - Rows: two rows with the same natural key are both refused; every error message
      reads ``3行目「都市」: …`` (row 1 is the header) and names the value.
    - All-or-nothing: any bad row rolls the whole import back (also dry runs).

    Export writes the labels as headers, choice labels, はい/いいえ, parents by natural
    key, dates as XLSX date cells (native export) or 和暦 text (``平成28年(2016年)4月14日``),
    numbers as numbers, and text that a spreadsheet would run as a formula with a leading
    apostrophe (undone on import).
    """

    #: Header labels for columns that are not a model field of their own (``{column: label}``).
    column_labels: dict = {}

    class Meta:
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True
        use_natural_foreign_keys = True
        # Without this a file with errors in some rows could still write the others.
        rollback_on_validation_errors = True
        # use_bulk, batch_size, store_instance and instance_loader_class are set by the
        # fast path (BulkImportMixin.fast_import_options) for each import it serves.

    def __init__(self, *, row_check=None, **kwargs):
        """``row_check(user, instance)`` is asked for every row before the row's values are
        applied; it returns ``None`` or a callable that is given the instance with the values
        applied and raises ``ValidationError`` to refuse the row. Whoever knows the rules
        (the admin: which division a user may change) passes it; without one every row that
        passes the model's validation is accepted.
        """
        super().__init__(**kwargs)
        self.row_check = row_check
        self._duplicate_rows = {}
        self._header_errors = []

    # Widgets -------------------------------------------------------------------------

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        field = super().field_from_django_field(field_name, django_field, readonly)
        widget = widget_for_field(django_field, django_field.model)
        if widget is not None:
            field.widget = widget
        return field

    # Headers -------------------------------------------------------------------------

    def _model_field(self, name, model=None):
        try:
            return (model or self._meta.model)._meta.get_field(name)
        except FieldDoesNotExist:
            return None

    def column_label(self, field) -> str:
        """Return the Japanese header of resource field ``field``.

        The model field's ``verbose_name``; for a column that follows a relation
        (``floor__center__name``) the label of the last relation on the way (``施設``);
        ``column_labels`` overrides both.
        """
        if field.column_name in self.column_labels:
            return self.column_labels[field.column_name]
        model_field = self._model_field(field.column_name)
        if model_field is not None:
            return str(model_field.verbose_name)
        model, label = self._meta.model, None
        for part in (field.attribute or "").split("__"):
            model_field = self._model_field(part, model)
            if model_field is None:
                break
            if model_field.is_relation:
                label, model = str(model_field.verbose_name), model_field.related_model
        return label or field.column_name

    def get_diff_headers(self):
        """Return the headers of the import preview: the same Japanese labels as the export."""
        return [self.column_label(field) for field in self.get_user_visible_fields()]

    def get_export_headers(self, selected_fields=None):
        """Return the export headers: the Japanese label of each exported column."""
        return [self.column_label(field) for field in self.get_export_fields(selected_fields)]

    def required_columns(self):
        """Return the resource fields a file must have: the natural key and every field a
        new record cannot do without (not blank, no default)."""
        required = []
        for name, field in self.fields.items():
            model_field = self._model_field(field.attribute or "")
            if name in self.get_import_id_fields():
                required.append(field)
            elif (
                model_field is not None
                and not field.readonly
                and model_field.concrete
                and not model_field.blank
                and not model_field.null
                and not model_field.has_default()
            ):
                required.append(field)
        return required

    def match_headers(self, headers):
        """Match a file's headers to this resource's columns.

        ``headers`` is the header row as read (any case, width, spaces). Returns
        ``(columns, errors)``: ``columns[i]`` is the ``column_name`` for header ``i``
        (``None`` for an empty header), ``errors`` a list of Japanese messages for unknown,
        repeated and missing required columns (empty when the headers are fine). Used by
        ``before_import``; formats and commands may call it to check a file up front.
        """
        known = {}
        for field in self.fields.values():
            for text in (self.column_label(field), field.column_name):
                known.setdefault(header_key(text), field.column_name)
        columns, errors, seen = [], [], {}
        for index, header in enumerate(headers or [], 1):
            key = header_key(header)
            if not key:
                columns.append(None)
                continue
            column = known.get(key)
            if column is None:
                errors.append(
                    f"{index}列目の見出し「{header}」は{self._meta.model._meta.verbose_name}の列にありません。"
                    "見出しの綴りを確かめてください。"
                )
            elif column in seen:
                errors.append(f"列「{header}」が{seen[column]}列目と{index}列目にあります。")
            else:
                seen[column] = index
            columns.append(column)
        for field in self.required_columns():
            if field.column_name not in seen:
                errors.append(f"必須の列「{self.column_label(field)}」がありません。")
        return columns, errors

    def before_import(self, dataset, **kwargs):
        """Rename the file's headers to column names; find repeated natural keys.

        Raises ``SpreadsheetError`` (and empties the dataset, so no row is read) when the
        headers do not fit. A column with an empty header and no values is dropped.
        """
        self._duplicate_rows, self._header_errors = {}, []
        columns, errors = self.match_headers(dataset.headers)
        if not dataset.headers:
            errors = ["見出しの行がありません。1行目に列の見出しを入れてください。"]
        for index, column in enumerate(columns):
            if column is None and any(not is_empty_cell(row[index]) for row in dataset):
                errors.append(f"{index + 1}列目に見出しがありません(値は入っています)。")
        if errors:
            self._header_errors = errors
            del dataset[0 : len(dataset)]
            raise SpreadsheetError("\n".join(errors), "columns")
        blanks = [f"__blank_{index}" for index, column in enumerate(columns) if column is None]
        dataset.headers = [column or f"__blank_{index}" for index, column in enumerate(columns)]
        for blank in blanks:
            del dataset[blank]
        self._find_duplicate_keys(dataset)
        super().before_import(dataset, **kwargs)

    def _check_import_id_fields(self, headers):
        # before_import has already reported missing key columns in Japanese.
        if not self._header_errors:
            super()._check_import_id_fields(headers)

    def _key_of(self, field, row):
        # Compared without the database: a parent by its typed key parts, other values as
        # their widget reads them (so 海外 and overseas, 3 and ３ are the same key).
        value = row.get(field.column_name)
        try:
            if isinstance(field.widget, NaturalKeyWidget):
                return tuple(_key_part(part) for part in field.widget.split(value))
            if not isinstance(field.widget, widgets.ForeignKeyWidget):
                return _key_part(field.widget.clean(value, row=row))
        except (ValueError, TypeError, ArithmeticError):
            pass
        return _key_part(value)

    def _find_duplicate_keys(self, dataset):
        key_fields = [self.fields[name] for name in self.get_import_id_fields()]
        rows_by_key = defaultdict(list)
        rows = dataset.dict
        for number, values in enumerate(rows, 1):
            key = tuple(self._key_of(field, values) for field in key_fields)
            if any(not is_empty_cell(values.get(field.column_name)) for field in key_fields):
                rows_by_key[key].append(number)
        labels = "・".join(self.column_label(self.fields[n]) for n in self.get_import_id_fields())
        for key, numbers in rows_by_key.items():
            if len(numbers) > 1:
                lines = "・".join(f"{number + 1}行目" for number in numbers)
                shown = " / ".join(
                    normalize_text(force_str(rows[numbers[0] - 1].get(f.column_name) or ""))
                    for f in key_fields
                )
                message = f"{lines}で{labels}が同じ「{shown}」です。1つの行にまとめてください。"
                for number in numbers:
                    self._duplicate_rows[number] = message

    # Rows ----------------------------------------------------------------------------

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None,
                    collect_failed_rows=False, rollback_on_validation_errors=True, **kwargs):
        """Import ``dataset``; any invalid row rolls the whole file back (all-or-nothing)."""
        return super().import_data(
            dataset, dry_run=dry_run, raise_errors=raise_errors,
            use_transactions=use_transactions, collect_failed_rows=collect_failed_rows,
            rollback_on_validation_errors=rollback_on_validation_errors, **kwargs,
        )

    def get_or_init_instance(self, instance_loader, row):
        try:
            return super().get_or_init_instance(instance_loader, row)
        except (ValueError, ObjectDoesNotExist, MultipleObjectsReturned) as error:
            # A natural-key cell that names no parent: say which column, not a traceback.
            errors = {}
            for name in self.get_import_id_fields():
                field = self.fields[name]
                try:
                    field.clean(row)
                except (ValueError, ObjectDoesNotExist, MultipleObjectsReturned) as e:
                    errors[field.attribute] = ValidationError(force_str(e))
            raise ValidationError(errors or {NON_FIELD_ERRORS: [force_str(error)]}) from None

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        try:
            super().import_field(field, instance, row, is_m2m, **kwargs)
        except ObjectDoesNotExist:
            raise ValueError(f"「{row.get(field.column_name)}」に当たる記録は登録されていません。") from None
        except MultipleObjectsReturned:
            raise ValueError(f"「{row.get(field.column_name)}」に当たる記録が複数あり、決められません。") from None

    def import_instance(self, instance, row, **kwargs):
        # Many-to-many cells are saved after the record; read them now so that an unknown
        # value is a row error like any other, before anything is written.
        errors = {}
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row, **kwargs)
                except ValueError as error:
                    errors[field.attribute] = ValidationError(force_str(error))
        check = self.row_check(kwargs.get("user"), instance) if self.row_check else None
        try:
            super().import_instance(instance, row, **kwargs)
            if check is not None:
                check(instance)
        except ValidationError as error:
            errors = {**error.update_error_dict({}), **errors}
        self._set_date_precisions(instance, row)
        if errors:
            raise ValidationError(errors)

    def _set_date_precisions(self, instance, row):
        # A cell to the month (平成28年4月) makes the record's precision 年月, unless the
        # row states the precision itself.
        by_attribute = {field.attribute: field for field in self.fields.values()}
        for field in self.get_import_fields():
            if not isinstance(field.widget, WarekiDateWidget) or field.column_name not in row:
                continue
            name = f"{field.attribute}_precision"
            if self._model_field(name) is None:
                continue
            stated = by_attribute.get(name)
            if stated is not None and not is_empty_cell(row.get(stated.column_name)):
                continue
            try:
                day, precision = read_date_cell(row[field.column_name])
            except ValueError:
                continue
            if day is not None:
                setattr(instance, name, precision)

    def import_row(self, row, instance_loader, **kwargs):
        number = kwargs.get("row_number")
        if number in self._duplicate_rows:
            row_result = self.get_row_result_class()()
            row_result.import_type = RowResult.IMPORT_TYPE_INVALID
            row_result.validation_error = ValidationError(
                {NON_FIELD_ERRORS: [self._duplicate_rows[number]]}
            )
            return row_result
        row_result = super().import_row(row, instance_loader, **kwargs)
        if row_result.validation_error is not None:
            row_result.validation_error = self.explain_errors(row_result.validation_error, row, number)
        for error in row_result.errors:
            explained = SpreadsheetError(
                f"{self.line_of(number)}行目: 保存できませんでした({type(error.error).__name__}: {error.error})。"
                "値を確かめてください。",
                "row",
            )
            # The original stays reachable: a busy database is not the row's fault
            # (spreadsheets.sheets.hit_busy_database).
            explained.__cause__ = error.error
            error.error = explained
            error.traceback = ""  # staff see the message; the library has logged the trace
        return row_result

    def handle_import_error(self, result, error, raise_errors=False):
        # A file-level problem is shown as its Japanese message, without a traceback.
        if isinstance(error, SpreadsheetError) and not raise_errors:
            entry = self.get_error_result_class()(error)
            entry.traceback = ""
            result.append_base_error(entry)
            return
        super().handle_import_error(result, error, raise_errors)

    @staticmethod
    def line_of(row_number):
        """Return the spreadsheet line of data row ``row_number`` (1-based; the header is line 1)."""
        return (row_number or 0) + 1

    def explain_errors(self, error, row, row_number):
        """Return ``error`` (a ``ValidationError``) with each message naming row, column, value.

        ``3行目「都市」: 「桂休市」という姉妹・友好都市は登録されていません。``; a message
        that does not quote the value gets ``(入力値「…」)``.
        """
        line = self.line_of(row_number)
        fields = {}
        for field in self.fields.values():
            fields.setdefault(field.attribute, field)
            fields.setdefault(field.column_name, field)
        explained = {}
        for key, messages in error.message_dict.items():
            field = fields.get(key)
            if key == NON_FIELD_ERRORS or (field is None and self._model_field(key) is None):
                explained[key] = [m if m.startswith(f"{line}行目") else f"{line}行目: {m}" for m in messages]
                continue
            if field is not None:
                label, value = self.column_label(field), row.get(field.column_name)
            else:
                label, value = str(self._model_field(key).verbose_name), None
            shown = "" if is_empty_cell(value) else normalize_text(force_str(value))
            explained[key] = [
                m if m.startswith(f"{line}行目") else
                f"{line}行目「{label}」: {m}" + (f"(入力値「{shown}」)" if shown and shown not in m else "")
                for m in messages
            ]
        return ValidationError(explained)

    # Export --------------------------------------------------------------------------

    def get_diff_class(self):
        # The fast path may skip diffs on a confirmed import; otherwise ours (PortalDiff).
        diff_class = super().get_diff_class()
        return PortalDiff if diff_class is resources.Diff else diff_class

    def export_field(self, field, instance, **kwargs):
        if isinstance(field.widget, WarekiDateWidget):
            precision = getattr(instance, f"{field.attribute}_precision", None)
            kwargs["precision"] = precision or DatePrecision.DAY
        return super().export_field(field, instance, **kwargs)


class DivisionResource(PortalResource):
    """Responsible divisions (所管課), keyed on the division name."""

    class Meta:
        model = Division
        fields = ["name", "order", "source"]
