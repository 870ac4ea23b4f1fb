"""The fast import path shared by every ``PortalResource``: no queries per row.

django-import-export's default path costs several queries per row: the lookup of the
existing record, one lookup per foreign-key column, the unique and constraint checks of
``full_clean`` and one ``INSERT``/``UPDATE`` in its own savepoint. ``BulkImportMixin``
runs the library's own import loop (``import_data``, ``import_row``: new / update / skip,
diffs, row errors) in its bulk mode and fills in its extension points:

- ``use_bulk`` with ``batch_size = None``: ``save_instance`` only queues the instances, and
  the library hands them to ``bulk_create`` / ``bulk_update`` once, after the last row.
  Those write in batches of ``BATCH_SIZE`` through django-simple-history's
  ``bulk_create_with_history`` / ``bulk_update_with_history`` (one history row per created
  or changed record, naming the importing user; none for an unchanged record; a model
  without a history gets the manager's plain ``bulk_create`` / ``bulk_update``), and only
  when every row has passed: a file with any invalid row writes nothing, and a dry run
  writes nothing at all (the preview is computed without the database). The import always
  runs in a transaction, so a batch the database refuses takes the others back with it.
- ``instance_loader_class``: ``NaturalKeyInstanceLoader`` loads the existing records in
  ONE query per file and matches rows on the natural key (``import_id_fields``) in memory;
  a key written twice in one file is a row error.
- Foreign-key look-ups (a city by its name) are cached for the file, so each distinct
  value costs one query at most.
- ``validate_instance``: every instance is ``full_clean``-ed, but unique fields and
  constraints are checked in memory against values loaded once per file (check
  constraints are evaluated in Python; one the evaluator cannot read falls back to
  Django's own per-row query).

So the guarantees of the default path hold: a file with any invalid row writes nothing,
the preview shows each row as new / changed (with its diff) / unchanged and every row
error, new rows' results carry the id the bulk write gave them, and an unchanged export
re-imports as a no-op.

Resources the fast path cannot serve (many-to-many columns, multi-table inheritance, an
import key that is not a plain model field) and resources with ``use_fast_import = False``
take the library's own path as their ``Meta`` sets it (row by row by default).
"""
import copy

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from import_export import widgets
from import_export.instance_loaders import ModelInstanceLoader
from import_export.results import RowResult
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.languages import japanese_field, translated_fields
from core.models import VERSION_FIELD

#: Rows per ``INSERT`` / ``UPDATE`` statement.
BATCH_SIZE = 500


class NaturalKeyInstanceLoader(ModelInstanceLoader):
    """Finds a row's existing record by its natural key without a query per row.

    On first use the resource's queryset is read in ONE query (with the parents that the
    diff and the skip check read, ``select_related``) and indexed by the values of the
    ``import_id_fields``; each row is then a dictionary look-up. Unlike the library's
    ``CachedInstanceLoader`` it takes a key of several fields, parents among them (a
    parent is compared by its id).
    """

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        model = resource._meta.model
        self.key_fields = [resource.fields[name] for name in resource.get_import_id_fields()]
        self.key_attnames = [model._meta.get_field(f.attribute).attname for f in self.key_fields]
        self._instances = None

    def row_key(self, row):
        """The natural key of ``row`` (a tuple), or ``None`` if a key cell is missing or empty.

        Raises what the key columns' widgets raise for a cell they cannot read.
        """
        if any(field.column_name not in row for field in self.key_fields):
            return None
        key = []
        for field in self.key_fields:
            value = field.clean(row)
            key.append(value.pk if isinstance(value, models.Model) else value)
        if any(value is None for value in key):
            return None
        return tuple(key)

    def get_instance(self, row):
        key = self.row_key(row)
        return None if key is None else self.get_instance_by_key(key, row)

    def get_instance_by_key(self, key, row):
        """The existing record with natural key ``key`` (from ``row_key(row)``), or ``None``."""
        if self._instances is None:
            self._instances = {
                tuple(getattr(obj, name) for name in self.key_attnames): obj
                for obj in self.get_queryset()
            }
        try:
            return self._instances.get(key)
        except TypeError:  # an unhashable key value: no in-memory match, ask the database
            return super().get_instance(row)

    def get_queryset(self):
        queryset = super().get_queryset()
        related = self._related_paths()
        return queryset.select_related(*related) if related else queryset

    def _related_paths(self):
        """``select_related`` paths the diff and skip checks read (FK columns, ``a__b`` fields)."""
        paths = []
        for field in self.resource.fields.values():
            current, path = self.resource._meta.model, []
            for part in (field.attribute or "").split("__"):
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


