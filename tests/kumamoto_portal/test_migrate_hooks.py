"""``migrate`` runs every app's ``post_migrate`` work, models or not.

Django sends ``post_migrate`` only to apps with a models module; ``roles`` has no models
but listens to it (import/export permissions), so it keeps a models module for the signal
to reach it.
"""
import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.db.models.signals import post_migrate


@pytest.mark.parametrize("label", ["roles"])
def test_apps_listening_to_post_migrate_receive_it(label):
    app_config = apps.get_app_config(label)
    assert post_migrate.has_listeners(app_config)
    assert app_config.models_module is not None, f"{label} would never hear post_migrate"


@pytest.mark.django_db
def test_migrate_alone_creates_the_import_and_export_permissions():
    """The test database is made by migrate; setup_roles has not run in this test."""
    permissions = Permission.objects.filter(content_type__app_label="exchange")
    assert permissions.filter(codename="import_partnercity").exists()
    assert permissions.filter(codename="export_partnercity").exists()
