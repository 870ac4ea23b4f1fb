"""Every public list renders its filter form the same way (templates/includes/filter_form.html)."""
import re

import pytest

pytestmark = pytest.mark.django_db

# Each list with a query string that makes every filter invalid, so every field shows an error.
LISTS = {
    "/partner-cities/": "country_or_region=x&relationship_type=x&scope=x",
    "/exchange-activities/": "city=x&fiscal_year=x&direction=x",
    "/metropolitan-area/members/": "kind=x",
    "/public-relations/programmes/": "medium=x&broadcaster=x",
}


def form_of(client, url):
    html = client.get(url).content.decode()
    (form,) = re.findall(r'<form method="get" class="filter-form".*?</form>', html, re.S)
    return form


@pytest.mark.parametrize("url", sorted(LISTS))
def test_every_control_has_a_label_and_the_form_a_submit_and_a_reset(client, url):
    form = form_of(client, url)
    ids = re.findall(r'<select name="[^"]+"[^>]* id="([^"]+)"', form)
    assert ids
    for control_id in ids:
        assert f'<label for="{control_id}">' in form
    assert '<button type="submit">絞り込む</button>' in form
    assert f'<a href="{url}">条件を解除</a>' in form
    assert "すべて</option>" in form


@pytest.mark.parametrize("url", sorted(LISTS))
def test_errors_are_tied_to_their_field(client, url):
    form = form_of(client, f"{url}?{LISTS[url]}")
    described = [name for names in re.findall(r'aria-describedby="([^"]+)"', form) for name in names.split()]
    errors = [name for name in described if name.endswith("_error")]
    assert errors
    for error_id in errors:
        assert re.search(rf'<ul class="errorlist" id="{error_id}">', form), error_id
    # Any other description is the field's help (the city box's: type a name).
    for help_id in set(described) - set(errors):
        assert re.search(rf'<div class="helptext" id="{help_id}">', form), help_id
