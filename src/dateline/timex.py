"""One temporal expression to its TIMEX3 type and value, given the date it is read against.

`normalise("last week", Context(anchor=date(2024, 12, 26)))` gives `Timex("DATE", "2024-W51", ANCHOR)`.
Conventions follow the TimeML/TempEval-3 annotation guidelines: weeks are ISO weeks, quarters
`1998-Q3`, halves `1998-H1`, seasons `1998-SU`, decades `199`, centuries `19`, parts of the day
`1998-02-12TEV`, and vague references `PAST_REF`, `PRESENT_REF`, `FUTURE_REF`. The module knows no
spaCy: the stage gives it the expression's text and what the sentence says about tense.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, replace

from dateparser.date import DateDataParser
from dateutil.easter import easter

from .quantities import parse_count

MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
          "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
          "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
            "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
                "tonight": "NI", "midday": "MI"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
# unit word: (TIMEX3 duration letter, needs the time designator T, how many of the unit make one of the letter)
UNITS = {"second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1), "day": ("D", False, 1),
         "night": ("D", False, 1), "week": ("W", False, 1), "fortnight": ("W", False, 2),
         "month": ("M", False, 1), "quarter": ("Q", False, 1), "year": ("Y", False, 1),
         "decade": ("Y", False, 10), "century": ("Y", False, 100)}
VAGUE_UNIT_LETTERS = {"decade": "DE", "century": "CE"}
SET_WORDS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "annual": "P1Y",
             "yearly": "P1Y", "hourly": "PT1H", "quarterly": "P1Q", "nightly": "P1D"}
PRESENT_WORDS = {"now", "right now", "just now", "currently", "current", "presently", "at present", "these days",
                 "nowadays", "at the moment", "at this moment", "already", "yet", "for now", "until now", "so far",
                 "by now"}
PAST_WORDS = {"recently", "recent", "past", "previously", "earlier", "formerly", "once", "lately", "in the past",
              "more recently", "most recently", "then current", "then", "some time ago", "years ago",
              "several years ago", "long ago", "not long ago", "recent weeks and months", "past years",
              "recent years", "a while ago"}
FUTURE_WORDS = {"future", "soon", "near future", "near term", "short term", "long term", "someday",
                "as soon as possible", "a later date", "later date", "coming months", "coming years",
                "coming weeks", "coming days", "future quarters", "coming quarters", "the years ahead",
                "years ahead", "months ahead", "weeks ahead", "days ahead", "from time to time", "shortly",
                "in the future", "eventually"}
MODS = (("no more than", "EQUAL_OR_LESS"), ("up to", "EQUAL_OR_LESS"), ("at most", "EQUAL_OR_LESS"),
        ("less than", "LESS_THAN"), ("fewer than", "LESS_THAN"), ("under", "LESS_THAN"), ("within", "LESS_THAN"),
        ("more than", "MORE_THAN"), ("over", "MORE_THAN"), ("at least", "EQUAL_OR_MORE"),
        ("about", "APPROX"), ("around", "APPROX"), ("approximately", "APPROX"), ("roughly", "APPROX"),
        ("nearly", "APPROX"), ("almost", "APPROX"), ("some", "APPROX"), ("an estimated", "APPROX"),
        ("early", "START"), ("the beginning of", "START"), ("the start of", "START"), ("mid", "MID"),
        ("the middle of", "MID"), ("late", "END"), ("the end of", "END"), ("end of", "END"), ("the close of", "END"))
FILLERS = ("the", "its", "their", "his", "her", "our", "both", "either", "between", "sometime", "some time",
           "earlier", "later", "just", "only", "since", "until", "till", "by", "in", "on", "at", "during", "for",
           "from", "of", "as of", "this past", "so far", "each of", "through", "throughout", "all", "fully",
           "some time in", "sometime in", "as early as", "as late as", "as recently as", "barely", "well", "still")
SPOKEN_YEAR = re.compile(r"\b(?:nineteen|eighteen)[- ](?:(?:twen|thir|for|fif|six|seven|eigh|nine)ty"
                         r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|"
                         r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b")
ARTICLE_BEFORE_NUMBER = re.compile(r"^(?:a|an|that|this) (?=\d|(?:" + "|".join(ORDINALS) + r")\b)")
ARTICLE_BEFORE_MONTH = re.compile(r"^(?:a|an) (?=(?:" + "|".join(MONTHS) + r")\b)")

ANCHOR = "anchor"  # the publication date (or what stands in for it)
TEXT = "text"      # a date the text named earlier


@dataclass(frozen=True)
class Context:
    """What the reading of one expression depends on besides its words."""

    anchor: dt.date | None = None  # the date relative expressions resolve against
    tense: str = "past"            # the governing verb's: past | present | future
    quarter: str | None = None     # the fiscal quarter the text last named ("1989-Q3"), for "the quarter"
    after_quantity: bool = False   # "$5 million a year": a rate, so a SET
    reference: str | None = None   # the date the text last named, for "that day", "the following year"


@dataclass(frozen=True)
class Timex:
    type: str
    value: str | None
    resolved_against: str | None = None  # ANCHOR or TEXT when the value needed a date besides its own words
    mod: str | None = None


@functools.lru_cache(maxsize=4096)  # a report names 'Monday' or '2019' again and again, and so do the next
def normalise(text: str, context: Context) -> Timex:
    """TIMEX3 (type, value) of one expression; value None when it cannot be resolved."""
    phrase, mod = _strip_modifiers(_clean(text))
    found = _apply_rules(phrase, context)
    if found is None or found.value is None:
        found = _apply_rules_to_part(phrase, context) or found
    if found is None:
        return Timex("DURATION" if _looks_like_duration(phrase) else "DATE", None, mod=mod)
    return replace(found, mod=found.mod or mod)


def _apply_rules(phrase: str, context: Context) -> Timex | None:
    for rule in RULES:
        found = rule(phrase, context)
        if found is not None:
            return found
    return None


def _apply_rules_to_part(phrase: str, context: Context) -> Timex | None:
    """A span that took in a word too many ('d'etat last year', 'April 24 and 25'): the longest part that reads."""
    words = phrase.split()
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            part, mod = _strip_modifiers(" ".join(words[start: start + size]))
            found = _apply_rules(part, context)
            if found is not None and found.value is not None:
                return replace(found, mod=found.mod or mod)
    return None


def _clean(text: str) -> str:
    phrase = text.lower().replace("\u2019", "'").replace("a.m.", "am").replace("p.m.", "pm")
    phrase = re.sub(r"\b(a|p)\.m\b", r"\1m", phrase)
    phrase = re.sub(r"(?<=[a-z])\.", "", phrase)
    phrase = re.sub(r"'s\b", "", phrase)
    phrase = re.sub(r"(?<=[a-z])-(?=[a-z0-9])|(?<=[0-9])-(?=[a-z])", " ", phrase)
    phrase = re.sub(r"[\"`',;()!?]+", " ", phrase)
    phrase = SPOKEN_YEAR.sub(lambda m: str(_spoken_year(m.group(0)) or m.group(0)), " ".join(phrase.split()))
    phrase = re.sub(r" or (?:so|more|less)\b|(?: (?:and|or|to|through))+$", "", phrase)
    return phrase.strip(":. ")


def _strip_modifiers(phrase: str) -> tuple[str, str | None]:
    mod = None
    end = re.fullmatch(r"(.+?) end", phrase)
    if end and end.group(1) in ("year", "month", "week", "quarter", "the year", "the month"):
        phrase, mod = end.group(1), "END"
    phrase = ARTICLE_BEFORE_NUMBER.sub("", phrase)
    phrase = ARTICLE_BEFORE_MONTH.sub("", phrase)
    changed = True
    while changed:
        changed = False
        for word, name in MODS:
            if phrase.startswith(word + " ") and phrase != word:
                phrase, mod, changed = phrase[len(word) + 1:], mod or name, True
        for word in FILLERS:
            if phrase.startswith(word + " ") and len(phrase) > len(word) + 1:
                phrase, changed = phrase[len(word) + 1:], True
    return phrase, mod


def _looks_like_duration(phrase: str) -> bool:
    return bool(re.search(r"\b(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)$", phrase))


# ----------------------------------------------------------------------------- dates and values

def _day(day: dt.date) -> str:
    return day.isoformat()


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def _shift_months(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _number(words: str) -> int | float | None:
    """'three' -> 3, '24' -> 24, 'a' -> 1, '5 1/2' -> 5.5, 'a couple of' -> 2; None for vague counts."""
    words = words.strip()
    if words in ("a", "an", "one", "a single", "single", "the", ""):
        return 1
    if words in ("a couple of", "couple of", "a couple", "couple"):
        return 2
    half = re.fullmatch(r"(.+?) (?:1/2|and a half)", words)
    if half:
        whole = _number(half.group(1))
        return whole + 0.5 if whole is not None else None
    if re.fullmatch(r"\d+(\.\d+)?", words):
        return float(words) if "." in words else int(words)
    return parse_count(words)


def _duration(amount: int | float | None, unit: str) -> str:
    """P3Y, PT24H, P2Y6M; PXY for a vague amount."""
    unit = _singular(unit)
    letter, timed, multiple = UNITS[unit]
    prefix = "PT" if timed else "P"
    if amount is None:
        return prefix + "X" + VAGUE_UNIT_LETTERS.get(unit, letter)
    if unit == "quarter":
        letter, multiple = "M", 3
    amount = amount * multiple
    if amount == int(amount):
        return f"{prefix}{int(amount)}{letter}"
    smaller = {"Y": ("M", 12, False), "D": ("H", 24, True), "H": ("M", 60, True), "M": ("S", 60, True),
               "W": ("D", 7, False)}
    if letter in smaller and not (letter == "M" and not timed):
        small, per, small_timed = smaller[letter]
        rest = round((amount - int(amount)) * per)
        if small_timed and not timed:
            return f"P{int(amount)}{letter}T{rest}{small}"
        return f"{prefix}{int(amount)}{letter}{rest}{small}"
    return f"{prefix}{amount:g}{letter}"


def _singular(unit: str) -> str:
    if unit == "centuries":
        return "century"
    return unit[:-1] if unit.endswith("s") and unit[:-1] in UNITS else unit


UNIT_WORDS = (r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|"
              r"centur(?:y|ies))")
NUMBER_WORDS = (r"(?:\d+(?:\.\d+)?(?: 1/2)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
                r"seventy|eighty|ninety|hundred|thousand|dozen|a hundred|a dozen|a couple of|couple of)"
                r"(?: (?:one|two|three|four|five|six|seven|eight|nine|hundred|thousand|and a half))*")


# ----------------------------------------------------------------------------- rules

def _reference(phrase: str, context: Context) -> Timex | None:
    for words, value in ((PRESENT_WORDS, "PRESENT_REF"), (PAST_WORDS, "PAST_REF"), (FUTURE_WORDS, "FUTURE_REF")):
        if phrase in words:
            return Timex("DATE", value)
    return None


def _set(phrase: str, context: Context) -> Timex | None:
    if phrase in SET_WORDS:
        return Timex("SET", SET_WORDS[phrase])
    every = re.fullmatch(r"(?:every|each|per|a|an|once a|twice a) (\w+)( (?:morning|afternoon|evening|night)s?)?",
                         phrase)
    if every:
        word = every.group(1)
        if word in UNITS and (not phrase.startswith(("a ", "an ")) or context.after_quantity):
            return Timex("SET", "P1Q" if word == "quarter" else _duration(1, word))
        if word in WEEKDAYS:
            part = every.group(2)
            suffix = f"T{PARTS_OF_DAY[part.strip().rstrip('s')]}" if part else ""
            return Timex("SET", f"XXXX-WXX-{WEEKDAYS[word] + 1}{suffix}")
        if word in MONTHS:
            return Timex("SET", f"XXXX-{MONTHS[word]:02d}")
        if word in SEASONS:
            return Timex("SET", f"XXXX-{SEASONS[word]}")
    plural_day = re.fullmatch(r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s", phrase)
    if plural_day:
        return Timex("SET", f"XXXX-WXX-{WEEKDAYS[plural_day.group(1)] + 1}")
    return None


def _time_of_day(phrase: str, context: Context) -> Timex | None:
    """'2 pm', '10:35 am', 'noon thursday', '5 pm est nov 9', '4 in the morning', 'midnight friday'."""
    clock = re.search(r"(?:^|\s)(\d{1,2})(?::(\d\d))? ?(am|pm|o'?clock)(?=\s|$)|(?:^|\s)(\d{1,2}):(\d\d)(?=\s|$)|"
                      r"\b(noon|midday|midnight)\b|(?:^|\s)(\d{1,2}) in the (morning|afternoon|evening)\b", phrase)
    if clock is None:
        return None
    if clock.group(6):
        hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[clock.group(6)]
    elif clock.group(7):
        hour, minute = int(clock.group(7)), 0
        if clock.group(8) != "morning" and hour < 12:
            hour += 12
    elif clock.group(4):
        hour, minute = int(clock.group(4)), int(clock.group(5))
    else:
        hour, minute = int(clock.group(1)), int(clock.group(2) or 0)
        if clock.group(3) == "pm" and hour < 12:
            hour += 12
        elif clock.group(3) == "am" and hour == 12:
            hour = 0
    if hour > 24 or minute > 59:
        return None
    rest = (phrase[:clock.start()] + " " + phrase[clock.end():]).strip()
    rest = re.sub(r"\b(est|edt|cst|cdt|mst|mdt|pst|pdt|gmt|utc|local time|local|et|today)\b", " ", rest)
    rest = " ".join(re.sub(r"^(on|of|at)\b|\b(on|of|at)$", " ", rest.strip()).split())
    day = _date_part(rest, context)
    if day is None:
        return Timex("TIME", None)
    clock_value = "T24" if hour == 24 else f"T{hour:02d}:{minute:02d}"
    return Timex("TIME", day.value + clock_value, day.resolved_against)


def _date_part(rest: str, context: Context) -> Timex | None:
    """The day a time of day falls on: the words around the clock, else the day the text last named
    ('the blast occurred at 10:35 a.m.' after 'on Friday'), else the anchor."""
    if not rest:
        if context.reference and re.fullmatch(r"\d{4}-\d\d-\d\d", context.reference[:10]):
            return Timex("DATE", context.reference[:10], TEXT)
        return Timex("DATE", _day(context.anchor), ANCHOR) if context.anchor else None
    found = normalise(rest, context)
    if found.value and re.fullmatch(r"[\dX]{4}-\d\d-\d\d", found.value):
        return found
    return None


def _part_of_day(phrase: str, context: Context) -> Timex | None:
    """'this morning', 'last night', 'friday evening', 'tonight', 'overnight', 'the morning'."""
    match = re.fullmatch(r"(?:(.+?) )?(?:early |late |mid )?"
                         r"(morning|afternoon|evening|night|overnight|tonight|midday)s?"
                         r"(?: (.+))?", phrase)
    if match is None:
        return None
    before, part, after = match.group(1) or "", match.group(2), match.group(3) or ""
    if after and before:
        return None
    day_words = (before or after).strip()
    day_words = re.sub(r"^(?:this|the|later|earlier|on|of|in)\s*", "", day_words).strip()
    if part == "overnight" and not day_words:
        day = context.anchor - dt.timedelta(days=1) if context.anchor else None
        return Timex("TIME", f"{_day(day)}TNI", ANCHOR) if day else Timex("TIME", None)
    if day_words in ("last", "yesterday"):
        anchor = context.anchor
        return Timex("TIME", f"{_day(anchor - dt.timedelta(days=1))}T{PARTS_OF_DAY[part]}", ANCHOR) if anchor else None
    if not day_words or day_words in ("today", "this", "same"):
        if context.anchor is None:
            return Timex("TIME", None)
        return Timex("TIME", f"{_day(context.anchor)}T{PARTS_OF_DAY[part]}", ANCHOR)
    day = normalise(day_words, context)
    if day.value and re.fullmatch(r"[\dX]{4}-\d\d-\d\d", day.value):
        return Timex("TIME", f"{day.value}T{PARTS_OF_DAY[part]}", day.resolved_against)
    return None


def _yesterday(phrase: str, context: Context) -> Timex | None:
    offsets = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
               "day before yesterday": -2, "the day after tomorrow": 2, "day after tomorrow": 2, "this day": 0,
               "this date": 0, "earlier today": 0, "later today": 0}
    if phrase not in offsets:
        return None
    if context.anchor is None:
        return Timex("DATE", None)
    return Timex("DATE", _day(context.anchor + dt.timedelta(days=offsets[phrase])), ANCHOR)


def _weekday(phrase: str, context: Context) -> Timex | None:
    """'Thursday', 'last Friday', 'next Monday', 'earlier Sunday': the nearest such day on the side the tense says."""
    match = re.fullmatch(r"(?:(last|next|this|past|coming|previous|following|earlier|later|this past|this coming) )?"
                         r"(mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?:day|nesday|urday)?"
                         r"(?: (?:morning|afternoon|evening|night))?", phrase)
    if match is None:
        return None
    weekday = WEEKDAYS[_weekday_word(phrase)]
    if context.anchor is None:
        return Timex("DATE", f"XXXX-WXX-{weekday + 1}")
    return Timex("DATE", _day(_nearest_weekday(context.anchor, weekday, match.group(1), context.tense)), ANCHOR)


def _weekday_word(phrase: str) -> str:
    return next(name for word in phrase.split() for name in WEEKDAYS if word.startswith(name))


def _nearest_weekday(anchor: dt.date, weekday: int, modifier: str | None, tense: str) -> dt.date:
    back = (anchor.weekday() - weekday) % 7
    forward = (weekday - anchor.weekday()) % 7
    if modifier in ("next", "coming", "this coming", "following"):
        return anchor + dt.timedelta(days=forward or 7)
    if modifier in ("last", "past", "previous", "this past"):
        return anchor - dt.timedelta(days=back or 7)
    if tense == "future" or tense == "present" and forward < back:
        return anchor + dt.timedelta(days=forward)
    return anchor - dt.timedelta(days=back)


def _calendar_date(phrase: str, context: Context) -> Timex | None:
    """'december 26 2024', 'monday oct 26', '26 december', 'nov 9', 'march 1998', 'march', 'this september'."""
    phrase = re.sub(r"^(?:(?:this|next|last|coming|this coming) )?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day) ", "",
                    phrase)
    phrase = re.sub(r"^day (?=(?:mon|tues|wednes|thurs|fri|satur|sun)day$)", "", phrase)
    phrase = re.sub(r"(?<= )(" + "|".join(ORDINALS) + r")$", lambda m: str(ORDINALS[m.group(1)]), phrase)
    month_names = "|".join(sorted(MONTHS, key=len, reverse=True))
    patterns = (rf"(?:(?P<which>last|next|this|past|coming) )?(?P<m>{month_names}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
                rf"(?: (?P<y>\d{{4}}))?",
                rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<m>{month_names})(?: (?P<y>\d{{4}}))?",
                rf"(?:(?P<which>this|last|next|past|coming) )?(?P<m>{month_names})"
                rf"(?: (?:of )?(?P<y>\d{{4}}|this year|last year|next year))?")
    for pattern in patterns:
        match = re.fullmatch(pattern, phrase)
        if match:
            break
    else:
        numeric = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)|(\d{1,2})/(\d{1,2})/(\d{2,4})", phrase)
        return _numeric_date(numeric) if numeric else None
    month = MONTHS[match.group("m")]
    day = int(match.group("d")) if "d" in match.groupdict() and match.group("d") else None
    year_words = match.group("y")
    resolved_against = None
    if year_words and year_words.isdigit():
        year = int(year_words)
    elif context.anchor is None:
        year = None
    else:
        resolved_against = ANCHOR
        year = _year_of_month(month, day, context, year_words, match.groupdict().get("which"))
    if day is not None and not 1 <= day <= 31:
        return None
    year_text = f"{year:04d}" if year is not None else "XXXX"
    value = f"{year_text}-{month:02d}" + (f"-{day:02d}" if day else "")
    return Timex("DATE", value, resolved_against)


