"""Places: toponyms found in the report, resolved against the gazetteer, location or metonym.

Detection takes entity spans of any label that name a place, gazetteer names the model did not
tag (proper nouns only, so "Bar" or "Police" at a sentence start stay out), demonyms ("Syrian")
and all-caps datelines ("KYIV, Dec 27 (Reuters) —"); streets, buildings and natural features the
gazetteer lacks ("Royal Street", "Lake Titicaca"), and towns it lacks ("in Kibera", "Knockhill,
Fife"), are placed at the town or division they lie in. Names the report uses for people ("David
Hopkins", "Hopkins said", "coach Ripley") are dropped unless it also says them as places. Resolution
scores each candidate entry by its feature and population, the countries and first-level divisions
the rest of the report names, where the outlet's web address puts it ("lfpress.ca",
"fayettevilleobserver.com"), a qualifier right after the name ("Paris, Texas"; "Louisville, Ky."),
cue words ("the Sumy region", "the city of Kursk", "Douglas and Wyandotte counties") and the way
local news names its own town ("Berea police", "downtown London"). One name keeps one sense
throughout a report; a small town nothing else points to, abroad or in another state of a one-state
report, is placed at the report's home town.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterator, NamedTuple
from urllib.parse import urlsplit

import pycountry

from spacy.tokens import Doc, Span as SpacySpan

from .. import gazetteer, lexicon
from ..gazetteer import Entry, Gazetteer, fold
from ..model import Place
from ..parse_index import RECENT_PARSES, dateline_tokens, ents_of, index_of, span_text, text_between, text_of, tokens_of
from ..parsed import ParsedReport
from ..text_search import finditer_ignoring_case, whole_words

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Labels whose spans may hold a place name inside ("University of Alberta", "Gainesville Police").
CONTAINER_LABELS = {"ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "GPE", "LOC", "NORP", "PERSON"}
INSIDE = "inside"  # the label of a name found inside a longer entity
SKIP_LABELS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
MAX_NAME_TOKENS = 5
CONNECTORS = {"of", "and", "de", "del", "la", "le", "upon", "on", "-", "'s",
              "do", "da", "dos", "das", "du", "des", "di", "della"}  # "Rio Grande do Sul", "Pont du Gard"
ADMIN1_CUES = {"region", "oblast", "province", "governorate", "state", "prefecture", "krai", "territory"}
COUNTY_WORDS = {"county", "parish", "borough", "agency", "district"}  # "Camden" for Camden County
CITY_CUES = {"city", "town", "village", "capital"}
# Words after a name that make it a street's: "Memphis St.", "Green Oaks Boulevard".
STREET_WORDS = {"st", "st.", "street", "ave", "ave.", "avenue", "road", "rd", "rd.", "blvd", "blvd.", "boulevard",
                "drive", "dr.", "lane", "ln", "ln.", "pike", "parkway", "pkwy", "terrace", "circle", "alley"}
# Capitalised words that are names of some small place but rarely mean one in news text.
COMMON_WORDS = {
    "of", "bar", "police", "mobile", "reading", "nice", "split", "man", "march", "may", "van", "most", "date",
    "hope", "orange", "university", "president", "governor", "minister", "general", "republic", "union", "center",
    "pope", "bishop", "king", "queen", "prince", "princess", "judge", "senator", "mayor", "sheriff", "officer", "chief",
    "captain", "sergeant", "colonel", "commander", "chairman", "director", "secretary", "speaker", "reverend",
    "centre", "home", "north", "south", "east", "west", "central", "national", "new", "city", "state", "county",
    "street", "road", "river", "lake", "park", "church", "school", "hospital", "court", "house", "world", "island",
    "valley", "mount", "eastern", "western", "northern", "southern", "fort", "port", "saint", "san", "santa",
    "la", "le", "el", "de", "du", "des", "di", "da",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",  # 'UNITED NATIONS, Nov 3'
    "al", "mr", "mrs", "ms", "dr", "god", "lord", "christ", "jesus", "news", "post", "times", "star", "mail",
    "media", "today", "online", "internet", "web", "email", "tv", "radio", "video", "photo", "free", "best",
    "good", "great", "grand", "long", "little", "big", "old", "young", "white", "black", "red", "green", "blue",
    "gold", "golden", "silver", "deal", "win", "victory", "liberty", "justice", "independence", "unity",
    "progress", "friendship", "harmony", "paradise", "eden", "alpha", "delta", "obama", "trump", "clinton",
    "bush", "washington post", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "april", "june", "july", "august", "september", "october", "november", "december",
    "ebola", "zika", "covid", "aids", "hiv", "sars", "mers", "flu", "cholera", "malaria", "english", "spanish",
    "german", "french", "arabic", "latin", "islam", "muslim", "christian", "jewish", "catholic", "protestant",
    "sunni", "shia", "democrat", "republican", "congress", "senate", "parliament", "army", "navy", "apple",
    "amazon", "google", "facebook", "twitter", "reuters", "ap", "afp", "bbc", "cnn", "un", "nato",
    # words of institutions' and events' names: "Chamber of Commerce and Industry", "the Federal Bureau"
    "commerce", "industry", "energy", "economy", "enterprise", "research", "chamber", "bank", "alliance", "mission",
    "federal", "supreme", "vice", "leader", "freedom", "price", "law", "day", "time", "exhibition", "drama", "song",
    "piano", "hurricane", "surprise", "trail", "line", "spring", "bureau", "agency", "ministry", "council",
    "commission", "foundation", "association", "christmas", "easter",
    # and of movements' and parties': "Sudan People's Liberation Army", "Popular Front", "Movement for Change"
    "liberation", "front", "reform", "equality", "change",
}
# Last words of the names of streets, buildings and grounds: "Royal Street", "Altnagelvin Hospital".
LANDMARK_HEADS = STREET_WORDS | {
    "square", "plaza", "bridge", "tunnel", "highway", "freeway", "expressway", "hospital", "clinic", "church",
    "cathedral", "basilica", "chapel", "mosque", "temple", "synagogue", "abbey", "shrine", "school", "college",
    "university", "academy", "library", "museum", "gallery", "theatre", "theater", "cinema", "hall", "centre",
    "center", "arena", "stadium", "park", "gardens", "zoo", "airport", "airfield", "station", "harbour", "harbor",
    "pier", "dam", "prison", "jail", "penitentiary", "courthouse", "court", "palace", "castle", "tower", "hotel",
    "inn", "mall", "market", "campus", "barracks", "embassy", "consulate", "farm", "farms", "estate", "circuit",
    "raceway", "speedway", "memorial", "monument", "cemetery", "complex", "plant", "factory", "refinery", "mine",
    "base", "ground", "township", "twp", "parade", "quarter", "house", "fields"} | {
    "island", "peninsula", "point", "valley", "mountains", "hills", "falls", "canyon", "forest", "desert", "beach"}
# Last words of place names that are also people's surnames ("Riverside Fields", "Mark Fields").
SURNAME_HEADS = {"fields"}
# Natural features and streets named by a word before or after: "Lake Titicaca", "James River", "Rue Royale".
WATER_HEADS = {"river", "lake", "creek", "bay", "lagoon", "reservoir", "delta", "sound", "canal"}
STREET_PREFIXES = {"rue", "rua", "calle", "avenida", "avenue", "boulevard"}  # "Rue Royale", "Calle Ocho"
FEATURE_PREFIXES = {"lake", "mount", "mt", "river", "cape", "fort", "ft", "isle", "faubourg"} | STREET_PREFIXES
ROAD_PREFIXES = {"highway", "route", "interstate", "exit", "i", "us", "state"}  # "Route 128", "Interstate 75"
NOT_FACILITY_WORDS = {"easter", "christmas", "mass", "vigil", "operation", "games", "festival", "recession", "crash",
                      "war", "patrol", "police", "guard", "department", "office", "service", "agency", "company"}
LINKS_TO_A_TOWN = ([], [","], ["in"], ["in", "the"], [",", "in"])  # "Barclays Center in Brooklyn"
# "Crown Heights neighborhood of Brooklyn", "the Adhamiyah district of Baghdad": a part of the town after it.
PART_OF_TOWN_WORDS = {"neighborhood", "neighbourhood", "district", "suburb", "quarter", "section", "area"}
PART_OF_TOWN_LINKS = [[word, prep] for word in PART_OF_TOWN_WORDS for prep in ("of", "in")]
QUARTER_PATTERN = re.compile(r"\b[A-Z][a-z]+ Quarter\b")
PART_OF_TOWN_PATTERN = re.compile(rf"(?:{whole_words(PART_OF_TOWN_WORDS)})(?= (?:of|in)\b)",  # in lower case
                                  re.IGNORECASE)
# A saint's name with a possessive, then capitalised words: "St. Peter's Basilica", "St Mary's Hospital".
SAINTS_POSSESSIVE_PATTERN = re.compile(
    rf"(?:{whole_words(('St', 'Saint', 'Ste', 'Sainte'))})\.? [A-Z][\w-]*['’]s [A-Z]")
SAINT_WORDS = {"st", "st.", "saint", "ste", "ste.", "sainte"}
RUN = "run"  # the label of a run of capitalised words the model did not tag
SAINTS_BUILDING = "saints_building"  # the label of a building named for a saint (SAINTS_POSSESSIVE_PATTERN)
QUALIFIED = "qualified"  # the label of proper nouns before ", <division>" ("Knockhill, Fife")
STREET = "street"  # the label of each name before a plural street word ("Bourbon and Dauphine streets")
SEAT = "seat"  # the label of a legislature's building named by one word ("the state Capitol")
SETTLEMENT = "settlement"  # the label of a name after 'the village of', 'a town called' ("the village of Ulmu")
SETTLEMENT_PATTERN = re.compile(
    rf"(?:{whole_words(('village', 'town', 'city', 'hamlet', 'suburb'))}) (?:of|called|named) "
    r"([A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?)")
SEAT_PATTERN = re.compile(r"\b(?:[Tt]he|[Ss]tate) (Capitol|Statehouse)\b")
STREETS_PATTERN = re.compile(r" (?:and|&) ([A-Z][\w'’-]* (?:streets|avenues|roads|boulevards|drives|lanes))\b")
# Plural division and settlement words closing a list of names, and the kind of place each name then is:
# "Douglas and Wyandotte counties", "Hunan and Hubei provinces", "the Gainesville and Lindsay communities".
# ("states", "regions", "districts" also follow lists of other things: "Gulf states", "European regions".)
DIVISION_PLURALS = {"counties": "admin2", "parishes": "admin2", "provinces": "admin1", "oblasts": "admin1",
                    "governorates": "admin1", "prefectures": "admin1",
                    "towns": "city", "cities": "city", "villages": "city", "communities": "city"}
DIVISIONS_PATTERN = re.compile(
    rf" (?:and|or|&) [A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)? ({'|'.join(DIVISION_PLURALS)})\b")
DIVISIONS_OF_PATTERN = re.compile(
    rf"({whole_words(DIVISION_PLURALS)}) of [A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?(?:,| and| or)")
LANDMARK_LABELS = {RUN, SAINTS_BUILDING, "FAC", "ORG", "PERSON", "GPE", "LOC", "WORK_OF_ART", "EVENT", "PRODUCT"}
LARGE_CITY = 100_000
# Last words of the names of bodies, meetings and pacts named for the town they met or were signed in.
NAMED_FOR_A_TOWN_HEADS = {"commission", "convention", "conventions", "protocol", "accord", "accords", "agreement",
                          "agreements", "summit", "treaty", "declaration", "festival", "biennale"}
ALIAS_TOWN_SIZE = 20_000  # a town this large is meant by one of its other names said as a town's ("in Echmiadzin")
SHORT_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}  # in place names
WORLD_CITY_SIZE = 5.5  # log10 of the population (about 300,000) above which a city's size counts double
WEAK_WEIGHT = 0.25  # of a weak name's vote on the countries and divisions a report is about
HOME_BONUS = 2.0  # for a town in the division the report is about
COUNTY_BONUS = 3.0  # for a town in a county the report names, and that county
MAX_CANDIDATES = 25  # the likeliest by prior; "Springfield" has dozens
# Words between two names in a list: "Ohio, Michigan", "Ohio and Michigan", "Ohio, or Michigan".
LIST_LINKS = ([","], ["and"], ["or"], [",", "and"], [",", "or"], ["/"])
LIST_FEATURES = {"country", "admin1"}  # kinds a list says a name is when its neighbours in it are
LIST_BONUS = 2.0
# For a county named as it is called, without 'County' ("Suffolk", "Kent" in England): a name of its own,
# not a town's name that a county also bears ("Madison" for Madison County).
OWN_NAME_COUNTY_BONUS = 1.5
QUALIFYING_BONUS = 4.0  # for the division that holds the town named just before it
FEATURE_PRIOR = {"country": 8.5, "region": 8.0, "water": 8.0}
# For a sea's or a region's reading of a name after "the" ("across the Atlantic", "the eastern Pacific",
# "in the Gulf"): towns that share such a name ("Atlantic, Iowa") are not written with the article.
AFTER_THE_BONUS = 4.0
PLACE_TAKING_VERBS = {"storm", "shell", "bomb", "besiege", "overrun", "raid", "capture", "seize", "recapture",
                      "retake", "enter", "reach", "leave", "flee", "evacuate", "visit", "encircle", "liberate",
                      "occupy", "invade", "annex"}
OPEN_CLASS = {"NOUN", "ADJ", "VERB", "X"}  # tags the model gives some untagged capitalised names ("Kherson", "Avdiivka")
# Words after a town's name that make it one: its people, officials and institutions.
LOCAL_NOUNS = {"man", "woman", "men", "women", "boy", "girl", "boys", "girls", "teen", "teenager", "couple", "family",
               "resident", "residents", "native", "natives", "voters", "mayor", "police", "fire", "sheriff", "council",
               "councillor", "councilor", "councillors", "councilors", "councilman", "councilwoman", "councilmember",
               "selectmen", "aldermen", "township", "schools", "school",
               "officials", "library", "hospital", "church", "parish", "ward", "village", "borough",
               "town", "city", "zoning", "parks", "planning", "camp", "doctor", "doctors", "nurse", "teacher",
               "teachers", "student", "students", "lawyer", "pastor", "businessman", "businesswoman", "rally", "event"}
# Its schools, written in lower case as a common noun ("the Jordan elementary"): capitalised, the word opens a
# school's own name ("San Jose Elementary School"), which a person or a far town may give.
LOCAL_SCHOOL_WORDS = {"elementary"}
SETTLEMENT_WORDS = {"village", "villages", "town", "towns", "city", "suburb", "suburbs", "community", "slum", "slums",
                    "district", "area", "township", "island", "islands"}
# A building's, a street's or a settlement's word alone ("Town" in "Sligo Town Hall") names no place.
GENERIC_PLACE_WORDS = LANDMARK_HEADS | SETTLEMENT_WORDS
DIRECTION_WORDS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
# Words that name a part of anywhere: a name made of them alone ("South West", "Northeast") is some village's
# or district's only by chance.
COMPASS_NAME_WORDS = DIRECTION_WORDS | {"central", "eastern", "western", "northern", "southern", "north-east",
                                        "north-west", "south-east", "south-west", "-"}
# Lower-case adjectives of a part of a wide area: "central Washington" is the state, not the capital.
AREA_PART_ADJECTIVES = {"central", "eastern", "western", "northern", "southern", "northeastern", "northwestern",
                        "southeastern", "southwestern", "north-central", "south-central"}
AREA_PART_BONUS = 6.0  # for a country, first-level division or region named after such an adjective
MAX_LISTED_BEFORE = 4  # names of a list looked back through for a place name
LOCATIVE_PREPS = {"in", "of", "from", "near", "at", "to", "outside", "around", "into", "across", "toward", "towards"}
AT_A_PLACE_PREPS = {"in", "at", "near", "outside"}  # "at Wana": where something is, not whose ("of") or whither
METONYM_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}
METONYM_PREPS = {"by", "between", "with", "against", "from"}
# Country-code domains sold worldwide as vanity names ("news.tv", "aranews.ms"): they say nothing of
# where the outlet is.
VANITY_DOMAINS = {"tv", "me", "io", "co", "ly", "fm", "am", "ms", "cc", "ws", "to", "ai", "gg", "nu", "tk", "la",
                  "im", "ag", "vc", "gd", "sh", "ac", "mu", "so", "st", "sx", "ps"}
PARTY_LETTERS = {"D", "R", "I"}  # Democrat, Republican, independent: "Sen. Ray Miller, D-Columbus"
# Words before a person's name: "coach Ripley", "Lt. Brent Wheat", "Mr Savino".
PERSON_TITLES = {"mr", "mrs", "ms", "miss", "dr", "coach", "lt", "sgt", "cpl", "capt", "det", "rep", "sen", "gov",
                 "officer", "judge", "mayor", "detective", "deputy", "trooper", "councilman", "councilwoman",
                 "commissioner", "pastor", "rev", "reverend", "sir", "lady", "prof", "professor", "president",
                 "senator", "governor", "sheriff", "chief", "sergeant", "lieutenant", "captain", "corporal",
                 "king", "queen", "prince", "princess", "emir", "sheikh", "sultan", "pope", "ayatollah", "premier",
                 "chancellor", "gen", "col", "colonel", "marshal", "admiral", "adm"}
# Verbs of saying whose subject is a person: "Hopkins said", "comments coach Ripley".
SAYING_VERBS = {"say", "tell", "add", "note", "explain", "recall", "insist", "comment", "exclaim", "state", "contend",
                "reply", "respond", "ask", "write", "continue", "suggest"}
# Words before a town's name in its own local news: "downtown London", "north Arlington", "S.E. Paris".
HOME_TOWN_PREFIXES = {"downtown", "uptown", "midtown", "north", "south", "east", "west", "northeast", "northwest",
                      "southeast", "southwest", "n.", "s.", "e.", "w.", "n.e.", "n.w.", "s.e.", "s.w.", "ne", "nw",
                      "se", "sw"}
HOME_TOWN_BONUS = 3.0  # for a town in the country the rest of the report is about, named as local news does
PUBLISHER_WEIGHT = 3.0  # of the outlet's country (from its web domain) among the countries a report names
# How North American local news writes: its police, fire and sheriff's departments and its schools, street
# addresses ("420 Augusta St.") and phone numbers ("(502) 555-0143", "986-8456"). Plain substrings and
# patterns that open on a digit, so that a report is searched quickly.
NORTH_AMERICAN_PHRASES = ("Police Department", "Fire Department", "Sheriff's Office", "Sheriff's Department",
                          "sheriff's deputies", "Elementary School", "Middle School", "Junior High")
# And how it writes of its town's government and schools.
NORTH_AMERICAN_LOCAL_PHRASES = (
    "Councilman", "Councilwoman", "councilman", "councilwoman", "City Manager", "city manager", "Parks and Recreation",
    "Public Works", "High School", "School Board", "school board", "Board of Education", "Township", "selectmen",
    "Junior College", "Community College", "Police Chief", "police chief", "school district", "School District")
STREET_ADDRESS_PATTERN = re.compile(r"\d (?:[NSEW]\. )?[A-Z][a-z]+ (?:St|Ave|Blvd|Rd|Dr)\.")
PHONE_NUMBER_PATTERN = re.compile(r"(?<![\d-])(?:\(\d{3}\) ?|\d{3}-)?\d{3}-\d{4}\b(?!-)")
SEVEN_DIGIT_END_PATTERN = re.compile(r"\d-\d{4}\b")  # what every phone number ends with, found fast
NORTH_AMERICA = ("USA", "CAN")
AREA_CODE_PATTERN = re.compile(r"(?<![\d-])\(?(\d{3})\)?[ -]\d{3}-\d{4}\b(?!-)")
# The area codes of Canada's phone numbers (the North American Numbering Plan's; written for Dateline).
CANADIAN_AREA_CODES = {
    "204", "226", "236", "249", "250", "263", "289", "306", "343", "354", "365", "367", "368", "382", "387", "403",
    "416", "418", "428", "431", "437", "438", "450", "460", "468", "474", "506", "514", "519", "548", "579", "581",
    "584", "587", "604", "613", "639", "647", "672", "683", "705", "709", "742", "753", "778", "780", "782", "807",
    "819", "825", "867", "873", "879", "902", "905"}
DASHES = {"-", "--", "—", "–"}
STORM_WORDS = {"hurricane", "hurricanes", "typhoon", "typhoons", "cyclone", "cyclones", "storm", "storms", "superstorm"}
CLIMATE_PATTERNS = {"el nino", "la nina"}
# How a town's name goes on to its river or coast: 'Clacton-on-Sea', 'Newcastle upon Tyne', 'Frankfurt am Main',
# 'Frankfurt (Oder)'; the town is called by the first part alone.
SUFFIX_LINKS = ("-", " upon ", " on ", " am ", " an der ", " im ", " (")
# Second-level domains under which a country's outlets register ('bbc.co.uk', 'abc.net.au').
GENERIC_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac"}
# Words of a newspaper's name after its town's: 'middletownpress', 'richmondregister', 'lansingstatejournal'.
MASTHEAD_WORDS = ("press", "news", "times", "herald", "register", "telegram", "tribune", "journal", "daily", "gazette",
                  "post", "review", "sentinel", "advocate", "beacon", "star", "sun", "record", "citizen", "chronicle",
                  "courier", "leader", "monitor", "online", "today", "local", "mercury", "observer", "examiner",
                  "standard", "express", "echo", "guardian", "reporter", "messenger", "dispatch", "ledger",
                  "bulletin", "globe", "mail", "inquirer", "enquirer", "telegraph", "bee", "democrat", "argus",
                  "weekly", "state", "and")


@dataclass
class Mention:
    start: int  # token indexes in the doc
    end: int
    candidates: list[Entry]
    text: str  # the name as written, folded
    cue: str | None = None  # "admin1" | "admin2" | "city" from the words around the name, or "dateline"
    demonym: bool = False
    qualifiers: list[Entry] = field(default_factory=list)
    qualifies: list[Entry] = field(default_factory=list)  # the divisions it is, as the qualifier of a town
    label: str = ""  # the entity label the name came with (see _plausible_name)
    doubtful: bool = False  # failed _plausible_name: a place only if the report names it so elsewhere
    local: bool = False  # named as local news names its own town: 'Paris firefighters', 'downtown Berlin'
    after_the: bool = False  # written after "the" and perhaps an adjective: 'the Atlantic', 'the tropical Atlantic'
    names_a_body: bool = False  # the town a body or a meeting abroad is named after: 'the Venice Commission'
    area_part: bool = False  # after an adjective of a part of a wide area: 'central Washington'

    @property
    def weak(self) -> bool:
        """One word the model did not tag as a place ("Hall", "Commerce", "Mary"): often no place at
        all, so it says little about where the report is."""
        return self.label not in PLACE_LABELS and self.end - self.start == 1 and not self.qualifiers

    @property
    def vote(self) -> float:
        """How much the name counts toward where the report is: names the model did not tag, less."""
        return WEAK_WEIGHT if self.weak else 1.0

    @property
    def key(self) -> str:
        """One sense per name in a report; "Kursk" and "the Kursk region" are two names."""
        return f"{self.text}|{self.cue}" if self.cue in ("admin1", "admin2") else self.text


def find_places(parsed: ParsedReport) -> list[Place]:
    gaz = gazetteer.load()
    doc = parsed.doc
    mentions = _compass_words_joined(sorted(_mentions(doc, gaz), key=lambda m: m.start), doc)
    _same_town(mentions)
    _parts_of_named_countries(mentions)
    _attach_qualifiers(mentions, doc)
    mentions = _without_weather(_without_people(mentions, doc), doc)
    local = {m.key for m in mentions if _said_as_a_home_town(doc, m)}
    for mention in mentions:  # each mention of the home town: 'MANSFIELD —' with 'Mansfield residents'
        mention.local = mention.key in local
        mention.after_the = _after_the(doc, mention.start, mention.candidates)
        mention.area_part = _after_an_area_part_adjective(doc, mention.start)
    outlet = _outlet(parsed.report.url, gaz)
    chosen = _resolve(mentions, doc, outlet)
    read_as = set(chosen.values())
    entries = [_as_qualified(m, chosen[m.key], read_as) if not m.demonym else m.candidates[0] for m in mentions]
    entries = _home_for_strays(mentions, entries, doc, outlet.country)
    landmarks = _landmarks(doc, mentions, entries)
    inside_landmark = {i for start, end, _ in landmarks for i in range(start, end)}
    found: list[tuple[SpacySpan, Entry, str, bool]] = []  # span, entry, role, demonym
    for mention, entry in zip(mentions, entries):
        if mention.start in inside_landmark:
            continue  # "Belfast" in "Belfast Magistrates Court": the landmark stands for it
        span = doc[mention.start:mention.end + (1 if mention.cue == "admin1" and _type_word(doc, mention.end) else 0)]
        metonym = mention.demonym or mention.cue != "dateline" and _is_metonym(span, entry)
        role = "metonym" if metonym else "location"  # a dateline ('KYIV, Dec 27 -') is where the report was filed
        found.append((span, entry, role, mention.demonym))
    found.extend((doc[start:end], landmark, "location", False) for start, end, landmark in landmarks)
    places = []
    for span, entry, role, demonym in sorted(found, key=lambda f: f[0].start):
        places.append(Place(id=f"p{len(places) + 1}", text=span.text, start=span.start_char, end=span.end_char,
                            name=entry.name, feature=entry.feature, country=entry.country,
                            admin1=entry.admin1, lat=entry.lat, lon=entry.lon, geonameid=entry.geonameid,
                            role=role, demonym=demonym))
    return places


# --------------------------------------------------------------------------- detection

def _mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    found: list[Mention] = []
    taken = [False] * len(doc)
    for ent in ents_of(doc):
        if ent.label_ in SKIP_LABELS or taken[ent.start]:
            continue
        ent = _widen(ent, gaz, taken)
        mention = _entity_mention(ent, gaz)
        if mention is not None:
            mention.doubtful = _an_institution_named_like_a_town(ent, gaz)
            found.append(mention)
        elif ent.label_ in CONTAINER_LABELS:
            inside = _scan(doc, gaz, ent.start, ent.end, "PERSON" if ent.label_ == "PERSON" else INSIDE)
            names_a_body = _named_for_a_town(ent)
            for named_after in inside:
                named_after.names_a_body = names_a_body
            found.extend(inside)
        for i in range(ent.start, ent.end):
            taken[i] = True
    i = 0
    while i < len(doc):
        if taken[i]:
            i += 1
            continue
        j = i
        while j < len(doc) and not taken[j]:
            j += 1
        found.extend(_scan(doc, gaz, i, j, ""))
        i = j
    found = [mention for mention in found if not _names_the_agency(doc, mention)]
    return _one_sense(_with_listed_divisions(doc, gaz, found), doc)


def _names_the_agency(doc: Doc, mention: Mention) -> bool:
    """'Xinhua' in 'KANDAHAR, Afghanistan, Oct. 3 (Xinhua) --': the bracket of a dateline names who filed it."""
    return mention.start in dateline_tokens(doc) and mention.start > 0 and tokens_of(doc)[mention.start - 1].text == "("


def _with_listed_divisions(doc: Doc, gaz: Gazetteer, found: list[Mention]) -> list[Mention]:
    """Each name listed before a plural division or settlement word is that kind of place: 'Douglas' in
    'Douglas and Wyandotte counties' is Douglas County, not the town, nor a person's name; 'Lindsay' in 'the
    Gainesville and Lindsay communities' is a town."""
    listed = _divisions_listed(doc)
    if not listed:
        return found
    by_start = {m.start: m for m in found}
    covered = {i for m in found for i in range(m.start, m.end)}
    for start, end, feature in listed:
        divisions = [e for e in gaz.lookup(text_between(doc, start, end)) if e.feature == feature][:MAX_CANDIDATES]
        if not divisions:
            continue
        mention = by_start.get(start)
        if mention is not None and mention.end == end:
            mention.candidates, mention.cue, mention.doubtful = divisions, feature, False
        elif not covered.intersection(range(start, end)):
            found.append(Mention(start, end, divisions, fold(text_between(doc, start, end)), cue=feature))
    return sorted(found, key=lambda m: m.start)


