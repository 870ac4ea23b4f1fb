"""Maintenance mode: every page says 「メンテナンス中です」 (503, Retry-After) until it is off."""
import pytest
from django.core.management import call_command
from django.urls import reverse

PAGES = ["/", "/partner-cities/", "/recovery/", "/admin/", "/admin/login/", "/admin/exchange/partnercity/"]


@pytest.mark.django_db
def test_every_page_answers_maintenance_while_it_is_on_and_serves_again_after(admin_client, client, capsys):
    call_command("maintenance", "on")
    assert "メンテナンス中です" in capsys.readouterr().out
    for browser in (client, admin_client):
        for url in PAGES:
            response = browser.get(url)
            assert response.status_code == 503, url
            assert response["Retry-After"] == "30"
            assert "メンテナンス中です" in response.content.decode()
            assert "Content-Security-Policy" in response
    # A form sent during maintenance changes nothing.
    response = admin_client.post("/admin/core/division/add/", {"name": "保守中課"})
    assert response.status_code == 503

    call_command("maintenance", "off")
    assert "公開中です" in capsys.readouterr().out
    assert client.get("/").status_code == 200
    assert admin_client.get(reverse("admin:exchange_partnercity_changelist")).status_code == 200


@pytest.mark.django_db
def test_the_switch_is_a_file_every_worker_sees(client, settings):
    """Another process (another gunicorn worker, the restore) switches it for all of them."""
    settings.PORTAL_MAINTENANCE_FILE.write_text("switched by another process\n", encoding="utf-8")
    assert client.get("/").status_code == 503
    settings.PORTAL_MAINTENANCE_FILE.unlink()
    assert client.get("/").status_code == 200


def test_status_and_off_when_already_off(capsys):
    call_command("maintenance", "off")
    call_command("maintenance", "status")
    assert capsys.readouterr().out.count("公開中です") == 2


def test_the_maintenance_page_reads_nothing_from_the_database(client):
    """During a restore the tables are being replaced: the page must not need them.

    (No database access is allowed in this test: a query would fail it.)
    """
    call_command("maintenance", "on")
    response = client.get("/admin/exchange/partnercity/")
    assert response.status_code == 503 and "メンテナンス中です" in response.content.decode()


@pytest.mark.django_db
def test_an_english_page_says_maintenance_in_english(client):
    call_command("maintenance", "on")
    try:
        response = client.get("/en/partner-cities/")
    finally:
        call_command("maintenance", "off")
    assert response.status_code == 503
    assert "Under maintenance" in response.content.decode()
    assert "メンテナンス中です" not in response.content.decode()
