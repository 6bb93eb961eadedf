"""The actors stage on sentences written for these tests, through the real pipeline."""
import pytest


def by_text(items, text):
    return next(item for item in items if item["text"] == text)


def test_country_and_sector_from_demonyms_and_titles(read):
    doc = read("Ukrainian President Volodymyr Zelensky said North Korean soldiers were killed by Ukrainian special forces.")
    zelensky = by_text(doc["actors"], "Volodymyr Zelensky")
    assert (zelensky["country"], zelensky["kind"]) == ("UKR", "person")
    soldiers = next(a for a in doc["actors"] if "soldiers" in a["text"])
    assert (soldiers["country"], soldiers["sector"]) == ("PRK", "MIL")


@pytest.mark.parametrize("text, name, sector", [
    ("UN Secretary-General Antonio Guterres condemned the attack.", "Antonio Guterres", "IGO"),  # a known UN chief
    ("Arab League Secretary General Chadli Klibi met the envoy.", "Chadli Klibi", "GOV"),
])
def test_a_secretary_general_is_no_soldier(read, text, name, sector):
    assert by_text(read(text)["actors"], name)["sector"] == sector


@pytest.mark.parametrize("text, name, sector", [
    ("Lt. Gen. Roberto Avila resigned on Monday to allow elections in Haiti.", "Roberto Avila", "MIL"),
    ("Gov. Maria Castell vetoed the bill in the state capital.", "Maria Castell", "GOV"),
])
def test_an_abbreviated_title_names_the_sector(read, text, name, sector):
    assert by_text(read(text)["actors"], name)["sector"] == sector


def test_an_official_titled_by_an_organisation_belongs_to_it(read):
    doc = read("Arab League Secretary General Chadli Klibi arrived in Damascus for talks with Syria.")
    assert by_text(doc["actors"], "Chadli Klibi")["country"] == "IGO"


def test_a_general_is_a_soldier(read):
    doc = read("Ukrainian General Valery Zaluzhny said troops advanced.")
    assert by_text(doc["actors"], "Valery Zaluzhny")["sector"] == "MIL"


def test_acronym_defined_in_the_text_means_the_full_name(read):
    doc = read("The State Border Guard Service of Ukraine (DPSU) said the DPSU detained two smugglers.")
    later = [a for a in doc["actors"] if a["text"] == "DPSU"]
    assert later and all(a["country"] == "UKR" for a in later)


def test_a_wire_dateline_names_where_the_report_was_filed_not_who_acted(read):
    doc = read("DEIR EZ-ZOR, Syria (Reuters) - Gunmen attacked a checkpoint, killing three soldiers.")
    actors = {actor["id"]: actor["text"] for actor in doc["actors"]}
    assert "DEIR EZ-ZOR" not in actors.values()
    assert {actors[a] for event in doc["events"] for a in event["actor"]} == {"Gunmen"}
    united_nations = read("UNITED NATIONS, Nov 3 (Reuters) - The Security Council condemned the attack.")
    assert [actor["text"] for actor in united_nations["actors"]] == ["The Security Council"]
    assert united_nations["places"] == []


def test_an_acronym_opening_a_sentence_is_still_an_actor(read):
    for text in ("NATO, meanwhile, said it would send more troops to Estonia.",
                 "NATO, Britain and France agreed to send more troops to Estonia.",
                 "ISIS (Islamic State) fighters attacked a checkpoint near Raqqa."):
        assert read(text)["actors"][0]["text"] in ("NATO", "ISIS")


def test_capital_standing_for_its_state_is_a_state_actor(read):
    doc = read("Pyongyang sent troops to Russia last year.")
    pyongyang = by_text(doc["actors"], "Pyongyang")
    assert (pyongyang["country"], pyongyang["kind"]) == ("PRK", "state")


def test_pronoun_takes_the_country_of_the_person_it_means(read):
    doc = read("Israeli Defence Minister Yoav Gallant visited the border. He ordered an attack on the town.")
    he = by_text(doc["actors"], "He")
    gallant = by_text(doc["actors"], "Yoav Gallant")
    assert he["country"] == "ISR" and he["antecedents"] == [gallant["id"]]


def test_both_regimes_means_the_two_states_named_before(read):
    doc = read("Ties between Tehran and Moscow have grown. Both governments signed a treaty in March.")
    both = by_text(doc["actors"], "Both governments")
    meant = {a["id"]: a["country"] for a in doc["actors"]}
    assert sorted(meant[i] for i in both["antecedents"]) == ["IRN", "RUS"]


