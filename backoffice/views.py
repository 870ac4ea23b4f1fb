"""The 「最近の変更」page: the change rows of every content model, newest first.

A staff page that joins the audit trail (``audit.history``) with the roles: a clerk sees
the changes of their own divisions' records; superusers and auditors see all. Served at
``/admin/recent-changes/`` and linked from the admin index.
"""
from dataclasses import dataclass

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse

from audit.history import ChangeRow, load_change_details, recent_changes, record_instance
from audit.recording import batches_of_rows
from core.models import Division, content_models
from core.wareki import format_wareki_datetime
from roles.permissions import is_auditor, user_division_ids

#: Rows per page of the 「最近の変更」page.
RECENT_CHANGES_PER_PAGE = 50


class RecentChangesForm(forms.Form):
    """The filters of the 「最近の変更」page; every one may be left empty."""

    division = forms.TypedChoiceField(label="所管課", required=False, coerce=int, empty_value=None)
    user = forms.TypedChoiceField(label="変更した人", required=False, coerce=int, empty_value=None)
    model = forms.ChoiceField(label="記録の種類", required=False)

    def __init__(self, data, *, divisions, users, models):
        super().__init__(data)
        self.fields["division"].choices = [("", "すべて")] + [(d.pk, d.name) for d in divisions]
        self.fields["user"].choices = [("", "すべて")] + [(u.pk, _user_name(u)) for u in users]
        self.fields["model"].choices = [("", "すべて")] + [
            (m._meta.label_lower, m._meta.verbose_name) for m in models
        ]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = (
                "「%(value)s」は選べません。この条件を外して表示しています。"
            )


def _user_name(user):
    full = user.get_full_name()
    return f"{full}({user.get_username()})" if full else user.get_username()


@dataclass
class _Column:
    row: ChangeRow
    division_name: str
    when: str
    object_label: str
    history_url: str | None
    user_name: str
    batch: object = None  # the import or bulk delete that wrote the row (audit.models.ChangeBatch)


def _visible_models(user):
    """Content models whose records ``user`` may view (superusers: all)."""
    return [
        model
        for model in content_models()
        if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
        or user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
    ]


def recent_changes_view(request):
    """「最近の変更」: the history rows of every model the user may see, newest first.

    GET parameters (all optional): ``division`` (Division id: records of that 所管課,
    children through their parent), ``user`` (user id), ``model`` (``app.model``),
    ``page``. A value that is not one of the choices is reported in Japanese and that
    filter is left out. A staff user sees only the changes of records their divisions own
    (``roles.permissions.user_division_ids``); superusers and auditors see all. Queries: the user's permissions, divisions, users, one count,
    one page, two per model shown on the page, and one for the batches (imports, bulk
    deletes) that wrote the rows — never one per row.
    """
    models = sorted(_visible_models(request.user), key=lambda m: (m._meta.app_label, str(m._meta.verbose_name)))
    divisions = list(Division.objects.order_by("order", "name"))
    users = list(get_user_model().objects.filter(is_staff=True).order_by("username"))
    form = RecentChangesForm(request.GET, divisions=divisions, users=users, models=models)
    form.is_valid()
    filters = {
        name: form.cleaned_data.get(name)
        for name in ("division", "user", "model")
        if name not in form.errors
    }
    by_label = {m._meta.label_lower: m for m in models}
    chosen = [by_label[filters["model"]]] if filters.get("model") else models
    user = request.user
    # Staff see the changes of their own divisions' records; superusers and auditors all.
    within = None if user.is_superuser or is_auditor(user) else user_division_ids(user)
    queryset = recent_changes(
        chosen, division=filters.get("division"), user=filters.get("user"), within=within
    )

    paginator = Paginator(queryset if queryset is not None else [], RECENT_CHANGES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    rows = [
        ChangeRow(
            model=by_label[label],
            history_id=history_id,
            object_id=object_id,
            history_date=date,
            history_type=kind,
            user_id=user_id,
            division_id=division_id,
        )
        for label, history_id, object_id, date, kind, user_id, division_id in page.object_list
    ]
    load_change_details(rows)
    division_names = {d.pk: d.name for d in divisions}
    columns = [_column(row, division_names) for row in rows]
    batches = batches_of_rows(rows)
    for column in columns:
        column.batch = batches.get((column.row.model, column.row.history_id))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        **admin.site.each_context(request),
        "title": "最近の変更",
        "form": form,
        "columns": columns,
        "page_obj": page,
        "paginator": paginator,
        "page_range": paginator.get_elided_page_range(page.number),
        "query": query.urlencode(),
    }
    return TemplateResponse(request, "admin/recent_changes.html", context)


def _column(row, division_names):
    record = row.record
    if record is not None:
        label = str(record_instance(record))
        user = record.history_user
    else:
        label, user = f"#{row.object_id}", None
    opts = row.model._meta
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[row.object_id])
    except NoReverseMatch:
        url = None
    return _Column(
        row=row,
        division_name=division_names.get(row.division_id, ""),
        when=format_wareki_datetime(row.history_date),
        object_label=label,
        history_url=url,
        user_name=_user_name(user) if user is not None else "",
    )