LEEWAY_DAYS = 60  # a month named without a year may lie this far on the 'wrong' side of the anchor


def _year_of_month(month: int, day: int | None, context: Context, year_words: str | None, which: str | None) -> int:
    anchor = context.anchor
    if year_words:
        return anchor.year + {"this year": 0, "last year": -1, "next year": 1}[year_words]
    this_year = dt.date(anchor.year, month, min(day or 1, 28))
    if which in ("last", "past"):  # the latest one before the anchor's day (or month, for a bare month)
        before = this_year < anchor if day else month < anchor.month
        return anchor.year if before else anchor.year - 1
    if which in ("next", "coming"):
        after = this_year > anchor if day else month > anchor.month
        return anchor.year if after else anchor.year + 1
    if which == "this":
        return anchor.year
    # no year given: the occurrence on the side of the anchor the tense points at, with some leeway
    leeway = dt.timedelta(days=LEEWAY_DAYS)
    if context.tense == "past":
        return anchor.year if this_year <= anchor + leeway else anchor.year - 1
    if context.tense == "future":
        return anchor.year if this_year >= anchor - leeway else anchor.year + 1
    return min((anchor.year - 1, anchor.year, anchor.year + 1),
               key=lambda year: abs((dt.date(year, month, min(day or 15, 28)) - anchor).days))


