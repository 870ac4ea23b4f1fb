"""``ensure_admin``: a local superuser with no fixed default password."""
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command


@pytest.mark.django_db
def test_password_from_environment(monkeypatch, capsys):
    monkeypatch.setenv("PORTAL_ADMIN_PASSWORD", "熊本-ポータル-2016")
    call_command("ensure_admin", username="staff1")
    user = get_user_model().objects.get(username="staff1")
    assert user.is_superuser and user.is_staff
    assert user.check_password("熊本-ポータル-2016")
    assert "熊本-ポータル-2016" not in capsys.readouterr().out


@pytest.mark.django_db
def test_generated_password_is_printed_once_and_differs_each_time(monkeypatch, capsys):
    monkeypatch.delenv("PORTAL_ADMIN_PASSWORD", raising=False)
    call_command("ensure_admin", username="first")
    first_out = capsys.readouterr().out
    call_command("ensure_admin", username="second")
    second_out = capsys.readouterr().out
    User = get_user_model()
    first_password = first_out.split("パスワード: ")[1].split()[0]
    second_password = second_out.split("パスワード: ")[1].split()[0]
    assert User.objects.get(username="first").check_password(first_password)
    assert first_password != second_password
    # Run again: the user is kept and the password is neither changed nor printed.
    call_command("ensure_admin", username="first")
    again = capsys.readouterr().out
    assert "パスワード: " not in again
    assert User.objects.get(username="first").check_password(first_password)


@pytest.mark.django_db
@pytest.mark.parametrize("weak", ["abc", "12345678901", "password123"])
def test_a_weak_password_is_refused_in_japanese_and_changes_nothing(monkeypatch, weak):
    from django.core.management.base import CommandError

    monkeypatch.setenv("PORTAL_ADMIN_PASSWORD", weak)
    with pytest.raises(CommandError, match="PORTAL_ADMIN_PASSWORD のパスワードは使えません"):
        call_command("ensure_admin", username="weak-admin")
    assert not get_user_model().objects.filter(username="weak-admin").exists()
