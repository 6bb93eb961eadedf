"""Places: detection beyond GPE, resolution in context, metonyms, and the gazetteer itself."""
from spacy.tokens import Span as SpacySpan

from dateline import gazetteer, nlp
from dateline.stages.places import _attach_qualifiers, _mentions


def by_text(items, text):
    return next(item for item in items if item["text"] == text)


def test_places_resolves_towns_the_model_mislabels(read):
    doc = read("Ukrainian troops advanced near Kursk while Russian strikes hit the Sumy region.")
    kursk, sumy = by_text(doc["places"], "Kursk"), by_text(doc["places"], "Sumy")
    assert (kursk["country"], kursk["role"], kursk["admin1"]) == ("RUS", "location", "Kursk")
    assert (sumy["country"], sumy["feature"], sumy["admin1"]) == ("UKR", "admin1", "Sumy")
    assert abs(kursk["lat"] - 51.7) < 1 and abs(sumy["lon"] - 34.5) < 1


def test_places_capital_as_subject_is_a_metonym(read):
    doc = read("Pyongyang sent troops to Russia, and Moscow signed a pact with North Korea.")
    assert by_text(doc["places"], "Pyongyang")["role"] == "metonym"
    assert by_text(doc["places"], "Moscow")["role"] == "metonym"


def test_places_division_forms_and_cue_words(read):
    doc = read("Shelling continued in Kursk Oblast and in the Donetsk region, officials in the city of Sumy said.")
    assert by_text(doc["places"], "Kursk Oblast")["feature"] == "admin1"
    assert by_text(doc["places"], "Donetsk")["feature"] == "admin1"
    assert by_text(doc["places"], "Sumy")["feature"] == "city"


def test_places_all_caps_dateline(read):
    doc = read("KYIV, Dec 27 (Reuters) - Drones struck an energy facility overnight, the ministry said.")
    kyiv = by_text(doc["places"], "KYIV")
    assert (kyiv["name"], kyiv["country"]) == ("Kyiv", "UKR")


def test_places_a_capital_in_the_dateline_is_where_the_report_was_filed(read):
    doc = read("MOSCOW, March 3 (Reuters) - Russia said on Monday it had shot down 20 drones over the Belgorod region.")
    assert by_text(doc["places"], "MOSCOW")["role"] == "location"
    assert "MOSCOW" not in {actor["text"] for actor in doc["actors"]}


def test_places_names_in_scripts_without_capitals(read):
    doc = read("Shelling hit دمشق and حلب on Monday, and protesters marched in 北京, shouting 'الله أكبر'.")
    names = {place["text"]: (place["name"], place["country"]) for place in doc["places"]}
    assert names == {"دمشق": ("Damascus", "SYR"), "حلب": ("Aleppo", "SYR"), "北京": ("Beijing", "CHN")}


def test_places_state_qualifier_picks_the_namesake(read):
    doc = read("The fire broke out in Paris, Texas, late on Sunday. Crews from Louisville, Ky., helped.")
    assert (by_text(doc["places"], "Paris")["country"], by_text(doc["places"], "Paris")["admin1"]) == ("USA", "Texas")
    assert by_text(doc["places"], "Louisville")["admin1"] == "Kentucky"
    assert by_text(doc["places"], "Ky.")["feature"] == "admin1"


def test_places_a_division_followed_by_its_own_country_is_that_division(read):
    doc = read("Wildfires burned across California, United States, for a third week, officials said.")
    california = by_text(doc["places"], "California")
    assert (california["feature"], california["country"], california["admin1"]) == ("admin1", "USA", "California")


def test_places_a_house_named_for_a_person_is_a_building_in_its_town(read):
    doc = read("Volunteers gathered at the Harriet Clinton House in Belfast on Sunday.")
    house = by_text(doc["places"], "Harriet Clinton House")
    assert (house["feature"], house["country"], house["admin1"]) == ("landmark", "GBR", "Northern Ireland")
    assert not any(place["text"] == "Clinton" for place in doc["places"])
    doc = read("DENVER (AP) — Aides at the White House said the governor would visit on Friday.")
    assert all(place["text"] != "White House" for place in doc["places"])


def test_places_a_states_house_is_its_legislature_standing_for_the_state(read):
    doc = read("The West Virginia House passed the budget on Tuesday, and lawmakers in Charleston went home.")
    state = by_text(doc["places"], "West Virginia")
    assert (state["feature"], state["admin1"]) == ("admin1", "West Virginia")


def test_places_the_state_capitol_is_a_building_in_the_reports_town(read):
    doc = read("DENVER (AP) — Hundreds of nurses rallied at the state Capitol on Monday, and more marched to the "
               "Capitol the next day. Denver police closed two streets.")
    capitols = [place for place in doc["places"] if place["text"] == "Capitol"]
    assert len(capitols) == 2
    assert all((place["feature"], place["admin1"]) == ("landmark", "Colorado") for place in capitols)
    assert all(place["text"] != "Capitol" for place in read("Senators met the nurses on Capitol Hill.")["places"])


def test_places_states_listed_together_are_no_town_and_its_qualifier(read):
    delaware = by_text(read("Sick cattle turned up in Kentucky, Delaware, Ohio and Indiana.")["places"], "Delaware")
    assert (delaware["feature"], delaware["admin1"]) == ("admin1", "Delaware")
    washington = by_text(read("Inspectors from Florida and Washington, D.C. arrived.")["places"], "Washington")
    assert (washington["feature"], washington["admin1"]) == ("city", "Washington, D.C.")


def test_places_words_of_one_longer_name_are_no_town_and_its_qualifier():
    doc = nlp.load()("A counselor at George Washington High School said the plan would hurt students.")
    mentions = [m for m in _mentions(doc, gazetteer.load()) if m.text in ("george", "washington")]
    _attach_qualifiers(mentions, doc)
    assert [m.text for m in mentions] == ["george", "washington"]
    assert all(not m.qualifiers and not m.qualifies for m in mentions)


def test_places_a_name_runs_through_the_particles_of_romance_place_names(read):
    doc = read("Four cases were confirmed in Santa Catarina and one apiece in Rio Grande do Sul, Tocantins and Minas "
               "Gerais. The outbreak reached Mato Grosso do Sul this week.")
    assert [p["name"] for p in doc["places"] if p["name"].endswith("do Sul")] == ["Rio Grande do Sul",
                                                                                  "Mato Grosso do Sul"]
    assert all(p["feature"] == "admin1" for p in doc["places"])


def test_places_storm_names_and_climate_patterns_are_no_places(read):
    doc = read("Hurricane Harvey flooded Houston, and weeks later Irma hit Florida before Hurricane Irma weakened. "
               "El Niño brought drought to Ethiopia. After Typhoon Haiyan, officials in Haiyan, Zhejiang, reported floods.")
    assert [p["text"] for p in doc["places"]] == ["Houston", "Florida", "Ethiopia", "Haiyan", "Zhejiang"]
    assert doc["places"][3]["country"] == "CHN"


def test_places_a_county_after_a_town_qualifies_it_and_is_the_county():
    doc = nlp.load()("A typhoon flooded rice fields in Bocaue, Bulacan, on Friday.")
    town, county = _mentions(doc, gazetteer.load())
    _attach_qualifiers([town, county], doc)
    assert [(q.name, q.feature) for q in town.qualifiers] == [("Bulacan", "admin2")]
    assert [(q.name, q.feature) for q in county.qualifies] == [("Bulacan", "admin2")]


def test_places_a_landmark_listed_after_a_town_lies_near_it_not_in_the_reports_home_town(read):
    doc = read("Flu cases rose in Chicago, Dallas and Houston this week, and Chicago schools closed. Abroad, the "
               "towns hit hardest were Mombasa and Kerio Valley, health officials said.")
    valley = by_text(doc["places"], "Kerio Valley")
    assert (valley["feature"], valley["country"]) == ("landmark", "KEN")


