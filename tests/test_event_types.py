"""Event typing: PLOVER category and ACLED sub-event from a trigger in its sentence, ranked by confidence."""
from __future__ import annotations

import pytest

from dateline import nlp
from dateline.event_types import Trigger, trigger_type


def readings(text: str) -> list[Trigger]:
    """Every trigger's reading in the text, most confident first."""
    found = [trigger_type(token) for token in nlp.load()(text)]
    return sorted((t for t in found if t is not None), key=lambda t: -t.confidence)


def top_acled(text: str) -> str | None:
    """The ACLED sub-event type of the most confident reading with one, as the CASE scorer reads it."""
    return next((t.acled_sub_event_type for t in readings(text) if t.acled_sub_event_type), None)


def top_type(text: str) -> str | None:
    found = readings(text)
    return found[0].type if found else None


@pytest.mark.parametrize("text, sub_event", [
    ("Drones struck a convoy on the highway near the border on Monday.", "Air/drone strike"),
    ("The army pounded rebel positions with mortars and heavy artillery.", "Shelling/artillery/missile attack"),
    ("A roadside bomb hit a police patrol, wounding three officers.", "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at a checkpoint, killing five soldiers.", "Suicide bomb"),
    ("Gunmen hurled a grenade into a crowded bar.", "Grenade"),
    ("Residents said the town was hit with chlorine gas dropped from a helicopter.", "Chemical weapon"),
    ("Police fired tear gas to disperse hundreds of protesters outside parliament.", "Protest with intervention"),
    ("Security forces shot dead four protesters at the rally.", "Excessive force against protesters"),
    ("Protesters threw stones at police and set fire to tyres.", "Violent demonstration"),
    ("Thousands of teachers marched peacefully through the capital to demand higher pay.", "Peaceful protest"),
    ("Students staged a die-in outside the parliament on Friday.", "Peaceful protest"),
    ("Government troops recaptured the town of Kidal from the rebels.", "Government regains territory"),
    ("Militants seized control of the district headquarters after a night of fighting.",
     "Non-state actor overtakes territory"),
    ("Army engineers defused an explosive device planted near the bridge.", "Disrupted weapons use"),
    ("Police arrested twelve men suspected of planning the attack.", "Arrests"),
    ("The two armed factions signed a ceasefire agreement in the capital.", "Agreement"),
    ("Gunmen stormed a village and killed eleven farmers.", "Attack"),
    ("Rebels clashed with soldiers near the airport.", "Armed clash"),
    ("Soldiers raped at least six women during the raid on the village.", "Sexual violence"),
    ("A mob lynched a man accused of theft.", "Mob violence"),
])
def test_acled_sub_event_from_context(text, sub_event):
    assert top_acled(text) == sub_event


@pytest.mark.parametrize("text", [
    "A strong earthquake killed 12 people and destroyed hundreds of homes.",
    "Nineteen people were killed when their bus plunged off a bridge.",
    "Armed robbers shot a shopkeeper during a robbery at the market.",
    "A gas cylinder explosion at a restaurant injured six diners.",
    "Islamic State claimed responsibility for the car bomb.",
])
def test_disasters_crime_and_claims_are_not_violent_acled_events(text):
    assert top_acled(text) not in {"Armed clash", "Attack", "Remote explosive/landmine/IED", "Air/drone strike",
                                   "Shelling/artillery/missile attack", "Suicide bomb", "Grenade"}


@pytest.mark.parametrize("text, plover", [
    ("Iran threatened to strike American bases in the Gulf.", "THREATEN"),
    ("The minister accused the rebels of shelling civilians.", "ACCUSE"),
    ("Finland will give Tanzania a grant of 580 million shillings.", "AGREE"),
    ("The government said it would not accept any more refugees.", "REJECT"),
    ("Russia said Sudan must return the helicopter.", "REQUEST"),
    ("The union called off the strike after talks with the government.", "CONCEDE"),
    ("Hundreds of farmers blocked roads leading to the capital.", "PROTEST"),
    ("The foreign minister visited Beijing for talks on trade.", "CONSULT"),
    ("The two countries signed a treaty on border demarcation.", "SUPPORT"),
])
def test_plover_type_of_the_main_event(text, plover):
    assert top_type(text) == plover


def test_specific_reading_outranks_its_consequences():
    found = readings("A suicide bomber blew himself up at a checkpoint, killing five soldiers.")
    assert found[0].acled_sub_event_type == "Suicide bomb"
    assert all(t.confidence <= found[0].confidence for t in found)