def _divisions_listed_after(doc: Doc) -> list[tuple[int, int, str]]:
    """The names listed after a plural division word and 'of': 'the villages of Ciocile and Ulmu'."""
    listed = []
    for plural, feature in _plural_division_words(doc, DIVISIONS_OF_PATTERN):
        start = plural.end + 1
        while start < len(doc):
            end = start
            while end < min(len(doc), start + 3) and _proper_noun(doc[end]):
                end += 1
            if end == start:
                break
            listed.append((start, end, feature))
            link = _list_link_after(doc, end)
            if not link:
                break
            start = end + link
    return listed


def _plural_division_words(doc: Doc, pattern: re.Pattern) -> Iterator[tuple[SpacySpan, str]]:
    """The plural division or settlement words ('counties', 'villages') where `pattern` finds a list beside one,
    with the kind of place each names."""
    for found in pattern.finditer(text_of(doc)):  # a search of the text: most reports have none
        plural = doc.char_span(found.start(1), found.end(1), alignment_mode="expand")
        if plural is not None:
            yield plural, DIVISION_PLURALS[found.group(1)]


def _list_link_after(doc: Doc, end: int) -> int:
    """How many tokens after `end` link a name to the next of a list: ", and" 2; ",", "and" 1."""
    return _list_link([t.lower_ for t in doc[end:end + 2]], beside_the_name=0)