def test_places_a_town_is_called_without_its_river(read):
    doc = read("Engineers in Newcastle built the new bridge, the UK transport minister said.")
    newcastle = by_text(doc["places"], "Newcastle")
    assert (newcastle["name"], newcastle["admin1"]) == ("Newcastle upon Tyne", "England")


def test_places_a_town_named_before_its_people_is_the_reports_own(read):
    doc = read("A London nurse who led the march said Canada must do more. Canada's health minister agreed.")
    london = by_text(doc["places"], "London")
    assert (london["country"], london["admin1"]) == ("CAN", "Ontario")


def test_places_a_states_people_are_the_states_not_its_big_citys(read):
    doc = read("OKLAHOMA CITY (AP) — Oklahoma students marched to the Capitol on Friday, and students in Kansas "
               "and Texas cheered.")
    oklahoma = by_text(doc["places"], "Oklahoma")
    assert (oklahoma["name"], oklahoma["feature"]) == ("Oklahoma", "admin1")


def test_places_names_listed_after_a_plural_settlement_word_and_of_are_towns(read):
    doc = read("Floods cut off the villages of Ciocile, Ulmu and Racovita on Friday.")
    assert [(place["text"], place["feature"], place["country"]) for place in doc["places"]] == [
        ("Ciocile", "city", "ROU"), ("Ulmu", "city", "ROU"), ("Racovita", "city", "ROU")]


def test_places_a_dotted_abbreviation_after_a_town_qualifies_it_though_it_is_a_common_word(read):
    doc = read("Floods reached Brandon, Man., on Monday.")
    brandon, manitoba = by_text(doc["places"], "Brandon"), by_text(doc["places"], "Man")
    assert (brandon["country"], brandon["admin1"]) == ("CAN", "Manitoba")
    assert (manitoba["name"], manitoba["feature"]) == ("Manitoba", "admin1")


def test_places_fields_ends_a_grounds_name_but_not_a_persons(read):
    doc = read("DAYTON, Ohio (AP) — Families picnicked at Riverside Fields on Sunday, and Dayton police closed "
               "two roads.")
    fields = by_text(doc["places"], "Riverside Fields")
    assert (fields["feature"], fields["admin1"]) == ("landmark", "Ohio")
    doc = read("Ford chief executive Mark Fields said sales rose in Dearborn, Michigan.")
    assert all(place["text"] != "Mark Fields" for place in doc["places"])


def test_places_a_town_paper_on_a_generic_domain_writes_north_american_local_news(read):
    doc = read("Cambridge police closed the bridge after the crash, the mayor said.",
               url="http://www.cambridgeherald.com/news/local/crash.html")
    assert by_text(doc["places"], "Cambridge")["country"] in ("USA", "CAN")


def test_places_a_town_whose_name_ends_in_a_possessive_keeps_it(read):
    doc = read("ST. JOHN'S, N.L. - Fishermen held a vigil at the harbour on Sunday.")
    town = by_text(doc["places"], "ST. JOHN'S")
    assert (town["name"], town["admin1"]) == ("St. John's", "Newfoundland and Labrador")
    doc = read("Pilgrims filled St. Peter's Basilica in Vatican City on Sunday.")
    assert all(place["country"] != "CAN" for place in doc["places"])


def test_places_a_towns_boys_and_girls_teams_are_its_local_news(read):
    doc = read("The Jordan boys beat Belle Plaine 54-50 on Friday. Tickets for the Jordan girls' game are at the "
               "Police Department, call 492-2211.")
    assert [(p["country"], p["admin1"]) for p in doc["places"] if p["text"] == "Jordan"] == [("USA", "Minnesota")] * 2
    doc = read("Hundreds of Jordan boys fled the fighting into Syria, aid workers said.")
    assert by_text(doc["places"], "Jordan")["country"] == "JOR"


def test_places_a_name_after_the_village_of_is_a_town_the_gazetteer_lacks(read):
    doc = read("A dead swan was found in the village of Kilrenny Mill in Fife, Scotland, on Monday.")
    village = by_text(doc["places"], "Kilrenny Mill")
    assert (village["feature"], village["country"], village["admin1"]) == ("city", "GBR", "Scotland")


def test_places_names_listed_after_the_villages_of_are_towns_the_gazetteer_may_lack(read):
    doc = read("Rebels shelled the villages of Tal Hamra and Zelloum in Idlib province on Friday.")
    village = by_text(doc["places"], "Zelloum")
    assert (village["feature"], village["country"], village["admin1"]) == ("city", "SYR", "Idlib")


def test_places_country_beats_a_small_namesake_town(read):
    doc = read("Officials in Maine and Vermont said China had bought the farm.")
    assert by_text(doc["places"], "China")["feature"] == "country"


def test_places_common_words_are_not_places(read):
    doc = read("Bar owners said Police arrived after Reading the notice. Of course, Mobile phones rang.")
    assert doc["places"] == []


def test_places_non_latin_script(read):
    doc = read("Вибухи пролунали в Києві. Explosions were heard in Київ and Харків.")
    kyiv = by_text(doc["places"], "Київ")
    assert (kyiv["country"], kyiv["name"]) == ("UKR", "Kyiv")
    assert by_text(doc["places"], "Харків")["name"] == "Kharkiv"


def test_places_demonyms_point_at_their_country(read):
    doc = read("Syrian forces shelled the town, and Turkish officials condemned it.")
    syrian = by_text(doc["places"], "Syrian")
    assert (syrian["country"], syrian["feature"], syrian["role"], syrian["demonym"]) == ("SYR", "country", "metonym", True)


def test_places_a_report_naming_many_places(read):
    towns = ["Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Lviv"] * 100
    text = " ".join(f"Air raid sirens sounded in {town} and people went to the shelters." for town in towns)
    doc = read(text)
    assert len(doc["places"]) == 500
    assert {p["country"] for p in doc["places"]} == {"UKR"}


def test_places_a_report_naming_many_landmarks_places_each_in_its_own_town(read):
    towns = ["Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Lviv"] * 60
    text = " ".join(f"A missile hit the Central Hospital in {town} overnight." for town in towns)
    doc = read(text)
    hospitals = [p for p in doc["places"] if p["text"] == "Central Hospital"]
    named = [p["name"] for p in doc["places"] if p["text"] in towns]
    assert len(hospitals) == 300 and [h["admin1"] for h in hospitals] == [
        p["admin1"] for p in doc["places"] if p["text"] in towns]
    assert len(named) == 300 and {p["country"] for p in doc["places"]} == {"UKR"}


def test_gazetteer_lookup_forms():
    gaz = gazetteer.load()
    assert {e.feature for e in gaz.lookup("Sumy Oblast")} == {"admin1"}
    assert gaz.lookup_exact("U.S.")[0].country == "USA"
    assert gaz.lookup("US")[0].country == "USA"
    assert gaz.demonym("North Korean").country == "PRK"
    assert gazetteer.fold("  Kraków’s ") == "krakow's"


def test_gazetteer_arabic_names_without_their_article():
    assert gazetteer.load().lookup("Qamishli")[0].country == "SYR"


def test_gazetteer_a_county_split_in_compass_parts_keeps_its_whole_name():
    whole = [e for e in gazetteer.load().lookup("Lanarkshire") if e.feature == "admin2"]
    assert [(e.country, e.admin1) for e in whole] == [("GBR", "Scotland")]
    assert abs(whole[0].lat - 55.7) < 0.5 and abs(whole[0].lon + 3.9) < 0.5


def test_places_former_and_newly_named_divisions(read):
    doc = read("Drones struck a market in Qamishli. Aid reached the Federally Administered Tribal Areas (FATA), "
               "and the rally moves to Corby, Northamptonshire, in June.")
    assert by_text(doc["places"], "Qamishli")["country"] == "SYR"
    assert by_text(doc["places"], "FATA")["country"] == "PAK"
    assert by_text(doc["places"], "Northamptonshire")["admin1"] == "England"