class _FileImport:
    """What the fast path knows of the file being imported (``BulkImportMixin._fast_import``)."""

    def __init__(self, dry_run, user, change_reason=None):
        self.dry_run = dry_run
        self.user = user  # the author of the history rows (None from a management command)
        self.change_reason = change_reason or None  # the history rows' 変更理由
        self.row_number = None  # of the row being imported (1-based)
        self.keys_in_file = {}  # natural key: the first row that had it
        self.unique_sets = None  # loaded on the first instance to validate


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
    rows read so far (used by ``import_sheet`` for its progress bar), ``user`` (the
    importing staff user, the author of the history rows) and ``change_reason`` (the
    history rows' 変更理由). On the fast path an import is all or nothing whatever
    ``use_transactions`` and ``rollback_on_validation_errors`` say, and a dry run runs
    outside any transaction (it writes nothing).
    """

    #: Set to ``False`` on a resource (or instance) to use the library's row-by-row path.
    use_fast_import = True

    #: The file being imported by the fast path (``None`` outside ``import_data``).
    _fast_import = None

    def fast_import_supported(self):
        """Whether this resource can use the fast path (plain-field natural key, no M2M)."""
        model = self._meta.model
        if not self.use_fast_import or model._meta.parents:
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

    def fast_import_options(self):
        """The resource's ``Meta`` options for an import by the fast path (a copy)."""
        options = copy.copy(type(self)._meta)
        options.use_bulk = True
        # No batch is written while rows are read: the library then passes every queued
        # instance to bulk_create / bulk_update after the last row, when it is known
        # whether all rows passed. Those split the writes into BATCH_SIZE statements.
        options.batch_size = None
        options.instance_loader_class = NaturalKeyInstanceLoader
        # Each row result keeps its instance, so a new row learns the id it was given.
        options.store_instance = True
        return options

    # The import

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        if not self.fast_import_supported():
            return super().import_data(
                dataset, dry_run=dry_run, raise_errors=raise_errors,
                use_transactions=use_transactions, collect_failed_rows=collect_failed_rows,
                rollback_on_validation_errors=rollback_on_validation_errors, **kwargs,
            )
        # Meta options are class-wide, and whether the fast path serves an import is
        # decided per instance (use_fast_import): this import gets its own copy.
        self._meta = self.fast_import_options()
        self._fast_import = _FileImport(dry_run, kwargs.get("user"), kwargs.get("change_reason"))
        self._install_lookup_caches()
        try:
            if dry_run:
                # A dry run writes nothing on this path (save_instance only queues, and
                # the queues are dropped), so it holds no transaction open while it reads
                # a long file: on SQLite that would be a lock other writers wait for.
                return self.import_data_inner(
                    dataset, dry_run, raise_errors, False, collect_failed_rows, **kwargs
                )
            # Always a transaction, rolled back on any invalid row: all or nothing even
            # for a caller that asked for none, or if the library ever writes mid-file.
            return super().import_data(
                dataset, dry_run=dry_run, raise_errors=raise_errors, use_transactions=True,
                collect_failed_rows=collect_failed_rows, rollback_on_validation_errors=True,
                **kwargs,
            )
        finally:
            # Also after raise_errors stopped the import at a bad row.
            self._remove_lookup_caches()
            for queued in (self.create_instances, self.update_instances, self.delete_instances):
                queued.clear()
            self._fast_import = None
            del self._meta

    def import_row(self, row, instance_loader, **kwargs):
        if self._fast_import is not None:
            self._fast_import.row_number = kwargs.get("row_number")
        row_result = super().import_row(row, instance_loader, **kwargs)
        progress = kwargs.get("progress")
        if progress is not None:
            progress(kwargs.get("row_number"))
        return row_result

    def save_instance(self, instance, is_create, row, **kwargs):
        if self._fast_import is not None and self._fast_import.dry_run:
            # A dry run writes nothing: the instance is not queued for a write that never
            # comes (a long file's instances would all stay in memory until its end).
            self.before_save_instance(instance, row, **kwargs)
            self.after_save_instance(instance, row, **kwargs)
            return
        super().save_instance(instance, is_create, row, **kwargs)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        # A resource may answer a row without this class's import_row (PortalResource
        # does for a repeated key): the bar still ends at the last row.
        progress = kwargs.get("progress")
        if progress is not None and len(dataset):
            progress(len(dataset))

    def get_diff_class(self):
        # The row diffs are for the preview (a dry run). On the confirmed import nobody
        # reads them, and reading every field twice per row is most of the row's cost.
        if self._fast_import is not None and not self._fast_import.dry_run:
            return _NoDiff
        return super().get_diff_class()

    # Existing records by natural key

    def get_instance(self, instance_loader, row):
        if self._fast_import is None or not isinstance(instance_loader, NaturalKeyInstanceLoader):
            return super().get_instance(instance_loader, row)
        key = instance_loader.row_key(row)
        if key is None:
            return None
        try:
            earlier = self._fast_import.keys_in_file.setdefault(key, self._fast_import.row_number)
        except TypeError:  # an unhashable key value: no in-memory match possible
            earlier = self._fast_import.row_number
        if earlier != self._fast_import.row_number:
            # Both rows would get the same record: the second would overwrite the first.
            columns = "・".join(self.fields[n].column_name for n in self.get_import_id_fields())
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: ValidationError(
                        f"{earlier}行目と同じ記録です(キーの列: {columns})。"
                        "1つのファイルには同じ記録を1行だけ書いてください。",
                        code="duplicate_key",
                    )
                }
            )
        return instance_loader.get_instance_by_key(key, row)

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

    # Writes: once, after the last row, only if every row passed

    def get_bulk_update_fields(self):
        """Names of the model fields ``bulk_update`` sets: those the import columns set.

        Concrete, not the primary key, not part of the natural key (a changed record was
        found by it). The library's default lists resource fields, which may be read-only
        or follow a relation (``floor__center__name``).
        """
        if self._fast_import is None:
            return super().get_bulk_update_fields()
        model = self._meta.model
        keys = {self.fields[name].attribute for name in self.get_import_id_fields()}
        translated = set(translated_fields(model))
        names = []
        for field in self.get_import_fields():
            if not field.attribute or field.readonly or field.attribute in keys:
                continue
            try:
                model_field = model._meta.get_field(field.attribute)
            except Exception:
                continue
            if model_field.concrete and not model_field.primary_key and not model_field.many_to_many:
                names.append(model_field.name)
                # A field with language versions writes its Japanese one (core.languages).
                if model_field.name in translated:
                    names.append(japanese_field(model_field.name))
        return list(dict.fromkeys(names))

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self._fast_import is None:
            return super().bulk_create(using_transactions, dry_run, raise_errors, batch_size, result)

        def create(instances):
            model = self._meta.model
            if _has_history(model):
                bulk_create_with_history(
                    instances, model, batch_size=BATCH_SIZE, default_user=self._fast_import.user,
                    default_change_reason=self._fast_import.change_reason,
                )
            else:
                self._manager().bulk_create(instances, batch_size=BATCH_SIZE)
            for row_result in result.rows:
                if row_result.import_type == RowResult.IMPORT_TYPE_NEW:
                    row_result.object_id = row_result.instance.pk

        self._write(create, self.create_instances, dry_run, raise_errors, result)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self._fast_import is None:
            return super().bulk_update(using_transactions, dry_run, raise_errors, batch_size, result)
        fields = self.get_bulk_update_fields()
        model = self._meta.model
        # Optimistic locking (core.models.SourcedModel): a bulk write advances the version
        # as a save does, so a form opened before the import is refused, not obeyed.
        versioned = fields and any(f.name == VERSION_FIELD for f in model._meta.concrete_fields)
        if versioned:
            fields = [*fields, VERSION_FIELD]

        def update(instances):
            if versioned:
                for instance in instances:
                    instance.version += 1
            if _has_history(model):
                bulk_update_with_history(
                    instances, model, fields, batch_size=BATCH_SIZE,
                    default_user=self._fast_import.user, manager=self._manager(),
                    default_change_reason=self._fast_import.change_reason,
                )
            else:
                self._manager().bulk_update(instances, fields, batch_size=BATCH_SIZE)

        if fields:
            self._write(update, self.update_instances, dry_run, raise_errors, result)
        else:
            self.update_instances.clear()

    def bulk_delete(self, using_transactions, dry_run, raise_errors, result=None):
        if self._fast_import is None:
            return super().bulk_delete(using_transactions, dry_run, raise_errors, result)

        def delete(instances):
            # QuerySet.delete() sends the signals a history row is written on.
            self._manager().filter(pk__in=[obj.pk for obj in instances]).delete()

        self._write(delete, self.delete_instances, dry_run, raise_errors, result)

    def _write(self, write, instances, dry_run, raise_errors, result):
        """Call ``write(instances)`` unless this is a dry run or any row of the file failed.

        A refused write is a file error (``handle_import_error``), and the import's
        transaction is then rolled back. The queue is emptied either way.
        """
        try:
            failed = result is None or result.has_errors() or result.has_validation_errors()
            if instances and not dry_run and not failed:
                # A savepoint: after a refused batch the transaction stays usable for the
                # library's after_import and its rollback.
                with transaction.atomic(using=self.get_db_connection_name()):
                    write(instances)
        except Exception as e:
            self.handle_import_error(result, e, raise_errors)
        finally:
            instances.clear()

    def _manager(self):
        return self._meta.model._default_manager.db_manager(self.get_db_connection_name())

    # Validation without a query per row

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if self._fast_import is None:
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
        """``[(field names, attnames, constraint or None, {key: pk in the database}, {key: row})]``."""
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
            for pk, *values in self._manager().values_list("pk", *attnames).iterator():
                in_db[tuple(values)] = pk
            unique_sets.append((names, attnames, constraint, in_db, {}))
        return unique_sets

    def _check_unique(self, instance, exclude, errors):
        if self._fast_import.unique_sets is None:
            self._fast_import.unique_sets = self._load_unique_sets()
        row_number = self._fast_import.row_number
        for names, attnames, constraint, in_db, in_file in self._fast_import.unique_sets:
            if exclude & set(names):
                continue
            key = tuple(getattr(instance, a) for a in attnames)
            if any(v is None for v in key):
                continue
            owner = in_db.get(key)
            clash = owner is not None and owner != instance.pk
            earlier = in_file.setdefault(key, row_number)
            clash = clash or earlier != row_number
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


def _has_history(model):
    """Whether ``model`` keeps a django-simple-history log (then bulk writes must add to it)."""
    return bool(getattr(model._meta, "simple_history_manager_attribute", None))


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
