"""The fast import path shared by every ``PortalResource``: no queries per row.

django-import-export's default path costs several queries per row: the lookup of the
existing record, one lookup per foreign-key column, the unique and constraint checks of
``full_clean`` and one ``INSERT``/``UPDATE`` in its own savepoint. ``BulkImportMixin``
keeps the library's row logic (``import_row``: new / update / skip, diffs, row errors)
and replaces only the database work:

- the existing records are loaded in ONE query per file and matched on the natural key
  (``import_id_fields``) in memory; a key written twice in one file is a row error;
- foreign-key look-ups (a city by its name) are cached for the file, so each distinct
  value costs one query at most;
- every instance is ``full_clean``-ed, but unique fields and constraints are checked in
  memory against values loaded once per file (check constraints are evaluated in Python;
  one the evaluator cannot read falls back to Django's own per-row query);
- nothing is written until every row has passed: then new and changed instances go to the
  database through ``write_instances`` (``bulk_create`` / ``bulk_update`` in batches),
  inside the transaction ``import_data`` opened. A dry run writes nothing at all.

So the guarantees of the default path hold: a file with any invalid row writes nothing,
the preview shows each row as new / changed (with its diff) / unchanged and every row
error, and an unchanged export re-imports as a no-op.

Resources the fast path cannot serve (many-to-many columns, multi-table inheritance, an
import key that is not a plain model field) fall back to the library's path.
"""
from collections import OrderedDict

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from import_export import exceptions, widgets
from import_export.results import RowResult
from import_export.utils import atomic_if_using_transaction

#: Rows per ``INSERT`` / ``UPDATE`` statement.
BATCH_SIZE = 500


def write_instances(model, new, changed, fields, *, user=None, batch_size=BATCH_SIZE, using=None):
    """Write ``new`` (unsaved) and ``changed`` (saved) instances of ``model`` in batches.

    The one place where the fast import path writes, so that every bulk write gets the
    same treatment (history records, for one). ``fields`` is the list of field names
    ``bulk_update`` sets on ``changed``. ``user`` is the staff user doing the import
    (``None`` from a management command); it becomes the author of history records when
    the model keeps a django-simple-history log. Must be called inside a transaction for
    the import to stay all-or-nothing. Raises ``django.db.DatabaseError`` (e.g.
    ``IntegrityError``) when the database refuses a batch.
    """
    manager = model._default_manager.db_manager(using)
    fields = list(fields)
    if getattr(model._meta, "simple_history_manager_attribute", None):
        # Imported lazily: the portal runs without django-simple-history installed.
        from simple_history.utils import bulk_create_with_history, bulk_update_with_history

        if new:
            bulk_create_with_history(new, model, batch_size=batch_size, default_user=user)
        if changed and fields:
            bulk_update_with_history(
                changed, model, fields, batch_size=batch_size, default_user=user, manager=manager
            )
        return
    if new:
        manager.bulk_create(new, batch_size=batch_size)
    if changed and fields:
        manager.bulk_update(changed, fields, batch_size=batch_size)


class _NoDiff:
    """Stands in for ``Diff`` on a confirmed (not dry-run) import: no diff is kept."""

    def __init__(self, resource, instance, new):
        pass

    def compare_with(self, resource, instance):
        pass

    def as_html(self):
        return []


class _Unsupported(Exception):
    """A check-constraint condition the in-memory evaluator cannot read."""


