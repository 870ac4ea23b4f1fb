"""The batch pages: every confirmed import and bulk delete is a batch staff can review and
undo (「この取り込みを取り消す」), in Japanese, within their roles, at a fixed query cost."""
import pytest
import tablib
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.utils import bulk_create_with_history

from audit.history import history_model
from audit.models import BatchChange, BatchKind, ChangeBatch
from audit.recording import recording_batch
from core.models import Division
from exchange.models import ExchangeActivity, PartnerCity
from exchange.resources import ExchangeActivityResource
from public_relations.models import Publication
from tests.factories.exchange import ExchangeActivityFactory
from tests.factories.users import auditor, setup_roles, staff_of, superuser
from tests.support.content_snapshot import content_snapshot

pytestmark = pytest.mark.django_db

BATCHES = reverse("admin-batches")
IMPORT_URL = reverse("admin:exchange_exchangeactivity_import")
CONFIRM_URL = reverse("admin:exchange_exchangeactivity_process_import")
CHANGELIST = reverse("admin:exchange_exchangeactivity_changelist")
CSV = "0"


def _detail(batch):
    return reverse("admin-batch", args=[batch.pk])


def _undo(batch):
    return reverse("admin-batch-undo", args=[batch.pk])


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def roles():
    setup_roles()


def _activities_file(city, *, changed=3, new=2):
    """A CSV of ``city``'s activities (the export), ``changed`` of them edited, ``new`` added."""
    resource = ExchangeActivityResource()
    dataset = resource.export(queryset=ExchangeActivity.objects.filter(city=city).order_by("order"))
    names = [field.attribute for field in resource.get_export_fields()]
    description, order = names.index("description"), names.index("order")
    rows = [list(row) for row in dataset]
    for row in rows[:changed]:
        row[description] = f"{row[description]}(修正)"
    top = max(int(row[order]) for row in rows)
    for n in range(new):
        row = list(rows[0])
        row[order] = top + 1 + n
        row[description] = f"追加の交流{n}"
        rows.append(row)
    dataset = tablib.Dataset(*rows, headers=dataset.headers)
    return dataset.export("csv").encode("utf-8"), len(rows) - changed - new


def _import(client, content, name="activities.csv", reason=""):
    """Upload, preview and confirm ``content``; return the job's page after the write."""
    preview = client.post(
        IMPORT_URL,
        {"resource": "0", "format": CSV, "import_file": SimpleUploadedFile(name, content)},
        follow=True,
    )
    form = preview.context["confirm_form"]
    return client.post(CONFIRM_URL, {"job": form.initial["job"], "reason": reason}, follow=True)


@pytest.fixture
def guilin():
    return PartnerCity.objects.get(name="桂林市")


def test_a_confirmed_import_is_a_batch_that_the_pages_show_and_undo(client, guilin, roles):
    root = superuser()
    client.force_login(root)
    before = content_snapshot()
    content, unchanged = _activities_file(guilin)

    response = _import(client, content, reason="令和7年度の実績")

    assert response.context["job"].status == "done"
    batch = ChangeBatch.objects.get()
    assert (batch.kind, batch.user, batch.label) == (BatchKind.IMPORT, root, "activities.csv")
    assert batch.reason == "令和7年度の実績"
    # The job's page leads to the batch, where it can be undone.
    assert f'href="{_detail(batch)}"' in response.content.decode()
    assert batch.content_type.model_class() is ExchangeActivity
    assert (batch.new_count, batch.changed_count, batch.deleted_count, batch.unchanged_count) == (
        2, 3, 0, unchanged
    )
    listing = client.get(BATCHES).content.decode()
    assert "取り込みと一括削除の記録" in listing and "activities.csv" in listing
    detail = client.get(_detail(batch))
    text = detail.content.decode()
    assert "この取り込みを取り消す" in text
    assert "<strong>内容</strong>" in text and "(修正)" in text
    assert sorted(item.row.type_label for item in detail.context["rows"]) == ["作成"] * 2 + ["変更"] * 3

    confirm = client.get(_undo(batch))
    assert "この記録で作られた記録 2件を削除します。" in confirm.content.decode()
    done = client.post(_undo(batch), {"reason": "別の年度のファイルでした"})

    undo = ChangeBatch.objects.get(kind=BatchKind.UNDO)
    assert done.status_code == 302 and done["Location"] == _detail(undo)
    assert content_snapshot() == before
    assert (undo.undoes, undo.user, undo.reason) == (batch, root, "別の年度のファイルでした")
    page = client.get(_detail(batch)).content.decode()
    assert "取り消し済み" in page and "この取り込みを取り消す" not in page