def _numeric_date(match: re.Match) -> Timex | None:
    if match.group(1):
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    else:
        month, day, year = int(match.group(4)), int(match.group(5)), int(match.group(6))
        year += 1900 if year < 100 and year > 30 else 2000 if year < 100 else 0
    try:
        return Timex("DATE", dt.date(year, month, day).isoformat())
    except ValueError:
        return None


def _year(phrase: str, context: Context) -> Timex | None:
    """'1998', 'fiscal 1990', 'the year 2000', 'nineteen ninety four', 'mid 1990'."""
    match = re.fullmatch(r"(?:fiscal |calendar |the year |year |fy ?)?(?:year )?(\d{4})(?: fiscal year)?", phrase)
    if match and 1000 <= int(match.group(1)) <= 2199:
        return Timex("DATE", match.group(1))
    spoken = _spoken_year(re.sub(r"^(?:fiscal |the year |year )", "", phrase))
    if spoken:
        return Timex("DATE", f"{spoken:04d}")
    return None


def _spoken_year(phrase: str) -> int | None:
    """'nineteen ninety four' -> 1994, 'two thousand' -> 2000, 'two thousand and one' -> 2001."""
    words = phrase.split()
    if not words:
        return None
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        extra = parse_count(" ".join(rest)) if rest else 0
        return 2000 + extra if extra is not None and extra < 100 else None
    if words[0] in ("nineteen", "eighteen") and len(words) > 1:
        rest = parse_count(" ".join(words[1:]))
        if rest is not None and 10 <= rest < 100:
            return (19 if words[0] == "nineteen" else 18) * 100 + rest
    return None