def _list_link_before(doc: Doc, start: int) -> int:
    """How many tokens before `start` link it to an earlier name of a list: ", and" 2; ",", "and" 1."""
    return _list_link([t.lower_ for t in doc[max(0, start - 2):start]], beside_the_name=-1)


def _list_link(words: list[str], beside_the_name: int) -> int:
    if words in ([",", "and"], [",", "or"]):
        return 2
    return 1 if words and words[beside_the_name] in (",", "and", "or", "&") else 0


def _divisions_listed(doc: Doc) -> list[tuple[int, int, str]]:
    """The names (token spans) listed before a plural division word, or after it and 'of', with the kind of
    division: 'Becker', 'Clay' and 'Otter Tail' in 'Becker, Clay and Otter Tail counties', 'Ulmu' and
    'Racovita' in 'the villages of Ulmu and Racovita'."""
    listed = _divisions_listed_after(doc)
    for plural, feature in _plural_division_words(doc, DIVISIONS_PATTERN):
        end = plural.start
        while True:
            start = end
            while start > max(0, end - 3) and _proper_noun(doc[start - 1]):
                start -= 1
            if start == end:
                break
            listed.append((start, end, feature))
            link = _list_link_before(doc, start)
            if not link:
                break
            end = start - link
    return listed


def _one_sense(found: list[Mention], doc: Doc) -> list[Mention]:
    """A doubtful name counts where the report names it as a place elsewhere: "Winchester" opening
    a sentence in a report that said "in Winchester", though the model did not tag that one a place."""
    doubtful = {m.text for m in found if m.doubtful}
    places = {m.text for m in found if m.text in doubtful and not m.doubtful and not m.demonym
              and (not m.weak or _said_to_be_a_place(m, doc))}
    taken = {i for m in found if not m.doubtful for i in range(m.start, m.end)}
    kept = [m for m in found if not m.doubtful]
    for mention in (m for m in found if m.doubtful and m.text in places):
        if not taken.intersection(range(mention.start, mention.end)):
            mention.doubtful = False
            kept.append(mention)
            taken.update(range(mention.start, mention.end))
    return kept


def _said_to_be_a_place(mention: Mention, doc: Doc) -> bool:
    """'in Delano', 'Delano police', 'Delano, Minn.', 'the city of Delano': not 'at Carter's', 'from Welch',
    'in David Burliuk's'."""
    start, end = mention.start, mention.end
    at_a_place = start > 0 and doc[start - 1].lower_ in AT_A_PLACE_PREPS and not (
        end < len(doc) and (doc[end].lower_ in ("'s", "’s") or _may_start_name(doc[end])))
    return bool(mention.qualifiers or mention.cue or at_a_place or _names_a_local_body(doc[start:end]))


def _without_people(mentions: list[Mention], doc: Doc) -> list[Mention]:
    """Drops the names a report uses for a person: a word of a person's full name ('George' in 'George
    Beckett', 'Jackson' in 'Mat Jackson'), and a name never said as a place that reads as a person's: the
    small town 'Hopkins' where the report names 'David Hopkins' and says 'Hopkins said', 'coach Ripley'.
    Such a name is kept when any of its mentions is said as a place ('in Hopkins', 'Hopkins, Minn.',
    'Hopkins police') or the model tagged it a place without a person's cue."""
    names = _full_names(doc)
    words = {fold(t.text) for start, end in names for t in doc[start:end]}
    edges = {i for start, end in names for i in (start, end - 1)}
    in_a_name = {m.start for m in mentions if not m.demonym and m.end - m.start == 1 and m.start in edges
                 and not _names_a_country(m)}  # mentions do not overlap: a start is a mention
    placed = {m.key for m in mentions if not m.demonym and m.start not in in_a_name
              and (not m.weak or _said_as_a_place(m, doc))}
    mentions = [m for m in mentions if m.start not in in_a_name or m.key in placed]
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if not mention.demonym:
            by_key[mention.key].append(mention)
    people = set()
    for key, named in by_key.items():
        person_like = [_person_like(m, doc, words) for m in named]
        if (any(person_like) and not any(_said_as_a_place(m, doc) for m in named)
                and all(like or m.weak for m, like in zip(named, person_like))):
            people.add(key)
    return [m for m in mentions if m.demonym or m.key not in people]


def _without_weather(mentions: list[Mention], doc: Doc) -> list[Mention]:
    """Drops the names a report gives to weather: a storm's ('Irma' where it says 'Hurricane Irma', also
    in 'Irma hit Florida'), unless said to be a place ('in Haiyan'), and El Niño and La Niña."""
    tokens = tokens_of(doc)
    storms = {fold(name.text) for word, name in zip(tokens, tokens[1:])
              if word.lower_ in STORM_WORDS and word.text[0].isupper() and _proper_noun(name)}
    return [m for m in mentions if m.text not in CLIMATE_PATTERNS
            and not (m.text in storms and not _said_to_be_a_place(m, doc))]


def _names_a_country(mention: Mention) -> bool:
    """A name of a country, region or sea: 'Britain' in 'Keep Britain Tidy', 'Mediterranean' in 'Below
    Deck Mediterranean' (and so the first name in 'Chad LaBumbard'). Not a division's: 'Victoria',
    'Vladimir' are names of people as often."""
    return any(e.feature in ("country", "region", "water") for e in mention.candidates)


def _full_names(doc: Doc) -> list[tuple[int, int]]:
    """The people's full names the model found, two or three proper nouns: 'David Hopkins', 'Mat Jackson';
    not 'Avondale Mayor', 'Randwick Racecourse', nor a name after 'from', 'in' ('from Cherry Hinton')."""
    return [(ent.start, ent.end) for ent in ents_of(doc)
            if ent.label_ == "PERSON" and 1 < len(ent) <= 3 and all(_proper_noun(t) for t in ent)
            and not _after_a_locative(doc, ent.start)
            and not any(t.lower_ in LOCAL_NOUNS or t.lower_ in LANDMARK_HEADS for t in ent)]


def _person_like(mention: Mention, doc: Doc, name_words: set[str]) -> bool:
    """One word read as a person's name: after a title ('coach Ripley'), a word of a full name in the
    report ('Hopkins' beside 'David Hopkins') or the one who says ('Hopkins said'); the last two only when
    the model did not tag it a place. Never a name with a well-known place ('Georgia'), but after a title
    ('King Hassan', 'President Jackson') one that names no country or state."""
    if mention.end - mention.start != 1:
        return False
    if mention.start > 0 and doc[mention.start - 1].lower_.rstrip(".") in PERSON_TITLES:
        return not any(e.feature in ("country", "admin1") for e in mention.candidates)
    if any(_stands_alone(e) for e in mention.candidates):
        return False
    token = doc[mention.start]
    speaker = token.dep_ == "nsubj" and token.head.lemma_.lower() in SAYING_VERBS
    return speaker or mention.text in name_words


def _said_as_a_place(mention: Mention, doc: Doc) -> bool:
    """'in Hopkins', 'Hopkins, Minn.', 'Hopkins police', 'the city of Hopkins', 'Hopkins and Edina'; not
    'according to Hopkins'."""
    span = doc[mention.start:mention.end]
    according = mention.start > 1 and doc[mention.start - 2].lower_ == "according"
    return bool(mention.qualifiers or mention.cue or _after_a_locative(doc, mention.start) and not according
                or _names_a_local_body(span) or _listed_with_a_place(span) or _after_a_party_letter(span))


def _widen(ent: SpacySpan, gaz: Gazetteer, taken: list[bool]) -> SpacySpan:
    """An entity the model cut short of a longer gazetteer name: 'Guinea' in 'Guinea-Bissau',
    'Trinidad' in 'Trinidad and Tobago', 'Congo' in 'Democratic Republic of the Congo', 'ST' in "ST.
    JOHN'S"."""
    doc = ent.doc
    tokens = tokens_of(doc)

    def part_of_name(run) -> bool:
        return all(_may_start_name(t) or t.lower_ in CONNECTORS or t.lower_ in ("the", ".", "’s") for t in run)

    first = ent.start
    while first > max(0, ent.start - 4) and not taken[first - 1] and part_of_name(tokens[first - 1:first]):
        first -= 1
    for start in range(first, ent.start + 1):
        if not _may_start_name(tokens[start]):
            continue
        for end in range(min(len(doc), ent.end + 3), ent.end - 1, -1):
            last = tokens[end - 1]
            if (end - start > len(ent) and (_may_start_name(last) or last.lower_ in ("'s", "’s"))
                    and part_of_name(tokens[ent.end:end])
                    and gaz.has_name(text_between(doc, start, end))):
                return SpacySpan(doc, start, end, label=ent.label_)
    if tokens[ent.start].lower_ == "the" and len(ent) > 1:  # "the Democratic Republic of the" + "Congo"
        for end in range(min(len(doc), ent.end + 3), ent.end, -1):
            if _may_start_name(tokens[end - 1]) and part_of_name(tokens[ent.end:end]) and _names_a_division(
                    gaz, text_between(doc, ent.start + 1, end)):
                return SpacySpan(doc, ent.start + 1, end, label=ent.label_)
    return ent


def _names_a_division(gaz: Gazetteer, name: str) -> bool:
    """A country's or a first-level division's name."""
    return gaz.has_name(name) and any(e.feature in ("country", "admin1") for e in gaz.lookup(name))


def _entity_mention(ent: SpacySpan, gaz: Gazetteer) -> Mention | None:
    """The whole entity as one place: 'the Sumy region', 'Kursk', 'Syrian'."""
    start, end = ent.start, ent.end
    doc = ent.doc
    tokens = tokens_of(doc)
    if tokens[start].lower_ == "the":
        start += 1
    while end > start and (tokens[end - 1].lower_ in ("'s", "’s", "'") or tokens[end - 1].is_punct) and not (
            _a_name_with_a_possessive(doc, start, end, gaz)):
        end -= 1
    if end <= start:
        return None
    span = doc[start:end]
    text = span_text(span)
    if text[:1].islower():
        return None
    if demonym := _demonym(span, gaz, ent.label_ == "NORP"):
        return Mention(start, end, [demonym], fold(text), demonym=True)
    if ent.label_ == "NORP":
        return None
    candidates = _lookup(span, gaz)
    cue = _cue(doc, start, end)
    if not candidates and len(span) > 1 and span[-1].lower_ in ADMIN1_CUES:
        candidates = [e for e in _lookup(span[:-1], gaz) if e.feature == "admin1"]
        end, cue = end - 1, "admin1"
    name_end = end
    if _city_before_its_institution(span, candidates) and (town := _lookup(span[:-1], gaz)):
        candidates, name_end, cue = town, end - 1, "city"
    if not candidates or _is_street(doc, end) or _a_saints_building(doc, start, end, candidates):
        return None
    if not _plausible_name(span, candidates, ent.label_, gaz):
        return None
    return Mention(start, end, candidates, fold(text_between(doc, start, name_end)), cue=cue, label=ent.label_)


def _an_institution_named_like_a_town(ent: SpacySpan, gaz: Gazetteer) -> bool:
    """'the White House', 'the Pentagon': a body or a building the model tagged, written with its own "the",
    whose whole name only towns bear (White House, Tennessee). A town's name is not written with the article
    unless the article is part of it ('The Hague'), so the town is doubtful: a place only if the report
    names it so elsewhere ('St. Marys —' opening a report that speaks of 'the St. Marys')."""
    doc = ent.doc
    start, end = _landmark_bounds(ent)
    article = next((t for t in doc[max(0, start - 1):start] if t.lower_ == "the"), None)
    if ent.label_ not in ("ORG", "FAC") or article is None or not start <= article.head.i < end:
        return False  # "the Pirbright laboratory": the article is the laboratory's
    if end - start < 2:
        return False  # "the Crescent", "the Mall": a common word as a local name, not an institution's
    candidates = _lookup(doc[start:end], gaz)
    return bool(candidates) and all(e.feature == "city" and not fold(e.name).startswith("the ") for e in candidates)


def _named_for_a_town(ent: SpacySpan) -> bool:
    """'the Venice Commission', 'the Minsk agreements', 'the Cannes Film Festival': a body, a meeting or a
    pact known by the town it is named after wherever it is spoken of, so the countries of the report
    say nothing of which town that is."""
    return ent.label_ in ("ORG", "EVENT", "LAW") and ent[-1].lower_ in NAMED_FOR_A_TOWN_HEADS


def _a_name_with_a_possessive(doc: Doc, start: int, end: int, gaz: Gazetteer) -> bool:
    """"ST. JOHN'S, N.L.": a place's name ending in "'s", where no name of what it owns follows (not "St.
    Peter's Basilica")."""
    return (doc[end - 1].lower_ in ("'s", "’s") and not (end < len(doc) and _may_start_name(doc[end]))
            and gaz.has_name(text_between(doc, start, end)))


def _city_before_its_institution(span: SpacySpan, candidates: list[Entry]) -> bool:
    """'San Fernando City Councilwoman': the town 'San Fernando' and its city's councilwoman, unless the
    gazetteer calls a place by the whole name ('New York City police')."""
    return (len(span) > 1 and span[-1].lower_ == "city" and _names_a_local_body(span)
            and not any(_named(e, fold(span_text(span))) for e in candidates))


def _scan(doc: Doc, gaz: Gazetteer, start: int, end: int, label: str) -> list[Mention]:
    """Gazetteer names among the tokens start..end, longest first."""
    found = []
    lowers, starts = index_of(doc).lowers, _name_starts(doc)
    i = start
    while i < end:
        if not starts[i]:
            i += 1
            continue
        last = i + 1  # names run through capitalised words and a few connectors: "Isle of Man"
        while last < min(end, i + MAX_NAME_TOKENS) and (starts[last] or lowers[last] in CONNECTORS):
            last += 1
        doubtful = None
        for stop in range(last, i, -1):
            mention = _scan_mention(doc, gaz, i, stop, label, _ends_a_longer_name(doc, i, stop, end, label))
            if mention is not None and mention.doubtful:
                doubtful = doubtful or mention
            elif mention is not None:
                found.append(mention)
                i = stop
                break
        else:
            found.extend([doubtful] if doubtful else [])
            i += 1
    return found