def test_places_small_town_dateline_after_a_headline(read):
    doc = read("Missing man found in car sunk in lake. HUDSON -- Officials in central Illinois said the car was stolen.")
    hudson = by_text(doc["places"], "HUDSON")
    assert (hudson["country"], hudson["admin1"]) == ("USA", "Illinois")


def test_places_local_news_keeps_its_towns_in_its_own_state(read):
    doc = read("The Warren County Sheriff's Office in Ohio said deputies arrested a man in Lebanon. "
               "Clermont County officials said the man is also wanted in Kentucky.")
    lebanon = by_text(doc["places"], "Lebanon")
    assert (lebanon["country"], lebanon["admin1"]) == ("USA", "Ohio")


def test_places_a_country_name_stays_the_country_abroad(read):
    doc = read("Israeli jets struck targets in Lebanon and Syria, officials in Damascus said.")
    assert by_text(doc["places"], "Lebanon")["country"] == "LBN"


def test_places_a_county_named_without_its_type_word(read):
    doc = read("Officials in West Virginia said flooding hit Kanawha and Monongalia after the storm.")
    kanawha = by_text(doc["places"], "Kanawha")
    assert (kanawha["feature"], kanawha["admin1"]) == ("admin2", "West Virginia")


def test_places_an_entity_cut_short_of_a_longer_name(read):
    doc = read("Outbreaks hit Guinea, Guinea-Bissau and Liberia. Police in Trinidad and Tobago said the suspects fled.")
    assert by_text(doc["places"], "Guinea-Bissau")["country"] == "GNB"
    assert by_text(doc["places"], "Trinidad and Tobago")["country"] == "TTO"
    assert by_text(doc["places"], "Guinea")["country"] == "GIN"


def test_places_division_demonyms(read):
    doc = read("Many Ohioans and Ontarians crossed the border, Susan Marwan told the Guardian.")
    ohioans = by_text(doc["places"], "Ohioans")
    assert (ohioans["feature"], ohioans["admin1"], ohioans["demonym"]) == ("admin1", "Ohio", True)
    assert by_text(doc["places"], "Ontarians")["country"] == "CAN"
    assert not any(p["text"] in ("Susan", "Marwan") for p in doc["places"])


def test_places_a_town_in_a_county_the_report_names(read):
    doc = read("A Richmond man was arrested on Friday. Madison County deputies said he had fled the scene.")
    richmond = by_text(doc["places"], "Richmond")
    assert (richmond["admin1"], by_text(doc["places"], "Madison County")["admin1"]) == ("Kentucky", "Kentucky")


def test_places_a_country_name_is_a_town_in_a_county_the_report_names(read):
    doc = read("Anderson County commissioners met in Palestine on Monday to discuss the new jail.")
    palestine = by_text(doc["places"], "Palestine")
    assert (palestine["country"], palestine["admin1"]) == ("USA", "Texas")


def test_places_streets_and_quoted_pronouns_are_not_places(read):
    doc = read('Police were called to 2517 Memphis St. in the evening. "We know the family," a neighbour said.')
    assert not any(p["text"] in ("Memphis", "We") for p in doc["places"])


def test_places_towns_named_by_their_officials_or_beside_other_towns(read):
    doc = read("Avondale Mayor Ed Rieker spoke on Monday. Only a few cities, including Gainesville and Duluth, "
               "have such rules.")
    assert by_text(doc["places"], "Avondale")["country"] == "USA"
    assert by_text(doc["places"], "Duluth")["country"] == "USA"


def test_places_the_head_noun_of_a_landmark_is_no_town(read):
    doc = read("Crowds gathered outside Manila Cathedral on Sunday.")
    assert [(p["text"], p["feature"], p["country"]) for p in doc["places"]] == [("Manila Cathedral", "landmark", "PHL")]


def test_places_a_landmark_lies_in_the_place_just_after_it(read):
    doc = read("Fans queued outside Barclays Center in Brooklyn on Friday night.")
    arena = by_text(doc["places"], "Barclays Center")
    assert (arena["feature"], arena["country"], arena["geonameid"]) == ("landmark", "USA", None)
    assert abs(arena["lat"] - 40.65) < 0.5 and abs(arena["lon"] + 73.95) < 0.5


def test_places_a_landmark_lies_in_the_place_its_name_holds(read):
    doc = read("The man appeared before Belfast Magistrates Court on Tuesday charged with burglary.")
    court = by_text(doc["places"], "Belfast Magistrates Court")
    assert (court["feature"], court["country"]) == ("landmark", "GBR")
    assert not any(p["text"] == "Belfast" for p in doc["places"])


def test_places_a_landmark_without_a_town_lies_in_the_town_the_report_is_about(read):
    doc = read("Fire crews in Dayton, Ohio, were called on Monday. Dayton officials said the blaze started "
               "in a garage on Maple Avenue and spread to two homes.")
    street = by_text(doc["places"], "Maple Avenue")
    assert (street["feature"], street["country"], street["admin1"]) == ("landmark", "USA", "Ohio")


def test_places_a_people_without_a_state_is_no_town_named_like_it(read):
    doc = read("The Arab League met in Cairo, and Christian militias left the village.")
    assert [place["text"] for place in doc["places"]] == ["Cairo"]


def test_places_a_peoples_name_is_no_landmark(read):
    doc = read("Visitors crowded into the Russian Museum on Saturday.")
    assert [(p["text"], p["demonym"]) for p in doc["places"]] == [("Russian", True)]


def test_places_x_city_is_the_reports_town_x(read):
    doc = read("Springfield police said the fire started downtown. Springfield City Schools closed, "
               "and Clark County officials in Ohio said classes would resume. Mexico City sent condolences.")
    assert by_text(doc["places"], "Springfield City")["admin1"] == "Ohio"
    assert by_text(doc["places"], "Mexico City")["name"] == "Mexico City"


def test_places_a_dateline_names_a_city(read):
    doc = read("NEW YORK (Reuters) - Stocks fell on Monday as traders in New York sold bank shares.")
    assert by_text(doc["places"], "NEW YORK")["feature"] == "city"


def test_places_a_division_abroad_yields_to_a_town_beside_the_reports_places(read):
    doc = read("The wildfire near Castlegar forced evacuations in Nelson on Monday, officials in Canada said.")
    nelson = by_text(doc["places"], "Nelson")
    assert (nelson["country"], nelson["admin1"]) == ("CAN", "British Columbia")


def test_places_a_doubtful_name_counts_where_the_report_names_it_elsewhere(read):
    doc = read("Swanton is about 20 miles west of the city. Police in Swanton, Ohio, said the road was closed.")
    assert [p["admin1"] for p in doc["places"] if p["text"] == "Swanton"] == ["Ohio", "Ohio"]


def test_places_an_abbreviation_with_its_dot_split_off(read):
    doc = read("The family moved to Red Deer, Alta. last year, and later to Ames, Iowa.")
    assert by_text(doc["places"], "Alta")["name"] == "Alberta"


def test_places_a_world_city_outweighs_a_namesake_in_the_reports_state(read):
    doc = read("The painter, who grew up in California and studied in Los Angeles, now works in London.")
    assert by_text(doc["places"], "London")["country"] == "GBR"


def test_places_a_small_namesake_in_a_landmarks_name_does_not_place_it(read):
    doc = read("Residents of New Orleans, Louisiana, gathered at the Carnegie Library on Monday. "
               "New Orleans officials said the library on Royal Street would reopen.")
    assert by_text(doc["places"], "Carnegie Library")["admin1"] == "Louisiana"
    assert by_text(doc["places"], "Royal Street")["admin1"] == "Louisiana"


def test_places_australian_state_abbreviations_resolve_in_an_australian_report(read):
    doc = read("Water restrictions in WA will ease next month, officials in Perth said, while Sydney stays dry.")
    wa = by_text(doc["places"], "WA")
    assert (wa["name"], wa["country"]) == ("Western Australia", "AUS")