def _decade(phrase: str, context: Context) -> Timex | None:
    """'the 1990s' -> 199, 'the '80s' -> 198, 'the nineties' -> 199, 'the 20th century' -> 19."""
    match = re.fullmatch(r"(?:the )?(\d{3})0s", phrase)
    if match:
        return Timex("DATE", match.group(1))
    short = re.fullmatch(r"(?:the )?'?(\d)0s", phrase)
    tens = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
            "eighties": 8, "nineties": 9}
    if short or phrase in tens:
        digit = int(short.group(1)) if short else tens[phrase]
        century = context.anchor.year // 100 if context.anchor else 19
        if context.anchor and digit * 10 > context.anchor.year % 100:
            century -= 1
        return Timex("DATE", f"{century}{digit}")
    century = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th) century|(\w+) century", phrase)
    if century:
        number = int(century.group(1)) if century.group(1) else ORDINALS.get(century.group(2)) or \
            {"twentieth": 20, "nineteenth": 19, "twenty first": 21, "eighteenth": 18}.get(century.group(2))
        if number:
            return Timex("DATE", f"{number - 1:02d}")
    return None


def _season(phrase: str, context: Context) -> Timex | None:
    match = re.fullmatch(r"(?:(this|last|next|past|coming) )?(spring|summer|fall|autumn|winter)"
                         r"(?: (?:of )?(\d{4}|this year|last year|next year|.+))?", phrase)
    if match is None:
        return None
    which, season, year_words = match.groups()
    code = SEASONS[season]
    if year_words:
        year = _year(year_words, context)
        if year is not None:
            return Timex("DATE", f"{year.value}-{code}")
        if context.anchor and year_words in ("this year", "last year", "next year"):
            offset = {"this year": 0, "last year": -1, "next year": 1}[year_words]
            return Timex("DATE", f"{context.anchor.year + offset}-{code}", ANCHOR)
        return None
    if context.anchor is None:
        return Timex("DATE", f"XXXX-{code}")
    offset = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(which, 0)
    return Timex("DATE", f"{context.anchor.year + offset}-{code}", ANCHOR)


