"""Recorded batches (一括変更) and their undo: a whole import goes back as it was.

The batch is recorded around the import (``audit.recording.recording_batch``), the way
``PortalAdmin`` records a confirmed import; the deletions are done inside the same batch
(the portal's spreadsheets do not delete records).
"""
import pytest
import tablib
from django.contrib.auth import get_user_model

from audit.history import content_models, history_model
from audit.models import BatchChange, BatchKind, ChangeBatch
from audit.recording import current_batch, recording_batch
from audit.undo import UndoError, UndoRefused, plan_undo, undo_batch
from exchange.models import ExchangeActivity, PartnerCity
from exchange.resources import ExchangeActivityResource
from tests.core.test_model_conventions import (
    test_every_field_has_a_japanese_label_and_help_for_editors as labelled_in_japanese,
)
from tests.factories.exchange import ExchangeActivityFactory, PartnerCityFactory
from tests.support.content_snapshot import content_snapshot

pytestmark = pytest.mark.django_db

NEW, CHANGED, UNCHANGED, DELETED = 250, 150, 100, 50


def _history_counts():
    return {model: history_model(model).objects.count() for model in content_models()}


@pytest.fixture
def clerk():
    return get_user_model().objects.create_user("yamada", is_staff=True, first_name="花子", last_name="山田")


@pytest.fixture
def city():
    city = PartnerCityFactory(name="試験市")
    ExchangeActivityFactory.create_batch(CHANGED + UNCHANGED + DELETED, city=city)
    return city


def _import_file(city):
    """A 500-row file built by exporting the city's activities: new, changed and unchanged rows."""
    resource = ExchangeActivityResource()
    existing = list(ExchangeActivity.objects.filter(city=city).order_by("order"))
    dataset = resource.export(queryset=ExchangeActivity.objects.filter(pk__in=[a.pk for a in existing[: CHANGED + UNCHANGED]]).order_by("order"))
    names = [field.attribute for field in resource.get_export_fields()]
    description, order = names.index("description"), names.index("order")
    rows = [list(row) for row in dataset]
    for row in rows[:CHANGED]:
        row[description] = f"{row[description]}(年度更新)"
    top = max(a.order for a in existing)
    template = list(rows[0])
    for n in range(NEW):
        row = list(template)
        row[order] = top + 1 + n
        row[description] = f"新しい交流{n}"
        rows.append(row)
    dataset = tablib.Dataset(*rows, headers=dataset.headers)
    assert len(dataset) == NEW + CHANGED + UNCHANGED
    return dataset, existing[CHANGED + UNCHANGED:]


def _import_and_delete(city, user):
    dataset, to_delete = _import_file(city)
    with recording_batch(user=user, label="activities.xlsx", reason="年度の更新", model=ExchangeActivity) as batch:
        result = ExchangeActivityResource().import_data(dataset, dry_run=False, user=user)
        assert not result.has_errors() and not result.has_validation_errors()
        batch.unchanged_count = result.totals["skip"]
        ExchangeActivity.objects.filter(pk__in=[a.pk for a in to_delete]).delete()
    batch.refresh_from_db()
    return batch


def test_a_batch_records_who_what_and_counts_and_tags_every_history_row(city, clerk):
    before = _history_counts()
    batch = _import_and_delete(city, clerk)
    assert (batch.kind, batch.user, batch.label, batch.reason) == (
        BatchKind.IMPORT, clerk, "activities.xlsx", "年度の更新"
    )
    assert batch.content_type.model_class() is ExchangeActivity
    assert (batch.new_count, batch.changed_count, batch.deleted_count, batch.unchanged_count) == (
        NEW, CHANGED, DELETED, UNCHANGED
    )
    # Every history row written inside the block, and only those, belongs to the batch.
    written = {m: n - before[m] for m, n in _history_counts().items() if n != before[m]}
    assert written == {ExchangeActivity: NEW + CHANGED + DELETED}
    assert batch.changes.count() == NEW + CHANGED + DELETED
    rows = history_model(ExchangeActivity).objects.filter(
        history_id__in=batch.changes.values("history_id")
    )
    assert set(rows.values_list("history_user", "history_change_reason")) == {
        (clerk.pk, f"取り込み#{batch.pk}: 年度の更新")
    }
    assert set(batch.changes.values_list("division_pk", flat=True)) == {city.responsible_division_id}
    assert current_batch() is None


