"""``python manage.py setup_roles``: one group per division, plus the auditor group.

For every ``Division`` a group of the same name (``国際課``) gets view, add, change, delete,
import and export on the content models where the division owns records (and the records
under them); the group ``監査`` gets view and export on every content model. A staff user
works for a division by being a member of its group (see ``roles.permissions``).

Idempotent: run again after loading data or adding a division, and each group's
permissions are set to exactly what they should be. Users and their memberships are never
touched, nor are other groups. Raises ``CommandError`` if a division is named ``監査``.
"""
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from roles import permissions
from core.models import Division


class Command(BaseCommand):
    help = "所管課ごとのグループと監査グループ(閲覧のみ)を作成・更新します。"

    @transaction.atomic
    def handle(self, *args, **options):
        permissions.ensure_import_export_permissions()
        divisions = list(Division.objects.all())
        if any(division.name == permissions.AUDITOR_GROUP for division in divisions):
            raise CommandError(
                f"所管課の名前「{permissions.AUDITOR_GROUP}」は監査グループと重なるため使えません。"
            )
        for division in divisions:
            group, created = Group.objects.get_or_create(name=division.name)
            granted = permissions.division_permissions(division)
            group.permissions.set(granted)
            models = "、".join(
                str(model._meta.verbose_name) for model in permissions.models_of_division(division)
            )
            verb = "作成" if created else "更新"
            self.stdout.write(f"グループ「{division.name}」を{verb}しました({len(granted)}件の権限: {models or 'なし'})。")
        group, created = Group.objects.get_or_create(name=permissions.AUDITOR_GROUP)
        granted = permissions.auditor_permissions()
        group.permissions.set(granted)
        verb = "作成" if created else "更新"
        self.stdout.write(
            f"グループ「{permissions.AUDITOR_GROUP}」を{verb}しました(全記録の閲覧とエクスポート、{len(granted)}件の権限)。"
        )
