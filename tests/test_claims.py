"""Claims: counts of people as ranges, with the approximation each form of words implies."""
import pytest


def test_claims_casualties_with_source_and_band(read):
    doc = read("Ukrainian President Volodymyr Zelensky said over 3,000 North Korean soldiers have been killed or injured.")
    claim = next(c for c in doc["claims"] if c["measure"] == "killed_or_injured")
    assert (claim["value"]["low"], claim["value"]["high"], claim["value"]["approx"]) == (3001, None, "over")
    assert claim["subject"]["country"] == "PRK"
    attribution = next(a for a in doc["attributions"] if a["id"] == claim["source"])
    assert "Zelensky" in attribution["source"]["text"]


@pytest.mark.parametrize("sentence, measure, text, low, high, approx", [
    ("Officials said over 3,000 soldiers were killed or injured.", "killed_or_injured", "over 3,000", 3001, None, "over"),
    ("The army reported about 1,000 casualties.", "killed_or_injured", "about 1,000", 900, 1100, "about"),
    ("At least 12 civilians were injured in the strike.", "injured", "At least 12", 12, None, "at_least"),
    ("Nearly two thousand people were displaced by the fighting.", "displaced", "Nearly two thousand", 1800, 2000,
     "under"),
    ("Between 20 and 30 soldiers were captured near the border.", "captured", "Between 20 and 30", 20, 30, "range"),
    ("Dozens of civilians were killed in the shelling.", "killed", "Dozens", 24, 99, "vague"),
    ("Hundreds of people are missing after the attack.", "missing", "Hundreds", 200, 999, "vague"),
    ("The war has displaced 1.5 million people.", "displaced", "1.5 million", 1_500_000, 1_500_000, "exact"),
    ("A dozen soldiers were wounded.", "injured", "A dozen", 12, 12, "exact"),
    ("Up to 50 people were killed.", "killed", "Up to 50", None, 50, "at_most"),
    ("Russia has deployed 50,000 troops to the region.", "troops", "50,000", 50_000, 50_000, "exact"),
])
def test_claims_every_approximation_form(read, sentence, measure, text, low, high, approx):
    claim = next(c for c in read(sentence)["claims"] if c["measure"] == measure)
    assert claim["value"] == {"text": text, "low": low, "high": high, "approx": approx}


def test_claims_the_dead_and_the_wounded_counted_apart(read):
    doc = read("At least 15 people were killed and 40 wounded when gunmen stormed a market. "
               "Over 3,000 were killed or injured in the fighting.")
    assert [(c["value"]["text"], c["measure"]) for c in doc["claims"]] == [
        ("At least 15", "killed"), ("40", "injured"), ("Over 3,000", "killed_or_injured")]
    quake = read("Two strong earthquakes struck Iran, leaving at least 180 people dead and more than 1,300 injured.")
    assert [(c["value"]["text"], c["measure"]) for c in quake["claims"]] == [
        ("at least 180", "killed"), ("more than 1,300", "injured")]


def test_claims_in_a_lede_after_a_wire_dateline(read):
    doc = read("MOGADISHU, Feb 3 (Reuters) - At least 15 people were killed and 40 wounded when a suicide bomber "
               "blew himself up at a market.")
    assert [(c["value"]["text"], c["measure"]) for c in doc["claims"]] == [("At least 15", "killed"), ("40", "injured")]
    places = {p["id"]: p["text"] for p in doc["places"]}
    assert {places.get(e["place"]) for e in doc["events"]} == {"MOGADISHU"}  # the dateline, as the lede names no place


def test_claims_in_the_reports_own_voice_have_no_source(read):
    claim = read("Twelve civilians were killed in the strike.")["claims"][0]
    assert claim["source"] is None


def test_claims_the_counted_people_are_the_subject(read):
    claim = read("Dozens of Ukrainian civilians were killed in the shelling.")["claims"][0]
    assert (claim["subject"]["country"], claim["subject"]["sector"]) == ("UKR", "CVL")


def test_claims_troops_without_a_demonym_belong_to_the_deployer(read):
    claim = next(c for c in read("Russia has deployed 50,000 troops to the region.")["claims"] if c["measure"] == "troops")
    assert (claim["subject"]["country"], claim["subject"]["sector"]) == ("RUS", "MIL")


def test_claims_arrests_count_people_taken_and_point_at_the_arrest(read):
    doc = read("Police fired tear gas at the demonstrators and arrested 23 people, a police statement said.")
    claim = next(c for c in doc["claims"] if c["measure"] == "captured")
    event = next(e for e in doc["events"] if e["id"] == claim["event"])
    assert claim["value"]["low"] == 23 and event["type"] == "COERCE"


@pytest.mark.parametrize("sentence, measure, low", [
    ("The health ministry put the death toll at 40.", "killed", 40),
    ("Officials said the toll had risen to 55.", "killed", 55),
    ("The casualty toll is 70, according to a hospital.", "killed_or_injured", 70),
])
def test_claims_a_toll_given_a_figure(read, sentence, measure, low):
    claim = next(c for c in read(sentence)["claims"] if c["measure"] == measure)
    assert claim["value"]["low"] == low


def test_claims_a_later_toll_counts_the_dead_of_the_attack_told_before(read):
    doc = read("Gunmen attacked a village in Zamfara on Monday, killing at least 22 people, police said. "
               "A local official said the toll had risen to 55. Residents said the toll was 30.")
    attack = next(e for e in doc["events"] if e["type"] == "ASSAULT")
    tolls = [c for c in doc["claims"] if c["measure"] == "killed"]
    assert [c["value"]["low"] for c in tolls] == [22, 55, 30]
    assert {c["event"] for c in tolls} == {attack["id"]}
    dispute, = doc["disputes"]
    assert sorted(c["value"]["low"] for c in tolls if c["id"] in dispute["claims"]) == [30, 55]


def test_claims_a_toll_estimated_is_the_estimators_and_one_of_a_figure_counts_too(read):
    doc = read("Gunmen killed 22 people in Zamfara on Monday, police said. Amnesty International estimated the toll "
               "at 60. The governor gave a toll of 35.")
    sixty, = [c for c in doc["claims"] if c["value"]["low"] == 60]
    estimate = next(a for a in doc["attributions"] if a["id"] == sixty["source"])
    assert estimate["source"]["text"] == "Amnesty International"
    assert [c["measure"] for c in doc["claims"] if c["value"]["low"] == 35] == ["killed"]