def _quarter(phrase: str, context: Context) -> Timex | None:
    """'the third quarter', 'fiscal first quarter', 'the 1988 second quarter', 'next year first quarter',
    'the latest quarter', 'the year ago quarter', 'the first half'."""
    match = re.fullmatch(r"(?P<pre>(?:[\w]+ ){0,4}?)(?P<which>first|second|third|fourth|1st|2nd|3rd|4th|latest|"
                         r"current|last|this|next|previous|past|recent|same|comparable|corresponding|final|"
                         r"most recent|year ago|year earlier|)\s?(?:fiscal |calendar )?(?P<unit>quarter|half|period)"
                         r"(?: (?:of )?(?P<post>.+))?", phrase)
    if match is None:
        return None
    pre, which, unit, post = match.group("pre").strip(), match.group("which"), match.group("unit"), match.group("post")
    words = f"{pre} {post or ''}"
    if re.search(r"\b(ended|ending|ends)\b", words):
        words = words.split("end")[0]
    year_ago = bool(re.search(r"\b(year ago|year earlier|last year|previous year|prior year|a year before)\b",
                              f"{words} {which}"))
    explicit_year = re.search(r"\b(1[89]\d\d|20\d\d)\b", words)
    if unit == "period":
        if explicit_year and context.quarter:
            return Timex("DATE", f"{explicit_year.group(1)}-Q{context.quarter[-1]}", ANCHOR)
        if which in ("latest", "current", "comparable", "same") or year_ago and context.quarter:
            in_view = context.quarter or (_previous_quarter(context.anchor) if context.anchor else None)
            return Timex("DATE", _quarter_shift(in_view, -4 if year_ago else 0), ANCHOR) if in_view else None
        return None
    if unit == "half":
        number = 2 if which == "last" else ORDINALS.get(which)
        if number not in (1, 2):
            return None
        if explicit_year:
            year = int(explicit_year.group(1))
        else:
            year = context.anchor.year - year_ago if context.anchor else None
        return Timex("DATE", f"{year:04d}-H{number}" if year else f"XXXX-H{number}",
                     None if explicit_year else ANCHOR)
    number = ORDINALS.get(which)
    if explicit_year:
        number = number or (context.quarter[-1] if context.quarter else "X")
        return Timex("DATE", f"{explicit_year.group(1)}-Q{number}")
    if context.anchor is None:
        return Timex("DATE", f"XXXX-Q{number}" if number else None)
    next_year = bool(re.search(r"\bnext year\b", words))
    if number is None:
        this_quarter = f"{context.anchor.year}-Q{_quarter_of(context.anchor)}"
        if which == "next":
            current = _quarter_shift(this_quarter, 1)
        elif which == "current":
            current = this_quarter
        elif which in ("latest", "last", "previous", "most recent", "past", "final"):
            current = _previous_quarter(context.anchor)
        else:  # "the quarter", "this quarter", "the same quarter": the one the report is about
            current = context.quarter or _previous_quarter(context.anchor)
        return Timex("DATE", _quarter_shift(current, -4) if year_ago else current, ANCHOR)
    if number > 4:
        return None
    year = context.anchor.year + next_year - year_ago
    if not (next_year or year_ago or "this year" in words) and number > _quarter_of(context.anchor) \
            and context.tense != "future" and context.quarter is None:
        year -= 1
    return Timex("DATE", f"{year:04d}-Q{number}", ANCHOR)