def _ends_a_longer_name(doc: Doc, start: int, stop: int, window_end: int, label: str) -> bool:
    """The name closes a longer one after another proper noun: 'Manila Cathedral', 'Roy Jones'; not after a
    compass word, which names a part of the place ('North West Bicester')."""
    tokens, starts = tokens_of(doc), _name_starts(doc)
    if start == 0 or tokens[start - 1].pos_ != "PROPN" or not starts[start - 1]:
        return False
    if tokens[start - 1].lower_ in COMPASS_NAME_WORDS:
        return False
    if label in (INSIDE, "PERSON"):
        return stop == window_end
    return not label and (stop == len(doc) or not starts[stop])


def _scan_mention(doc: Doc, gaz: Gazetteer, start: int, end: int, label: str, head_noun: bool) -> Mention | None:
    """`head_noun`: the name ends a longer entity after another capitalised word ("Manila Cathedral",
    "Roy Jones"), where it is rarely a place unless a large one ("Fox News Chicago")."""
    if not _may_end_name(tokens_of(doc)[end - 1]):
        return None
    text = text_between(doc, start, end)
    listed, after_a_town = gaz.has_name(text), _after_a_town(doc, start)
    if not (listed or after_a_town or end - start <= 3 and (gaz.demonym(text) or text.endswith("ans"))):
        return None  # no name, no demonym, no abbreviation after a town: most capitalised words
    span = doc[start:end]
    if demonym := _demonym(span, gaz):
        return Mention(start, end, [demonym], fold(text), demonym=True)
    if _a_people_without_a_state(text):
        return None  # 'the Arab League', 'Christian militias': no town Arab (Alabama), no Christian County
    abbreviation = after_a_town and _dotted_short_form(span, gaz)
    if not (listed or abbreviation) or _is_street(doc, end) or text.isupper() and _part_of_a_dateline_name(span):
        return None
    candidates = _lookup(span, gaz)
    if _a_saints_building(doc, start, end, candidates):
        return None
    if head_noun and len(span) == 1 and not any(_stands_alone(e) for e in candidates):
        return None
    if not candidates:
        return None
    return Mention(start, end, candidates, fold(text), cue=_cue(doc, start, end), label=label,
                   doubtful=not _plausible_name(span, candidates, label, gaz))


def _a_people_without_a_state(word: str) -> bool:
    return lexicon.demonyms().get(word.lower(), "") is None


def _is_street(doc: Doc, end: int) -> bool:
    """'Memphis St.', 'Green Oaks Boulevard': the name is a street's."""
    return end < len(doc) and doc[end].lower_ in STREET_WORDS and doc[end].text[:1].isupper()


def _a_saints_building(doc: Doc, start: int, end: int, candidates: list[Entry]) -> bool:
    """'St. Peter' in 'St. Peter's Basilica': a saint's name before a building's names the building, not
    a small town named for the saint (Saint Peter, Minnesota). 'St. Louis's Union Station' keeps the city."""
    return (doc[start].lower_ in SAINT_WORDS and _saints_building_end(doc, end) is not None
            and not any(_stands_alone(e) for e in candidates))


def _saints_building_end(doc: Doc, end: int) -> int | None:
    """Where the building ends whose name a saint's name ending at `end` opens: after 'Basilica' in
    'St. Peter's Basilica', after 'Hospital' in 'St Mary's Children's Hospital'; None if no building's word
    follows the possessive within three capitalised words."""
    if end + 1 >= len(doc) or doc[end].lower_ not in ("'s", "’s"):
        return None
    for stop in range(end + 1, min(len(doc), end + 4)):
        if not doc[stop].text[:1].isupper() or doc[stop].lower_ in NOT_FACILITY_WORDS | {"day"}:
            return None  # "St. Patrick's Day Parade" is no building
        if _landmark_word(doc[stop], LANDMARK_HEADS):
            return stop + 1
    return None


def _saints_buildings(doc: Doc) -> list[tuple[int, int]]:
    """The buildings named for a saint: 'St. Peter's Basilica', 'St Mary's Hospital'."""
    found = []
    for match in SAINTS_POSSESSIVE_PATTERN.finditer(text_of(doc)):  # a search of the text: most reports have none
        saint = doc.char_span(match.start(), match.start() + 1, alignment_mode="expand")
        if saint is None:
            continue
        name_end = next((t.i for t in doc[saint.start:saint.start + 4] if t.lower_ in ("'s", "’s")), None)
        building_end = _saints_building_end(doc, name_end) if name_end else None
        if building_end is not None:
            found.append((saint.start, building_end))
    return found


def _stands_alone(entry: Entry) -> bool:
    """A place large enough to be meant wherever its name turns up."""
    return entry.feature in ("country", "admin1", "region", "water") or entry.population >= LARGE_CITY


@functools.lru_cache(maxsize=RECENT_PARSES)
def _name_starts(doc: Doc) -> list[bool]:
    """_may_start_name of each token, by index: the gazetteer scan asks it of every token, some twice."""
    return [_may_start_name(token) for token in tokens_of(doc)]


def _may_start_name(token) -> bool:
    first = token.text[:1]
    return first.isupper() or not first.isascii() and token.is_alpha


def _may_end_name(token) -> bool:
    return token.is_alpha or token.text.endswith(".") and len(token.text) > 1


def _demonym(span: SpacySpan, gaz: Gazetteer, norp: bool = False) -> Entry | None:
    """The country, continent or first-level division a demonym belongs to: 'Syrian', 'Ohioans'.
    A division's demonym must be plural or tagged NORP ('Texan'), so 'Susan' and 'Gunman' stay out."""
    if len(span) > 3:
        return None
    text = span_text(span)
    if not (text[:1].isupper() and span[-1].pos_ in ("ADJ", "PROPN", "NOUN")):
        return None
    if demonym := gaz.demonym(text):
        return demonym
    return _division_demonym(text, gaz) if norp or text.endswith("ans") else None


def _division_demonym(word: str, gaz: Gazetteer) -> Entry | None:
    """'Iowans', 'Ohioan', 'Ontarians', 'Floridian', 'Texan': a division's name and an -an ending."""
    singular = word[:-1] if word.endswith("ans") else word
    if not singular.endswith("an") or " " in singular or len(singular) < 5 or gaz.has_name(word):
        return None  # 'Sudan', 'Jordan' are names, not demonyms
    stems = (singular[:-1], singular[:-2], singular[:-3] + "io", singular[:-3] + "a", singular[:-2] + "as")
    for stem in (s for s in stems if len(s) > 3):
        divisions = [e for e in gaz.lookup(stem) if e.feature == "admin1" and _named(e, stem)]
        if divisions:
            return divisions[0]
    return None


def _lookup(span: SpacySpan, gaz: Gazetteer) -> list[Entry]:
    """Entries for a span; short all-caps words ('US', 'UN') count only as exact short forms, and so
    do abbreviations that are one ('Alta.' is Alberta, not Alta, Iowa). After "the", also the places
    whose name holds it ("the Gulf" is the Persian Gulf)."""
    text = span_text(span)
    after_the = span.start > 0 and tokens_of(span.doc)[span.start - 1].lower_ == "the"
    if after_the and (with_the := gaz.lookup(f"the {text}")):
        return [*with_the, *(e for e in _lookup_as_written(span, text, gaz) if e not in with_the)]
    return _lookup_as_written(span, text, gaz)


def _lookup_as_written(span: SpacySpan, text: str, gaz: Gazetteer) -> list[Entry]:
    if text.isupper() and len(text.replace(".", "")) <= 3:
        return gaz.lookup_exact(text)
    if short_form := _dotted_short_form(span, gaz):
        return short_form
    if span[-1].lower_ in WATER_HEADS:  # "the Red River" is the river, not Red River County
        return [e for e in _likeliest(gaz, text) if e.feature != "admin2" or _letters(e.name) == _letters(text)]
    return list(_likeliest(gaz, text))


@functools.lru_cache(maxsize=20_000)
def _likeliest(gaz: Gazetteer, name: str) -> tuple[Entry, ...]:
    """The MAX_CANDIDATES entries called `name` with the highest priors (a report names a place again
    and again)."""
    return tuple(sorted(gaz.lookup(name), key=_prior, reverse=True)[:MAX_CANDIDATES])


def _dotted_short_form(span: SpacySpan, gaz: Gazetteer) -> list[Entry]:
    """'Alta.', 'Sask.': an abbreviation with its dot, which the tokenizer may have split off."""
    doc, text = span.doc, span_text(span)
    dotted = text if text.endswith(".") else text + "." if span.end < len(doc) and doc[span.end].text == "." else ""
    return gaz.lookup_exact(dotted) if dotted else []


def _after_the(doc: Doc, start: int, candidates: list[Entry]) -> bool:
    """'the Atlantic', 'the tropical Atlantic', 'the eastern tropical Atlantic': a sea's or a region's name
    after "the", then at most two adjectives in lower case."""
    if not any(e.feature in ("water", "region") for e in candidates):
        return False
    before = _before_adjectives(doc, start)
    return before >= 0 and doc[before].lower_ == "the"


def _after_an_area_part_adjective(doc: Doc, start: int) -> bool:
    """'central Washington', 'southern Lebanon': a wide area's part; a town's is 'north Arlington'."""
    return start > 0 and tokens_of(doc)[start - 1].text in AREA_PART_ADJECTIVES


def _before_adjectives(doc: Doc, start: int) -> int:
    """Where the word before `start` is once at most two adjectives in lower case are passed over: 'the' in 'the
    eastern tropical Atlantic', "'s" in "Kenya's overcrowded Dadaab camps"; -1 at the start of the text."""
    before = start - 1
    while before >= max(0, start - 2) and doc[before].pos_ == "ADJ" and doc[before].text.islower():
        before -= 1
    return before


def _after_a_town(doc: Doc, start: int) -> bool:
    """'Melville, Sask.': a division's abbreviation after a comma, where it qualifies a town."""
    tokens = tokens_of(doc)
    return start > 1 and tokens[start - 1].text == "," and tokens[start - 2].text[:1].isupper()


def _plausible_name(span: SpacySpan, candidates: list[Entry], label: str, gaz: Gazetteer) -> bool:
    """Guards against common words and stray alternate names that happen to name some village.

    `label` is the entity label of the span, INSIDE for a name inside a longer entity, or "" for a
    name the model did not tag.
    """
    text = span_text(span)
    key = fold(text)
    if _after_a_party_letter(span) and any(_named(e, key) for e in candidates):
        return True  # even where the parse reads an adjective: 'Harold Michael, D-Hardy;'
    if _modifying_adjective(span) and not any(_stands_alone(e) for e in candidates):
        return False
    if label in PLACE_LABELS:
        return True
    if text.isupper() and len(text) > 3 and _in_dateline(span):  # "MOBILE, Ala.", "CLINTON —": even a common word
        return any(_named(e, key) or _stands_alone(e) for e in candidates)
    if _after_a_town(span.doc, span.start) and _dotted_short_form(span, gaz):  # "Brandon, Man.": not a man
        return True
    if key in COMMON_WORDS or key in GENERIC_PLACE_WORDS or len(span) == 1 and span[0].like_num:  # "One woman"
        return False
    if gaz.lookup_exact(text):
        return True
    best = max(candidates, key=_prior)
    big = best.feature in ("country", "admin1", "region", "water") or best.population >= LARGE_CITY
    if _written_without_case(text):  # 'دمشق', '北京': no capitals to judge the word by, but in English news a word
        return big                   # in another script is mostly a name, and the gazetteer's are of large places
    named = [e for e in candidates if _named(e, key)]
    named_population = max((e.population for e in named), default=0)
    if not named and _another_name_said_as_a_town(span, key, candidates):
        return True
    if _in_the_country_before(span, named, gaz):
        return True
    if not named and not (big and len(key) > 3):
        return False
    if named_population >= 1_000 and (_names_a_local_body(span) or _listed_with_a_place(span)):
        return True
    if label == "PERSON":  # small towns are often tagged PERSON: "of Roswell", "in Delano", "stormed Goma"
        after_preposition = span.start > 0 and span.doc[span.start - 1].lower_ in LOCATIVE_PREPS
        return big or named_population >= 1_000 and (after_preposition or len(span) > 1 or _place_object(span))
    if label:
        return big or named_population >= 1_000 or len(span) > 1
    if text.isupper() and len(text) > 3:
        return big
    if not all(t.pos_ == "PROPN" or t.pos_ in OPEN_CLASS and t.text[:1].isupper() and not _opens_clause(t)
               for t in span):
        return False
    if span[0].is_sent_start and len(span) == 1 and not big:
        return False
    doc = span.doc
    numbered = span.end < len(doc) and doc[span.end].like_num  # "in Sector 24" is a part of a town
    at_a_place = span.start > 0 and doc[span.start - 1].lower_ in AT_A_PLACE_PREPS and not numbered
    return big or named_population >= 5_000 or len(span) > 1 or named_population >= 1_000 and at_a_place


def _written_without_case(text: str) -> bool:
    """Written in a script without capital letters: Arabic, Hebrew, Chinese, Devanagari..."""
    return text.upper() == text.lower() and any(c.isalpha() for c in text)


def _in_the_country_before(span: SpacySpan, named: list[Entry], gaz: Gazetteer) -> bool:
    """'Kenya's overcrowded Dadaab camps', 'Syria's Idlib': a place named as written in the country whose
    name and possessive come before it (and perhaps an adjective or two)."""
    if not named:
        return False
    doc = span.doc
    before = _before_adjectives(doc, span.start)
    if before < 1 or doc[before].lower_ not in ("'s", "’s"):
        return False
    countries = {e.country for e in gaz.lookup(doc[before - 1].text) if e.feature == "country"}
    return any(e.country in countries for e in named)


def _another_name_said_as_a_town(span: SpacySpan, key: str, candidates: list[Entry]) -> bool:
    """'in Echmiadzin' (Vagharshapat), 'the town of Penacook' (Concord): proper nouns after a word of where or
    a settlement's ('in', 'the village'), not a person's ('in Abbas's prisons'), that a town of ALIAS_TOWN_SIZE
    or more goes by."""
    doc = span.doc
    possessive = span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s")
    said_as_a_town = _after_a_locative(doc, span.start) and doc[span.start - 1].lower_ in (
        AT_A_PLACE_PREPS | SETTLEMENT_WORDS | {"of"})
    return (len(key) > 4 and all(t.pos_ == "PROPN" for t in span) and said_as_a_town and not possessive
            and max(e.population for e in candidates) >= ALIAS_TOWN_SIZE)