def test_undo_of_a_500_row_import_puts_every_content_table_back(city, clerk):
    before = content_snapshot()
    batch = _import_and_delete(city, clerk)
    assert content_snapshot() != before
    plan = plan_undo(batch)
    assert (len(plan.delete), len(plan.restore), len(plan.recreate), plan.later_edits) == (
        NEW, CHANGED, DELETED, []
    )

    undo = undo_batch(batch, user=clerk, reason="誤ったファイルでした")

    assert content_snapshot() == before
    # The undo is itself recorded: a batch naming the user and the batch it undid, with
    # one history row per record it put back.
    assert (undo.kind, undo.undoes, undo.user, undo.reason) == (
        BatchKind.UNDO, batch, clerk, "誤ったファイルでした"
    )
    assert (undo.new_count, undo.changed_count, undo.deleted_count) == (DELETED, CHANGED, NEW)
    rows = history_model(ExchangeActivity).objects.filter(
        history_id__in=undo.changes.values("history_id")
    )
    assert rows.count() == NEW + CHANGED + DELETED
    assert set(rows.values_list("history_user", "history_change_reason")) == {
        (clerk.pk, f"取り消し#{undo.pk}: 誤ったファイルでした")
    }
    batch.refresh_from_db()
    assert batch.undone_by == undo


def test_a_batch_is_undone_once_and_an_undo_is_not_undone(city, clerk):
    batch = _import_and_delete(city, clerk)
    undo = undo_batch(batch, user=clerk)
    after = content_snapshot()
    with pytest.raises(UndoError, match="すでに取り消されています"):
        undo_batch(batch, user=clerk)
    with pytest.raises(UndoError, match="取り消しの記録は取り消せません"):
        undo_batch(undo, user=clerk)
    assert content_snapshot() == after
    assert ChangeBatch.objects.filter(kind=BatchKind.UNDO).count() == 1


def test_a_later_edit_is_listed_and_stops_the_undo(city, clerk):
    batch = _import_and_delete(city, clerk)
    editor = get_user_model().objects.create_user("sato", is_staff=True)
    edited = ExchangeActivity.objects.get(city=city, description="新しい交流7")
    edited.description = "佐藤が後で直した内容"
    edited._history_user = editor
    edited.save()
    after_edit = content_snapshot()
    history_before = _history_counts()

    with pytest.raises(UndoRefused) as refused:
        undo_batch(batch, user=clerk)

    assert "取り込みの後に変更された記録が1件ある" in refused.value.message
    [later] = refused.value.later_edits
    assert (later.model, later.object_id, later.label, later.user, later.kind) == (
        ExchangeActivity, edited.pk, str(edited), editor, "変更"
    )
    assert later.when == edited.history.first().history_date
    # Nothing changed: no record, no history row, no undo batch.
    assert content_snapshot() == after_edit
    assert _history_counts() == history_before
    assert not ChangeBatch.objects.filter(kind=BatchKind.UNDO).exists()


