"""The batch pages (一括変更): the list of recorded imports and bulk deletes, one batch's
rows with their diffs, and its undo (「この取り込みを取り消す」).

Batches are recorded by the audit trail (``audit.recording``, ``audit.undo``); these pages
join them with the roles:

- superusers and auditors (``監査``) see every batch; a division's staff see a batch when
  every record it touched belongs to one of their divisions (and their own batches that
  changed nothing);
- superusers may undo any batch; staff the batches they see that have rows; an auditor
  with no division undoes none.

Served under ``/admin/batches/`` (``backoffice.urls``), linked from the admin index and
from each row of 「最近の変更」 written by a batch.
"""
from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from audit.history import ChangeRow, load_change_details, record_instance
from audit.models import BatchChange, BatchKind, ChangeBatch
from audit.undo import UndoError, UndoRefused, plan_undo, undo_batch
from core.models import Division
from core.wareki import format_wareki_datetime
from roles.permissions import is_auditor, user_division_ids

#: Batches per page of the batch list, and rows per page of one batch.
BATCHES_PER_PAGE = 50
BATCH_ROWS_PER_PAGE = 50


# Who sees and undoes what


def _rows_outside(division_ids):
    """Rows of the batch (``OuterRef``) whose record is not of ``division_ids``."""
    return BatchChange.objects.filter(batch=OuterRef("pk")).filter(
        Q(division_pk__isnull=True) | ~Q(division_pk__in=list(division_ids))
    )


def visible_batches(user):
    """Return the ``ChangeBatch`` queryset ``user`` may see (see the module docstring)."""
    batches = ChangeBatch.objects.all()
    if user.is_superuser or is_auditor(user):
        return batches
    any_row = BatchChange.objects.filter(batch=OuterRef("pk"))
    outside = _rows_outside(user_division_ids(user))
    return batches.filter(Q(Exists(any_row), ~Exists(outside)) | Q(~Exists(any_row), user=user))


def can_undo(user, batch):
    """True if ``user`` may undo ``batch`` (it may still be refused: see ``audit.undo``)."""
    if batch.kind == BatchKind.UNDO or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not batch.changes.exists():
        return False
    return not batch.changes.filter(
        Q(division_pk__isnull=True) | ~Q(division_pk__in=list(user_division_ids(user)))
    ).exists()


def _user_name(user):
    if user is None:
        return ""
    full = user.get_full_name()
    return f"{full}({user.get_username()})" if full else user.get_username()


@dataclass
class _BatchLine:
    batch: ChangeBatch
    when: str
    user_name: str
    model_label: str
    url: str


def _line(batch):
    model = batch.content_type.model_class() if batch.content_type_id else None
    return _BatchLine(
        batch=batch,
        when=format_wareki_datetime(batch.created_at),
        user_name=_user_name(batch.user),
        model_label=str(model._meta.verbose_name) if model else "",
        url=reverse("admin-batch", args=[batch.pk]),
    )


def _page_links(request, paginator, page):
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page_obj": page,
        "paginator": paginator,
        "page_range": paginator.get_elided_page_range(page.number),
        "query": query.urlencode(),
    }


def _batch_queryset(user):
    return visible_batches(user).select_related("user", "content_type", "undoes", "undone_by")


def batch_list_view(request):
    """「取り込みと一括削除の記録」: the batches ``request.user`` may see, newest first.

    Queries: the user's groups (and divisions), one count, one page (with the user, the
    kind of record and the undo of each batch), whatever the number of batches or rows.
    """
    paginator = Paginator(_batch_queryset(request.user), BATCHES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        **admin.site.each_context(request),
        "title": "取り込みと一括削除の記録",
        "lines": [_line(batch) for batch in page.object_list],
        **_page_links(request, paginator, page),
    }
    return TemplateResponse(request, "admin/batches/list.html", context)


def _get_batch(request, batch_id):
    return get_object_or_404(_batch_queryset(request.user), pk=batch_id)


@dataclass
class _Row:
    row: ChangeRow
    when: str
    object_label: str
    history_url: str
    user_name: str
    division_name: str


