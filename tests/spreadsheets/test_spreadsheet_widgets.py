"""The shared widgets: each kind of column is read and written one way for every model."""
import pytest

from core.models import Division
from spreadsheets.widgets import (
    ChoiceWidget,
    NaturalKeyManyToManyWidget,
    NaturalKeyWidget,
    TextWidget,
    escape_formula,
    unescape_formula,
)
from core.wareki import DatePrecision


@pytest.mark.parametrize(
    "text", ["=1+2", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "'=1", "''+2", "普通の文", "'引用", ""]
)
def test_formula_escape_is_undone_exactly(text):
    escaped = escape_formula(text)
    assert escaped[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert unescape_formula(escaped) == text


def test_text_is_normalised_and_trimmed():
    widget = TextWidget()
    assert widget.clean("  ＡＢＣ　１２３  ") == "ABC 123"
    assert widget.clean(12.0) == "12"
    assert TextWidget(multiline=True).clean(" 一段落目 \n\n ２段落目 ") == "一段落目\n2段落目"
    assert TextWidget(allow_blank=False).clean("  ") is None


def test_choices_by_label_or_value_and_written_as_label():
    widget = ChoiceWidget(DatePrecision.choices)
    assert widget.clean("年月") == widget.clean("MONTH") == widget.clean(" month ") == "month"
    assert widget.render("month") == "年月"
    with pytest.raises(ValueError, match="「週」は選択肢にありません。年、年月、年月日"):
        widget.clean("週")


@pytest.mark.django_db
def test_a_parent_by_its_name_and_an_unknown_one():
    widget = NaturalKeyWidget(Division)
    assert widget.clean(" 国際課 ").name == "国際課"
    assert widget.render(Division.objects.get(name="国際課")) == "国際課"
    with pytest.raises(ValueError, match="「国債課」という所管課は登録されていません"):
        widget.clean("国債課")


@pytest.mark.django_db
def test_many_to_many_refuses_unknown_values_instead_of_dropping_them():
    widget = NaturalKeyManyToManyWidget(Division)
    assert sorted(d.name for d in widget.clean("国際課、広報課")) == ["国際課", "広報課"]
    with pytest.raises(ValueError, match="「国債課」「総務課X」という所管課は登録されていません"):
        widget.clean("国際課、国債課, 総務課X")
    assert widget.render(Division.objects.filter(name__in=["国際課", "広報課"])) in (
        "国際課、広報課", "広報課、国際課",
    )


@pytest.mark.django_db
def test_an_unknown_many_to_many_value_is_a_row_error_and_nothing_is_written():
    """The portal has no many-to-many column yet; auth groups stand in for one."""
    import tablib
    from django.contrib.auth.models import Group

    from spreadsheets.resources import PortalResource

    class GroupResource(PortalResource):
        class Meta:
            model = Group
            import_id_fields = ["name"]
            fields = ["name", "permissions"]

    dataset = tablib.Dataset(
        ["編集者", "view_division / core / division、delete_everything / x / y"],
        headers=["名前", "パーミッション"],
    )
    result = GroupResource().import_data(dataset)
    assert result.has_validation_errors()
    (row,) = result.invalid_rows
    (message,) = row.error_dict["permissions"]
    assert message.startswith("2行目「パーミッション」: ") and "「delete_everything / x / y」" in message
    assert not Group.objects.filter(name="編集者").exists()

    dataset = tablib.Dataset(
        ["編集者", "view_division / core / division"], headers=["名前", "パーミッション"]
    )
    assert not GroupResource().import_data(dataset).has_validation_errors()
    assert [p.codename for p in Group.objects.get(name="編集者").permissions.all()] == ["view_division"]


@pytest.mark.parametrize("cell", ["9999-12-31", 2958465, "0001-01-01", "0999/12/31", "3000年1月1日"])
def test_a_date_outside_the_portal_years_is_refused_in_japanese(cell):
    """Regression: 9999-12-31 imported fine, then /exchange-activities/?fiscal_year=9999 was a 500."""
    from spreadsheets.widgets import read_date_cell

    with pytest.raises(ValueError, match="扱える日付の範囲外です"):
        read_date_cell(cell)