def _evaluate(condition, instance, model):
    """SQL three-valued truth (True / False / None) of a ``Q`` on ``instance``'s values.

    Reads ``exact``, ``isnull``, ``gt``/``gte``/``lt``/``lte`` and ``in`` on local fields,
    with ``F()`` of local fields on the right. Raises ``_Unsupported`` otherwise.
    """
    if isinstance(condition, Q):
        results = [_evaluate(child, instance, model) for child in condition.children]
        if condition.connector == Q.AND:
            value = False if False in results else (None if None in results else True)
        else:
            value = True if True in results else (None if None in results else False)
        if condition.negated and value is not None:
            value = not value
        return value
    if not isinstance(condition, tuple):
        raise _Unsupported(condition)
    lookup, right = condition
    name, _, operator = lookup.partition("__")
    operator = operator or "exact"
    left = _local_value(name, instance, model)
    if isinstance(right, F):
        right = _local_value(right.name, instance, model)
    elif hasattr(right, "resolve_expression"):
        raise _Unsupported(right)
    if operator == "isnull":
        return (left is None) == bool(right)
    if operator == "exact" and right is None:
        return left is None
    if left is None:
        return None
    if operator == "in":
        return left in list(right)
    if right is None:
        return None
    comparisons = {
        "exact": lambda a, b: a == b,
        "gt": lambda a, b: a > b,
        "gte": lambda a, b: a >= b,
        "lt": lambda a, b: a < b,
        "lte": lambda a, b: a <= b,
    }
    if operator not in comparisons:
        raise _Unsupported(lookup)
    return comparisons[operator](left, right)


def _local_value(name, instance, model):
    try:
        field = model._meta.get_field(name)
    except Exception:
        raise _Unsupported(name) from None
    if not getattr(field, "concrete", False) or field.many_to_many:
        raise _Unsupported(name)
    return getattr(instance, field.attname)


def _condition_fields(condition):
    """Names of the fields a ``Q`` reads (left sides and ``F()`` right sides)."""
    names = set()
    for child in condition.children:
        if isinstance(child, Q):
            names |= _condition_fields(child)
        elif isinstance(child, tuple):
            names.add(child[0].split("__")[0])
            if isinstance(child[1], F):
                names.add(child[1].name.split("__")[0])
    return names