def test_places_large_islands_and_regions_within_a_country(read):
    doc = read("Floods hit Sumatra and Java this week, and snow fell across Siberia.")
    assert [(p["text"], p["country"]) for p in doc["places"]] == [("Sumatra", "IDN"), ("Java", "IDN"), ("Siberia", "RUS")]


def test_places_an_old_alternate_name_of_a_world_city_gets_no_world_city_weight(read):
    doc = read("The festival in Berea drew crowds from Lexington.")
    assert by_text(doc["places"], "Berea")["name"] != "Aleppo"


def test_places_a_short_form_in_a_name_is_the_name_itself():
    from dateline.stages.places import _named
    petersburg = next(e for e in gazetteer.load().lookup("St. Petersburg") if e.country == "RUS" and e.feature == "city")
    assert petersburg.name == "Saint Petersburg" and _named(petersburg, "st. petersburg")


def test_places_rivers_and_lakes_are_water_near_the_place_named_after_them(read):
    doc = read("The boat capsized on Lake Titicaca in the Puno region of Peru. Divers from Puno searched the lake.")
    lake = by_text(doc["places"], "Lake Titicaca")
    assert (lake["feature"], lake["country"]) == ("water", "PER")


def test_places_a_mountain_is_a_landmark(read):
    doc = read("Soldiers in Kasserine, Tunisia, pursued the militants into Mount Chaambi, officials in Kasserine said.")
    mountain = by_text(doc["places"], "Mount Chaambi")
    assert (mountain["feature"], mountain["country"]) == ("landmark", "TUN")


def test_places_a_province_abbreviation_after_a_town_with_its_dot_split_off(read):
    doc = read("A couple from Melville, Sask. believes the kitten rode in their luggage.")
    assert by_text(doc["places"], "Sask")["name"] == "Saskatchewan"
    assert by_text(doc["places"], "Melville")["country"] == "CAN"


def test_places_a_landmark_lies_in_the_place_after_it_before_any_namesake_in_its_name(read):
    doc = read("A researcher at Washington University in St. Louis reviewed the records.")
    university = by_text(doc["places"], "Washington University")
    assert (university["feature"], university["admin1"]) == ("landmark", "Missouri")


def test_places_a_rivers_name_is_no_place_it_lies_in(read):
    doc = read("Flood gates in New Orleans, Louisiana, were closed as the Mississippi River rose. "
               "New Orleans officials urged residents to stay home.")
    river = by_text(doc["places"], "Mississippi River")
    assert (river["feature"], river["admin1"]) == ("water", "Louisiana")


def test_places_a_capitalised_opening_word_is_no_part_of_a_landmark(read):
    doc = read("In Klamath Falls the new geothermal plant opened on Monday.")
    falls = by_text(doc["places"], "Klamath Falls")
    assert (falls["feature"], falls["admin1"]) == ("city", "Oregon")


def test_places_demonyms_of_regions_and_peoples(read):
    doc = read("Kurdish fighters held the town, and Sinhalese and Abkhaz delegates met in Geneva.")
    found = {p["text"]: (p["name"], p["country"], p["demonym"]) for p in doc["places"]}
    assert found["Kurdish"] == ("Kurdistan", "IRQ", True)
    assert found["Sinhalese"] == ("Sri Lanka", "LKA", True)
    assert found["Abkhaz"] == ("Abkhazia", "GEO", True)


def test_places_a_division_whose_name_is_a_word_does_not_place_a_landmark(read):
    doc = read("Patients at Western State Hospital were moved on Friday, health officials in Richmond, Virginia, said.")
    hospital = by_text(doc["places"], "Western State Hospital")
    assert (hospital["country"], hospital["admin1"]) == ("USA", "Virginia")


def test_places_a_numbered_road_is_a_landmark_and_an_event_is_not(read):
    doc = read("Traffic on Route 128 near Boston, Massachusetts, slowed after the crash, the Highway Patrol said. "
               "Crowds in Boston later attended the Easter Vigil.")
    texts = {p["text"]: p for p in doc["places"]}
    assert (texts["Route 128"]["feature"], texts["Route 128"]["admin1"]) == ("landmark", "Massachusetts")
    assert "Highway Patrol" not in texts and "Easter Vigil" not in texts


def test_places_a_name_listed_with_states_is_a_state(read):
    doc = read("Tech firms are moving jobs out of costly states such as California or Washington. "
               "Nurses from Oregon, Idaho and Washington marched too.")
    washington = [p for p in doc["places"] if p["text"] == "Washington"]
    assert washington and all((p["feature"], p["country"]) == ("admin1", "USA") for p in washington)


def test_places_a_lone_washington_is_still_the_capital(read):
    doc = read("Officials in Washington said the talks would resume next week.")
    assert by_text(doc["places"], "Washington")["feature"] == "city"


def test_places_a_part_of_a_town_is_placed_at_the_town(read):
    doc = read("Residents of the Quimbrook neighborhood of Sacramento were told to leave their homes on Monday.")
    quimbrook, sacramento = by_text(doc["places"], "Quimbrook"), by_text(doc["places"], "Sacramento")
    assert (quimbrook["feature"], quimbrook["admin1"]) == ("landmark", "California")
    assert (quimbrook["lat"], quimbrook["lon"]) == (sacramento["lat"], sacramento["lon"])


def test_places_a_country_followed_by_another_country_is_that_country(read):
    doc = read("Investigators looked into his business in Russia, U.S. officials said. "
               "Exports to China, Japan and Korea fell.")
    assert (by_text(doc["places"], "Russia")["feature"], by_text(doc["places"], "Russia")["country"]) == ("country", "RUS")
    assert (by_text(doc["places"], "China")["feature"], by_text(doc["places"], "China")["country"]) == ("country", "CHN")


def test_places_an_adjective_on_a_noun_is_no_small_town(read):
    doc = read("He met the Liberal leader in Ottawa. The Olympic team trained in Sochi.")
    assert [(p["text"], p["country"]) for p in doc["places"]] == [("Ottawa", "CAN"), ("Sochi", "RUS")]


def test_places_the_outlets_country_domain_picks_the_namesake(read):
    text = "The council in Perth approved the new cycle lanes."
    assert by_text(read(text)["places"], "Perth")["country"] == "AUS"
    assert by_text(read(text, url="https://www.examplegazette.co.uk/news/1")["places"], "Perth")["country"] == "GBR"
    text = "Bin collections in Richmond will move to Tuesdays from next month."
    assert by_text(read(text, url="https://www.examplestar.ca/local/2")["places"], "Richmond")["country"] == "CAN"
    assert by_text(read(text, url="https://www.examplenews.tv/a")["places"], "Richmond")["country"] == "USA"


def test_places_a_town_missing_from_its_qualifying_state_lies_in_that_state(read):
    doc = read("A tractor overturned on a gravel road near Bucklin, Mo., on Tuesday, the sheriff said.")
    bucklin = by_text(doc["places"], "Bucklin")
    assert (bucklin["country"], bucklin["admin1"], bucklin["feature"], bucklin["geonameid"]) == (
        "USA", "Missouri", "city", None)
    ohio = by_text(read("Storms hit Ohio, Missouri and Kansas overnight.")["places"], "Ohio")
    assert (ohio["feature"], ohio["admin1"]) == ("admin1", "Ohio")


def test_places_a_parade_is_a_street_not_the_town_it_is_named_after(read):
    doc = read("Thieves broke into a flat on Ashford Parade in Belfast on Tuesday, police said.")
    parade = by_text(doc["places"], "Ashford Parade")
    assert (parade["feature"], parade["country"]) == ("landmark", "GBR")