def test_keeping_later_edits_leaves_those_records_and_undoes_the_others(city, clerk):
    # Edited later: a record the import changes (the file's first row) and one it creates.
    changed = ExchangeActivity.objects.filter(city=city).order_by("order").first()
    before = content_snapshot(leave_out={(ExchangeActivity, changed.pk)})
    batch = _import_and_delete(city, clerk)
    changed.refresh_from_db()
    changed.participant_count = 99
    changed.save()
    created = ExchangeActivity.objects.get(city=city, description="新しい交流3")
    created.participant_count = 77
    created.save()

    undo = undo_batch(batch, user=clerk, keep_later_edits=True)

    keep = {(ExchangeActivity, changed.pk), (ExchangeActivity, created.pk)}
    assert content_snapshot(leave_out=keep) == before
    changed.refresh_from_db()
    created.refresh_from_db()
    assert (changed.participant_count, changed.description.endswith("(年度更新)")) == (99, True)
    assert created.participant_count == 77
    assert (undo.new_count, undo.changed_count, undo.deleted_count) == (DELETED, CHANGED - 1, NEW - 1)


def test_a_record_made_later_under_a_batch_record_stops_the_undo_of_that_record(clerk):
    international = PartnerCityFactory().responsible_division
    with recording_batch(user=clerk, label="cities.csv", model=PartnerCity) as batch:
        new_city = PartnerCityFactory(name="新しい市", responsible_division=international)
        other = PartnerCityFactory(name="もう一つの市", responsible_division=international)
    later = ExchangeActivityFactory(city=new_city, description="後から登録した交流")
    snapshot = content_snapshot()

    with pytest.raises(UndoRefused) as refused:
        undo_batch(batch, user=clerk)
    [blocker] = refused.value.later_edits
    assert (blocker.object_id, blocker.kind) == (new_city.pk, "参照")
    assert "後から登録した交流" in blocker.label
    assert content_snapshot() == snapshot

    undo_batch(batch, user=clerk, keep_later_edits=True)
    assert PartnerCity.objects.filter(pk=new_city.pk).exists()
    assert ExchangeActivity.objects.filter(pk=later.pk).exists()
    assert not PartnerCity.objects.filter(pk=other.pk).exists()


def test_an_undo_the_database_refuses_changes_nothing_and_says_why(city, clerk):
    batch = _import_and_delete(city, clerk)
    deleted = history_model(ExchangeActivity).objects.filter(
        history_id__in=batch.changes.filter(history_type="-").values("history_id")
    ).first()
    # Another record now holds the deleted record's key (city, order).
    ExchangeActivityFactory(city=city, order=deleted.order, description="同じ番号の別の交流")
    snapshot = content_snapshot()
    with pytest.raises(UndoError, match="元に戻せない記録がある") as error:
        undo_batch(batch, user=clerk, keep_later_edits=True)
    assert not isinstance(error.value, UndoRefused)
    assert content_snapshot() == snapshot
    assert not ChangeBatch.objects.filter(kind=BatchKind.UNDO).exists()


def test_a_failed_block_leaves_no_batch(clerk):
    with pytest.raises(RuntimeError):
        with recording_batch(user=clerk, label="broken.csv"):
            PartnerCityFactory(name="途中で失敗")
            raise RuntimeError("stop")
    assert not ChangeBatch.objects.exists()
    assert not BatchChange.objects.exists()
    assert not PartnerCity.objects.filter(name="途中で失敗").exists()


def test_a_record_whose_parent_was_deleted_since_is_not_brought_back_half(clerk):
    city = PartnerCityFactory(name="後で消える市")
    activity = ExchangeActivityFactory(city=city)
    with recording_batch(user=clerk, label="一括削除") as batch:
        ExchangeActivity.objects.filter(pk=activity.pk).delete()
    city.delete()
    snapshot = content_snapshot()
    with pytest.raises(UndoError, match="参照先の記録が削除された"):
        undo_batch(batch, user=clerk)
    assert content_snapshot() == snapshot
    assert not ExchangeActivity.objects.filter(pk=activity.pk).exists()


@pytest.mark.parametrize("model", [ChangeBatch, BatchChange], ids=["ChangeBatch", "BatchChange"])
def test_the_batch_models_speak_japanese_and_have_an_ordering(model):
    labelled_in_japanese(model)
    assert model._meta.ordering