def test_a_changelist_bulk_delete_is_a_batch_that_can_be_undone(admin_client, guilin):
    before = content_snapshot()
    doomed = list(ExchangeActivity.objects.filter(city=guilin).order_by("pk")[:3])
    admin_client.post(
        CHANGELIST,
        {"action": "delete_selected", "_selected_action": [a.pk for a in doomed], "post": "yes"},
    )
    assert not ExchangeActivity.objects.filter(pk__in=[a.pk for a in doomed]).exists()
    batch = ChangeBatch.objects.get()
    assert (batch.kind, batch.deleted_count, batch.label) == (BatchKind.DELETE, 3, "交流の記録の一括削除")

    done = admin_client.post(_undo(batch))

    assert done.status_code == 302, [str(m) for m in done.context["messages"]]
    assert content_snapshot() == before


def test_the_undo_page_lists_later_edits_and_changes_nothing_until_told_to_keep_them(
    admin_client, guilin
):
    content, _ = _activities_file(guilin, changed=2, new=1)
    _import(admin_client, content)
    batch = ChangeBatch.objects.get()
    edited = ExchangeActivity.objects.filter(city=guilin, description__endswith="(修正)").first()
    edited.description = "後から直した内容"
    edited.save()
    snapshot = content_snapshot()

    refused = admin_client.post(_undo(batch))

    text = refused.content.decode()
    assert refused.status_code == 200
    assert "取り込みの後に変更された記録が1件あるため、取り消しませんでした。" in text
    assert str(edited) in text and "後の変更を残して取り消す" in text
    assert content_snapshot() == snapshot
    assert not ChangeBatch.objects.filter(kind=BatchKind.UNDO).exists()

    admin_client.post(_undo(batch), {"keep_later_edits": "on"})

    edited.refresh_from_db()
    assert edited.description == "後から直した内容"
    undo = ChangeBatch.objects.get(kind=BatchKind.UNDO)
    assert (undo.new_count, undo.changed_count, undo.deleted_count) == (0, 1, 1)


# --- Roles -------------------------------------------------------------------------------


@pytest.fixture
def two_batches(guilin, roles):
    """A 国際課 batch (activities of 桂林市) and a 広報課 one (a publication), by a superuser."""
    root = superuser()
    with recording_batch(user=root, label="activities.csv", model=ExchangeActivity) as international:
        for activity in ExchangeActivity.objects.filter(city=guilin)[:2]:
            activity.description += "(修正)"
            activity.save()
    with recording_batch(user=root, label="publications.csv", model=Publication) as public_relations:
        publication = Publication.objects.first()
        publication.title += "(改訂)"
        publication.save()
    return international, public_relations


def test_a_clerk_sees_and_undoes_only_batches_of_their_own_divisions(two_batches):
    international, public_relations = two_batches
    clerk = _client(staff_of("国際課"))

    lines = clerk.get(BATCHES).context["lines"]
    assert [line.batch for line in lines] == [international]
    assert clerk.get(_detail(public_relations)).status_code == 404
    assert clerk.post(_undo(public_relations)).status_code == 404
    assert "この取り込みを取り消す" in clerk.get(_detail(international)).content.decode()
    assert clerk.post(_undo(international)).status_code == 302
    assert ChangeBatch.objects.filter(undoes=international).exists()