class BulkImportMixin:
    """Mixin for ``ModelResource``: the fast import path (see the module docstring).

    Put it before ``ModelResource`` in the bases. ``import_data`` keeps its signature and
    its ``Result``; it also accepts ``progress``, a callable called with the number of
    rows read so far (used by ``import_sheet`` for its progress bar) and ``user`` (the
    importing staff user, passed to ``write_instances``).
    """

    #: Set to ``False`` on a resource (or instance) to use the library's row-by-row path.
    use_fast_import = True

    def fast_import_supported(self):
        """Whether this resource can use the fast path (plain-field natural key, no M2M)."""
        model = self._meta.model
        if not self.use_fast_import or self._meta.use_bulk or model._meta.parents:
            return False
        if any(isinstance(f.widget, widgets.ManyToManyWidget) for f in self.get_import_fields()):
            return False
        for name in self.get_import_id_fields():
            field = self.fields.get(name)
            if field is None or not field.attribute or "__" in field.attribute:
                return False
            try:
                model_field = model._meta.get_field(field.attribute)
            except Exception:
                return False
            if not getattr(model_field, "concrete", False) or model_field.many_to_many:
                return False
        return True

    # The import loop

    def import_data_inner(
        self, dataset, dry_run, raise_errors, using_transactions, collect_failed_rows, **kwargs
    ):
        if not self.fast_import_supported():
            return super().import_data_inner(
                dataset, dry_run, raise_errors, using_transactions, collect_failed_rows, **kwargs
            )
        # Mirrors Resource.import_data_inner, without a savepoint per row and with every
        # write deferred to the end.
        result = self.get_result_class()()
        result.diff_headers = self.get_diff_headers()
        result.total_rows = len(dataset)
        db_connection = self.get_db_connection_name()
        progress = kwargs.get("progress")

        try:
            with atomic_if_using_transaction(using_transactions, using=db_connection):
                self.before_import(dataset, **kwargs)
            self._check_import_id_fields(dataset.headers)
        except Exception as e:
            self.handle_import_error(result, e, raise_errors)

        result.total_rows = len(dataset)
        if collect_failed_rows:
            result.add_dataset_headers(dataset.headers)

        instance_loader = self._meta.instance_loader_class(self, dataset)
        self._fast_dry_run = dry_run
        new_rows = []  # (row result, instance): their ids are known after the write
        self._fast_begin()
        try:
            for i, data_row in enumerate(dataset, 1):
                row = OrderedDict(zip(dataset.headers, data_row))
                self._fast_row_number = i
                kwargs.update(
                    {"dry_run": dry_run, "using_transactions": using_transactions, "row_number": i}
                )
                queued = len(self._fast_new)
                row_result = self.import_row(row, instance_loader, **kwargs)
                if len(self._fast_new) > queued:
                    new_rows.append((row_result, self._fast_new[-1]))
                result.increment_row_result_total(row_result)
                if row_result.errors:
                    result.append_error_row(i, row, row_result.errors)
                    if collect_failed_rows:
                        result.append_failed_row(row, row_result.errors[0])
                    if raise_errors:
                        raise exceptions.ImportError(row_result.errors[-1].error, number=i, row=row)
                elif row_result.validation_error:
                    result.append_invalid_row(i, row, row_result.validation_error)
                    if collect_failed_rows:
                        result.append_failed_row(row, row_result.validation_error)
                    if raise_errors:
                        raise exceptions.ImportError(row_result.validation_error, number=i, row=row)
                if row_result.import_type != RowResult.IMPORT_TYPE_SKIP or self._meta.report_skipped:
                    result.append_row_result(row_result)
                if progress is not None:
                    progress(i)

            # All or nothing: one bad row and nothing is written. A dry run writes nothing
            # either, since the preview is computed without the database.
            if not dry_run and not result.has_errors() and not result.has_validation_errors():
                try:
                    # Always atomic: without the caller's transaction, a refused batch
                    # must still not leave the earlier batches written.
                    with transaction.atomic(using=db_connection):
                        write_instances(
                            self._meta.model,
                            self._fast_new,
                            self._fast_changed,
                            self._fast_update_fields(),
                            user=kwargs.get("user"),
                            using=db_connection,
                        )
                    for row_result, instance in new_rows:
                        row_result.object_id = instance.pk
                except Exception as e:
                    self.handle_import_error(result, e, raise_errors)
        finally:
            self._fast_end()

        try:
            with atomic_if_using_transaction(using_transactions, using=db_connection):
                self.after_import(dataset, result, **kwargs)
        except Exception as e:
            self.handle_import_error(result, e, raise_errors)
        return result

    def get_diff_class(self):
        # The row diffs are for the preview (a dry run). On the confirmed import nobody
        # reads them, and reading every field twice per row is most of the row's cost.
        if getattr(self, "_fast_active", False) and not self._fast_dry_run:
            return _NoDiff
        return super().get_diff_class()

    def _fast_begin(self):
        """Load what the file's rows will be checked against (a few queries per file)."""
        model = self._meta.model
        self._fast_active = True
        self._fast_new, self._fast_changed = [], []
        self._fast_keys_in_file = {}
        self._fast_key_fields = [
            model._meta.get_field(self.fields[name].attribute) for name in self.get_import_id_fields()
        ]
        self._install_lookup_caches()
        queryset = self.get_queryset()
        related = self._related_paths()
        if related:
            queryset = queryset.select_related(*related)
        self._fast_existing = {self._instance_key(obj): obj for obj in queryset}
        self._fast_unique_sets = self._load_unique_sets()

    def _fast_end(self):
        self._fast_active = False
        self._fast_existing = None
        self._fast_unique_sets = None
        self._remove_lookup_caches()

    def _fast_update_fields(self):
        """Concrete non-key model fields that the file's columns set (for bulk_update)."""
        model = self._meta.model
        names = []
        for field in self.get_import_fields():
            if not field.attribute or field.readonly or "__" in field.attribute:
                continue
            try:
                model_field = model._meta.get_field(field.attribute)
            except Exception:
                continue
            if model_field.concrete and not model_field.primary_key and not model_field.many_to_many:
                names.append(model_field.name)
        return list(dict.fromkeys(names))

    def _related_paths(self):
        """``select_related`` paths the diff and skip checks read (FK columns, ``a__b`` fields)."""
        model = self._meta.model
        paths = []
        for field in self.fields.values():
            if not field.attribute:
                continue
            parts = field.attribute.split("__")
            current, path = model, []
            for part in parts:
                try:
                    model_field = current._meta.get_field(part)
                except Exception:
                    break
                if not (model_field.many_to_one or model_field.one_to_one) or not model_field.concrete:
                    break
                path.append(part)
                current = model_field.related_model
            if path:
                paths.append("__".join(path))
        return list(dict.fromkeys(paths))

    # Existing records by natural key

    def _instance_key(self, obj):
        return tuple(getattr(obj, f.attname) for f in self._fast_key_fields)

    def _row_key(self, row):
        key = []
        for name in self.get_import_id_fields():
            value = self.fields[name].clean(row)
            if isinstance(value, models.Model):
                value = value.pk
            key.append(value)
        return tuple(key)

    def get_instance(self, instance_loader, row):
        if not getattr(self, "_fast_active", False):
            return super().get_instance(instance_loader, row)
        for name in self.get_import_id_fields():
            if self.fields[name].column_name not in row:
                return None
        key = self._row_key(row)
        if any(value is None for value in key):
            return None
        try:
            earlier = self._fast_keys_in_file.setdefault(key, self._fast_row_number)
        except TypeError:  # an unhashable key value: no in-memory match possible
            return super().get_instance(instance_loader, row)
        if earlier != self._fast_row_number:
            columns = "・".join(self.fields[n].column_name for n in self.get_import_id_fields())
            raise ValidationError(
                f"{earlier}行目と同じ記録です(キーの列: {columns})。"
                "1つのファイルには同じ記録を1行だけ書いてください。",
                code="duplicate_key",
            )
        return self._fast_existing.get(key)

    # Foreign-key look-ups, cached for the file

    def _install_lookup_caches(self):
        self._fast_patched = []
        for field in self.get_import_fields():
            widget = field.widget
            if isinstance(widget, widgets.ForeignKeyWidget) and widget not in self._fast_patched:
                widget.get_instance_by_lookup_fields = _cached_lookup(widget)
                widget.get_instance_by_natural_key = _cached_natural_key(widget)
                self._fast_patched.append(widget)

    def _remove_lookup_caches(self):
        for widget in getattr(self, "_fast_patched", []):
            for name in ("get_instance_by_lookup_fields", "get_instance_by_natural_key"):
                widget.__dict__.pop(name, None)
        self._fast_patched = []

    # Validation without a query per row

    def save_instance(self, instance, is_create, row, **kwargs):
        if not getattr(self, "_fast_active", False):
            return super().save_instance(instance, is_create, row, **kwargs)
        self.before_save_instance(instance, row, **kwargs)
        (self._fast_new if is_create else self._fast_changed).append(instance)
        self.after_save_instance(instance, row, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if not getattr(self, "_fast_active", False):
            return super().validate_instance(instance, import_validation_errors, validate_unique)
        errors = dict(import_validation_errors or {})
        if self._meta.clean_model_instances:
            # A foreign key read from the database this import exists: Django's check of
            # it would cost a query per row. Unique fields and constraints are checked
            # below against values loaded once per file.
            exclude = set(errors) | {
                f.name
                for f in instance._meta.concrete_fields
                if f.is_relation and getattr(instance, f.attname) is not None
            }
            try:
                instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
            except ValidationError as e:
                errors = e.update_error_dict(errors)
            if validate_unique:
                self._check_unique(instance, set(errors), errors)
            self._check_constraints(instance, set(errors), errors)
        if errors:
            raise ValidationError(errors)

    def _load_unique_sets(self):
        """``[(field names, constraint or None, {key: pk in the database}, {key: row})]``."""
        model = self._meta.model
        opts = model._meta
        checks = []
        for field in opts.local_concrete_fields:
            if field.unique and not field.primary_key:
                checks.append(((field.name,), None))
        for names in opts.unique_together:
            checks.append((tuple(names), None))
        for constraint in opts.total_unique_constraints:
            checks.append((tuple(constraint.fields), constraint))
        unique_sets = []
        for names, constraint in checks:
            attnames = [opts.get_field(n).attname for n in names]
            in_db = {}
            for pk, *values in model._default_manager.values_list("pk", *attnames).iterator():
                in_db[tuple(values)] = pk
            unique_sets.append((names, attnames, constraint, in_db, {}))
        return unique_sets

    def _check_unique(self, instance, exclude, errors):
        for names, attnames, constraint, in_db, in_file in self._fast_unique_sets:
            if exclude & set(names):
                continue
            key = tuple(getattr(instance, a) for a in attnames)
            if any(v is None for v in key):
                continue
            owner = in_db.get(key)
            clash = owner is not None and owner != instance.pk
            earlier = in_file.setdefault(key, self._fast_row_number)
            clash = clash or earlier != self._fast_row_number
            if not clash:
                continue
            if constraint is not None and (
                constraint.violation_error_message != constraint.default_violation_error_message
            ):
                error = ValidationError(
                    constraint.get_violation_error_message(), code=constraint.violation_error_code
                )
            else:
                error = instance.unique_error_message(type(instance), names)
            target = names[0] if len(names) == 1 else NON_FIELD_ERRORS
            errors.setdefault(target, []).append(error)

    def _check_constraints(self, instance, exclude, errors):
        model = type(instance)
        db = self.get_db_connection_name()
        for constraint in model._meta.constraints:
            if not isinstance(constraint, models.CheckConstraint):
                continue
            condition = constraint.condition
            try:
                if _condition_fields(condition) & exclude:
                    continue
                holds = _evaluate(condition, instance, model) is not False
            except _Unsupported:
                try:
                    constraint.validate(model, instance, exclude=exclude, using=db)
                    holds = True
                except ValidationError:
                    holds = False
            if not holds:
                errors.setdefault(NON_FIELD_ERRORS, []).append(
                    ValidationError(
                        constraint.get_violation_error_message(),
                        code=constraint.violation_error_code,
                    )
                )


def _cached_lookup(widget):
    """``widget.get_instance_by_lookup_fields`` memoised on its lookup arguments.

    A plain ``ForeignKeyWidget`` (``{field: value}`` on the model's whole table) reads the
    related table once, on first use, and answers from it; a value not found there, or
    found twice, is looked up in the database as the library does, once per value.
    """
    lookup = type(widget).get_instance_by_lookup_fields.__get__(widget)
    plain = (
        type(widget).get_lookup_kwargs is widgets.ForeignKeyWidget.get_lookup_kwargs
        and type(widget).get_queryset is widgets.ForeignKeyWidget.get_queryset
        and "__" not in widget.field
    )
    table = {}
    cache = {}

    def get_instance_by_lookup_fields(value, row, **kwargs):
        if plain:
            if not table:
                table[_LOADED] = True
                for obj in widget.get_queryset(value, row).iterator():
                    key = getattr(obj, widget.field)
                    table[key] = _AMBIGUOUS if key in table else obj
            try:
                obj = table.get(value)
            except TypeError:
                obj = None
            if obj is not None and obj is not _AMBIGUOUS:
                return obj
        try:
            key = (value, tuple(sorted(widget.get_lookup_kwargs(value, row, **kwargs).items())))
            hash(key)
        except Exception:
            return lookup(value, row, **kwargs)
        return _remembered(
            cache, key, lambda: lookup(value, row, **kwargs),
            (widget.model.DoesNotExist, widget.model.MultipleObjectsReturned),
        )

    return get_instance_by_lookup_fields


_LOADED = object()
_AMBIGUOUS = object()


def _remembered(cache, key, call, errors):
    """Return ``call()`` for ``key``, computed once per file.

    A result, or one of the exceptions ``errors``, is kept in ``cache`` and given again
    (the exception raised anew) for the next row with the same key.
    """
    if key not in cache:
        try:
            cache[key] = (True, call())
        except errors as error:
            cache[key] = (False, error)
    found, outcome = cache[key]
    if found:
        return outcome
    raise type(outcome)(*outcome.args)


def _cached_natural_key(widget):
    lookup = type(widget).get_instance_by_natural_key.__get__(widget)
    cache = {}

    def get_instance_by_natural_key(value):
        try:
            hash(value)
        except TypeError:
            return lookup(value)
        return _remembered(cache, value, lambda: lookup(value), (widget.model.DoesNotExist,))

    return get_instance_by_natural_key
