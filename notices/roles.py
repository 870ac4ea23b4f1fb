"""Who may publish 緊急情報: the group 「緊急情報担当」, and superusers.

The division groups (``roles.setup_roles``) get no permission on notices: a notice on
every page is not a division's record. Staff are added to this group by a superuser.
"""
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from .models import EmergencyNotice

NOTICE_GROUP = "緊急情報担当"


def ensure_notice_group(sender=None, using="default", **kwargs):
    """``post_migrate``: the group exists with every permission on notices (idempotent)."""
    content_type = ContentType.objects.db_manager(using).get_for_model(EmergencyNotice)
    permissions = Permission.objects.db_manager(using).filter(content_type=content_type)
    group, _ = Group.objects.db_manager(using).get_or_create(name=NOTICE_GROUP)
    group.permissions.add(*permissions)