def test_words_that_are_not_events():
    assert [t.type for t in readings("The so-called committee met in March.")] == ["CONSULT"]
    assert top_acled("Workers went on strike over unpaid wages.") == "Peaceful protest"
    assert top_acled("North Korea conducted a test of a new missile.") is None
    shown = readings("The capture is a psychological gain, demonstrating the weakness of the enemy.")
    assert "PROTEST" not in {t.type for t in shown}


def test_events_stage_uses_the_typed_confidence(read):
    document = read("A suicide bomber blew himself up at a checkpoint in Kabul, killing five soldiers.")
    best = max(document["events"], key=lambda e: e["confidence"])
    assert best["acled"] == {"event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb"}
    assert best["mode"] == "suicide-attack"


@pytest.mark.parametrize("text", [
    "Two farmers died when gunmen opened fire on the village.",
    "The homicide of the journalist shocked the town.",
    "Militants slaughtered dozens of villagers overnight.",
    "Three passengers suffered injuries when the bus was attacked.",
])
def test_deaths_injuries_and_killings_are_assaults(text):
    assert "ASSAULT" in {t.type for t in readings(text)}


@pytest.mark.parametrize("text", [
    "The former senator died of cancer at his home.",
    "Two miners died in a landslide at the quarry.",
    "Parliament voted to abolish the death penalty.",
])
def test_deaths_from_illness_or_disaster_and_death_penalties_are_not_assaults(text):
    assert "ASSAULT" not in {t.type for t in readings(text)}


def test_a_bomb_planted_at_a_station_is_no_industrial_accident():
    assert top_acled("A bomb planted at the station exploded, killing four people.") == \
        "Remote explosive/landmine/IED"


def test_a_building_destroyed_by_a_bomb_is_no_disrupted_weapons_use():
    assert top_acled("The police station was destroyed by a car bomb on Friday.") != "Disrupted weapons use"


def test_an_explosion_that_destroyed_something_is_no_disrupted_weapons_use():
    found = readings("The explosions destroyed three armoured vehicles near the base.")
    assert "Disrupted weapons use" not in {t.acled_sub_event_type for t in found}


def test_an_aircraft_fired_on_is_the_target_not_an_air_strike():
    assert top_acled("Gunmen opened fire on a small passenger plane as it landed.") != "Air/drone strike"
    assert top_acled("Militants fired on an army helicopter near the border.") != "Air/drone strike"
    named_again = "Gunmen opened fire on a passenger plane as it landed at the airport, one of the plane's pilots said."
    assert top_acled(named_again) != "Air/drone strike"
    assert top_acled("Helicopter gunships fired rockets at the village.") == "Air/drone strike"


def test_bombers_killed_by_their_own_explosives_are_a_suicide_bombing():
    assert top_acled("Two militants detonated explosives, killing themselves near the checkpoint.") == "Suicide bomb"
    assert top_acled("A man wearing an explosive vest detonated it outside the mosque.") == "Suicide bomb"


def test_control_taken_of_a_named_town_is_territory():
    assert top_acled("The army took control of Garma on Sunday.") == "Government regains territory"
    assert top_acled("Rebels took control of Menaka after a day of fighting.") == "Non-state actor overtakes territory"
    assert top_acled("The company took control of Vodafone.") is None


def test_road_blocking_is_a_violent_demonstration_by_acled_but_troops_blocking_a_road_are_no_protest():
    assert top_acled("Hundreds of farmers blocked roads leading to the capital.") == "Violent demonstration"
    assert top_type("The army blocked the road to the border.") == "COERCE"
    assert top_acled("Opposition supporters blocked streets in the capital.") == "Violent demonstration"


def test_weapons_found_are_disrupted_even_when_the_parse_reads_a_clause():
    text = ("Security forces discovered a large amount of ammunition believed to belong to the outlawed "
            "Kurdistan Workers Party.")
    assert top_acled(text) == "Disrupted weapons use"
    assert top_acled("Police found a large quantity of explosives thought to belong to the militants.") == \
        "Disrupted weapons use"


def test_mobs_of_looters_are_mob_violence():
    assert top_acled("Mobs of looters rushed through the stores while police scrambled.") == "Mob violence"


