"""What a portal database holds, to compare it before and after an upgrade or a restore.

The module imports nothing of the portal (Django only), so its text runs unchanged under
the portal's code as it was before the shared parts became apps (``manage.py shell -c``,
see ``tests/support/old_layout.py``) and under today's code, in a subprocess or in the
test process. ``snapshot()`` returns plain JSON-able data:

- ``tables``: for every table, its columns, row count and a digest of its rows (the rows
  read with plain SQL, sorted, so the digest does not depend on the order of reading);
- ``content_types`` (id → [app_label, model]) and ``permissions`` (id → [codename,
  content type id]);
- ``group_permissions`` ([group id, permission id] pairs) and the same by name
  (``group_permission_keys``: [group, codename, app_label, model]);
- ``user_groups``, ``user_permission_keys`` (by user name) and ``admin_log`` (every entry
  with its content type by name);
- ``migrations``: the applied migrations as [app, name].
"""
import hashlib
import json

from django.db import connection


#: Columns later migrations added to existing tables → the value every older row gets.
#: Left out of a table's snapshot while every row holds that value, so a database (or a
#: backup) from before them compares equal once upgraded. ``version``: optimistic locking
#: of every content record.
LATER_COLUMNS = {"version": 1}
#: Language versions later added beside a text column ``x`` (English pages): ``x_ja``
#: starts as a copy of ``x`` and ``x_en`` empty. Left out while every row is so.
LANGUAGE_SUFFIXES = {"_ja": "copy", "_en": None}


def table_rows(table):
    """Return the column names and every row of ``table``, read with plain SQL.

    A column of ``LATER_COLUMNS`` that holds its first value in every row is left out, as
    are language versions ``x_ja`` / ``x_en`` of a column ``x`` while they hold a copy of
    ``x`` and nothing (``LANGUAGE_SUFFIXES``).
    """
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        columns = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    for name, first in LATER_COLUMNS.items():
        if name in columns:
            index = columns.index(name)
            if all(row[index] == first for row in rows):
                columns = columns[:index] + columns[index + 1:]
                rows = [tuple(row[:index]) + tuple(row[index + 1:]) for row in rows]
    for name in list(columns):
        base, suffix = name[:-3], name[-3:]
        if suffix not in LANGUAGE_SUFFIXES or base not in columns:
            continue
        index, base_index = columns.index(name), columns.index(base)
        expected = LANGUAGE_SUFFIXES[suffix]
        if all(row[index] == (row[base_index] if expected == "copy" else expected) for row in rows):
            columns = columns[:index] + columns[index + 1:]
            rows = [tuple(row[:index]) + tuple(row[index + 1:]) for row in rows]
    return columns, rows


def digest(rows):
    """A digest of ``rows`` that does not depend on their order."""
    text = "\n".join(sorted(repr(tuple(row)) for row in rows))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def snapshot():
    """Return what the database holds (see the module docstring)."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from django.db.migrations.recorder import MigrationRecorder

    tables = {}
    for table in connection.introspection.table_names():
        columns, rows = table_rows(table)
        tables[table] = {"columns": columns, "count": len(rows), "digest": digest(rows)}

    def permission_key(permission):
        content_type = permission.content_type
        return [permission.codename, content_type.app_label, content_type.model]

    group_permissions = Group.permissions.through.objects.select_related(
        "group", "permission__content_type"
    )
    users = get_user_model().objects.prefetch_related(
        "groups", "user_permissions__content_type"
    ).order_by("username")
    return {
        "tables": tables,
        "content_types": {
            str(ct.pk): [ct.app_label, ct.model] for ct in ContentType.objects.order_by("pk")
        },
        "permissions": {
            str(p.pk): [p.codename, p.content_type_id] for p in Permission.objects.order_by("pk")
        },
        "group_permissions": sorted(
            [link.group_id, link.permission_id] for link in group_permissions
        ),
        "group_permission_keys": sorted(
            [link.group.name, *permission_key(link.permission)] for link in group_permissions
        ),
        "user_groups": {
            user.username: sorted(group.name for group in user.groups.all()) for user in users
        },
        "user_permission_keys": {
            user.username: sorted(permission_key(p) for p in user.user_permissions.all())
            for user in users
        },
        "admin_log": sorted(
            [entry.pk, entry.user.username, entry.content_type.app_label,
             entry.content_type.model, entry.object_id, entry.action_flag,
             entry.change_message]
            for entry in LogEntry.objects.select_related("user", "content_type")
        ),
        "migrations": sorted(
            [app, name] for app, name in MigrationRecorder.Migration.objects.values_list(
                "app", "name"
            )
        ),
    }


def print_snapshot():
    """Print :func:`snapshot` as one line of JSON (what a subprocess hands back)."""
    print(json.dumps(snapshot(), ensure_ascii=False, sort_keys=True))
