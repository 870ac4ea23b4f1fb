"""The chart of the cooperation area's members by kind (市・町・村), on /metropolitan-area/."""
import pytest
from django.urls import reverse

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