def test_a_lifted_restriction_is_no_restriction():
    assert top_type("Serbia lifted a night curfew in Montenegro on Sunday.") == "CONCEDE"
    assert top_type("The army lifted a day-old blockade on the crossing.") == "CONCEDE"
    assert top_type("The army imposed a curfew on the city.") == "COERCE"


def test_the_wounded_evacuated_are_people_not_an_attack():
    found = readings("U.N. helicopters evacuated the wounded from the town on Friday.")
    assert "ASSAULT" not in {t.type for t in found}


def test_an_event_after_which_another_happened_is_background():
    def assault(text):
        return next(t.confidence for t in readings(text) if t.type == "ASSAULT")
    meanwhile = assault("Italy suspended flights while a Serbian jet shot down a helicopter.")
    assert assault("Italy suspended flights one day after a Serbian jet shot down a helicopter.") < meanwhile - 0.1


def test_a_word_that_says_what_kind_of_group_tells_no_event():
    types = {t.type for t in readings("Two aid agencies and the protest leaders said the election officials had left.")}
    assert not types & {"AID", "PROTEST"}


def test_a_depot_struck_is_the_target_not_a_seizure():
    assert {t.type for t in readings("A drone struck a fuel depot near Belgorod on Monday.")} == {"ASSAULT"}
    seized = readings("Troops seized a rebel arsenal of rifles and mortars near the border.")
    assert "Disrupted weapons use" in {t.acled_sub_event_type for t in seized}


@pytest.mark.parametrize("text, sub_event", [
    ("Police violently dispersed a demonstration by farmers outside the ministry on Tuesday.",
     "Protest with intervention"),
    ("The brutal crackdown on the student rally drew condemnation from rights groups.", "Protest with intervention"),
    ("Police violently dispersed the march, leaving two demonstrators dead.", "Excessive force against protesters"),
    ("Dozens were hurt when riot police brutally broke up the rally.", "Excessive force against protesters"),
])
def test_a_violent_dispersal_is_excessive_force_only_with_casualties(text, sub_event):
    assert top_acled(text) == sub_event


@pytest.mark.parametrize("text, sub_event", [
    ("Farmers held sit-ins at three district offices to demand debt relief.", "Peaceful protest"),
    ("Residents condemned the violent dispersal of the sit-in at the university.", "Protest with intervention"),
    ("Rebels launched a counter-attack on the town overnight.", "Armed clash"),
    ("A cease-fire between the two factions took effect on Sunday.", "Agreement"),
    ("Police fired tear-gas at the crowd of protesters.", "Protest with intervention"),
])
def test_hyphenated_triggers(text, sub_event):
    assert top_acled(text) == sub_event


def test_a_killing_that_protesters_mourn_is_no_protest():
    found = readings("Thousands of protesters marched in the capital to mark the anniversary of the massacre.")
    assert {t.type for t in found} == {"PROTEST", "ASSAULT"}
    assert found[0].type == "PROTEST"


def test_a_capitalised_event_name_triggers_but_a_surname_does_not():
    assert "ASSAULT" in {t.type for t in readings("Armenians marked the anniversary of the Genocide on Friday.")}
    assert "ASSAULT" not in {t.type for t in readings("Senator Kill met Governor Bush in Austin.")}


def test_a_coup_attempt_is_an_event_but_a_battle_flag_is_not():
    assert "ASSAULT" in {t.type for t in readings("Soldiers involved in the coup attempt were arrested.")}
    assert "ASSAULT" not in {t.type for t in readings("The battle flag still flies over the capitol.")}


def test_petrol_bombs_are_thrown_fire_not_explosive_devices():
    assert top_acled("Protesters threw petrol bombs at police outside the ministry.") == "Violent demonstration"
    assert top_acled("Unknown assailants threw a petrol bomb at a bus, injuring five passengers.") == "Attack"
    assert top_acled("A roadside bomb killed three soldiers near the bridge.") == "Remote explosive/landmine/IED"


def test_police_who_break_up_a_rally_make_no_violent_demonstration():
    text = "The police used water cannons, tear gas and rubber bullets to break up a rally by protesters."
    assert top_acled(text) == "Protest with intervention"
    assert top_acled("Protesters broke windows and set fire to cars.") == "Violent demonstration"


def test_ground_left_after_fighting_is_regained_not_handed_over():
    assert top_acled("Army units recovered control of two villages from rebels who withdrew after heavy "
                     "shelling.") == "Government regains territory"
    assert top_acled("Government forces took control of the town after the rebels withdrew.") == \
        "Non-violent transfer of territory"
