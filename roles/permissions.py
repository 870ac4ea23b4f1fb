"""Who may see and change which records: divisions (所管課), roles and their checks.

The one place for the portal's permission rules; ``PortalAdmin`` and ``PortalResource``
call it, no model admin has its own copy.

How a user is tied to divisions
-------------------------------
By group membership. ``setup_roles`` creates one ``auth.Group`` per ``Division``, named
exactly as the division (``国際課``), and the read-only group ``監査`` (auditor). A staff
user who is a member of the group ``国際課`` works for 国際課; membership of several
division groups gives several divisions. No model or migration is involved.

- superuser: sees and changes everything.
- auditor (member of ``監査``): sees every record and may export; changes nothing.
- staff of a division: the model permissions of the division's group (view, add, change,
  delete, import, export of the models where the division has records), and only on the
  records of their own divisions: lists, change, delete, history, import and export
  are all limited to those records, and a record cannot be moved to another division.
- a staff user in no division group sees no record, even with model permissions.

Which division owns a record is decided once, in ``core.ownership`` (``owner_path``).
"""
from __future__ import annotations

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import Division, content_models
from core.ownership import owner_id, owner_path

#: Name of the read-only group: sees and exports every record, changes none.
AUDITOR_GROUP = "監査"

#: Permission codenames of django-import-export (settings ``IMPORT_EXPORT_*_PERMISSION_CODE``).
IMPORT_CODE = "import"
EXPORT_CODE = "export"

# Users and their divisions


def is_auditor(user):
    """True for a member of the auditor group ``監査``."""
    return AUDITOR_GROUP in _group_names(user)


def _group_names(user):
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_portal_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._portal_group_names = cached
    return cached


def user_division_ids(user):
    """Return the ids of the divisions whose group ``user`` is a member of (a frozenset).

    Cached on the user object for the request.
    """
    cached = getattr(user, "_portal_division_ids", None)
    if cached is None:
        names = _group_names(user)
        cached = frozenset(
            Division.objects.filter(name__in=names).values_list("pk", flat=True)
        ) if names else frozenset()
        user._portal_division_ids = cached
    return cached


def _division_names(ids):
    return list(Division.objects.filter(pk__in=ids).values_list("name", flat=True))


# Records


def _scope(queryset, division_ids):
    path = owner_path(queryset.model)
    if path is None:
        return queryset.none()
    return queryset.filter(**{f"{path.lookup}__in": list(division_ids)})


def visible(queryset, user):
    """Return ``queryset`` limited to the records ``user`` may see.

    Superusers and auditors see every record, staff the records of their divisions.
    """
    if user.is_superuser or is_auditor(user):
        return queryset
    return _scope(queryset, user_division_ids(user))


def editable(queryset, user):
    """Return ``queryset`` limited to the records ``user`` may change (or link to).

    Superusers change every record; auditors none beyond their own divisions.
    """
    if user.is_superuser:
        return queryset
    return _scope(queryset, user_division_ids(user))


def can_view(user, obj):
    """True if ``user`` may see ``obj`` (``None``: no particular record)."""
    if obj is None or user.is_superuser or is_auditor(user):
        return True
    return owner_id(obj) in user_division_ids(user)


def can_edit(user, obj):
    """True if ``user`` may change or delete ``obj`` (``None``: no particular record)."""
    if obj is None or user.is_superuser:
        return True
    return owner_id(obj) in user_division_ids(user)


def limit_choices(db_field, user):
    """Return the queryset of choices for foreign key ``db_field`` in a form ``user`` fills.

    Only records of ``user``'s divisions, so a record cannot be moved to (or hung under a
    record of) another division. ``None`` when the related model has no division.
    """
    related = db_field.related_model
    if owner_path(related) is None:
        return None
    queryset = related._default_manager.all()
    return editable(queryset, user)


def choice_kwargs(db_field, user, kwargs):
    """Return ``formfield_for_foreignkey`` kwargs with the choices limited by ``limit_choices``."""
    if "queryset" in kwargs:
        return kwargs
    choices = limit_choices(db_field, user)
    return kwargs if choices is None else {**kwargs, "queryset": choices}


