"""Date expressions in news text, as windows resolved against the article's publication date.

A window is the earliest and latest day the words allow (UCDP's convention) with a precision: ``day``,
``week``, ``month``, ``year`` or ``range``. Dates without a year are the most recent such day on or
before publication (``December 25`` in a January article is the previous December). Relative phrases
count back from publication: ``in recent weeks`` is the 28 days before it, ``recently`` the 30 days,
``two days earlier`` (before an event told just before, itself at most a week older than the article) the
week up to two days before publication,
``last week`` the calendar week before, ``earlier this year`` 1 January to publication. ``since X`` and
``the fourth anniversary of X`` are relations to another event, resolved once that event is dated.
Where the text gives no date, the window is the 30 days before publication (:func:`default_window`).
``tomorrow``, ``next week``, ``later this month`` are windows after publication: an expected event.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from newsevents.articles import FIRST_DAY, LAST_DAY
from newsevents.events.claims import UNITS

MONTHS = {
    **{m.lower(): i for i, m in enumerate(calendar.month_name) if m},
    **{m.lower(): i for i, m in enumerate(calendar.month_abbr) if m},
    "sept": 9,
}
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
NUMBERS = {  # counts of days, weeks, months: one to twelve in words, and the vague ones
    "a": 1,
    "an": 1,
    **{word: n for word, n in UNITS.items() if n <= 12},
    "several": 3,
    "few": 3,
    "couple": 2,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "fifteenth": 15,
    "twentieth": 20,
}
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
RECENT_DAYS = {"days": 7, "weeks": 28, "months": 90}
DEFAULT_DAYS = 30
#: A single incident the text does not date happened in the week before the first report of it: news
#: tells what is new, and an older incident is dated (``last month``, ``in November``).
INCIDENT_DAYS = 7

MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY = "|".join(WEEKDAYS)
NUMBER = rf"(?:\d+|{'|'.join(NUMBERS)})"
ORDINAL = rf"(?:\d+(?:st|nd|rd|th)|{'|'.join(ORDINALS)})"
UNIT = r"(?P<unit>day|week|month|year)s?"


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    first: date | None  # None for a relation still to resolve (since, anniversary)
    last: date | None
    precision: str
    kind: str  # absolute, weekday, relative, year, since, anniversary, within, default

    #: ``since``: the window starts at the date of the event the phrase names; ``anniversary``: the
    #: event named after "anniversary of" happened this many years before the anniversary.
    years: int = 0


def default_window(published: date) -> DateMention:
    return DateMention(0, 0, "", published - timedelta(days=DEFAULT_DAYS), published, "range", "default")


def _most_recent(published: date, month: int, day: int) -> date | None:
    for year in (published.year, published.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate <= published:
            return candidate
    return None


def _month_window(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _number(text: str) -> int:
    return int(text) if text.isdigit() else NUMBERS[text.lower()]


def _ordinal(text: str) -> int:
    text = text.lower()
    return int(re.match(r"\d+", text).group()) if text[0].isdigit() else ORDINALS[text]


def _future(words: str, published: date) -> tuple[date, date, str]:
    """``tomorrow``, ``next week``, ``later this month``: a window after publication (an expected event)."""
    words = " ".join(words.split())
    if words == "tomorrow":
        day = published + timedelta(days=1)
        return day, day, "day"
    if words == "next week":
        monday = published + timedelta(days=7 - published.weekday())
        return monday, monday + timedelta(days=6), "week"
    if words == "next month":
        first = (published.replace(day=1) + timedelta(days=32)).replace(day=1)
        return *_month_window(first.year, first.month), "month"
    if words == "next year":
        return date(published.year + 1, 1, 1), date(published.year + 1, 12, 31), "year"
    if words.startswith("next "):
        ahead = (WEEKDAYS[words.split()[1]] - published.weekday()) % 7 or 7
        day = published + timedelta(days=ahead)
        return day, day, "day"
    unit = words.split()[-1]
    last = {
        "week": published + timedelta(days=6 - published.weekday()),
        "month": _month_window(published.year, published.month)[1],
        "year": date(published.year, 12, 31),
    }[unit]
    return published, last, "range"


def _clip(first: date, last: date, published: date) -> tuple[date, date]:
    return min(first, published), min(last, published)


PATTERNS: list[tuple[str, re.Pattern]] = [
    (
        "future",
        re.compile(
            rf"\b(?P<w>tomorrow|next\s+(?:week|month|year|{WEEKDAY})|later\s+this\s+(?:week|month|year))\b", re.I
        ),
    ),
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})\b")),
    (
        "month_day",
        re.compile(rf"\b(?P<m>{MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}})\b)?", re.I),
    ),
    (
        "day_month",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{MONTH})\b\.?(?:,?\s+(?P<y>\d{{4}})\b)?", re.I
        ),
    ),
    ("month_year", re.compile(rf"\b(?P<m>{MONTH})\.?\s+(?P<y>\d{{4}})\b", re.I)),
    ("month", re.compile(rf"\b(?:in|during|since|of|by|late|early|mid)[\s-]+(?P<m>{MONTH})\b(?!\.?\s+\d)", re.I)),
    ("year", re.compile(r"\b(?:in|since|during|by|of|from)\s+(?P<y>(?:19|20)\d{2})\b(?![-/]\d)")),
    # "the 2019 bombing", "the 2017 siege", "the 2008 Mumbai attacks": a year naming the event after it (a plural
    # lower-case word after it is counted: "the 2000 soldiers")
    (
        "year_modifier",
        re.compile(
            r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+(?P<y>(?:19|20)\d{2})\s+(?=[A-Z]|[a-z]+(?<!s)\b)"
        ),
    ),
    ("weekday", re.compile(rf"\b(?:(?P<last>last|this|past)\s+|(?:on|early|late)\s+)?(?P<w>{WEEKDAY})\b", re.I)),
    ("deictic", re.compile(r"\b(?P<w>yesterday|today|tonight|this morning|this afternoon|this evening)\b", re.I)),
    ("recent_units", re.compile(r"\b(?:in\s+|over\s+)?(?:the\s+)?recent\s+(?P<u>days|weeks|months)\b", re.I)),
    (
        "past_units",
        re.compile(
            rf"\b(?:over|in|during|within)\s+the\s+(?:past|last|previous)\s+(?:(?P<n>{NUMBER})\s+)?{UNIT}", re.I
        ),
    ),
    ("ago", re.compile(rf"\b(?P<n>{NUMBER})\s+{UNIT}\s+ago\b", re.I)),
    # "Two days earlier, ...": before the event just told, which is itself at or before publication
    ("earlier", re.compile(rf"\b(?P<n>{NUMBER})\s+{UNIT}\s+(?:earlier|before)(?=\s*[,.;])", re.I)),
    ("last_unit", re.compile(r"\b(?:last|past)\s+(?P<unit>week|month|year)\b", re.I)),
    ("this_unit", re.compile(r"\b(?:(?:earlier|later)\s+)?this\s+(?P<unit>week|month|year)\b", re.I)),
    ("within", re.compile(rf"\bwithin\s+(?:(?P<n>{NUMBER})|the\s+(?:past|last))\s+{UNIT}", re.I)),
    ("recently", re.compile(r"\b(?:recently|recent|latest|the\s+past\s+few\s+(?:days|weeks))\b", re.I)),
    # "on that same day": the day told just before (resolved by the article's reader, see resolve_same_day)
    ("same_day", re.compile(r"\b(?:on\s+)?(?:that|the)\s+(?:very\s+)?same\s+day\b", re.I)),
    ("anniversary", re.compile(rf"\b(?:the\s+)?(?P<n>{ORDINAL})\s+anniversary\s+of\b", re.I)),
    ("since_event", re.compile(r"\b[Ss]ince\s+(?:the\s+)?(?=[a-z])")),
]


def _resolve(name: str, m: re.Match, published: date) -> tuple[date | None, date | None, str, str, int] | None:
    """(first, last, precision, kind, years) of one match, or None if it is not a usable date."""
    g = m.groupdict()
    if name == "iso":
        try:
            day = date(int(g["y"]), int(g["mo"]), int(g["d"]))
        except ValueError:
            return None
        return day, day, "day", "absolute", 0
    if name in ("month_day", "day_month"):
        month, day_of_month = MONTHS[g["m"].lower()], int(g["d"])
        if g.get("y"):
            try:
                day = date(int(g["y"]), month, day_of_month)
            except ValueError:
                return None
        else:
            day = _most_recent(published, month, day_of_month)
        return (day, day, "day", "absolute", 0) if day else None
    if name == "month_year":
        first, last = _month_window(int(g["y"]), MONTHS[g["m"].lower()])
        return first, last, "month", "absolute", 0
    if name == "month":
        month = MONTHS[g["m"].lower()]
        year = published.year if month <= published.month else published.year - 1
        first, last = _clip(*_month_window(year, month), published)
        return first, last, "month", "absolute", 0
    if name in ("year", "year_modifier"):
        year = int(g["y"])
        first, last = _clip(date(year, 1, 1), date(year, 12, 31), published)
        return first, last, "year", "year", 0
    if name == "weekday":
        back = (published.weekday() - WEEKDAYS[g["w"].lower()]) % 7
        if g.get("last") and g["last"].lower() in ("last", "past") and back == 0:
            back = 7
        day = published - timedelta(days=back)
        return day, day, "day", "weekday", 0
    if name == "future":
        return (*_future(g["w"].lower(), published), "future", 0)
    if name == "deictic":
        day = published - timedelta(days=1 if g["w"].lower() == "yesterday" else 0)
        return day, day, "day", "relative", 0
    if name == "recent_units":
        return published - timedelta(days=RECENT_DAYS[g["u"].lower()]), published, "range", "relative", 0
    if name in ("past_units", "within"):
        days = (_number(g["n"]) if g.get("n") else 1) * UNIT_DAYS[g["unit"].lower()]
        precision = "week" if days == 7 else "range"
        return published - timedelta(days=days), published, precision, "within" if name == "within" else "relative", 0
    if name == "ago":
        day = published - timedelta(days=_number(g["n"]) * UNIT_DAYS[g["unit"].lower()])
        spread = {"day": 0, "week": 3, "month": 15, "year": 182}[g["unit"].lower()]
        first, last = day - timedelta(days=spread), min(published, day + timedelta(days=spread))
        return first, last, "day" if spread == 0 else "range", "relative", 0
    if name == "earlier":
        unit = g["unit"].lower()
        last = published - timedelta(days=_number(g["n"]) * UNIT_DAYS[unit])
        return (
            last - timedelta(days={"day": 7, "week": 14, "month": 30, "year": 182}[unit]),
            last,
            "range",
            "relative",
            0,
        )
    if name == "last_unit":
        unit = g["unit"].lower()
        if unit == "week":
            monday = published - timedelta(days=published.weekday() + 7)
            return monday, monday + timedelta(days=6), "week", "relative", 0
        if unit == "month":
            last_month = published.replace(day=1) - timedelta(days=1)
            return *_month_window(last_month.year, last_month.month), "month", "relative", 0
        return date(published.year - 1, 1, 1), date(published.year - 1, 12, 31), "year", "relative", 0
    if name == "this_unit":
        unit = g["unit"].lower()
        first = {
            "week": published - timedelta(days=published.weekday()),
            "month": published.replace(day=1),
            "year": published.replace(month=1, day=1),
        }[unit]
        return first, published, "week" if unit == "week" else "range", "relative", 0
    if name == "recently":
        return published - timedelta(days=DEFAULT_DAYS), published, "range", "relative", 0
    if name == "anniversary":
        return None, None, "year", "anniversary", _ordinal(g["n"])
    if name == "same_day":
        return None, None, "day", "same_day", 0
    if name == "since_event":
        return None, published, "range", "since", 0
    return None


def _resolve_clamped(name: str, m: re.Match, published: date) -> tuple | None:
    """:func:`_resolve`, with the window clamped to the calendar (:data:`FIRST_DAY` to :data:`LAST_DAY`): a
    phrase that would leave it (``next week`` on 9998-12-31, ``99999999 days ago``) reaches its edge."""
    try:
        resolved = _resolve(name, m, published)
    except (OverflowError, ValueError):
        if name == "future":
            return published, LAST_DAY, "range", "future", 0
        return FIRST_DAY, published, "range", "relative", 0
    if resolved is None or resolved[0] is None or resolved[1] is None:
        return resolved
    first, last, *rest = resolved
    return (min(max(first, FIRST_DAY), LAST_DAY), min(max(last, FIRST_DAY), LAST_DAY), *rest)


# A sentence without any of these holds no date expression: the patterns are not run on it.
HINT = re.compile(
    rf"\d|\b(?:{MONTH}|{WEEKDAY}|yesterday|today|tonight|tomorrow|next|this|recent\w*|latest|past|last|ago|within|"
    r"since|anniversary|earlier|later|same)\b",
    re.I,
)


def find_dates(body: str, start: int, end: int, published: date) -> list[DateMention]:
    """Date expressions in ``body[start:end]``, longest first where they overlap, in text order."""
    if not HINT.search(body, start, end):
        return []
    found: list[DateMention] = []
    for name, pattern in PATTERNS:
        for m in pattern.finditer(body, start, end):
            if any(d.start < m.end() and m.start() < d.end for d in found):
                continue
            resolved = _resolve_clamped(name, m, published)
            if resolved is None:
                continue
            first, last, precision, kind, years = resolved
            if m.group().lower().startswith("since") and first is not None:
                last, precision, kind = published, "range", "since"  # "since 2014", "since January"
            found.append(DateMention(m.start(), m.end(), m.group().strip(), first, last, precision, kind, years))
    dated = [_since_date(body, d, published) for d in sorted(found, key=lambda d: d.start)]
    # a window the words cannot make ("since 7 October 2023" in an article of the year 2): no date at all
    return [d for d in dated if d.first is None or d.last is None or d.first <= d.last]


SINCE_BEFORE = re.compile(r"\b(?:ever\s+)?since\s+$", re.I)
#: A year written before the event it names (``the 2019 bombing``): the date of that noun only.
YEAR_NAMES = re.compile(r"(?:the|an?|its|their|his|her)\s+(?:19|20)\d{2}$", re.I)


def _since_date(body: str, mention: DateMention, published: date) -> DateMention:
    """``since October 7``: from that date to publication."""
    before = SINCE_BEFORE.search(body, max(0, mention.start - 12), mention.start)
    if before is None or mention.first is None or mention.kind in ("since", "anniversary"):
        return mention
    if YEAR_NAMES.match(mention.text):  # "since the 2019 bombing": the bombing's year; the since is a relation
        return mention
    return replace(
        mention,
        start=before.start(),
        text=body[before.start() : mention.end],
        last=published,
        precision="range",
        kind="since",
    )


def resolve_same_day(mention: DateMention, previous: DateMention | None) -> DateMention | None:
    """``On that same day``: the window of the date told before it, or nothing if none was."""
    if previous is None:
        return None
    return replace(mention, first=previous.first, last=previous.last, precision=previous.precision, kind="relative")


def since(mention: DateMention, first: date) -> DateMention:
    """A ``since`` relation once the event it counts from is dated."""
    return replace(mention, first=first, precision="range")


def shift_years(first: date, last: date, years: int) -> tuple[date, date]:
    """The window ``years`` earlier (29 February becomes the 28th)."""

    def back(day: date) -> date:
        if day.year - years < FIRST_DAY.year:  # before the calendar: clamped to its first day
            return FIRST_DAY
        try:
            return day.replace(year=day.year - years)
        except ValueError:
            return day.replace(year=day.year - years, day=28)

    return back(first), back(last)