def test_places_the_outlets_town_counts_as_a_place_the_report_names(read):
    text = "Deputies in Washington County searched the woods for the missing hunter on Sunday."
    assert by_text(read(text)["places"], "Washington County")["admin1"] != "Arkansas"
    local = read(text, url="https://www.fayettevilleobserver.com/news/1")
    assert by_text(local["places"], "Washington County")["admin1"] == "Arkansas"


def test_places_an_outlets_town_is_read_from_its_site_name():
    from dateline.stages.places import _outlet
    gaz = gazetteer.load()
    assert {e.admin1 for e in _outlet("https://www.fayettevilleobserver.com/a", gaz).towns} >= {"Arkansas"}
    assert {e.country for e in _outlet("https://www.cambridge-news.co.uk/a", gaz).towns} == {"GBR"}
    assert _outlet("https://www.fayettevilleweather.com/a", gaz).towns == ()
    assert _outlet("https://www.bbc.co.uk/news", gaz) == ("GBR", ())


def test_places_a_town_the_gazetteer_lacks_lies_at_the_place_named_beside_it(read):
    doc = read("Residents of Tamberlo in Nairobi said the water had been cut for a week. "
               "Nine people died in Mworogoro, Kenya, after drinking tainted liquor, Dr. Mworogoro said.")
    tamberlo, nairobi = by_text(doc["places"], "Tamberlo"), by_text(doc["places"], "Nairobi")
    assert (tamberlo["feature"], tamberlo["geonameid"]) == ("city", None)
    assert (tamberlo["lat"], tamberlo["lon"]) == (nairobi["lat"], nairobi["lon"])
    assert [p["country"] for p in doc["places"] if p["text"] == "Mworogoro"] == ["KEN"]


def test_places_a_name_tagged_a_place_that_the_gazetteer_lacks_needs_a_place_words_around_it(read):
    doc = read("Kasich told reporters in Columbus, Ohio, that the NRA had called. "
               "Mworogoro said the vote in Nairobi was fair.")
    assert [p["text"] for p in doc["places"]] == ["Columbus", "Ohio", "Nairobi"]
    doc = read("The fire spread three miles east of Tollwick, Ohio.")
    assert by_text(doc["places"], "Tollwick")["admin1"] == "Ohio"


def test_places_words_of_an_institutions_name_are_no_towns(read):
    doc = read("Members of the Lagos Chamber of Commerce and Industry met agents of the Federal Bureau of "
               "Investigation and the Development Bank of Ghana.")
    assert [p["text"] for p in doc["places"]] == ["Lagos", "Ghana"]


def test_places_former_names_of_countries(read):
    doc = read("The virus was first identified in Zaire in 1976. Tea from Ceylon and grain from the Soviet Union "
               "filled the ships.")
    assert [(p["text"], p["feature"], p["country"]) for p in doc["places"]] == [
        ("Zaire", "country", "COD"), ("Ceylon", "country", "LKA"), ("Soviet Union", "country", "RUS")]


def test_places_a_name_before_a_division_that_the_gazetteer_lacks_lies_in_that_division(read):
    doc = read("The rally moves to Glenbrockie, Scotland. Officials at the Ministry of Health, Angola, said nothing.")
    glenbrockie = by_text(doc["places"], "Glenbrockie")
    assert (glenbrockie["feature"], glenbrockie["country"], glenbrockie["geonameid"]) == ("city", "GBR", None)
    assert "Health" not in [p["text"] for p in doc["places"]]


def test_places_the_qualifier_of_a_town_is_the_division_that_holds_it(read):
    doc = read("The pet food maker, based in Mississauga, Ontario, recalled food sold in Texas, Ohio, Florida and "
               "California.")
    ontario = by_text(doc["places"], "Ontario")
    assert (ontario["feature"], ontario["country"]) == ("admin1", "CAN")
    doc = read("He grew up in Brooklyn, New York, and moved to Boston.")
    assert by_text(doc["places"], "New York")["country"] == "USA"


def test_places_two_unrelated_names_do_not_mean_one_small_town(read):
    doc = read("Saudi Arabia's health ministry said three Saudi pilgrims died in Mecca and two in Medina.")
    assert (by_text(doc["places"], "Mecca")["country"], by_text(doc["places"], "Medina")["country"]) == ("SAU", "SAU")


def test_places_a_county_called_by_its_own_name_is_that_county(read):
    doc = read("Bird flu was found on a farm in Suffolk a year after birds were culled in Norfolk, officials in "
               "the United Kingdom said. The UK laboratory at Weybridge ran the tests.")
    assert {p["text"]: (p["country"], p["feature"]) for p in doc["places"] if p["text"] in ("Suffolk", "Norfolk")} == {
        "Suffolk": ("GBR", "admin2"), "Norfolk": ("GBR", "admin2")}


def test_places_a_small_town_abroad_that_nothing_points_to_lies_in_the_home_town(read):
    doc = read("Two men were arrested in Heliopolis. Police in Cairo said the men had planned attacks in Giza.")
    heliopolis, cairo = by_text(doc["places"], "Heliopolis"), by_text(doc["places"], "Cairo")
    assert (heliopolis["country"], heliopolis["lat"], heliopolis["geonameid"]) == ("EGY", cairo["lat"], None)


def test_places_a_person_named_like_a_town_is_no_place(read):
    doc = read("Finance director David Hopkins presented the budget on Monday. Hopkins said sales tax revenue fell. "
               "\"We fought hard,\" said coach Ripley after the meet.")
    texts = {p["text"] for p in doc["places"]}
    assert "Hopkins" not in texts and "Ripley" not in texts


def test_places_a_large_towns_name_after_a_title_is_a_person(read):
    doc = read("King Hassan of Morocco will host the talks in Rabat. President Jackson welcomed the plan.")
    assert {p["text"] for p in doc["places"]} == {"Morocco", "Rabat"}
    assert next(a for a in doc["actors"] if a["text"] == "Hassan")["country"] == "MAR"


def test_places_a_word_of_a_movements_name_is_no_town(read):
    doc = read("The Palestine Liberation Organization and the Popular Front for Reform and Equality met.")
    assert {p["text"] for p in doc["places"]} == {"Palestine"}


def test_places_a_town_named_like_a_person_stays_where_said_as_a_place(read):
    doc = read("Finance director David Hopkins presented the budget in Hopkins, Minnesota, on Monday. "
               "Hopkins said sales tax revenue fell.")
    hopkins = [p for p in doc["places"] if p["text"] == "Hopkins"]
    assert hopkins and hopkins[0]["admin1"] == "Minnesota"


def test_places_a_word_of_a_full_name_is_no_place(read):
    doc = read("Russian President Vladimir Putin met the racing driver Mat Jackson in Moscow on Friday.")
    assert [p["text"] for p in doc["places"]] == ["Russian", "Moscow"]


def test_places_a_full_name_holding_a_town_the_report_names_stays_a_place(read):
    doc = read("Officers patrolled Seattle on Sunday during every Seattle Seahawks home game.")
    assert [p["text"] for p in doc["places"]] == ["Seattle", "Seattle"]


def test_places_a_small_town_out_of_a_one_state_report_is_placed_at_its_home(read):
    doc = read("Firefighters in Torrington and Litchfield battled a brush fire in Winsted on Sunday. Officials in "
               "Hartford sent a tanker, and a second fire burned in Weston.")
    weston = by_text(doc["places"], "Weston")
    assert (weston["country"], weston["admin1"]) == ("USA", "Connecticut")


def test_places_a_qualified_town_out_of_a_one_state_report_stays_in_its_state(read):
    doc = read("Firefighters in Torrington and Litchfield battled a brush fire in Winsted on Sunday. Officials in "
               "Hartford sent a tanker; the chief had trained in Weston, Fla.")
    assert by_text(doc["places"], "Weston")["admin1"] == "Florida"


def test_places_number_words_are_no_places(read):
    doc = read("GLASGOW, Ky. (WBKO) -- One woman has died after a crash on East Main Street between First and "
               "Second streets.")
    assert [p["text"] for p in doc["places"]] == ["GLASGOW", "Ky.", "East Main Street"]