def _after_a_party_letter(span: SpacySpan) -> bool:
    """'Braxton' in 'Brent Boggs, D-Braxton', 'Ocilla' in 'Jay Roberts (R-Ocilla)': how American news
    gives a legislator's party and home town or county."""
    doc, i = span.doc, span.start
    return i > 2 and doc[i - 1].text == "-" and doc[i - 2].text in PARTY_LETTERS and doc[i - 3].text in (",", "(")


def _modifying_adjective(span: SpacySpan) -> bool:
    """'the Liberal leader', 'the Olympic team': a word the parse reads as an adjective on a noun names
    a quality, not one of the small towns that share its spelling."""
    return len(span) == 1 and span[0].pos_ == "ADJ" and span[0].dep_ == "amod"


def _said_as_a_home_town(doc: Doc, mention: Mention) -> bool:
    """'Paris firefighters', 'Berea police', 'downtown London', 'S.E. Paris', 'the City of Oxford', '12 Elm St.,
    Lebanon': how a local report names its own town."""
    before = doc[mention.start - 1].lower_ if mention.start > 0 else ""
    return (_names_a_local_body(doc[mention.start:mention.end]) or before in HOME_TOWN_PREFIXES
            or mention.cue == "city" and before == "of" or _after_a_street_address(doc, mention.start))


def _after_a_street_address(doc: Doc, start: int) -> bool:
    """'Lebanon' in '400 S. Locust St., Lebanon': the town a street address ends with."""
    if start < 4 or doc[start - 1].text != "," or doc[start - 2].lower_ not in STREET_WORDS:
        return False
    return any(t.like_num for t in doc[max(0, start - 6):start - 3])


def _names_a_local_body(span: SpacySpan) -> bool:
    """A town's name before its people or institutions: 'Avondale Mayor', 'a Clinton man',
    'Carthage Police Chief', 'Chicopee residents'."""
    if span.end >= len(span.doc):
        return False
    after = span.doc[span.end]
    return after.lower_ in LOCAL_NOUNS or after.text in LOCAL_SCHOOL_WORDS


def _listed_with_a_place(span: SpacySpan) -> bool:
    """'Gainesville and Duluth', 'Bicester and Kidlington': coordinated with a name tagged as a place."""
    return any(t.ent_type_ in ("GPE", "LOC") and not span.start <= t.i < span.end for t in span.root.conjuncts)


def _opens_clause(token) -> bool:
    """'We' in '"We know," she said': a capital that starts a sentence or a quotation."""
    if token.is_sent_start is not False or token.i == 0:
        return True
    before = token.nbor(-1)
    return before.is_quote and not before.whitespace_ or before.text in ("(", "[", ":", "--", "—")


def _place_object(span: SpacySpan) -> bool:
    """The object of a verb that takes places: 'stormed Goma', 'shelled Avdiivka', 'fled Kherson'."""
    root = span.root
    return root.dep_ == "dobj" and root.head.lemma_.lower() in PLACE_TAKING_VERBS


def _in_dateline(span: SpacySpan) -> bool:
    """'KYIV, Dec 27 (Reuters) —', 'HUDSON -- Officials said': a place opening a wire dateline, all its words
    before the dateline's comma, bracket or dash."""
    doc, dateline = span.doc, dateline_tokens(span.doc)
    after = doc[span.end].text if span.end < len(doc) else ""
    return span.start in dateline and span.start - 1 not in dateline and after in (",", "(", "-", "--", "—", "–")


def _part_of_a_dateline_name(span: SpacySpan) -> bool:
    """'CAMP' in 'CAMP MURRAY, Wash. -': an all-caps dateline names one place with all its words."""
    doc, start, end = span.doc, span.start, span.end
    while start > 0 and doc[start - 1].is_alpha and doc[start - 1].text.isupper():
        start -= 1
    while end < len(doc) and doc[end].is_alpha and doc[end].text.isupper():
        end += 1
    return (start, end) != (span.start, span.end) and _in_dateline(doc[start:end])


def _type_word(doc: Doc, i: int) -> bool:
    """'Oblast' in 'Kursk Oblast': a capitalised division word that belongs to the name."""
    return i < len(doc) and doc[i].lower_ in ADMIN1_CUES and doc[i].text[:1].isupper()


def _cue(doc: Doc, start: int, end: int) -> str | None:
    tokens = tokens_of(doc)
    after = tokens[end].lower_ if end < len(tokens) else ""
    before = [t.lower_ for t in tokens[max(0, start - 2):start]]
    if after in ADMIN1_CUES or before in (["region", "of"], ["province", "of"], ["state", "of"]):
        return "admin1"
    if before in (["city", "of"], ["town", "of"], ["village", "of"]) or after in CITY_CUES:
        return "city"
    text = text_between(doc, start, end)
    return "dateline" if text.isupper() and len(text) > 3 and _in_dateline(doc[start:end]) else None


def _home_for_strays(mentions: list[Mention], entries: list[Entry], doc: Doc,
                     outlet_country: str | None) -> list[Entry]:
    """A small town that nothing else in the report points to is most often a part or a neighbour of
    the report's home town that the gazetteer lacks, and is placed there: one abroad ('Piccadilly' in
    Western Australia, 'Haram' in Norway, in a report about London or Cairo), or one in another state
    of a report that keeps to one ('Weston' in Florida, in a report naming a dozen places in
    Connecticut). Not a name in a list, nor one abroad in the outlet's country."""
    town = _Located([(m, e) for m, e in zip(mentions, entries) if not m.demonym and e.lat is not None]).town
    if town is None:
        return entries
    votes, own = Votes(), Votes()
    for m, e in zip(mentions, entries):
        vote = 1.0 if m.demonym or e.feature in ("country", "admin1") else m.vote
        votes.add(e, vote)
        own.add(e, vote, m.key)
    one_state = votes.holds_most(town)
    listed = _listed_together(mentions, doc)
    return [_unlisted(m.text.title(), "city", town) if _stray(m, e, votes, own, town, one_state) and m.key not in listed
            and (e.country != outlet_country or e.country == town.country) else e
            for m, e in zip(mentions, entries)]


class Votes:
    """The weight of the names a report places in each country and each first-level division."""

    def __init__(self):
        self.countries: Counter = Counter()
        self.admin1s: Counter = Counter()

    def add(self, entry: Entry, vote: float, key: str = "") -> None:
        self.countries[(key, entry.country)] += vote
        self.admin1s[(key, entry.country, entry.admin1)] += vote

    def holds_most(self, town: Entry) -> bool:
        """The town's division holds at least two names' weight and more than half its country's."""
        home = self.admin1s[("", town.country, town.admin1)]
        return home >= 2 and 2 * home > self.countries[("", town.country)]


def _stray(mention: Mention, entry: Entry, votes: Votes, own: Votes, town: Entry, one_state: bool) -> bool:
    """A small town, county or first-level division ('North Side' in the Cayman Islands) in another
    country, or a small town in another division of a report keeping to one, that no other name of
    the report lies in. A name the model did not tag weighs a quarter, and one or two such ('Atlantic' in
    'Virgin Atlantic') hold no town there; a demonym or a division's name weighs a whole name ('French' holds
    'Cannes', 'the Georgia House' holds 'Ocilla')."""
    if mention.demonym or mention.qualifiers or entry.feature not in ("city", "admin2", "admin1") or (
            entry.population >= LARGE_CITY):
        return False
    key = mention.key
    if entry.country != town.country:
        return votes.countries[("", entry.country)] - own.countries[(key, entry.country)] < 1.0
    return one_state and entry.feature == "city" and entry.admin1 != town.admin1 and (
        votes.admin1s[("", entry.country, entry.admin1)] - own.admin1s[(key, entry.country, entry.admin1)] < 1.0)


# --------------------------------------------------------------------------- landmarks

def _landmarks(doc: Doc, mentions: list[Mention], entries: list[Entry]) -> list[tuple[int, int, Entry]]:
    """Streets, buildings, grounds and natural features the gazetteer does not hold ("Royal Street",
    "Barclays Center", "Lake Titicaca"), and towns it lacks ("Kibera", "Knockhill, Fife"), each
    placed at the town or division it lies in (see _anchor), else beside the place listed just before it
    ("Mombasa and Kerio Valley"), else in the report's home town. Names come from the model's entities,
    from runs of capitalised words it did not tag ("Manila Cathedral") and from the proper nouns
    before ", <division>". `mentions` are in text order and do not overlap."""
    found: list[tuple[int, int, Entry]] = []
    taken: set[int] = set()
    located = _Located([(m, e) for m, e in zip(mentions, entries) if not m.demonym and e.lat is not None])
    starts = [m.start for m in mentions]
    reach = list(itertools.accumulate((m.end for m in mentions), max))  # the furthest end so far
    saints_named = {m.start for m in mentions}  # "St. Louis's Union Station": the city's, not a saint's
    for (start, end), label in [*((building, SAINTS_BUILDING) for building in _saints_buildings(doc)
                                  if building[0] not in saints_named),
                                *((street, STREET) for street in _streets_named_together(doc)),
                                *((seat, SEAT) for seat in _seats_of_government(doc)),
                                *((name, SETTLEMENT) for name in _settlements_named(doc)),
                                *((_landmark_bounds(ent), ent.label_) for ent in ents_of(doc)),
                                *((run, RUN) for run in _capitalised_runs(doc)),
                                *((run, RUN) for run in _names_of_town_parts(doc)),
                                *((quarter, RUN) for quarter in _quarters(doc)),
                                *((name, QUALIFIED) for name in located.names_before_a_division(doc))]:
        if end <= start or taken.intersection(range(start, end)):
            continue
        before = bisect.bisect_left(starts, start)
        inner = [m for m in mentions[before:bisect.bisect_left(starts, end)] if m.end <= end]
        landmark = (_names_a_landmark(doc[start:end], label, bool(inner)) and not _a_chamber(doc, start, end, inner)
                    or _part_of_a_town(doc, start, end, label))
        town = (not landmark and not inner and label in ("GPE", QUALIFIED, SETTLEMENT)
                and _town_like(doc[start:end]))
        placed_beside = None
        if not (landmark or town) and label in LANDMARK_LABELS and _institution_of_a_place(doc[start:end]):
            placed_beside = _town_beside(doc, start, end, located)  # else the place its name holds stands
        if not (landmark or town or placed_beside):
            continue
        opened = bisect.bisect_right(starts, start)  # the names that start at or before the landmark
        if opened and reach[opened - 1] >= end and label != STREET or any(m.demonym for m in inner) and not (
                _landmark_word(doc[end - 1], PART_OF_TOWN_WORDS)):
            continue  # the gazetteer holds the whole name, or a people's ("Russian Museum"; not "French Quarter")
        anchor = placed_beside or _anchor(doc, start, end, located, namesake=label == STREET)
        if anchor is None and label != STREET:  # streets named together lie in one town, not in each other
            anchor = located.listed_before(doc, start)
        if anchor is None and (landmark or _after_a_locative(doc, start)):
            anchor = located.town or (located.country if label == SAINTS_BUILDING else None)
        if anchor is not None:
            found.append((start, end, _as_landmark(doc[start:end], anchor, "city" if town else None)))
            taken.update(range(start, end))
    return found


class _Located:
    """The report's resolved place names in text order, found by position (a report may name hundreds)."""

    def __init__(self, pairs: list[tuple[Mention, Entry]]):
        self.pairs = pairs
        self.starts = [m.start for m, _ in pairs]
        self.home = _home(pairs)
        self.town = _home_town(pairs, self.home)
        # The home country itself, for a report that names no town in it ("St. Peter's Square" in the Vatican's).
        self.country = next((e for _, e in pairs if e.feature == "country" and self.home
                             and e.country == self.home[0]), None)
        self.named = Counter(m.key for m, _ in pairs)
        self.longest = max((m.end - m.start for m, _ in pairs), default=0)

    def starting(self, first: int, stop: int) -> list[tuple[Mention, Entry]]:
        """The names that start at token `first` or later, before token `stop`."""
        return self.pairs[bisect.bisect_left(self.starts, first):bisect.bisect_left(self.starts, stop)]

    def names_before_a_division(self, doc: Doc) -> list[tuple[int, int]]:
        """The proper nouns before ", <division or country>" that closes a phrase: 'Knockhill' in
        'Knockhill, Fife.', 'Rockingham' in 'Rockingham, Northamptonshire;'."""
        found = []
        for m, e in self.pairs:
            closes = m.end == len(doc) or doc[m.end].is_punct or "\n" in doc[m.end - 1].whitespace_
            after_a_comma = m.start > 1 and doc[m.start - 1].text == ","
            if e.feature not in ("admin1", "admin2", "country") or not (closes and after_a_comma):
                continue
            start = comma = m.start - 1
            while start > max(0, comma - 3) and _proper_noun(doc[start - 1]):
                start -= 1
            after_a_connector = start > 0 and doc[start - 1].lower_ in CONNECTORS  # "Ministry of Health, Angola"
            if start < comma and not after_a_connector:
                found.append((start, comma))
        return found

    def listed_before(self, doc: Doc, start: int) -> Entry | None:
        """The place named just before token `start` in a list or as its town: 'Portroe' in
        'Toomevara and Portroe', 'Northamptonshire' in 'Silverstone, Northamptonshire'."""
        if start < 2 or doc[start - 1].lower_ not in (",", "and"):
            return None
        return next((e for m, e in self.starting(start - 1 - self.longest, start - 1) if m.end == start - 1), None)

    def named_elsewhere(self, mention: Mention, start: int, end: int) -> bool:
        """The report names `mention` outside tokens start..end too, tagged a place by the model or not
        ("Sligo councillors" and "Sligo Town Hall")."""
        inside = sum(m.key == mention.key for m, _ in self.starting(start, end))
        return self.named[mention.key] > inside


