"""The chart of the publications' circulation, on /public-relations/."""
import pytest
from django.urls import reverse

from public_relations.models import Publication
from tests.graphics.chart_html import chart_figure, drawn_values

pytestmark = pytest.mark.django_db


def test_circulation_chart_draws_each_publication_in_its_own_unit(client, django_assert_num_queries):
    # The publications are read once, for the chart and the table.
    with django_assert_num_queries(9):
        response = client.get(reverse("public_relations:index"))
    html = response.content.decode()
    figure = chart_figure(html, "circulation")
    publications = list(Publication.objects.all())
    assert drawn_values(figure) == {
        p.display_title: (p.circulation, f"{p.circulation:,}{p.circulation_unit}") for p in publications
    }
    # The CD edition counts pieces (本), print counts copies (部); 97 copies still show.
    assert ("112", "本") in [(str(p.circulation), p.circulation_unit) for p in publications]
    assert '<div class="chart-drawing" aria-hidden="true">' in figure
    table = html[html.index("<caption>広報刊行物</caption>") :]
    for publication in publications:
        assert f"{publication.circulation:,}{publication.circulation_unit}" in table