def test_places_according_to_a_person_is_no_place(read):
    doc = read("Finance director David Hopkins presented the budget. Sales fell 6 percent, according to Hopkins.")
    assert doc["places"] == []


def test_places_a_town_named_as_local_news_does_is_the_home_countrys():
    from collections import Counter
    from dateline.stages.places import Context, Mention, _Scores
    towns = [e for e in gazetteer.load().lookup("Paris") if e.feature == "city"]
    context = Context(countries=Counter({"USA": 2.0}))  # the rest of the report names two American places

    def chosen(local: bool) -> str:
        mention = Mention(0, 1, towns, "paris", local=local)  # "Paris firefighters" when local
        return max(towns, key=lambda e: _Scores().score(e, mention, context)).country

    assert (chosen(local=False), chosen(local=True)) == ("FRA", "USA")


def test_places_local_news_ways_of_naming_a_town():
    from dateline import nlp
    from dateline.stages.places import _mentions, _said_as_a_home_town
    doc = nlp.load()("Flooding hit S.E. Paris on Monday, the City of Oxford said. Berea police and "
                     "downtown Salem shops were spared, unlike Dover.")
    local = {m.text: _said_as_a_home_town(doc, m) for m in _mentions(doc, gazetteer.load())}
    assert local == {"paris": True, "oxford": True, "berea": True, "salem": True, "dover": False}


def test_places_a_street_named_by_a_leading_street_word_lies_in_the_town(read):
    doc = read("Crowds in New Orleans filled Rue Toulouse for the parade, and New Orleans police later closed "
               "Rue Casa Calvo to traffic.")
    for name in ("Rue Toulouse", "Rue Casa Calvo"):
        street = by_text(doc["places"], name)
        assert (street["feature"], street["country"], street["admin1"]) == ("landmark", "USA", "Louisiana")


def test_places_a_numbered_avenue_is_not_named_by_its_street_word(read):
    doc = read("Fargo police said the car was stolen near 40th Avenue South in Fargo.")
    assert all(p["text"] != "Avenue South" for p in doc["places"])


def test_places_a_small_foreign_division_nothing_else_points_to_is_placed_at_home(read):
    doc = read("Dayton officials in Ohio met residents of North Side on Tuesday, and Dayton police promised "
               "more patrols in Montgomery County.")
    assert by_text(doc["places"], "North Side")["country"] == "USA"


def test_places_two_names_before_a_plural_street_word_are_streets_in_the_town(read):
    doc = read("Savannah police in Georgia closed the corner of Abercorn and Paris streets after the crash.")
    for name in ("Abercorn", "Paris"):
        street = by_text(doc["places"], name)
        assert (street["feature"], street["country"], street["admin1"]) == ("landmark", "USA", "Georgia")


def test_places_names_listed_before_a_plural_division_word_are_those_divisions(read):
    doc = read("Flood warnings covered Douglas and Wyandotte counties in Kansas, and rain fell on Becker, "
               "Clay, Grant and Otter Tail counties in Minnesota. China's Hunan and Hubei provinces were spared.")
    for name, state in [("Douglas", "Kansas"), ("Wyandotte", "Kansas"), ("Grant", "Minnesota"), ("Clay", "Minnesota")]:
        county = by_text(doc["places"], name)
        assert (county["feature"], county["admin1"]) == ("admin2", state), name
    assert by_text(doc["places"], "Hubei")["feature"] == "admin1"


def test_places_a_town_named_apart_from_a_county_list_stays_a_town(read):
    doc = read("Douglas and Wyandotte counties reported floods. Officials in the town of Douglas, Wyoming, "
               "said the river rose too.")
    towns = [p for p in doc["places"] if p["text"] == "Douglas"]
    assert [(p["feature"], p["admin1"]) for p in towns] == [("admin2", "Kansas"), ("city", "Wyoming")]


def test_places_a_legislators_party_and_home_town(read):
    doc = read("The bill came from Majority Leader Brent Boggs, D-Braxton, who spoke in Charleston, West Virginia. "
               "State Rep. Jay Roberts (R-Ocilla), chairman of the Georgia House transportation committee, agreed.")
    braxton, ocilla = by_text(doc["places"], "Braxton"), by_text(doc["places"], "Ocilla")
    assert (braxton["feature"], braxton["admin1"]) == ("admin2", "West Virginia")
    assert (ocilla["feature"], ocilla["admin1"]) == ("city", "Georgia")
    assert not any(p["text"] in ("Boggs", "Roberts") for p in doc["places"])


def test_places_a_two_part_country_by_its_initials(read):
    doc = read("The envoy said B&H would back the plan, while officials in Port of Spain said T&T had not decided.")
    assert by_text(doc["places"], "B&H")["country"] == "BIH"
    assert by_text(doc["places"], "T&T")["country"] == "TTO"
    assert gazetteer.load().lookup_exact("S&M") == []  # no initials for a country that no longer exists


def test_places_an_institution_of_a_place_lies_in_the_town_named_beside_it(read):
    doc = read("Taylor, a professor at the University of St. Thomas in Houston, said Canada and Ontario would appeal.")
    university = by_text(doc["places"], "University of St. Thomas")
    assert (university["feature"], university["admin1"]) == ("landmark", "Texas")
    doc = read("The pianist from Cork now studies at the Guildhall School of Music in London, his teacher said.")
    assert by_text(doc["places"], "Guildhall School")["country"] == "GBR"


def test_places_an_institution_of_a_place_with_no_town_beside_it_keeps_the_place(read):
    doc = read("Moscow galleries will lend paintings to the museum at the University of Oklahoma this spring.")
    oklahoma = by_text(doc["places"], "Oklahoma")
    assert (oklahoma["feature"], oklahoma["country"]) == ("admin1", "USA")


def test_places_an_all_caps_dateline_is_a_town_even_when_a_common_word(read):
    doc = read("MOBILE, Ala. — The storm passed overnight, officials said.")
    mobile = by_text(doc["places"], "MOBILE")
    assert (mobile["name"], mobile["admin1"]) == ("Mobile", "Alabama")
    doc = read("CLINTON — A town couple was charged on Monday with selling drugs near a school in Connecticut.")
    assert by_text(doc["places"], "CLINTON")["admin1"] == "Connecticut"


def test_places_a_buildings_word_alone_is_no_place():
    doc = nlp.load()("At that function in Sligo Town Hall, the mayor spoke. The band played at the Hall in Lagos.")
    assert [doc[m.start:m.end].text for m in _mentions(doc, gazetteer.load())] == ["Sligo", "Lagos"]


def test_places_a_landmark_holding_a_town_the_report_repeats_lies_in_that_town(read):
    doc = read("Nigerian woman Pamela Okafor said she would stay in Ireland. A spokesman for the Sligo-based Let Them "
               "Stay group backed her. Sligo councillors held a reception for her. At that function in Sligo Town "
               "Hall, she wept. She had fled Lagos, and Nigeria wants her back, officials in Nigeria said.")
    hall = by_text(doc["places"], "Sligo Town Hall")
    assert (hall["country"], hall["admin1"]) == ("IRL", "Connaught")


def test_places_a_faubourg_is_a_part_of_its_town(read):
    doc = read("The parade wound through New Orleans before dawn, and the Faubourg Treme soon filled with brass bands.")
    treme = by_text(doc["places"], "Faubourg Treme")
    assert (treme["feature"], treme["admin1"]) == ("landmark", "Louisiana")


def test_places_names_listed_before_a_plural_settlement_word_are_towns(read):
    doc = read("Volunteers from the Sherman and Denison communities helped, Bigbie said. Both lie in Grayson County, "
               "Texas. Rebels shelled the Chinese and Russian towns near the border.")
    for name in ("Sherman", "Denison"):
        assert (by_text(doc["places"], name)["feature"], by_text(doc["places"], name)["admin1"]) == ("city", "Texas")
    assert by_text(doc["places"], "Russian")["country"] == "RUS"


