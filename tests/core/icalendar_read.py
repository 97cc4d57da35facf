#!/usr/bin/python3
# Reads an iCalendar file with Debian's python3-icalendar, an independent parser, and prints what
# it understood as one JSON object, for tests/core/icalendar_interop_test.cpp to compare with what
# was written. Run by the Debian interpreter on purpose (the shebang), since that is the one
# python3-icalendar is installed for; another python3 on PATH may not have it.
# Exits 1 with a message when the module is missing or a time has no zone (a naive time means the
# parser did not resolve the TZID, which the test must not take for a pass). A DATE (all-day
# event) comes back as {"date": "YYYY-MM-DD"}. Also read by tests/client/calendar_export_test.cpp.
import datetime
import json
import sys
import zoneinfo

try:
    import icalendar
except ImportError:
    sys.exit("python3-icalendar is not installed (scripts/setup installs it)")

UTC = datetime.timezone.utc
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def instant(event, name):
    value = event.decoded(name)
    # An all-day event (VALUE=DATE): a date without time or zone, which is how it must be read.
    if not isinstance(value, datetime.datetime) and isinstance(value, datetime.date):
        return {"date": value.isoformat(), "value": str(event[name].params.get("VALUE", ""))}
    if not isinstance(value, datetime.datetime) or value.tzinfo is None:
        sys.exit(f"{name} of {event['uid']} is not a zoned date-time: {value!r}")
    return {
        "utc": value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "berlin": value.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M:%S"),
        "tzid": event[name].params.get("TZID", ""),
    }


def main():
    with open(sys.argv[1], "rb") as file:
        calendar = icalendar.Calendar.from_ical(file.read())
    events = []
    for event in calendar.walk("VEVENT"):
        events.append({
            "uid": str(event["uid"]),
            "stamp": event.decoded("dtstamp").astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "start": instant(event, "dtstart"),
            "end": instant(event, "dtend"),
            "summary": str(event["summary"]),
            "location": str(event.get("location", "")),
            "description": str(event.get("description", "")),
            "transp": str(event["transp"]),
        })
    print(json.dumps({
        "version": str(calendar["version"]),
        "prodid": str(calendar["prodid"]),
        "timezones": [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")],
        "events": events,
    }, ensure_ascii=False))


main()