def _rows_of_page(page, division_names):
    rows = [
        ChangeRow(
            model=change.content_type.model_class(),
            history_id=change.history_id,
            object_id=change.object_id,
            history_date=None,
            history_type=change.history_type,
            user_id=None,
            division_id=change.division_pk,
        )
        for change in page.object_list
    ]
    rows = [row for row in rows if row.model is not None]
    load_change_details(rows)
    lines = []
    for row in rows:
        record = row.record
        opts = row.model._meta
        lines.append(
            _Row(
                row=row,
                when=format_wareki_datetime(record.history_date) if record else "",
                object_label=str(record_instance(record)) if record else f"#{row.object_id}",
                history_url=reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_history", args=[row.object_id]
                ),
                user_name=_user_name(record.history_user) if record else "",
                division_name=division_names.get(row.division_id, ""),
            )
        )
    return lines


def batch_detail_view(request, batch_id):
    """One batch: who, when, what, its counts and its rows with their diffs, paginated.

    Queries: the batch, the divisions, one count, one page of rows, and two per kind of
    record on the page (``load_change_details``), whatever the number of rows.
    """
    batch = _get_batch(request, batch_id)
    changes = batch.changes.select_related("content_type").order_by("content_type", "history_id")
    paginator = Paginator(changes, BATCH_ROWS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    division_names = dict(Division.objects.values_list("pk", "name"))
    context = {
        **admin.site.each_context(request),
        "title": f"一括変更の内容: {batch}",
        "line": _line(batch),
        "rows": _rows_of_page(page, division_names),
        "may_undo": can_undo(request.user, batch) and not hasattr(batch, "undone_by"),
        **_page_links(request, paginator, page),
    }
    return TemplateResponse(request, "admin/batches/detail.html", context)


class UndoForm(forms.Form):
    """The undo's options: keep later edits, and a reason."""

    keep_later_edits = forms.BooleanField(
        label="後の変更を残して取り消す",
        required=False,
        help_text="取り込みの後に変更された記録はそのまま残し、それ以外の記録だけを元に戻します。",
    )
    reason = forms.CharField(
        label="取り消しの理由",
        required=False,
        max_length=200,
        help_text="任意。変更履歴に残ります。",
        widget=forms.TextInput(attrs={"size": 60}),
    )


def batch_undo_view(request, batch_id):
    """「この取り込みを取り消す」: GET shows what the undo would do; POST does it.

    A record edited after the batch is listed and the undo refused (nothing written)
    unless 「後の変更を残して取り消す」 is checked; then those records are left as they
    are and the others put back (``audit.undo``).
    """
    batch = _get_batch(request, batch_id)
    if not can_undo(request.user, batch):
        raise PermissionDenied
    if hasattr(batch, "undone_by"):
        messages.info(request, "この一括変更はすでに取り消されています。")
        return HttpResponseRedirect(reverse("admin-batch", args=[batch.pk]))
    form = UndoForm(request.POST if request.method == "POST" else None)
    later_edits = None
    if request.method == "POST" and form.is_valid():
        try:
            undo = undo_batch(
                batch,
                user=request.user,
                keep_later_edits=form.cleaned_data["keep_later_edits"],
                reason=form.cleaned_data["reason"],
            )
        except UndoRefused as refused:
            messages.error(request, refused.message)
            later_edits = refused.later_edits
        except UndoError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                f"「{batch}」を取り消しました(作り直し {undo.new_count}件・元に戻した {undo.changed_count}件"
                f"・削除 {undo.deleted_count}件)。",
            )
            return HttpResponseRedirect(reverse("admin-batch", args=[undo.pk]))
    plan = plan_undo(batch)
    if later_edits is None:
        later_edits = plan.later_edits
    context = {
        **admin.site.each_context(request),
        "title": f"取り消しの確認: {batch}",
        "line": _line(batch),
        "form": form,
        "plan": plan,
        "later_edits": [
            {
                "edit": edit,
                "when": format_wareki_datetime(edit.when) if edit.when else "",
                "user_name": _user_name(edit.user),
            }
            for edit in later_edits
        ],
    }
    return TemplateResponse(request, "admin/batches/undo.html", context)