def test_civilians_belong_to_the_country_where_they_are(read):
    doc = read("Shelling in Kharkiv wounded five civilians on Monday.")
    civilians = next(a for a in doc["actors"] if "civilians" in a["text"])
    assert (civilians["country"], civilians["sector"]) == ("UKR", "CVL")


def test_organisation_noun_modifying_an_event_is_an_actor(read):
    doc = read("Recent Russian military operations intensified along the border.")
    military = by_text(doc["actors"], "Russian military")
    assert (military["country"], military["sector"]) == ("RUS", "MIL")


def test_generic_participants_of_an_event_are_actors(read):
    doc = read("Gunmen attacked the villagers and their guards.")
    texts = {a["text"] for a in doc["actors"]}
    assert {"Gunmen", "the villagers"} <= texts


def test_official_without_a_country_takes_the_one_the_sentence_is_about(read):
    doc = read("President Yoweri Museveni threatened to ban Ugandan opposition candidates.")
    assert by_text(doc["actors"], "Yoweri Museveni")["country"] == "UGA"


def test_perpetrators_and_the_coalition_are_armed_actors(read):
    doc = read("The coalition said the kidnappers and a terrorist were still at large.")
    sectors = {a["text"]: a["sector"] for a in doc["actors"]}
    assert sectors.get("The coalition") == "MIL"
    assert sectors.get("the kidnappers") == "UAF"
    assert sectors.get("a terrorist") == "REB"


def test_civilians_in_a_long_report_belong_to_their_own_sentence_country(read):
    towns = {"Kharkiv": "UKR", "Aleppo": "SYR", "Mosul": "IRQ", "Kandahar": "AFG"}
    doc = read(" ".join([f"Civilians fled the shelling in {town} on Monday." for town in towns] * 3))
    civilians = [a for a in doc["actors"] if a["text"] == "Civilians"]
    assert [a["country"] for a in civilians] == list(towns.values()) * 3


def test_a_known_group_is_known_however_its_name_is_joined_or_tagged(read):
    doc = read("Al Shabaab fighters attacked a base. Al-Shabaab militants ambushed a convoy. "
               "The Islamic State claimed the attack. Hayat Tahrir al-Sham fighters shelled a village.")
    countries = {actor["text"]: actor["country"] for actor in doc["actors"]}
    assert countries["Al Shabaab fighters"] == countries["Al-Shabaab militants"] == "SOM"
    assert countries["Islamic State"] == "IMG"
    assert countries["Hayat Tahrir al-Sham fighters"] == "SYR"


def test_a_known_name_within_a_longer_one_is_not_that_name(read):
    doc = read("A former National Security Council official criticised the strike.")
    assert all(actor["country"] != "IGO" for actor in doc["actors"])


def test_a_group_takes_the_country_its_modifiers_or_owner_name(read):
    doc = read("The Mozambique government accepted the demands. Ivory Coast rebels rejected the plan. "
               "North Korea's army fired missiles. A group of Moroccan diplomats met the minister.")
    countries = {actor["text"]: actor["country"] for actor in doc["actors"]}
    assert countries["The Mozambique government"] == "MOZ"
    assert countries["Ivory Coast rebels"] == "CIV"
    assert countries["North Korea's army"] == "PRK"
    assert countries["A group"] == "MAR"


def test_an_organisation_takes_no_country_from_across_a_comma(read):
    doc = read("The United States sent aid to Albania, the Washington Post reported. "
               "Protesters attacked the Iraqi Interior Ministry.")
    countries = {actor["text"]: actor["country"] for actor in doc["actors"]}
    assert countries["the Washington Post"] != "ALB"
    assert countries["the Iraqi Interior Ministry"] == "IRQ"


def test_an_organisation_ending_the_report_after_a_comma_is_read(read):
    doc = read("A bomb exploded near the offices of the newspaper, Haaretz")
    assert by_text(doc["actors"], "Haaretz")["country"] is None


def test_a_known_leader_keeps_his_own_country_among_other_peoples(read):
    doc = read("Moroccan diplomats met President Obama, and the German government welcomed Reagan's statement.")
    countries = {actor["text"]: actor["country"] for actor in doc["actors"]}
    assert (countries["Obama"], countries["Reagan"]) == ("USA", "USA")


def test_a_group_named_by_where_it_is_belongs_to_that_country(read):
    doc = read("The government said Darfur rebels attacked a convoy near El Fasher in Sudan.")
    rebels = by_text(doc["actors"], "Darfur rebels")
    assert rebels["country"] == "SDN"
