"""The chart of the recovery department's staff by division, on /recovery/."""
import re

import pytest
from django.urls import reverse

from recovery.models import DepartmentDivision, RecoveryDepartment
from tests.graphics.chart_html import chart_figure, drawn_values

pytestmark = pytest.mark.django_db


def test_staff_chart_draws_each_division_and_the_table_below_holds_the_values(client, django_assert_num_queries):
    # Earthquakes, departments (+ divisions, duties), plans (+ sections, policies): unchanged.
    with django_assert_num_queries(8):
        response = client.get(reverse("recovery:index"))
    html = response.content.decode()
    department = RecoveryDepartment.objects.get()
    figure = chart_figure(html, f"staff-{department.pk}")
    divisions = DepartmentDivision.objects.filter(department=department)
    assert drawn_values(figure) == {
        division.name: (division.staff_count, f"{division.staff_count}名") for division in divisions
    }
    # 課長以下 15・15・9名 and the director: the department's 40.
    assert sum(division.staff_count for division in divisions) + department.director_count == 40
    assert '<div class="chart-drawing" aria-hidden="true">' in figure
    assert f"{department.name}の部署と業務概要" in figure  # the caption names the table
    table = html[html.index(f"<caption>{department.name}の部署と業務概要</caption>") :]
    for division in divisions:
        assert f"課長以下 {division.staff_count}名" in table


def test_the_english_staff_chart_counts_people(client):
    """名 as a head-count's unit is 「people」, not the catalogue's 名 (「Name」)."""
    page = client.get("/en/recovery/").content.decode()
    assert re.search(r">\d+ people</text>", page)
    assert not re.search(r">\d+ Name<", page)