def test_a_clerk_of_another_division_sees_neither(two_batches):
    clerk = _client(staff_of("観光政策課"))
    assert clerk.get(BATCHES).context["lines"] == []


def test_an_auditor_sees_every_batch_but_undoes_none(two_batches):
    international, public_relations = two_batches
    client = _client(auditor())
    lines = client.get(BATCHES).context["lines"]
    assert {line.batch for line in lines} == {international, public_relations}
    assert "この取り込みを取り消す" not in client.get(_detail(international)).content.decode()
    assert client.get(_undo(international)).status_code == 403
    assert client.post(_undo(international)).status_code == 403
    assert not ChangeBatch.objects.filter(kind=BatchKind.UNDO).exists()


def test_the_batch_pages_need_a_staff_login(two_batches):
    international, _ = two_batches
    for url in (BATCHES, _detail(international), _undo(international)):
        response = Client().get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_admin_index_links_to_the_batches(admin_client):
    assert f'href="{BATCHES}"' in admin_client.get(reverse("admin:index")).content.decode()


def test_recent_changes_link_each_row_written_by_a_batch(admin_client, two_batches):
    international, _ = two_batches
    columns = admin_client.get(
        reverse("admin-recent-changes"), {"model": "exchange.exchangeactivity"}
    ).context["columns"]
    assert [c.batch for c in columns[:2]] == [international, international]
    assert all(c.batch is None for c in columns[2:])


# --- Query counts ---------------------------------------------------------------------


def _batches(count, division, first=0):
    """``count`` batches, each with one row of a record of ``division`` (ids from ``first``)."""
    content_type = ContentType.objects.get_for_model(ExchangeActivity)
    batches = ChangeBatch.objects.bulk_create(
        ChangeBatch(label=f"file{n}.csv", content_type=content_type, new_count=1) for n in range(count)
    )
    BatchChange.objects.bulk_create(
        BatchChange(
            batch=batch, content_type=content_type, object_id=first + n, history_id=10**6 + first + n,
            history_type="+", division_pk=division.pk,
        )
        for n, batch in enumerate(batches)
    )


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


@pytest.mark.parametrize("who", ["superuser", "clerk"])
def test_the_batch_list_costs_the_same_for_10_and_500_batches(roles, who, django_assert_num_queries):
    international = Division.objects.get(name="国際課")
    client = _client(superuser() if who == "superuser" else staff_of("国際課"))
    _batches(10, international)
    page, few = _count_queries(client, BATCHES)
    assert len(page.context["lines"]) == 10
    _batches(490, international, first=10)
    with django_assert_num_queries(few):
        page = client.get(BATCHES)
    assert len(page.context["lines"]) == 50
    assert page.context["paginator"].count == 500


def _import_batch(count, city, first_order):
    activities = ExchangeActivityFactory.build_batch(count, city=city)
    for n, activity in enumerate(activities):
        activity.order = first_order + n
    with recording_batch(label="bulk.csv", model=ExchangeActivity) as batch:
        bulk_create_with_history(activities, ExchangeActivity)
    return batch


@pytest.mark.parametrize("who", ["superuser", "clerk"])
def test_a_batch_review_costs_the_same_for_10_and_500_rows(roles, guilin, who, django_assert_num_queries):
    client = _client(superuser() if who == "superuser" else staff_of("国際課"))
    small, large = _import_batch(10, guilin, 1000), _import_batch(500, guilin, 2000)
    page, few = _count_queries(client, _detail(small))
    assert len(page.context["rows"]) == 10
    with django_assert_num_queries(few):
        page = client.get(_detail(large))
    assert len(page.context["rows"]) == 50 and page.context["paginator"].count == 500
    assert page.context["rows"][0].object_label and page.context["rows"][0].division_name == "国際課"
    assert history_model(ExchangeActivity).objects.filter(
        history_id__in=large.changes.values("history_id")
    ).count() == 500
