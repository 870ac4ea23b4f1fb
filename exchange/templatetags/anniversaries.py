"""The partner cities' anniversaries (周年) of the coming year, for the staff admin's index."""
import datetime

from django import template
from django.utils import timezone

from exchange.models import PartnerCity, same_day_years_later

register = template.Library()


@register.simple_tag
def coming_anniversaries():
    """The anniversaries from today to a year from now (the day before), by date."""
    today = timezone.localdate()
    last = same_day_years_later(today, 1) - datetime.timedelta(days=1)
    return PartnerCity.objects.anniversaries_between(today, last)