def _capitalised_runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of two or more capitalised words within a sentence, from the first proper noun."""
    runs, start = [], None
    for token in [*tokens_of(doc), None]:
        inside = token is not None and token.is_alpha and token.text[:1].isupper() and not (
            start is not None and token.is_sent_start)
        if inside and start is None:
            start = token.i
        elif not inside and start is not None:
            end = token.i if token is not None else len(doc)
            while start < end and doc[start].pos_ != "PROPN":  # "In Klamath Falls", "The"
                start += 1
            if end - start > 1:
                runs.append((start, end))
            start = None
            if token is not None and token.is_alpha and token.text[:1].isupper():
                start = token.i  # a new sentence opens a new run
    return runs


def _as_landmark(span: SpacySpan, town: Entry, feature: str | None = None) -> Entry:
    return _unlisted(span.text, feature or _landmark_feature(span), town)


def _unlisted(name: str, feature: str, at: Entry) -> Entry:
    """A place the gazetteer lacks: it takes the point and divisions of the place it lies in, and no
    GeoNames id."""
    return at._replace(name=name, feature=feature, geonameid=None, population=0, capital=False)


def _landmark_bounds(ent: SpacySpan) -> tuple[int, int]:
    """The name without a leading 'the', a trailing possessive, or what follows a comma."""
    tokens = tokens_of(ent.doc)
    start = ent.start + (tokens[ent.start].lower_ == "the")
    end = next((t.i for t in tokens[start:ent.end] if t.text in (",", ";", "(")), ent.end)
    while end > start and (tokens[end - 1].is_punct or tokens[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    return start, end


def _names_a_landmark(span: SpacySpan, label: str, holds_a_place: bool) -> bool:
    """A facility the model tagged that holds no place name ("Brands Hatch"), or a name ending in a
    street's or a building's word ("Collins Avenue", "Altnagelvin Hospital")."""
    if label in (STREET, SEAT):
        return True
    if not span[0].text[:1].isupper():
        return False
    prefixed = _landmark_word(span[0], FEATURE_PREFIXES) and (label != RUN or len(span) == 2) and not (
        span.start > 0 and span.doc[span.start - 1].like_num)  # "40th Avenue South" is no "Avenue South"
    if len(span) > 1 and (_landmark_word(span[-1], LANDMARK_HEADS | WATER_HEADS) or prefixed):
        return label in LANDMARK_LABELS and not _a_persons_name(span, label) and not (
            span[-1].lower_ == "house" and len(span) < 3)  # "the White House", "House members": no building of ours
    return label == "FAC" and not holds_a_place and (_numbered_road(span) or _only_names(span))


def _a_persons_name(span: SpacySpan, label: str) -> bool:
    """'Mark Fields said': a name ending in a surname that closes place names too is a person's unless the
    model tags it a place or it comes after 'the' or a preposition ('at Riverside Fields')."""
    doc = span.doc
    placed = span.start > 0 and (doc[span.start - 1].pos_ == "ADP" or doc[span.start - 1].lower_ == "the")
    return _landmark_word(span[-1], SURNAME_HEADS) and label not in PLACE_LABELS and not placed


def _a_chamber(doc: Doc, start: int, end: int, inner: list[Mention]) -> bool:
    """'the West Virginia House': a place's name and 'House' is its legislature, which stands for the
    place; a house is a building where more names it ('Harriet Clinton House')."""
    return doc[end - 1].lower_ == "house" and len(inner) == 1 and (inner[0].start, inner[0].end) == (start, end - 1)


def _settlements_named(doc: Doc) -> list[tuple[int, int]]:
    """The name after 'the village of', 'the small town of', 'a town called', and the names listed after
    'the villages of': a town, though the gazetteer lacks it and the model tagged it otherwise ('the
    village of Ulmu in Braila')."""
    names = [(start, end) for start, end, feature in _divisions_listed_after(doc) if feature == "city"]
    for found in SETTLEMENT_PATTERN.finditer(text_of(doc)):  # a search of the text: most reports have none
        name = doc.char_span(found.start(1), found.end(1), alignment_mode="contract")
        if name is not None and len(name):
            names.append((name.start, name.end))
    return names


def _seats_of_government(doc: Doc) -> list[tuple[int, int]]:
    """'the Capitol', 'the state Capitol', 'the Statehouse': the legislature's building, in the town the
    report is about unless the text says where; not the first word of a longer name ('Capitol Hill')."""
    seats = []
    text = text_of(doc)
    for found in SEAT_PATTERN.finditer(text) if "Capitol" in text or "Statehouse" in text else ():
        seat = doc.char_span(found.start(1), found.end(1))
        if seat is not None and not (seat.end < len(doc) and _may_start_name(doc[seat.end])):
            seats.append((seat.start, seat.end))
    return seats


def _streets_named_together(doc: Doc) -> list[tuple[int, int]]:
    """The two names before a plural street word: 'Bourbon' and 'Dauphine' in 'down Bourbon and
    Dauphine streets', 'Oak' and 'Elm Hill' in 'at Oak and Elm Hill roads'."""
    streets = []
    for found in STREETS_PATTERN.finditer(text_of(doc)):  # a search of the text: most reports have none
        second = doc.char_span(found.start(1), found.end(1), alignment_mode="expand")
        if second is None or len(second) != 2 or second.start < 2 or not _proper_noun(second[0]):
            continue
        end = second.start - 1  # the "and"
        start = end
        while start > max(0, end - 3) and _proper_noun(doc[start - 1]):
            start -= 1
        if start < end:
            streets += [(start, end), (second.start, second.start + 1)]
    return streets


def _names_of_town_parts(doc: Doc) -> list[tuple[int, int]]:
    """The proper nouns before each "neighborhood of", "district in" ("the Quimbrook neighborhood of
    Sacramento"), which _capitalised_runs misses when only one word long."""
    runs = []
    for found in finditer_ignoring_case(PART_OF_TOWN_PATTERN, text_of(doc)):  # most reports have none
        word = doc.char_span(found.start(), found.end(), alignment_mode="expand")
        start = word.start
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
            start -= 1
        if start < word.start:
            runs.append((start, word.start))
    return runs


def _quarters(doc: Doc) -> list[tuple[int, int]]:
    """'the French Quarter', 'the Latin Quarter': a town's quarter, named by a word _capitalised_runs may
    leave out (an adjective)."""
    found = []
    text = text_of(doc)
    for match in QUARTER_PATTERN.finditer(text) if " Quarter" in text else ():  # most reports name none
        quarter = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if quarter is not None and len(quarter) == 2:
            found.append((quarter.start, quarter.end))
    return found


def _part_of_a_town(doc: Doc, start: int, end: int, label: str) -> bool:
    """Proper nouns followed by "neighborhood of", "district in" and the like ("the Adhamiyah district
    of Baghdad")."""
    tokens = tokens_of(doc)
    if end + 1 >= len(tokens) or tokens[end].lower_ not in PART_OF_TOWN_WORDS:  # most names: checked first
        return False
    return (label in LANDMARK_LABELS and tokens[end + 1].lower_ in ("of", "in")
            and all(t.pos_ == "PROPN" for t in tokens[start:end]))


def _numbered_road(span: SpacySpan) -> bool:
    """'Route 128', 'Interstate 75', not 'Highway Patrol'."""
    return _landmark_word(span[0], ROAD_PREFIXES) and any(t.like_num for t in span)


def _only_names(span: SpacySpan) -> bool:
    """'Brands Hatch', 'Sloss Furnaces': proper nouns only, not an event's or a body's name the model
    tagged a facility ('Easter Vigil Mass', 'Highway Patrol')."""
    return all(t.pos_ == "PROPN" and t.ent_iob_ and t.is_alpha for t in span) and not any(
        t.lower_ in NOT_FACILITY_WORDS for t in span) and span[-1].ent_type_ == "FAC"


def _landmark_word(token, words: set[str]) -> bool:
    return token.text[:1].isupper() and token.lower_.rstrip(".") in words


def _proper_noun(token) -> bool:
    return token.pos_ == "PROPN" and token.is_alpha and token.text[:1].isupper()


def _after_a_locative(doc: Doc, start: int) -> bool:
    """'in Kibera', 'the slum Kibera', 'the villages of Bumbacari', 'east of Whitlock' (not any 'of',
    which as often names an owner)."""
    if start == 0:
        return False
    before = doc[start - 1].lower_
    if before == "of":
        return start > 1 and doc[start - 2].lower_ in SETTLEMENT_WORDS | DIRECTION_WORDS
    return before in LOCATIVE_PREPS or before in SETTLEMENT_WORDS


def _landmark_feature(span: SpacySpan) -> str:
    """'water' for a lake's or a river's name, else 'landmark'."""
    water = _landmark_word(span[-1], WATER_HEADS) or span[0].lower_ in ("lake", "river")
    return "water" if water else "landmark"


def _town_like(span: SpacySpan) -> bool:
    """A name the gazetteer lacks that may be a village's or a suburb's ("Kibera", "Cellardyke"):
    proper nouns only, with no building's or street's word, no acronym ("NRA") and no possessive
    after it ("Putin's"). The model tags many a name GPE, so it is placed only beside a place
    ("Kibera, Nairobi") or after a locative word ("in Kibera")."""
    after = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    an_acronym = span.text.isupper() and not (len(span) > 1 and _in_dateline(span))  # not "CAMP MURRAY, Wash."
    return (len(span) <= MAX_NAME_TOKENS and not an_acronym
            and after not in ("'s", "’s")
            and all(_proper_noun(t) for t in span)
            and not any(_landmark_word(t, LANDMARK_HEADS | WATER_HEADS | FEATURE_PREFIXES) for t in span)
            and fold(span.text) not in COMMON_WORDS)


def _anchor(doc: Doc, start: int, end: int, located: _Located, namesake: bool = False) -> Entry | None:
    """The town a landmark lies in: the place named just after or before it ("Loyola University in
    Los Angeles", "Brooklyn's Barclays Center"), else the first place its name holds ("Clarke County
    Superior Court"; not for a river, a mountain or a street, whose name is only a namesake's:
    "Mississippi River", "Abercorn and Paris streets"); None leaves it to the town the report names
    most (_home_town). A division yields to that town when it holds it ("University of California"
    in Los Angeles news)."""
    if beside := _town_beside(doc, start, end, located):
        return beside
    if _landmark_feature(doc[start:end]) == "landmark" and not _landmark_word(doc[start], FEATURE_PREFIXES) and (
            not namesake):
        home, town = located.home, located.town
        for m, e in located.starting(start, end):
            trusted = located.named_elsewhere(m, start, end) or (e.country, e.admin1) == home
            if e.feature == "admin1":  # "Western State Hospital" is not in Western Province
                trusted = trusted or doc[m.start].text.isupper() or bool(home) and e.country == home[0]
            else:
                trusted = trusted or m.end - m.start > 1 or _well_known(e)
            if trusted:
                return town if town and _holds(e, town) else e
    return None


def _town_beside(doc: Doc, start: int, end: int, located: _Located) -> Entry | None:
    """The place named just after or before a landmark: "Loyola University in Los Angeles", "the
    Guildhall School of Music in London", "Brooklyn's Barclays Center"."""
    name_end = _end_of_name(doc, end)
    for m, e in located.starting(start - located.longest - 1, name_end + 3):
        link = [t.lower_ for t in doc[(name_end if m.start >= name_end else end):m.start]]
        if m.start >= end and (link in LINKS_TO_A_TOWN or link in PART_OF_TOWN_LINKS):
            return e
        if start - 1 <= m.end <= start and doc[m.end:start].text in ("'s", "’s", ""):
            return e
    return None


def _end_of_name(doc: Doc, end: int) -> int:
    """Where a landmark's name ends when it goes on with "of" and proper nouns that the model or a run
    of capitalised words cut off: "Guildhall School" in "the Guildhall School of Music in London"."""
    if end + 1 < len(doc) and doc[end].lower_ == "of" and _proper_noun(doc[end + 1]):
        end += 1
        while end < len(doc) and _proper_noun(doc[end]):
            end += 1
    return end


def _institution_of_a_place(span: SpacySpan) -> bool:
    """'University of St. Thomas', 'Embassy of the Republic of Armenia': a building's word, then 'of'."""
    return len(span) > 2 and _landmark_word(span[0], LANDMARK_HEADS) and span[1].lower_ == "of"


def _well_known(entry: Entry) -> bool:
    """A country or large city, meant wherever its name turns up."""
    return entry.feature == "country" or entry.feature == "city" and entry.population >= LARGE_CITY


def _holds(division: Entry, town: Entry) -> bool:
    if division.feature == "country":
        return town.country == division.country
    return division.feature == "admin1" and (town.country, town.admin1) == (division.country, division.admin1)


def _home(located: list[tuple[Mention, Entry]]) -> tuple[str, str | None] | None:
    """The (country, admin1) the report names most; names the model did not tag count for less."""
    countries, divisions = Counter(), Counter()
    for m, e in located:
        if e.country:
            countries[e.country] += m.vote
    if not countries:
        return None
    (country, _), = countries.most_common(1)
    for m, e in located:
        if e.country == country and e.admin1:
            divisions[e.admin1] += m.vote
    return country, divisions.most_common(1)[0][0] if divisions else None


def _home_town(located: list[tuple[Mention, Entry]], home: tuple[str, str | None] | None) -> Entry | None:
    """The town the report names most in its home division, else in its home country."""
    if home is None:
        return None
    towns = [(m, e) for m, e in located if e.feature == "city" and e.country == home[0]]
    local = [(m, e) for m, e in towns if e.admin1 == home[1]] or towns
    weights = Counter()
    for m, e in local:
        weights[e] += m.vote
    return weights.most_common(1)[0][0] if weights else None


# --------------------------------------------------------------------------- resolution

def _same_town(mentions: list[Mention]) -> None:
    """'Springfield City Schools' in a report about Springfield: "X City" is the report's X, unless
    a place bears that whole name."""
    plain = {m.text: m for m in mentions if not m.demonym}
    for mention in mentions:
        town = plain.get(mention.text.removesuffix(" city"))
        if (mention.text.endswith(" city") and town is not None
                and not any(_named(e, mention.text) for e in mention.candidates)):  # "Mexico City", "Kansas City"
            mention.text, mention.candidates = town.text, town.candidates


def _compass_words_joined(mentions: list[Mention], doc: Doc) -> list[Mention]:
    """A name made of compass words alone ('South West', 'Northeast') is a part of the place named next to
    it ('South West England', 'Northeast Ohio', 'the American South'), which it joins; standing alone it is
    no place ('the North', 'the Southwest'), unless a cue word or a list after a place says it is one ('the
    Western region', 'Nyanza, Rift Valley, North Eastern and Western')."""
    compass = [_compass_only(m) for m in mentions]
    if not any(compass):
        return mentions
    place_ends = {m.end for m, alone in zip(mentions, compass) if not alone}
    kept: list[Mention] = []
    for i, mention in enumerate(mentions):
        if not compass[i]:
            kept.append(mention)
            continue
        after = mentions[i + 1] if i + 1 < len(mentions) else None
        before = kept[-1] if kept else None
        if after is not None and after.start == mention.end:
            after.start = mention.start
        elif before is not None and before.demonym and before.end == mention.start:
            before.end = mention.end
        elif mention.cue or _listed_after_a_place(doc, mention.start, place_ends):
            kept.append(mention)
    return kept


def _compass_only(mention: Mention) -> bool:
    return not mention.demonym and all(w in COMPASS_NAME_WORDS for w in mention.text.split())


def _listed_after_a_place(doc: Doc, start: int, place_ends: set[int]) -> bool:
    """The name at `start` closes a list of capitalised names that a place name opens: 'Western' in 'Nyanza,
    Rift Valley, North Eastern and Western'."""
    for _ in range(MAX_LISTED_BEFORE):
        link = _list_link_before(doc, start) if start > 0 else 0
        if not link:
            return False
        end = start = start - link
        while start > 0 and doc[start - 1].is_alpha and doc[start - 1].text[:1].isupper():
            start -= 1
        if start == end:
            return False
        if end in place_ends:
            return True
    return False


def _parts_of_named_countries(mentions: list[Mention]) -> None:
    """'Trinidad' in a report that names Trinidad and Tobago is that country, not Trinidad, Colorado; 'Congo' in
    one that names the Democratic Republic of the Congo is that country, unless the report also names the
    Republic of the Congo as it is called."""
    called = {e for m in mentions if not m.demonym for e in m.candidates
              if e.feature == "country" and _named(e, m.text)}
    parts = {fold(part): e for e in sorted(called, key=lambda e: e.name) for part in _parts_of_a_name(e.name)}
    for mention in mentions:
        country = parts.get(mention.text)
        if country is not None and not any(e.feature == "country" and e in called for e in mention.candidates):
            mention.candidates = [country]


def _parts_of_a_name(name: str) -> list[str]:
    """'Trinidad', 'Tobago' of 'Trinidad and Tobago'; 'Congo' of 'Democratic Republic of the Congo'."""
    if " and " in name:
        return name.split(" and ")
    return [name.rsplit(" of the ", 1)[1]] if " of the " in name else []


def _attach_qualifiers(mentions: list[Mention], doc: Doc) -> None:
    """'Paris, Texas', 'Louisville, Ky.', 'Warwick in Queensland', 'Bocaue, Bulacan': the next place
    qualifies this one when this name has a namesake inside it (so "Ohio, Oregon" in a list of states
    is no pair), and is that division, a county even where a town of its name lies near. A
    country's name takes no country after it: "in Russia, U.S. officials said" is no Russia, Ohio; nor
    does a division's name take its own country: "California, United States" is the state; nor a
    division's name listed among divisions: "Kentucky, Delaware, Ohio and Indiana" are four states."""
    for i, (here, nxt) in enumerate(zip(mentions, mentions[1:])):
        between = doc[here.end:nxt.start]
        if nxt.demonym or len(between) > 1 or (between and between[0].text not in (",", "in", "(")):
            continue
        if not between and here.label == nxt.label == INSIDE:
            continue  # words of one longer name: 'George Washington High School' is no George, Washington
        if _divisions_of_one_country(here, nxt, doc) and _listed_beside_a_division(mentions, i, doc):
            continue
        a_country = any(e.feature == "country" and _named(e, here.text) for e in here.candidates)
        division_of = _division_countries(here)
        here.qualifiers.extend(q for q in nxt.candidates if q.feature in ("country", "admin1", "admin2")
                               and not (q.feature == "country" and (a_country or q.country in division_of))
                               and any(_lies_in(e, q) for e in here.candidates))
        qualified = [e for e in here.candidates if any(_lies_in(e, q) for q in here.qualifiers)]
        counties = all(q.feature == "admin2" for q in here.qualifiers)
        if qualified and (counties or not _a_town_near(nxt, qualified)):
            nxt.qualifies.extend(here.qualifiers)
        if not here.qualifiers and between and between[0].text == ",":
            _place_in_qualifier(here, nxt)


def _said_as_a_division(mention: Mention) -> bool:
    return not mention.demonym and bool(_division_countries(mention))


def _division_countries(mention: Mention) -> set[str | None]:
    """The countries of the countries and first-level divisions the mention is named as."""
    return {e.country for e in mention.candidates if e.feature in ("country", "admin1") and _named(e, mention.text)}


def _divisions_of_one_country(here: Mention, nxt: Mention, doc: Doc) -> bool:
    """Two names of divisions of one country, the second written out ('Delaware, Ohio'; not 'Washington,
    D.C.', where an abbreviation qualifies)."""
    abbreviated = doc[nxt.end - 1].text.endswith(".")
    return not abbreviated and bool(_division_countries(here) & _division_countries(nxt))


def _listed_beside_a_division(mentions: list[Mention], i: int, doc: Doc) -> bool:
    """The pair mentions[i], mentions[i + 1] has another division's name listed just before or after it."""
    before = mentions[i - 1] if i > 0 else None
    after = mentions[i + 2] if i + 2 < len(mentions) else None
    return (before is not None and [t.lower_ for t in doc[before.end:mentions[i].start]] in LIST_LINKS
            and _said_as_a_division(before)
            or after is not None and [t.lower_ for t in doc[mentions[i + 1].end:after.start]] in LIST_LINKS
            and _said_as_a_division(after))


def _a_town_near(mention: Mention, towns: list[Entry]) -> bool:
    """One of the mention's town readings lies within 100 km of one of `towns`: 'New York' after
    'Brooklyn, ' may be the city as well as the state."""
    return any(e.feature == "city" and e.lat is not None and t.lat is not None
               and _rough_km(e.lat, e.lon, t.lat, t.lon) < 100 for e in mention.candidates for t in towns)


def _place_in_qualifier(town: Mention, division: Mention) -> None:
    """'Holliday, Mo.' where the gazetteer holds no Holliday in Missouri: the town lies somewhere in
    that first-level division, which is nearer the truth than a namesake elsewhere. Not after a
    division's or a country's name ("Ohio, Michigan", "Zaire, Sudan" are lists)."""
    if any(e.feature in ("country", "admin1") for e in town.candidates):
        return
    divisions = [q for q in division.candidates if q.feature == "admin1" and q.lat is not None
                 and (_named(q, division.text) or len(division.candidates) == 1)]
    for q in divisions:
        town.candidates.append(_unlisted(town.text.title(), "city", q)._replace(admin2=None))
        town.qualifiers.append(q)


def _lies_in(entry: Entry, division: Entry) -> bool:
    if entry.feature not in ("city", "admin2") or entry.country != division.country:
        return False
    if division.feature == "admin2":
        return entry.feature == "city" and (entry.admin1, entry.admin2) == (division.admin1, division.admin2)
    return division.feature == "country" or entry.admin1 == division.admin1


def _prior(entry: Entry) -> float:
    if entry.feature in FEATURE_PRIOR:
        return FEATURE_PRIOR[entry.feature]
    size = math.log10(entry.population + 10)
    if entry.feature == "admin1":
        return size - 1.0
    if entry.feature == "admin2":
        return size - 2.5
    return size + (1.0 if entry.capital else 0.0)


def _world_city(entry: Entry) -> float:
    """A large city's size counts twice when the report names it as it is called: "London" is London,
    England, unless the report qualifies it."""
    if entry.feature != "city":
        return 0.0
    return max(0.0, math.log10(entry.population + 10) - WORLD_CITY_SIZE)


def _named(entry: Entry, key: str) -> bool:
    """The entry's own name is what the report wrote, give or take punctuation, a type word
    ("Kursk Oblast"), a short form ("St. Petersburg") or a suffix ("Clacton" for "Clacton-on-Sea",
    "Newcastle" for "Newcastle upon Tyne"), not one of its alternate names."""
    name = _spelled_out(_letters(entry.name))
    words = _spelled_out(_letters(key))
    if words.rsplit(" ", 1)[-1] in ADMIN1_CUES and words.rsplit(" ", 1)[0] == name:
        return True
    if name.rsplit(" ", 1)[-1] in COUNTY_WORDS and name.rsplit(" ", 1)[0] == words:
        return True
    if name == words:
        return True
    folded = fold(entry.name)
    return len(words) > 3 and folded.startswith(words) and folded[len(words):].startswith(SUFFIX_LINKS)


@functools.lru_cache(maxsize=100_000)
def _spelled_out(letters: str) -> str:
    return " ".join(SHORT_WORDS.get(word, word) for word in letters.split(" "))


@functools.lru_cache(maxsize=100_000)
def _letters(name: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in fold(name)).split())