def _previous_quarter(anchor: dt.date) -> str:
    return _quarter_shift(f"{anchor.year}-Q{_quarter_of(anchor)}", -1)


def _quarter_shift(quarter: str, by: int) -> str:
    index = int(quarter[:4]) * 4 + int(quarter[-1]) - 1 + by
    return f"{index // 4:04d}-Q{index % 4 + 1}"


def _week_of(phrase: str, context: Context) -> Timex | None:
    """'the week of March 6': the ISO week holding that day."""
    match = re.fullmatch(r"week of (.+)", phrase)
    day = normalise(match.group(1), context) if match else None
    if day is None or not day.value or not re.fullmatch(r"\d{4}-\d\d-\d\d", day.value):
        return None
    return Timex("DATE", _week(dt.date.fromisoformat(day.value)), day.resolved_against)


def _calendar_unit(phrase: str, context: Context) -> Timex | None:
    """'last week', 'this month', 'next year', 'the past year', 'earlier this month', 'the weekend', 'this century'."""
    match = re.fullmatch(r"(?:(earlier|later|late|early) )?(last|this|next|past|previous|coming|current|same|"
                         r"following|prior|the current|the same|full|whole|entire)? ?(?:fiscal |calendar )?"
                         r"(week|weekend|month|year|decade|century|fiscal year)", phrase)
    if match is None:
        return None
    which, unit = match.group(2) or "", match.group(3)
    if not which and unit not in ("weekend", "fiscal year", "year", "month", "week"):
        return None
    anchor = context.anchor
    if anchor is None:
        return Timex("DATE", None)
    offset = {"last": -1, "past": -1, "previous": -1, "prior": -1, "next": 1, "coming": 1}.get(which, 0)
    if which == "following":
        return Timex("DATE", None)
    if unit == "week":
        return Timex("DATE", _week(anchor + dt.timedelta(weeks=offset)), ANCHOR)
    if unit == "weekend":
        return Timex("DATE", _week(_weekend_saturday(anchor, offset, context.tense)) + "-WE", ANCHOR)
    if unit == "month":
        return Timex("DATE", _month(*_shift_months(anchor.year, anchor.month, offset)), ANCHOR)
    if unit in ("year", "fiscal year"):
        return Timex("DATE", f"{anchor.year + offset:04d}", ANCHOR)
    if which == "past" and unit in ("decade", "century"):  # "the past decade": the ten years up to now
        return Timex("DURATION", _duration(1, unit))
    if unit == "decade":
        return Timex("DATE", f"{anchor.year // 10 + offset:03d}", ANCHOR)
    return Timex("DATE", f"{anchor.year // 100 + offset:02d}", ANCHOR)


