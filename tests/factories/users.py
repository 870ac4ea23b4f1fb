"""Users of each role: staff of a division, auditor, superuser (groups from ``setup_roles``)."""
from io import StringIO

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from roles.permissions import AUDITOR_GROUP


def setup_roles():
    """Run ``setup_roles`` quietly (groups and their permissions as ``make run`` makes them)."""
    call_command("setup_roles", stdout=StringIO())


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True


def staff_of(*division_names, username=None):
    """Return a staff user who is a member of the groups of ``division_names``."""
    user = UserFactory(username=username or "staff-" + "-".join(division_names))
    user.groups.set([Group.objects.get(name=name) for name in division_names])
    return user


def auditor():
    """Return a staff user in the read-only group 監査."""
    user = UserFactory(username="auditor")
    user.groups.set([Group.objects.get(name=AUDITOR_GROUP)])
    return user


def superuser():
    return UserFactory(username="root", is_superuser=True)