@dataclass
class Context:
    """What the rest of the report says: the countries and first-level divisions it names, and
    where its other names could be."""

    countries: Counter = field(default_factory=Counter)
    admin1s: Counter = field(default_factory=Counter)
    divisions: Counter = field(default_factory=Counter)  # admin1s named by divisions, not by towns
    neighbours: Neighbours | None = None
    key: str = ""  # the name being resolved
    written_from: tuple[str, ...] = ()  # the countries whose local news the report is written as
    listed_with: Counter = field(default_factory=Counter)  # (feature, country) of the names listed beside it

    def home_country(self) -> str | None:
        """The country the rest of the report names most, with at least two names' weight."""
        if not self.countries:
            return None
        (country, weight), = self.countries.most_common(1)
        return country if weight >= 2 else None

    def home(self) -> tuple[str, str] | None:
        """The (country, admin1) that at least half the divisions the report names lie in: local news
        is about one ("Ohio", "Warren County"). Towns do not count, their namesakes mislead."""
        if not self.divisions:
            return None
        (division, count), = self.divisions.most_common(1)
        return division if count >= 2 and 2 * count >= self.divisions.total() else None

    def local_home(self) -> tuple[str, str] | None:
        """The home division of a report that names no other country."""
        home = self.home()
        return home if home and all(c == home[0] for c in self.countries if c) else None


class Neighbours:
    """Where every name in the report could be, bucketed by degree: two names that each have a
    candidate near the other's support those two readings ("Springfield" and "Chicopee"); a town
    and a county that could hold it support each other more ("Richmond" and "Madison County")."""

    def __init__(self, by_key: dict[str, list[Mention]], outlet_towns: tuple[Entry, ...] = ()):
        self.cells: dict[tuple[int, int], list[tuple[float, float, str, float]]] = defaultdict(list)
        self.counties: dict[tuple, set[str]] = defaultdict(set)  # (country, admin1, county) -> keys naming it
        self.towns: dict[tuple, set[str]] = defaultdict(set)  # (country, admin1, county) -> keys of towns in it
        self._support: dict[tuple[Entry, str], float] = {}
        for key, mentions in by_key.items():
            points = [e for e in mentions[0].candidates if e.feature in ("city", "admin2") and e.lat is not None]
            weight = 1.0 if len(points) <= 3 else 0.5  # a name with many namesakes says less
            for e in points:
                self.cells[(math.floor(e.lat), math.floor(e.lon))].append((e.lat, e.lon, key, weight))
                if e.admin2 and not all(m.weak for m in mentions):
                    if e.feature == "city":
                        self.towns[_county(e)].add(key)
                    elif _letters(e.name) == _letters(key):  # "Madison County", not "Madison"
                        self.counties[_county(e)].add(key)
        weight = 1.0 if len(outlet_towns) <= 3 else 0.5
        for e in outlet_towns:  # one more name, under its own key: the report naming that town gains nothing
            self.cells[(math.floor(e.lat), math.floor(e.lon))].append((e.lat, e.lon, fold(e.name), weight))

    def county_support(self, entry: Entry, key: str) -> int:
        """How many other names are the county this town lies in, or towns in this county."""
        if not entry.admin2 or entry.feature == "admin2" and _letters(entry.name) != _letters(key):
            return 0
        others = self.counties if entry.feature == "city" else self.towns
        return len(others.get(_county(entry), set()) - {key})

    def support(self, entry: Entry, key: str) -> float:
        """The weight of the other names with a reading within 100 km of this one (at most 3). Asked for
        each reading in every round of _resolve, so worked out once."""
        if (entry, key) not in self._support:
            self._support[(entry, key)] = self._nearby(entry, key)
        return self._support[(entry, key)]

    def _nearby(self, entry: Entry, key: str) -> float:
        best: dict[str, float] = {}
        row, column = math.floor(entry.lat), math.floor(entry.lon)
        for cell in ((row + i, column + j) for i in (-1, 0, 1) for j in (-1, 0, 1)):
            for lat, lon, other, weight in self.cells.get(cell, ()):
                if other != key and weight > best.get(other, 0.0) and _rough_km(entry.lat, entry.lon, lat, lon) < 100:
                    best[other] = weight
        return min(sum(best.values()), 3.0)


def _county(entry: Entry) -> tuple:
    return entry.country, entry.admin1, entry.admin2


class _Scores:
    """How well each reading fits each way a name is written, in the context of the rest of the report:
    what the mention alone says is worked out once, what the rest says again in every round of _resolve."""

    def __init__(self):
        self._fixed: dict[tuple[int, Entry], tuple[float, bool]] = {}

    def score(self, entry: Entry, mention: Mention, context: Context) -> float:
        key = (id(mention), entry)
        if key not in self._fixed:
            self._fixed[key] = _mention_score(entry, mention, context.neighbours, context.key)
        fixed, named = self._fixed[key]
        return fixed + _context_score(entry, mention, named, context)


def _mention_score(entry: Entry, mention: Mention, neighbours: Neighbours | None, key: str) -> tuple[float, bool]:
    """The score of a reading from the name, its cue words and qualifiers, and the report's other names'
    whereabouts; and whether the reading is named as written."""
    named = _named(entry, mention.text)
    score = _prior(entry) + (2.5 + _world_city(entry) if named else 0.0)
    if entry.feature == "admin2" and _letters(entry.name) == _letters(mention.text):
        score += OWN_NAME_COUNTY_BONUS
    if entry.feature in ("city", "admin2") and entry.lat is not None and neighbours:
        score += neighbours.support(entry, key)
        score += COUNTY_BONUS * min(neighbours.county_support(entry, key), 2)
    if any(_lies_in(entry, q) for q in mention.qualifiers):
        score += 6.0
    if entry in mention.qualifies:  # "Ontario" in "Mississauga, Ontario" is the province, not the Californian city
        score += QUALIFYING_BONUS
    if mention.cue in ("admin1", "admin2"):
        score += 4.0 if entry.feature == mention.cue else 0.0
    elif mention.cue == "city":
        score += 2.0 if entry.feature == "city" else 0.0
    elif mention.cue == "dateline":  # "NEW YORK (Reuters)": datelines name cities
        score += 3.0 if entry.feature == "city" else 0.0
    if mention.after_the and entry.feature in ("water", "region"):
        score += AFTER_THE_BONUS
    if mention.area_part and entry.feature in ("country", "admin1", "region"):
        score += AREA_PART_BONUS
    return score, named