def _weekend_saturday(anchor: dt.date, offset: int, tense: str) -> dt.date:
    """The Saturday of 'the weekend': the one just past in a past-tense sentence, the coming one otherwise."""
    if offset > 0 or (offset == 0 and tense == "future"):
        return anchor + dt.timedelta(days=(5 - anchor.weekday()) % 7)
    saturday = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
    return saturday - dt.timedelta(weeks=1) if offset < 0 and anchor.weekday() >= 5 else saturday


def _ago(phrase: str, context: Context) -> Timex | None:
    """'two years ago', 'a year earlier', 'six weeks ago', 'three days later', 'year ago', 'a decade ago'."""
    match = re.fullmatch(rf"(?:(?P<n>{NUMBER_WORDS}|several|a few|few|some|many) )?(?P<unit>{UNIT_WORDS}) "
                         r"(?P<dir>ago|earlier|before|later|after|hence|from now|from today|back)", phrase)
    if match is None:
        return None
    amount = _number(match.group("n") or "a")
    unit = _singular(match.group("unit"))
    backwards = match.group("dir") in ("ago", "earlier", "before", "back")
    if amount is None or int(amount) != amount:
        return Timex("DATE", "PAST_REF" if backwards else "FUTURE_REF")
    if match.group("dir") in ("later", "after"):  # "three days later": the length; its start is another event
        return Timex("DURATION", _duration(amount, unit))
    anchor = context.anchor
    if anchor is None:
        return Timex("DATE", None)
    amount = -int(amount) if backwards else int(amount)
    if unit == "year" and context.quarter and abs(amount) == 1:
        return Timex("DATE", _quarter_shift(context.quarter, 4 * amount), ANCHOR)
    if unit in ("week", "fortnight"):
        return Timex("DATE", _week(anchor + dt.timedelta(weeks=amount * UNITS[unit][2])), ANCHOR)
    if unit == "month":
        return Timex("DATE", _month(*_shift_months(anchor.year, anchor.month, amount)), ANCHOR)
    if unit == "quarter":
        return Timex("DATE", _quarter_shift(f"{anchor.year}-Q{_quarter_of(anchor)}", amount), ANCHOR)
    if unit in ("year", "decade", "century"):
        return Timex("DATE", f"{anchor.year + amount * UNITS[unit][2]:04d}", ANCHOR)
    days = amount if unit in ("day", "night") else 0  # hours and minutes ago: the anchor's day
    return Timex("DATE", _day(anchor + dt.timedelta(days=days)), ANCHOR)


def _year_ago(phrase: str, context: Context) -> Timex | None:
    """Financial reports' 'year ago', 'year earlier', 'the year ago period': the same period a year before."""
    if phrase not in ("year ago", "year earlier", "year before", "prior year", "the prior year", "previous year",
                      "the year before", "the previous year", "year ago period", "year earlier period"):
        return None
    if context.quarter:
        return Timex("DATE", _quarter_shift(context.quarter, -4), ANCHOR)
    if context.anchor is None:
        return Timex("DATE", None)
    return Timex("DATE", f"{context.anchor.year - 1:04d}", ANCHOR)


HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "new year day": (1, 1),
            "new year eve": (12, 31), "independence day": (7, 4)}


def _holiday(phrase: str, context: Context) -> Timex | None:
    """'Christmas', 'Thanksgiving Day', 'last Easter', 'Election Day' (US), in the year nearest the anchor."""
    match = re.fullmatch(r"(?:(last|this|next) )?(.+?)(?: (\d{4}))?", phrase)
    which, name, year_text = match.groups()
    if name not in HOLIDAYS and name not in ("thanksgiving", "thanksgiving day", "easter", "easter sunday",
                                              "election day"):
        return None
    if year_text:
        return Timex("DATE", _day(_holiday_date(name, int(year_text))))
    if context.anchor is None:
        month_day = HOLIDAYS.get(name)
        return Timex("DATE", f"XXXX-{month_day[0]:02d}-{month_day[1]:02d}" if month_day else None)
    year = context.anchor.year
    day = _holiday_date(name, year)
    if which == "last" or which is None and context.tense == "past" and day > context.anchor:
        day = _holiday_date(name, year - 1) if day >= context.anchor else day
    elif which == "next" or which is None and context.tense == "future" and day < context.anchor:
        day = _holiday_date(name, year + 1) if day <= context.anchor else day
    return Timex("DATE", _day(day), ANCHOR)


def _holiday_date(name: str, year: int) -> dt.date:
    if name in HOLIDAYS:
        return dt.date(year, *HOLIDAYS[name])
    if name.startswith("easter"):
        return easter(year)
    if name.startswith("thanksgiving"):
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    first_monday = dt.date(year, 11, 1) + dt.timedelta(days=(0 - dt.date(year, 11, 1).weekday()) % 7)
    return first_monday + dt.timedelta(days=1)


