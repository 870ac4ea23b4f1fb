"""iCalendar files (RFC 5545, the ``icalendar`` package): exchange activities, anniversaries.

Every event is an all-day event over the days its date stands for: an activity the
document dates to the month only spans that month (``core.wareki.date_span``).
"""
import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from icalendar import Calendar, Event

from core.views import ReadOnlyPageMixin
from core.wareki import date_span
from exchange.models import ExchangeActivity, PartnerCity, same_day_years_later

from .feeds import activity_anchor

#: The anniversaries file reaches this many years ahead (anniversaries have no end).
ANNIVERSARY_YEARS_AHEAD = 30


class CalendarView(ReadOnlyPageMixin, View):
    """An iCalendar file of ``events()``: each a dict of uid, summary, description, dates, url."""

    name = ""
    filename = ""

    def events(self):
        raise NotImplementedError

    def get(self, request):
        calendar = Calendar()
        calendar.add("prodid", "-//City of Kumamoto//Kumamoto city portal//JA")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", str(self.name))
        calendar.add("x-wr-timezone", "Asia/Tokyo")
        stamp = timezone.now()
        host = request.get_host()
        for item in self.events():
            event = Event()
            event.add("uid", f"{item['uid']}@{host}")
            event.add("dtstamp", stamp)
            event.add("summary", item["summary"])
            if item.get("description"):
                event.add("description", item["description"])
            first, last = item["dates"]
            event.add("dtstart", first)
            event.add("dtend", last + datetime.timedelta(days=1))  # DTEND excludes its day
            event.add("url", request.build_absolute_uri(item["url"]))
            calendar.add_component(event)
        response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{self.filename}"'
        return response


class ExchangeActivityCalendar(CalendarView):
    """``/feeds/exchange-activities.ics``: every exchange activity as an all-day event."""

    name = _("熊本市 姉妹・友好都市との交流の記録")
    filename = "exchange-activities.ics"

    def events(self):
        for activity in ExchangeActivity.objects.for_list():
            yield {
                "uid": f"exchange-activity-{activity.city.slug}-{activity.order}",
                "summary": f"{activity.city.name} {activity.get_direction_display()}",
                "description": activity.description,
                "dates": date_span(activity.date, activity.date_precision),
                "url": activity_anchor(activity),
            }


class AnniversaryCalendar(CalendarView):
    """``/feeds/anniversaries.ics``: every anniversary (10, 15, 20 … years) of every city.

    From each city's 10th anniversary up to ``ANNIVERSARY_YEARS_AHEAD`` years from today.
    """

    name = _("熊本市 姉妹・友好都市との提携の周年")
    filename = "anniversaries.ics"

    def events(self):
        last = same_day_years_later(timezone.localdate(), ANNIVERSARY_YEARS_AHEAD)
        for anniversary in PartnerCity.objects.anniversaries_between(datetime.date.min, last):
            yield {
                "uid": f"anniversary-{anniversary.city.slug}-{anniversary.years}",
                "summary": anniversary.title,
                "dates": date_span(anniversary.date, anniversary.precision),
                "url": anniversary.city.get_absolute_url(),
            }