def _context_score(entry: Entry, mention: Mention, named: bool, context: Context) -> float:
    """The score of a reading from the countries and divisions the rest of the report is read to name."""
    score = 0.0
    if mention.names_a_body:
        return score
    if context.countries[entry.country]:
        score += 2.0 + min(context.countries[entry.country], 5) * 0.3
    same_admin1 = context.admin1s[(entry.country, entry.admin1)] if entry.admin1 else 0
    if same_admin1:
        score += 1.5 + 0.5 * min(same_admin1, 4)
        if named and entry.feature in ("city", "admin2") and (entry.country, entry.admin1) == context.home():
            score += HOME_BONUS
    # A town called by its own name: 'Oklahoma teachers' are the state's, not Oklahoma City's.
    if mention.local and named and entry.feature == "city" and (entry.country == context.home_country()
                                                             or entry.country in context.written_from):
        score += HOME_TOWN_BONUS
    if entry.feature in LIST_FEATURES and context.listed_with[(entry.feature, entry.country)]:
        score += LIST_BONUS
    return score


def _rough_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: close enough below a few hundred kilometres."""
    x = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 111.2 * math.hypot(x, lat2 - lat1)


class Outlet(NamedTuple):
    """What the web address of the outlet that published a report says of where it is."""

    country: str | None = None  # from its country domain: 'lfpress.ca' is Canadian
    towns: tuple[Entry, ...] = ()  # the towns its site is named after: 'richmondregister.com' is a Richmond's


def _outlet(url: str | None, gaz: Gazetteer) -> Outlet:
    labels = (urlsplit(url or "").hostname or "").split(".")
    if len(labels) < 2:
        return Outlet()
    generic = labels[-2] in GENERIC_SECOND_LEVEL and len(labels[-1]) == 2 and len(labels) > 2
    country = _domain_country(labels[-1])
    towns = _masthead_towns(labels[-3] if generic else labels[-2], gaz)
    return Outlet(country, tuple(e for e in towns if e.country == country) if country else towns)


def _domain_country(domain: str) -> str | None:
    """'ca' is Canada's, 'uk' Britain's; '.com' and the vanity domains say nothing."""
    if len(domain) != 2 or domain in VANITY_DOMAINS:
        return None
    country = pycountry.countries.get(alpha_2="GB" if domain == "uk" else domain.upper())
    return country.alpha_3 if country else None


def _masthead_towns(site: str, gaz: Gazetteer) -> tuple[Entry, ...]:
    """The towns called as a site named after its town is: 'middletownpress', 'cambridge-news',
    'thelancasterandmorecambecitizen'; the name alone, or followed by a newspaper's word."""
    first = site.split("-")[0].removeprefix("the")
    for end in range(len(first), 3, -1):
        name, rest = first[:end], first[end:]
        if name in COMMON_WORDS or rest and not rest.startswith(MASTHEAD_WORDS):
            continue
        towns = tuple(e for e in _likeliest(gaz, name) if e.feature == "city" and _named(e, name))
        if towns:
            return towns
    return ()


def _resolve(mentions: list[Mention], doc: Doc, outlet: Outlet = Outlet()) -> dict[str, Entry]:
    """One entry per name: priors first, then twice more with the rest of the report, and where the
    outlet that published it is, as context."""
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if not mention.demonym:
            by_key[mention.key].append(mention)
    demonym_countries = Counter(m.candidates[0].country for m in mentions if m.demonym)
    if outlet.country:
        demonym_countries[outlet.country] += PUBLISHER_WEIGHT
    scored = {key: _differently_scored(ms) for key, ms in by_key.items()}
    listed = _listed_together(mentions, doc)

    neighbours = Neighbours(by_key, outlet.towns)
    scores = _Scores()

    def best(key: str, context: Context, claimed: dict[Entry, str] | None = None) -> Entry:
        contenders = _contenders(by_key[key], context)
        text = by_key[key][0].text
        free = [e for e in contenders if not _claimed_by_another(e, text, claimed or {})] or contenders
        return max(free, key=lambda e: max(scores.score(e, m, context) for m in scored[key]))

    written_from = NORTH_AMERICA if not outlet.country and (
        _local_news_of_north_america(mentions, doc) or _local_news_of_its_masthead_town(mentions, outlet)) else ()
    chosen = {key: best(key, Context(neighbours=neighbours, key=key, written_from=written_from)) for key in by_key}
    if not outlet.country and _read_abroad_but_written_as_north_american(chosen, by_key, doc):
        for country in _north_american_countries(text_of(doc)):
            demonym_countries[country] += PUBLISHER_WEIGHT
    for _ in range(2):
        claimed = _claimed_towns(chosen, by_key)
        contexts = _contexts(chosen, by_key, demonym_countries, neighbours, listed, written_from)
        chosen = {key: best(key, contexts[key], claimed) for key in by_key}
    return chosen


def _as_qualified(mention: Mention, entry: Entry, read_as: set[Entry]) -> Entry:
    """The reading inside the mention's own qualifier: 'Washington, D.C.' is the capital though the report's
    other 'Washington's are the state. Only a qualifier the report's reading of the next name agrees with:
    'New York City, Long Island' is a list, not a town in the Bahamas' Long Island."""
    qualifiers = [q for q in mention.qualifiers if q in read_as]
    if not qualifiers or any(_lies_in(entry, q) for q in qualifiers):
        return entry
    inside = [e for e in mention.candidates if any(_lies_in(e, q) for q in qualifiers)]
    return max(inside, key=_prior, default=entry)


def _read_abroad_but_written_as_north_american(chosen: dict[str, Entry], by_key: dict[str, list[Mention]],
                                               doc: Doc) -> bool:
    """No name is read, by its size alone, as a North American place though some could be one, and the
    report is written as North American local news is (NORTH_AMERICAN_PHRASES, ...): 'Berea police' with
    'call 986-8456' is Berea, Kentucky. The text is searched only for such reports."""
    if any(e.country in NORTH_AMERICA for e in chosen.values()):
        return False
    if not any(e.country in NORTH_AMERICA for ms in by_key.values() for e in ms[0].candidates):
        return False
    return _written_as_north_american(text_of(doc))


def _north_american_countries(text: str) -> tuple[str, ...]:
    """The countries a North American report's phone numbers are in, by their area codes: '(519) 661-5670' is
    a Canadian number; without area codes, either country."""
    codes = set(AREA_CODE_PATTERN.findall(text))
    if not codes:
        return NORTH_AMERICA
    canadian = codes & CANADIAN_AREA_CODES
    return ("CAN",) if canadian == codes else ("USA",) if not canadian else NORTH_AMERICA


def _local_news_of_north_america(mentions: list[Mention], doc: Doc) -> bool:
    """The report names a town as local news names its own ('Paris City Council', 'Athens residents'), some
    North American town could be it, and the report is written as North American local news is: such a town
    is a North American one, though a world city abroad has its name."""
    if not any(m.local and any(e.country in NORTH_AMERICA for e in m.candidates) for m in mentions):
        return False
    if any(m.cue == "dateline" and m.end < len(doc) and doc[m.end].text in DASHES for m in mentions):
        return True  # 'MANSFIELD — The City Council': a dateline of its town alone, then a dash
    text = text_of(doc)
    return _written_as_north_american(text) or any(phrase in text for phrase in NORTH_AMERICAN_LOCAL_PHRASES)


def _local_news_of_its_masthead_town(mentions: list[Mention], outlet: Outlet) -> bool:
    """A site on a generic domain named after a town ('salemherald.com') names that town as local news names
    its own ('City of Salem residents'): a North American local paper, as such sites are; elsewhere local
    papers keep to their country's domain ('oxfordmail.co.uk')."""
    towns = set(outlet.towns)
    return any(m.local and any(e in towns and e.country in NORTH_AMERICA for e in m.candidates) for m in mentions)


def _written_as_north_american(text: str) -> bool:
    return (any(phrase in text for phrase in NORTH_AMERICAN_PHRASES) or STREET_ADDRESS_PATTERN.search(text) is not None
            or SEVEN_DIGIT_END_PATTERN.search(text) is not None and PHONE_NUMBER_PATTERN.search(text) is not None)


def _claimed_towns(chosen: dict[str, Entry], by_key: dict[str, list[Mention]]) -> dict[Entry, str]:
    """The small towns the report's names mean as they are called, with the name that calls them."""
    return {e: by_key[key][0].text for key, e in chosen.items()
            if e.feature in ("city", "admin2") and e.population < LARGE_CITY and _named(e, by_key[key][0].text)}


def _claimed_by_another(entry: Entry, text: str, claimed: dict[Entry, str]) -> bool:
    """'Mecca' is no Medina, Ohio (an alternate name of it) in a report that names Medina: two
    unrelated names rarely mean one small town ("Avondale" and "Avondale Estates" may)."""
    claimer = claimed.get(entry)
    return claimer is not None and not _named(entry, text) and not set(claimer.split()) & set(text.split())


def _listed_together(mentions: list[Mention], doc: Doc) -> dict[str, set[str]]:
    """The names each name is listed beside ("California or Washington", "Oregon, Idaho and
    Washington"): a list names places of one kind."""
    listed: dict[str, set[str]] = defaultdict(set)
    for here, nxt in zip(mentions, mentions[1:]):
        if nxt.start - here.end > 2 or here.demonym or nxt.demonym or here.key == nxt.key:
            continue
        if [t.lower_ for t in doc[here.end:nxt.start]] not in LIST_LINKS:
            continue
        listed[here.key].add(nxt.key)
        listed[nxt.key].add(here.key)
    return listed


def _differently_scored(mentions: list[Mention]) -> list[Mention]:
    """One mention for each way _Scores can read a name's mentions: a name named ten times the same way
    is scored once."""
    distinct: dict[tuple, Mention] = {}
    for mention in mentions:
        distinct.setdefault((mention.text, mention.cue, mention.local, mention.after_the, mention.area_part,
                             mention.names_a_body, tuple(mention.qualifiers), tuple(mention.qualifies)), mention)
    return list(distinct.values())


def _contenders(mentions: list[Mention], context: Context) -> list[Entry]:
    """A name that is also a country's or a first-level division's means that division, unless the
    report qualifies it ("China, Maine"), a large city has that very name ("New York"; not
    "Mexico" for Mexico City), a town of that name lies in a county the report names ("Palestine"
    and "Anderson County"), near the report's other places in a report naming nothing else in the
    division's country ("Nelson" beside Castlegar) or, for a country's name, in the division
    the report is about ("Lebanon" in Ohio news) or, for a foreign division's name, in the country whose local
    news names it as its own town ("Jordan residents" beside a sheriff's office)."""
    candidates = mentions[0].candidates
    if any(m.qualifiers for m in mentions):
        return list(dict.fromkeys(e for m in mentions for e in m.candidates))
    key = mentions[0].text
    divisions = [e for e in candidates if e.feature == "country" or e.feature == "admin1" and _named(e, key)]
    if not divisions:
        return candidates
    country_named = any(e.feature == "country" and _named(e, key) for e in candidates)
    home, neighbours = context.local_home(), context.neighbours
    abroad = not any(context.countries[d.country] for d in divisions)
    local = any(m.local for m in mentions)
    home_division_named = any(d.country in context.written_from for d in divisions)
    return [e for e in candidates if e.feature not in ("city", "admin2")
            or e.population >= LARGE_CITY and (_named(e, key) or not country_named)
            or _named(e, key) and (country_named and (e.country, e.admin1) == home
                                   or neighbours.county_support(e, context.key)
                                   or local and e.country in context.written_from and not home_division_named
                                   or abroad and not country_named and context.countries[e.country]
                                   and (local or neighbours.support(e, context.key) >= 1))]


def _contexts(chosen: dict[str, Entry], by_key: dict[str, list[Mention]], demonym_countries: Counter,
              neighbours: Neighbours, listed: dict[str, set[str]], written_from: tuple[str, ...]) -> dict[str, Context]:
    """Each name's context: where the report's other names were read to be. The votes are tallied once and each
    name's own taken back out: tallying the others anew for each name cost the square of their number, and a
    report may name hundreds. A tie between counts goes to the one first counted in the report."""
    votes = {key: sum(m.vote for m in by_key[key]) for key in chosen}
    whole = Context(countries=Counter(demonym_countries))
    for key, entry in chosen.items():
        _vote(whole, entry, votes[key])
    contexts = {}
    for key, entry in chosen.items():
        context = contexts[key] = Context(countries=whole.countries.copy(), admin1s=whole.admin1s.copy(),
                                          divisions=whole.divisions.copy(), neighbours=neighbours, key=key,
                                          written_from=written_from)
        _vote(context, entry, -votes[key])
        if others := listed.get(key):
            context.listed_with.update((chosen[other].feature, chosen[other].country) for other in others)
    return contexts


def _vote(context: Context, entry: Entry, weight: float) -> None:
    """Count a reading's weight toward its country and divisions; a count taken back to nothing is dropped, as
    if never counted (votes are multiples of a quarter: the sums are exact)."""
    counts = [(context.countries, entry.country)]
    if entry.admin1:
        counts.append((context.admin1s, (entry.country, entry.admin1)))
        if entry.feature in ("admin1", "admin2"):
            counts.append((context.divisions, (entry.country, entry.admin1)))
    for counter, place in counts:
        counter[place] += weight
        if not counter[place]:
            del counter[place]


def _is_metonym(span: SpacySpan, entry: Entry) -> bool:
    """A country or capital standing for its government: 'Pyongyang sent', 'Moscow's military'."""
    if entry.feature != "country" and not entry.capital:
        return False
    head = span.root
    if head.dep_ in METONYM_DEPS:
        return True
    if head.dep_ == "conj" and head.head.dep_ in METONYM_DEPS:
        return True
    if head.dep_ == "pobj" and head.head.lower_ in METONYM_PREPS:
        return True
    return head.dep_ == "conj" and head.head.dep_ == "pobj" and head.head.head.lower_ in METONYM_PREPS
