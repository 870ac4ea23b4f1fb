"""restore_portal runs only in maintenance mode: with it off the portal counts as serving."""
import json
import subprocess

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from backups import operations as backups
from core import maintenance
from exchange.models import PartnerCity
from tests.support.sqlite_file import REPO


@pytest.fixture
def backup_file(tmp_path, db):
    return backups.create_backup(tmp_path, stamp="20260101-000000")[0]


def rename_first_city(name):
    city = PartnerCity.objects.order_by("pk").first()
    PartnerCity.objects.filter(pk=city.pk).update(name=name)
    return city.pk


@pytest.mark.django_db
def test_a_restore_while_the_portal_serves_is_refused_in_japanese(backup_file):
    pk = rename_first_city("復元前の名前")
    with pytest.raises(CommandError, match="ポータルが公開中のため、復元しませんでした") as refused:
        call_command("restore_portal", str(backup_file), interactive=False)
    assert "maintenance on" in str(refused.value) and "--maintenance" in str(refused.value)
    assert PartnerCity.objects.get(pk=pk).name == "復元前の名前"
    assert not maintenance.is_on()


@pytest.mark.django_db
def test_in_maintenance_mode_the_restore_runs_and_the_mode_stays_on(backup_file, capsys):
    pk = rename_first_city("復元前の名前")
    call_command("maintenance", "on")
    call_command("restore_portal", str(backup_file), interactive=False)
    assert PartnerCity.objects.get(pk=pk).name != "復元前の名前"
    assert maintenance.is_on()
    assert "maintenance off" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_maintenance_option_switches_it_on_for_the_restore_only(backup_file, monkeypatch):
    seen = []
    real_restore = backups.restore

    def watching_restore(path):
        seen.append(maintenance.is_on())
        return real_restore(path)

    monkeypatch.setattr("backups.management.commands.restore_portal.restore", watching_restore)
    pk = rename_first_city("復元前の名前")
    call_command("restore_portal", str(backup_file), interactive=False, maintenance=True)
    assert seen == [True]
    assert not maintenance.is_on()
    assert PartnerCity.objects.get(pk=pk).name != "復元前の名前"


@pytest.mark.django_db
def test_a_failed_restore_with_the_option_serves_the_unchanged_data_again(tmp_path):
    broken = tmp_path / "portal-broken.json"
    broken.write_text('[{"model": "exchange.partnercity", "pk": 1, "fie', encoding="utf-8")
    with pytest.raises(CommandError, match="壊れています"):
        call_command("restore_portal", str(broken), interactive=False, maintenance=True)
    assert not maintenance.is_on()


@pytest.mark.django_db
def test_no_answer_leaves_the_portal_serving(backup_file, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="復元を中止しました"):
        call_command("restore_portal", str(backup_file), maintenance=True)
    assert not maintenance.is_on()


def test_make_restore_restores_in_maintenance_mode(file_portal):
    """`make restore` (it asks; yes) on a portal that serves: restored, serving again after."""
    file_portal.manage("backup_portal")
    [backup] = (file_portal.database.parent / "backups").glob("portal-*.json")
    file_portal.run("""
        from exchange.models import PartnerCity
        PartnerCity.objects.filter(pk=PartnerCity.objects.order_by("pk").first().pk).update(name="変更後")
        report(done=True)
    """)
    # -o: the virtualenv counts as installed (the test must not reinstall it).
    made = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "restore", f"FILE={backup}"],
        cwd=REPO, env=file_portal.env(), input="yes\n", capture_output=True, text=True, timeout=600,
    )
    assert made.returncode == 0, made.stdout + made.stderr
    assert "を復元しました" in made.stdout
    state = file_portal.run("""
        from core import maintenance
        from exchange.models import PartnerCity
        report(names=list(PartnerCity.objects.values_list("name", flat=True)), maintenance=maintenance.is_on())
    """)
    assert "変更後" not in state["names"] and state["maintenance"] is False
    objects = json.loads(backup.read_text(encoding="utf-8"))
    assert sorted(o["fields"]["name"] for o in objects if o["model"] == "exchange.partnercity") == sorted(
        state["names"])
