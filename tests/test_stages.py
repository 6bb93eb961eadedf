"""Each stage on sentences written for these tests, through the real pipeline."""


def by_text(items, text):
    return next(item for item in items if item["text"] == text)


def test_places_resolves_towns_the_model_mislabels(read):
    doc = read("Ukrainian troops advanced near Kursk while Russian strikes hit the Sumy region.")
    kursk, sumy = by_text(doc["places"], "Kursk"), by_text(doc["places"], "Sumy")
    assert (kursk["country"], kursk["role"]) == ("RUS", "location")
    assert sumy["country"] == "UKR"
    assert abs(kursk["lat"] - 51.7) < 1 and abs(sumy["lon"] - 34.8) < 1


def test_places_capital_as_subject_is_a_metonym(read):
    doc = read("Pyongyang sent troops to Russia, and Moscow signed a pact with North Korea.")
    assert by_text(doc["places"], "Pyongyang")["role"] == "metonym"
    assert by_text(doc["places"], "Moscow")["role"] == "metonym"


def test_times_absolute_and_relative_dates(read):
    doc = read("The attack happened on December 26, 2024. Officials met yesterday.", published="2025-01-10")
    assert by_text(doc["times"], "December 26, 2024")["value"] == "2024-12-26"
    yesterday = by_text(doc["times"], "yesterday")
    assert (yesterday["value"], yesterday["anchor"]) == ("2025-01-09", "published")


def test_times_durations(read):
    doc = read("He died less than 24 hours after the battle.")
    duration = next(t for t in doc["times"] if t["type"] == "DURATION")
    assert duration["value"] == "PT24H"


def test_actors_country_and_sector_from_demonyms_and_titles(read):
    doc = read("Ukrainian President Volodymyr Zelensky said North Korean soldiers were killed by Ukrainian special forces.")
    zelensky = by_text(doc["actors"], "Volodymyr Zelensky")
    assert (zelensky["country"], zelensky["kind"]) == ("UKR", "person")
    soldiers = next(a for a in doc["actors"] if "soldiers" in a["text"])
    assert (soldiers["country"], soldiers["sector"]) == ("PRK", "MIL")


def test_events_passive_capture_has_both_sides(read):
    doc = read("A North Korean soldier was captured by Ukrainian special forces near Kursk.")
    actors = {a["id"]: a for a in doc["actors"]}
    event = next(e for e in doc["events"] if e["type"] == "ASSAULT")
    assert event["mode"] == "abduct"
    assert {actors[i]["country"] for i in event["actor"]} == {"UKR"}
    assert {actors[i]["country"] for i in event["recipient"]} == {"PRK"}


def test_events_negated_status(read):
    doc = read("The army did not attack the village.")
    assert next(e for e in doc["events"] if e["type"] == "ASSAULT")["status"] == "negated"
