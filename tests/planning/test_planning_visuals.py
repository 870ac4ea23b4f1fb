"""The chart of the cooperation area's members by kind (市・町・村), on /metropolitan-area/."""
import re

import pytest
from django.urls import reverse
from django.utils import translation

from planning.models import MemberMunicipality
from tests.graphics.chart_html import chart_figure, drawn_values

pytestmark = pytest.mark.django_db


def test_members_by_kind_chart_counts_the_members_and_its_table_says_so(client, django_assert_num_queries):
    # The area with its members, pillars, categories and fields: the chart adds no query.
    with django_assert_num_queries(7):
        response = client.get(reverse("planning:area"))
    html = response.content.decode()
    figure = chart_figure(html, "members-by-kind")
    counts = {
        label: MemberMunicipality.objects.filter(kind=kind).count()
        for kind, label in MemberMunicipality.Kind.choices
    }
    # The document: 5市10町2村.
    assert counts == {"市": 5, "町": 10, "村": 2}
    assert drawn_values(figure) == {label: (n, f"{n}{label}") for label, n in counts.items()}
    assert '<div class="chart-drawing" aria-hidden="true">' in figure
    for label, n in counts.items():
        assert f'<tr><th scope="row">{label}</th><td class="num">{n}{label}</td></tr>' in figure
    assert " style=" not in html and "<style" not in html


def test_english_members_chart_counts_each_kind_in_its_plural(client):
    # 「5 City」 read as a label, not a count: each kind is the unit of its own count.
    response = client.get("/en/metropolitan-area/")
    html = response.content.decode()
    figure = chart_figure(html, "members-by-kind")
    assert drawn_values(figure) == {
        "City": (5, "5 cities"),
        "Town": (10, "10 towns"),
        "Village": (2, "2 villages"),
    }
    assert "17 municipalities (5 cities, 10 towns, 2 villages)" in html


def test_a_kind_with_one_member_is_counted_in_the_singular():
    with translation.override("en"):
        assert MemberMunicipality.Kind.VILLAGE.amount(1) == "1 village"
        assert MemberMunicipality.Kind.CITY.amount(1_000) == "1,000 cities"
    with translation.override("ja"):
        assert MemberMunicipality.Kind.TOWN.amount(10) == "10町"


def test_english_pillar_headings_have_a_space_after_their_number(client):
    html = client.get("/en/metropolitan-area/").content.decode()
    headings = re.findall(r'<h3 id="pillar-\d+">(.*?)</h3>', html)
    assert len(headings) == 3 and all(re.match(r"\(\d\) \S", heading) for heading in headings), headings
    japanese = client.get("/metropolitan-area/").content.decode()
    assert all(re.match(r"\(\d\)\S", h) for h in re.findall(r'<h3 id="pillar-\d+">(.*?)</h3>', japanese))