def check_can_save(user, obj):
    """Raise ``PermissionDenied`` unless ``user`` may store ``obj`` as it now stands."""
    if not can_edit(user, obj):
        raise PermissionDenied("他の所管課の記録は保存できません。")


def import_is_limited(user):
    """True if ``user``'s import rows are checked by ``check_import_row``.

    ``None`` (the ``import_sheet`` command, run by an operator) and superusers are not limited.
    """
    return user is not None and not user.is_superuser


def import_row_check(user, instance):
    """The spreadsheet resources' ``row_check``: a staff user's row may touch only records
    of their divisions.

    Called before the row's values are applied to ``instance``; returns ``None`` when
    ``user`` is not limited, else the check of the instance once the values are applied.
    """
    if not import_is_limited(user):
        return None
    owner_before = owner_id(instance) if instance.pk is not None else None
    return lambda after: check_import_row(user, owner_before, after)


def check_import_row(user, owner_before, instance):
    """Refuse an import row that touches a record outside ``user``'s divisions.

    ``owner_before`` is the division id of the stored record the row updates (``None`` for
    a new record), ``instance`` the record with the row's values applied. ``user=None``
    (the ``import_sheet`` command, run by an operator) is not limited.
    Raises ``ValidationError`` with a Japanese message naming the divisions; the import
    reports it as a row error, and the admin offers no confirm step for a file with one.
    """
    if not import_is_limited(user):
        return
    own = user_division_ids(user)
    own_names = "、".join(f"「{name}」" for name in _division_names(own)) or "(なし)"
    if owner_before is not None and owner_before not in own:
        (name,) = _division_names([owner_before]) or ["不明"]
        raise ValidationError(
            f"この行は所管課「{name}」の記録を変更します。編集できるのは{own_names}の記録だけです。"
        )
    after = owner_id(instance)
    if after not in own:
        names = _division_names([after]) if after is not None else []
        where = f"所管課「{names[0]}」" if names else "所管課の決まらない"
        raise ValidationError(
            f"この行は{where}の記録になります。登録・変更できるのは{own_names}の記録だけです。"
        )


# Permissions and groups


def ensure_import_export_permissions(**kwargs):
    """Create the ``import_<model>`` and ``export_<model>`` permissions of every content model.

    Connected to ``post_migrate``; also called by ``setup_roles``. Idempotent. Returns the
    number of permissions created.
    """
    created = 0
    for model in content_models():
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
        for code, label in ((IMPORT_CODE, "インポート"), (EXPORT_CODE, "エクスポート")):
            _, made = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{code}_{model._meta.model_name}",
                defaults={"name": f"{model._meta.verbose_name}を{label}できる"},
            )
            created += made
    return created


def _model_permissions(model, actions):
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
    codenames = [f"{action}_{model._meta.model_name}" for action in actions]
    return list(Permission.objects.filter(content_type=content_type, codename__in=codenames))


EDITOR_ACTIONS = ("view", "add", "change", "delete", IMPORT_CODE, EXPORT_CODE)
AUDITOR_ACTIONS = ("view", EXPORT_CODE)


def models_of_division(division):
    """Return the content models a division's staff need: where the division owns records.

    A model is needed when the division owns a record of the model's root (the model with
    the ``Division`` foreign key), so 観光政策課 gets ``PartnerCity`` and the records under
    a partner city, not the International Center. ``Division`` itself is kept for superusers.
    """
    needed = []
    for model in content_models():
        path = owner_path(model)
        if path is None or path.lookup == "pk":
            continue
        field = path.parts[-1]
        if path.root._default_manager.filter(**{field: division}).exists():
            needed.append(model)
    return needed


def division_permissions(division):
    """Return the ``Permission`` list of a division's group (edit, import, export of its models)."""
    return [
        permission
        for model in models_of_division(division)
        for permission in _model_permissions(model, EDITOR_ACTIONS)
    ]


def auditor_permissions():
    """Return the ``Permission`` list of the auditor group: view and export of every content model."""
    return [
        permission
        for model in content_models()
        for permission in _model_permissions(model, AUDITOR_ACTIONS)
    ]