def test_places_a_river_is_not_the_county_named_after_it(read):
    doc = read("In Fargo, the Red River will crest at 39 feet on Friday, and Moorhead, Minnesota, is bracing for it. "
               "Officials in Red River County, Texas, were not worried.")
    river = next(p for p in doc["places"] if p["text"] == "Red River")
    assert river["feature"] == "water" and river["admin1"] in ("Minnesota", "North Dakota")
    assert by_text(doc["places"], "Red River County")["admin1"] == "Texas"


def test_places_a_report_written_as_north_american_local_news_is_read_there(read):
    def paris(text: str) -> str:
        return by_text(read(text)["places"], "Paris")["country"]

    assert paris("Paris police closed a road on Monday.") == "FRA"
    assert paris("Paris police closed a road on Monday. Anyone who saw it may call 555-0143.") == "USA"
    assert paris("Paris police closed a road at 420 Elm St. on Monday.") == "USA"
    assert paris("Paris police closed a road on Monday, the Paris Fire Department said.") == "USA"
    assert paris("Paris police closed a road on Monday, a 2011-2012 record, and won 3-1.") == "FRA"


def test_places_how_north_american_local_news_writes():
    from dateline.stages.places import _written_as_north_american
    assert all(_written_as_north_american(text) for text in (
        "call (502) 555-0143", "call 502-555-0143", "call 986-8456.", "the Sheriff's Office said",
        "of 2517 Memphis St., Alexandria", "pupils at Lincoln Elementary School"))
    assert not any(_written_as_north_american(text) for text in (
        "the 2011-2012 season", "a 1-0 win", "12 High Street", "the state police said", "+44 20 7946 0958"))


def test_places_a_town_named_as_local_news_does_beats_a_foreign_division_of_its_name(read):
    doc = read("Berea police are searching for a man who robbed a woman on Friday. Anyone who saw him is asked "
               "to call the Berea Police Department at 986-8456.")
    assert {p["country"] for p in doc["places"] if p["text"] == "Berea"} == {"USA"}


def test_places_a_village_the_model_did_not_tag_counts_after_at_or_in():
    from dateline.stages.places import _plausible_name
    gaz = gazetteer.load()
    doc = nlp.load()("Builders will put a new park at Wana, named for the son of Wana, and hold a fair at Christmas "
                     "in Sector 24.")

    def plausible(i: int) -> bool:
        return _plausible_name(doc[i:i + 1], gaz.lookup(doc[i].text), "", gaz)

    at_wana, of_wana, at_christmas, in_sector = (
        next(t.i for t in doc if t.text == word and doc[t.i - 1].lower_ == before)
        for word, before in (("Wana", "at"), ("Wana", "of"), ("Christmas", "at"), ("Sector", "in")))
    assert [plausible(i) for i in (at_wana, of_wana, at_christmas, in_sector)] == [True, False, False, False]


def test_places_a_sea_after_the_article_is_the_sea_not_a_namesake_town(read):
    doc = read("Forecasters in Iowa and Nebraska said the storm grew over the tropical Atlantic. Farmers near "
               "Des Moines said the Atlantic was warmer than usual, and tankers waited in the Gulf near Qatar.")
    assert {p["name"] for p in doc["places"] if p["text"] == "Atlantic"} == {"Atlantic Ocean"}
    assert by_text(doc["places"], "Gulf")["name"] == "Persian Gulf"


def test_places_a_two_word_dateline_the_gazetteer_lacks_lies_in_its_division(read):
    doc = read("CAMP MURRAY, Wash. - Guard units left the base on Monday for the coast.")
    camp = by_text(doc["places"], "CAMP MURRAY")
    assert (camp["country"], camp["admin1"], camp["feature"]) == ("USA", "Washington", "city")


def test_places_a_part_of_a_country_named_in_the_report_is_that_country(read):
    doc = read("The ambassador of Trinidad and Tobago met officials in Denver. Back in Trinidad, ministers waited.")
    assert by_text(doc["places"], "Trinidad")["country"] == "TTO"


def test_places_a_saints_building_is_not_the_town_named_for_the_saint(read):
    doc = read("In Rome, pilgrims from Minnesota filled St. Peter's Basilica on Sunday, and Rome's mayor greeted them.")
    basilica = by_text(doc["places"], "St. Peter's Basilica")
    assert (basilica["country"], basilica["feature"]) == ("ITA", "landmark")
    assert not [p for p in doc["places"] if p["text"] == "St. Peter"]


def test_places_a_saints_building_in_a_report_naming_no_town_lies_in_its_country(read):
    doc = read("The Vatican said the Pope would greet crowds in St. Peter's Square, and the Vatican thanked "
               "pilgrims from Minnesota.")
    assert by_text(doc["places"], "St. Peter's Square")["country"] == "VAT"


def test_places_a_district_named_without_its_type_word_in_a_dateline(read):
    doc = read("SOUTH WAZIRISTAN, April 5 (APP): The army chief opened a market on Thursday.")
    assert by_text(doc["places"], "SOUTH WAZIRISTAN")["country"] == "PAK"


def test_gazetteer_demonyms_and_short_forms_news_uses():
    gaz = gazetteer.load()
    assert [gaz.demonym(word).country for word in ("Korean", "Kazakh", "Czechs", "Greeks")] == [
        "KOR", "KAZ", "CZE", "GRC"]
    assert gaz.demonym("Dutchs") is None
    assert gaz.lookup("Korea")[0].country == "KOR"
    assert gaz.lookup_exact("N.L.")[0].name == "Newfoundland and Labrador"


def test_places_compass_words_alone_join_the_place_beside_them_or_name_none(read):
    doc = read("The dog was found in a caravan park in Cornwall in South West England. Farmers in the North "
               "said prices fell, and cases rose in Nyanza, Rift Valley and Western.")
    england = by_text(doc["places"], "South West England")
    assert (england["country"], england["name"]) == ("GBR", "England")
    assert not [p for p in doc["places"] if p["text"] in ("North", "South West")]
    assert by_text(doc["places"], "Western")["feature"] == "admin1"


def test_places_a_country_the_model_splits_after_the_article_is_read_whole():
    doc = nlp.load()("Cases rose in the Democratic Republic of the Congo on Monday.")
    doc.ents = [SpacySpan(doc, 3, 8, label="GPE"), SpacySpan(doc, 8, 9, label="GPE")]  # "the ... of the" + "Congo"
    [mention] = _mentions(doc, gazetteer.load())
    assert (doc[mention.start:mention.end].text, mention.candidates[0].country) == (
        "Democratic Republic of the Congo", "COD")


def test_places_a_short_name_of_a_country_the_report_names_in_full_is_that_country(read):
    doc = read("Fighting spread in the Democratic Republic of the Congo. In eastern Congo, aid workers fled.")
    assert by_text(doc["places"], "Congo")["country"] == "COD"


def test_places_a_quarter_named_for_a_people_lies_in_its_town(read):
    doc = read("Tourists in New Orleans walked through the French Quarter on Sunday, and the mayor of New Orleans "
               "praised them.")
    quarter = by_text(doc["places"], "French Quarter")
    assert (quarter["country"], quarter["admin1"], quarter["feature"]) == ("USA", "Louisiana", "landmark")
    assert not [p for p in doc["places"] if p["country"] == "FRA"]


def test_gazetteer_folds_letters_as_english_writes_them(read):
    folded = [gazetteer.fold(name) for name in ("Łódź", "Doğubayazıt", "Tromsø")]
    assert folded == ["lodz", "dogubayazit", "tromso"]
    doc = read("Bird flu was found at a farm in the town of Pulawy, a laboratory in Poland said.")
    assert by_text(doc["places"], "Pulawy")["country"] == "POL"