def _anaphoric(phrase: str, context: Context) -> Timex | None:
    """'that day', 'the same day', 'the following year', 'the next day', 'the day before': read against the
    date the text last named, not the publication date."""
    if phrase == "day":
        if context.reference and re.fullmatch(r"\d{4}-\d\d-\d\d", context.reference[:10]):
            return Timex("DATE", context.reference[:10], TEXT)
        return Timex("DATE", _day(context.anchor), ANCHOR) if context.anchor else None
    match = re.fullmatch(r"(?:(that|that same|the same|same|following|preceding) (day|year|month|week)|"
                         r"(next|previous) (day)|(day) (before|after))", phrase)
    if match is None or context.reference is None:
        return None
    which, unit = match.group(1) or match.group(3), match.group(2) or match.group(4) or match.group(5)
    direction = match.group(6)
    offset = {"following": 1, "next": 1, "previous": -1, "preceding": -1}.get(which, 0)
    offset += {"before": -1, "earlier": -1, "after": 1, "later": 1}.get(direction, 0)
    reference = context.reference
    if unit == "day" and re.fullmatch(r"\d{4}-\d\d-\d\d", reference[:10]):
        return Timex("DATE", _day(dt.date.fromisoformat(reference[:10]) + dt.timedelta(days=offset)), TEXT)
    if unit == "month" and re.fullmatch(r"\d{4}-\d\d", reference[:7]):
        return Timex("DATE", _month(*_shift_months(int(reference[:4]), int(reference[5:7]), offset)), TEXT)
    if unit == "year" and re.fullmatch(r"\d{4}", reference[:4]):
        return Timex("DATE", f"{int(reference[:4]) + offset:04d}", TEXT)
    if unit == "week" and re.fullmatch(r"\d{4}-\d\d-\d\d", reference[:10]):
        return Timex("DATE", _week(dt.date.fromisoformat(reference[:10]) + dt.timedelta(weeks=offset)), TEXT)
    return None


def _duration_rule(phrase: str, context: Context) -> Timex | None:
    """'three years', 'the past two weeks', 'the next 12 months', '24 hours', 'a minute and a half', 'five-year',
    'the first nine months', 'several days', 'weeks', 'years'."""
    phrase = re.sub(r" (?:old|long|or so|or more|now|running|straight|in a row|time)$", "", phrase)
    phrase = re.sub(r"^(?:the )?(?:past|last|next|first|final|coming|previous|following|latest|recent|"
                    r"initial|additional|another|other|further|more|all|whole|entire|full|same|better part of the|"
                    r"period of|span of|course of|space of)\s+", "", phrase)
    phrase = re.sub(r"\s+(?:more|additional|further|straight|consecutive|trading|business|working|calendar)(?= )", "",
                    phrase)
    phrase = re.sub(r" (?:later|after|of (?:the year|\d{4}))$", "", phrase)
    half = re.fullmatch(r"(a|an|one) (minute|hour|day|week|month|year) and a half", phrase)
    if half:
        unit = half.group(2)
        return Timex("DURATION", _duration(1.5, unit))
    match = re.fullmatch(rf"(?P<n>{NUMBER_WORDS})(?: (?:to|or) (?P<n2>{NUMBER_WORDS}))? (?P<unit>{UNIT_WORDS})", phrase)
    if match:
        amount = _number(match.group("n"))
        return Timex("DURATION", _duration(amount, match.group("unit")))
    vague = re.fullmatch(r"(?:(?:a few|few|several|many|some|a couple of|a number of|recent|coming|the|these|those|"
                         r"previous|past|next|last|early) )*"
                         rf"(?P<unit>seconds|minutes|hours|days|nights|weeks|months|quarters|years|decades|centuries)"
                         r"(?: (?:ahead|or months|or weeks|or years))?", phrase)
    if vague:
        return Timex("DURATION", _duration(None, vague.group("unit")))
    if phrase in ("a while", "while", "some time", "a long time", "long time", "a short time", "a time"):
        return Timex("DURATION", "PXX")
    return None


def _dateparser_fallback(phrase: str, context: Context) -> Timex | None:
    """What the rules do not cover but dateparser reads ('26.12.2024', '2024/12/26'), at the precision it found."""
    if not re.search(r"\b\d{4}\b", phrase):
        return None
    data = _date_parser().get_date_data(phrase)
    if data.date_obj is None:
        return None
    found = data.date_obj.date()
    value = {"year": f"{found.year:04d}", "month": _month(found.year, found.month)}.get(data.period, _day(found))
    return Timex("DATE", value)


@functools.cache
def _date_parser() -> DateDataParser:
    return DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
                                                      "REQUIRE_PARTS": ["year"]})


RULES = (_reference, _set, _yesterday, _holiday, _anaphoric, _time_of_day, _part_of_day, _weekday, _calendar_date,
         _year, _decade,
         _season, _quarter, _year_ago, _week_of, _calendar_unit, _ago, _duration_rule, _dateparser_fallback)