def test_places_another_name_of_a_town_said_as_a_town(read):
    doc = read("The second statue will be installed in Echmiadzin, the spiritual centre of the church.")
    assert by_text(doc["places"], "Echmiadzin")["country"] == "ARM"
    doc = read("Most of its leaders sit in Abbas's prisons, the group said.")
    assert not [p for p in doc["places"] if p["text"] == "Abbas"]


def test_places_a_town_after_its_countrys_possessive(read):
    doc = read("Most are Somali refugees living in Kenya's overcrowded Dadaab camps, the agency said.")
    assert by_text(doc["places"], "Dadaab")["country"] == "KEN"


def test_places_a_local_reports_phone_area_code_tells_canada_from_the_united_states(read):
    text = ("A man was stabbed early Sunday in London, and London police say a suspect is in custody. Anyone with "
            "information is asked to call London police at {}.")
    canadian, american = read(text.format("519-661-5670")), read(text.format("606-864-4135"))
    assert {p["country"] for p in canadian["places"] if p["text"] == "London"} == {"CAN"}
    assert {p["country"] for p in american["places"] if p["text"] == "London"} == {"USA"}


def test_places_a_name_opening_a_sentence_counts_where_the_report_says_it_is_a_town(read):
    doc = read("Delano won the meet on Saturday. The wrestlers had trained in Delano all winter.")
    assert [p["start"] for p in doc["places"] if p["text"] == "Delano"] == [0, 62]
    doc = read("Greer, once a mill town, has grown. Traffic in Greer is heavy.")
    assert [p["start"] for p in doc["places"] if p["text"] == "Greer"] == [0, 47]


def test_places_a_persons_name_after_at_does_not_make_the_persons_other_mentions_places(read):
    doc = read("Carter denied the charges. The rifle was found at Carter's home, and Carter was arrested.")
    assert not [p for p in doc["places"] if p["text"] == "Carter" and p["start"] != 50]


def test_places_a_legislators_home_town_the_parse_reads_as_an_adjective(read):
    doc = read("Sponsors of the resolution are Delegates Harold Michael, D-Hardy; Ricky Moye, D-Raleigh; "
               "and John Pino, D-Fayette.")
    assert by_text(doc["places"], "Hardy")["country"] == "USA"


def test_places_a_home_town_in_north_american_local_news_is_a_north_american_town(read):
    doc = read("Athens residents may now drop off glass at the recycling center, and the Public Works department "
               "will pick up old paint.")
    assert by_text(doc["places"], "Athens")["country"] == "USA"
    doc = read("Athens residents queued for bread on Monday as the crisis deepened.")
    assert by_text(doc["places"], "Athens")["country"] == "GRC"


def test_places_a_town_after_compass_words_is_not_the_end_of_a_longer_name(read):
    doc = read("Councillors backed the move to put North West Bicester in front of the inspector.")
    assert by_text(doc["places"], "North West Bicester")["name"] == "Bicester"


def test_places_city_before_a_towns_institution_is_not_part_of_its_name(read):
    doc = read("Los Angeles school board member Jane Doe and San Fernando City Councilwoman Maria Lopez opposed the "
               "measure, which Los Angeles voters rejected.")
    san_fernando = by_text(doc["places"], "San Fernando City")
    assert (san_fernando["country"], san_fernando["admin1"]) == ("USA", "California")
    doc = read("New York City police closed the bridge on Monday.")
    assert by_text(doc["places"], "New York City")["admin1"] == "New York"


def test_places_a_towns_dash_dateline_and_its_residents_make_it_north_american(read):
    doc = read("MANSFIELD — The City Council on Monday approved the budget. Mayor David Cook said all Mansfield "
               "residents would benefit.")
    assert [p["country"] for p in doc["places"] if p["name"] == "Mansfield"] == ["USA", "USA"]
    doc = read("MOSCOW — Moscow police detained dozens of protesters on Saturday.")
    assert [p["country"] for p in doc["places"]] == ["RUS", "RUS"]


def test_places_a_body_written_with_the_is_no_namesake_town(read):
    doc = read("Officials at the White House said on Tuesday that the governor of Ohio would visit Columbus.")
    assert not any(p["feature"] == "city" and p["text"] == "White House" for p in doc["places"])
    assert by_text(doc["places"], "Ohio")["feature"] == "admin1"


def test_places_a_town_named_like_a_body_is_kept_where_the_report_names_it_so(read):
    doc = read("Floodwater reached White House, Tennessee, on Monday. By Tuesday the water had left the White House, "
               "and shops reopened.")
    towns = [p for p in doc["places"] if p["text"] == "White House"]
    assert len(towns) == 2 and all(p["admin1"] == "Tennessee" for p in towns)


def test_places_a_body_named_for_a_town_keeps_the_town_whatever_the_report_is_about(read):
    doc = read("The United States urged Ukraine to drop the rule. The Venice Commission said the law was flawed, "
               "and American diplomats in the United States agreed.")
    assert by_text(doc["places"], "Venice")["country"] == "ITA"


def test_places_a_country_name_said_as_a_local_town_is_the_town(read):
    def jordan(text: str) -> str:
        return by_text(read(text)["places"], "Jordan")["country"]

    assert jordan("Jordan residents may call the Jordan Police Department at 555-0143 with tips.") == "USA"
    assert jordan("Jordan elementary wins a reading award. Pupils at Lincoln Elementary School came second.") == "USA"
    assert jordan("Jordan residents voted on Tuesday, and Amman said the turnout was high.") == "JOR"


def test_places_the_town_a_street_address_ends_with_is_local(read):
    doc = read("Services will be held at the church, 400 S. Walnut St., Lebanon. Burial follows in the town.")
    assert by_text(doc["places"], "Lebanon")["country"] == "USA"


def test_places_a_school_named_for_a_far_town_does_not_make_the_report_local(read):
    doc = read("Flood victims in Leyte sheltered at San Jose Elementary School, officials in Tacloban said.")
    assert by_text(doc["places"], "San Jose Elementary School")["country"] == "PHL"


def test_places_a_home_state_said_as_local_news_does_stays_the_state(read):
    doc = read("Louisiana residents may call the Louisiana Police Department at 555-0143 with tips.")
    assert {p["feature"] for p in doc["places"] if p["text"] == "Louisiana"} == {"admin1"}


def test_places_a_name_after_an_area_part_adjective_is_the_wide_area(read):
    doc = read("The team flew from Guam to Hawaii and then drove across central Washington to meet families.")
    washington = by_text(doc["places"], "Washington")
    assert (washington["feature"], washington["admin1"]) == ("admin1", "Washington")
    doc = read("Officials culled pigs on two farms in northern Luzon after the outbreak.")
    assert by_text(doc["places"], "Luzon")["feature"] in ("region", "admin1")


def test_places_a_qualified_mention_keeps_the_reading_its_qualifier_gives(read):
    doc = read("The crew from Spokane drove across central Washington all week. Its leader later flew to "
               "Washington, D.C., to brief officials on the fires.")
    washingtons = [p for p in doc["places"] if p["text"] == "Washington"]
    assert washingtons[0]["feature"] == "admin1"
    assert (washingtons[1]["feature"], washingtons[1]["admin1"]) == ("city", "Washington, D.C.")


def test_places_a_stray_town_abroad_is_not_anchored_by_one_weak_name(read):
    doc = read("Fog grounded flights at Heathrow on Friday, officials in London said. Virgin Atlantic crews "
               "waited at Heathrow while trains into London were cancelled and schools in London closed.")
    heathrow = by_text(doc["places"], "Heathrow")
    assert heathrow["country"] == "GBR"


def test_places_a_demonym_anchors_a_town_in_its_country(read):
    doc = read("The French drama, which won a prize at Cannes, opened in Hollywood, Los Angeles and "
               "New York this week, studio executives in California said.")
    assert by_text(doc["places"], "Cannes")["country"] == "FRA"
