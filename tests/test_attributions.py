"""Attributions on sentences written for these tests, through the real pipeline."""

import pytest

from dateline import nlp
from dateline.stages.attributions import Paragraphs


def by_cue(doc, cue):
    return next(a for a in doc["attributions"] if a["cue"]["text"].startswith(cue))


def test_attributions_according_to_and_anonymous(read):
    doc = read("The capture happened on Thursday, according to Yonhap News Agency. "
               "Sources indicate the army captured the soldier.")
    according = next(a for a in doc["attributions"] if a["kind"] == "according_to")
    assert according["source"]["text"] == "Yonhap News Agency"
    anonymous = next(a for a in doc["attributions"] if a["kind"] == "anonymous")
    assert anonymous["source"] is None and "captured the soldier" in anonymous["content"]["text"]


def test_attributions_indirect_speech_keeps_the_source_phrase_without_its_aside(read):
    doc = read("Ukrainian President Volodymyr Zelensky, speaking in Kyiv, said that 3,000 soldiers had died.")
    said = by_cue(doc, "said")
    assert said["kind"] == "indirect"
    assert said["source"]["text"] == "Ukrainian President Volodymyr Zelensky"
    assert said["content"]["text"] == "that 3,000 soldiers had died"
    actor = next(a for a in doc["actors"] if a["id"] == said["source"]["actor"])
    assert actor["country"] == "UKR"


def test_attributions_quote_then_speaker_takes_the_whole_quotation(read):
    doc = read("“We will not retreat. Not one step,” the general said on Monday.")
    said = by_cue(doc, "said")
    assert said["kind"] == "direct"
    assert said["source"]["text"] == "the general"
    assert said["content"]["text"] == "“We will not retreat. Not one step,”"


def test_attributions_said_inside_a_quotation_is_the_speakers_own(read):
    doc = read("“My brother said the army had left,” Olena Petrenko told reporters.")
    assert [a["cue"]["text"] for a in doc["attributions"]] == ["told"]


def test_attributions_pronoun_source_stays_a_pronoun_linked_to_the_person(read):
    doc = read("President Volodymyr Zelensky visited the front. He said the soldiers were exhausted.")
    said = by_cue(doc, "said")
    assert said["source"]["text"] == "He"
    actor = next(a for a in doc["actors"] if a["id"] == said["source"]["actor"])
    assert "Zelensky" in actor["text"]


def test_attributions_reporting_chain_links_the_agency_named_in_it(read):
    doc = read("Reports from the South Korean intelligence agency revealed the soldier was captured.")
    revealed = by_cue(doc, "revealed")
    assert revealed["kind"] == "indirect"
    actor = next(a for a in doc["actors"] if a["id"] == revealed["source"]["actor"])
    assert actor["country"] == "KOR"


def test_attributions_unnamed_officials_are_anonymous_but_keep_their_phrase(read):
    doc = read("Officials who asked not to be named said the convoy was hit twice.")
    said = by_cue(doc, "said")
    assert said["kind"] == "anonymous"
    assert said["source"]["text"].startswith("Officials")


def test_attributions_a_wish_inside_reported_speech_is_not_its_own_attribution(read):
    doc = read("The minister said the government wants to end the war.")
    assert [a["cue"]["text"] for a in doc["attributions"]] == ["said"]


def test_attributions_beliefs_and_stances_carry_their_act(read):
    doc = read("Many voters believe the economy is weak. The senator supports the bill.")
    assert by_cue(doc, "believe")["act"] == "thought"
    assert by_cue(doc, "supports")["act"] == "stance"


def test_attributions_naming_participle_is_not_an_attribution(read):
    doc = read("He joined a group called Citizens for Peace.")
    assert doc["attributions"] == []


def test_attributions_attitude_held_with_be(read):
    doc = read("The senator was critical of the agreement.")
    critical = by_cue(doc, "was critical")
    assert critical["source"]["text"] == "The senator"
    assert critical["content"]["text"] == "the agreement"


@pytest.mark.parametrize("sentence, cue, content", [
    ("It has been reported that the soldier died from his injuries.", "reported", "soldier died"),  # impersonal
    ("The soldier reportedly died from his injuries.", "reportedly", "died from his injuries"),      # hearsay
])
def test_attributions_hearsay_is_anonymous_with_no_source(read, sentence, cue, content):
    found = by_cue(read(sentence), cue)
    assert found["kind"] == "anonymous" and found["source"] is None
    assert content in found["content"]["text"]


def test_attributions_what_seems_so_is_anonymous(read):
    doc = read("The ceasefire seems to be holding in the north.")
    seems = by_cue(doc, "seems")
    assert seems["kind"] == "anonymous" and seems["source"] is None
    assert seems["content"]["text"] == "The ceasefire seems to be holding in the north"


def test_attributions_phrasal_and_prepositional_cues(read):
    doc = read("The minister pointed to the rising casualties. The envoy fired back: “They have not.” "
               "The governor was hoping to win the vote.")
    assert by_cue(doc, "pointed to")["content"]["text"] == "the rising casualties"
    assert by_cue(doc, "fired back")["source"]["text"] == "The envoy"
    assert by_cue(doc, "hoping")["source"]["text"] == "The governor"


def test_attributions_answers_and_passive_agents(read):
    doc = read("Asked if the war was winnable, 60 percent of voters said yes. "
               "The deal was rejected by most members of parliament.")
    assert by_cue(doc, "said")["content"]["text"] == "yes"
    rejected = by_cue(doc, "rejected")
    assert rejected["source"]["text"] == "most members of parliament"
    assert rejected["content"]["text"] == "The deal"


def test_attributions_the_unnamed_asker_and_sayings_only_named(read):
    doc = read("Asked about the ceasefire, the general said it would hold. "
               "The mayor was criticized for supporting the curfew.")
    asked = by_cue(doc, "Asked")
    assert asked["kind"] == "anonymous" and asked["source"] is None
    assert by_cue(doc, "said")["source"]["text"] == "the general"
    assert not any(a["cue"]["text"].startswith("supporting") for a in doc["attributions"])


def test_attributions_polls_and_headline_labels(read):
    doc = read("Poll: Voters turn against the war\n\nThe governor had 38 percent support in a state poll.")
    label = by_cue(doc, ":")
    assert label["source"]["text"] == "Poll" and label["content"]["text"] == "Voters turn against the war"
    poll = by_cue(doc, "in")
    assert poll["source"]["text"] == "a state poll"
    assert poll["content"]["text"] == "The governor had 38 percent support"


def test_attributions_as_clauses_questions_and_findings(read):
    doc = read("As the agency reported, the army withdrew from the town. "
               "Asked if the talks had failed, the envoy said no. "
               "A survey by the institute found the president with a lead of ten points.")
    reported = by_cue(doc, "reported")
    assert reported["source"]["text"] == "the agency"
    assert reported["content"]["text"] == "the army withdrew from the town"
    assert by_cue(doc, "Asked")["content"]["text"] == "if the talks had failed"
    found = by_cue(doc, "found")
    assert found["source"]["text"] == "A survey by the institute"
    assert found["content"]["text"].startswith("the president")


def test_attributions_light_verbs_with_a_noun_of_saying(read):
    doc = read("The minister made it clear that the army would stay. The general made the case for a ceasefire. "
               "The company made a profit on the sale.")
    clear = by_cue(doc, "made it clear")
    assert clear["source"]["text"] == "The minister" and clear["content"]["text"] == "that the army would stay"
    assert by_cue(doc, "made the case")["content"]["text"] == "a ceasefire"
    assert not any("profit" in a["cue"]["text"] for a in doc["attributions"])


def test_attributions_speech_reported_inside_speech_stays_in_the_content(read):
    doc = read("The minister said the general told him that the town had fallen.")
    assert [a["cue"]["text"] for a in doc["attributions"]] == ["said"]
    assert "told him" in doc["attributions"][0]["content"]["text"]


def test_attributions_signed_quotations_and_section_labels(read):
    doc = read("Update: The vote was delayed.\n\n"
               "Readers wrote in. “The war must end now.” ― Maria Lopez")
    assert not any(a["cue"]["text"] == ":" for a in doc["attributions"])
    signed = by_cue(doc, "―")
    assert signed["source"]["text"] == "Maria Lopez" and signed["content"]["text"] == "“The war must end now.”"


def test_attributions_content_stops_at_the_paragraph_of_its_cue(read):
    doc = read("Petrenko said the bridge was closed because\n\nthe mayor said the road was open.")
    said = by_cue(doc, "said")
    assert said["content"]["text"] == "the bridge was closed because"
    mayor = next(a for a in doc["attributions"] if a["source"] and a["source"]["text"] == "the mayor")
    assert mayor["content"]["text"] == "the road was open"


def test_attributions_transcript_labels_opened_by_a_quotation_mark_or_alone_on_their_line(read):
    doc = read('The transcript follows.\n\n"WALLACE: Governor, I want to ask you about the wall.\n\n'
               "TRUMP:\n\nWe will build it and they will pay.")
    labels = {a["source"]["text"]: a["content"]["text"] for a in doc["attributions"] if a["cue"]["text"] == ":"}
    assert labels == {"WALLACE": "Governor, I want to ask you about the wall",
                      "TRUMP": "We will build it and they will pay"}


def test_attributions_a_saying_before_the_one_that_reports_it_stands_beside_it(read):
    doc = read("The minister said the talks would resume, officials in Kyiv said on Monday.")
    sources = [a["source"]["text"] for a in doc["attributions"]]
    assert sources == ["The minister", "officials in Kyiv"]
    assert by_cue(doc, "said")["content"]["text"] == "the talks would resume"


@pytest.mark.parametrize("sentence, cue, act, content", [
    ("The senator rebuked the governor for closing the border.", "rebuked", "speech", "the governor"),
    ("The mayor shared a photo of the flooded bridge.", "shared", "speech", "a photo of the flooded bridge"),
    ("The ministry aims to rebuild the school by June.", "aims", "stance", "to rebuild the school by June"),
    ("The council is uncertain whether the grant will arrive.", "is uncertain", "thought", "whether the grant will arrive"),
    ("The defence minister was quick to blame the rebels.", "was quick", "stance", "to blame the rebels"),
])
def test_attributions_more_verbs_and_attitudes(read, sentence, cue, act, content):
    found = by_cue(read(sentence), cue)
    assert (found["act"], found["content"]["text"]) == (act, content)


def test_attributions_a_bare_object_is_not_what_some_verbs_attribute(read):
    doc = read("The company maintained high costs for years. The minister maintained that the fees were fair.")
    assert [a["content"]["text"] for a in doc["attributions"]] == ["that the fees were fair"]


@pytest.mark.parametrize("sentence, cue, quotation", [
    ("The general answered slowly, with a shrug: “Maybe next year.”", "answered", "“Maybe next year.”"),
    ('Petrenko said: "Absolutely. . . . We will rebuild the bridge."', "said",
     '"Absolutely. . . . We will rebuild the bridge."'),
])
def test_attributions_a_colon_introduces_the_quotation_a_cue_reports(read, sentence, cue, quotation):
    found = by_cue(read(sentence), cue)
    assert (found["kind"], found["content"]["text"]) == ("direct", quotation)


TAKES = "The governor took a swipe at the new tax. Her rival took issue with the budget."


@pytest.mark.parametrize("sentence, cue, source, content", [
    pytest.param("The senator's criticism of the tariff deal grew louder.", "criticism", "The senator's",
                 "the tariff deal", id="noun-with-owner"),
    pytest.param("Her fear that the bridge would collapse kept the mayor awake.", "fear", "Her",
                 "that the bridge would collapse", id="thought-noun-with-owner"),
    pytest.param("The mayor faced criticism from local farmers that the new levy was unfair.", "criticism",
                 "local farmers", "that the new levy was unfair", id="noun-with-agent-after-it"),
    # the parser makes 'Reyes' an apposition of 'Ohio' and leaves 'said' without a subject
    pytest.param("Asked by the panel in Ohio, General Tom Reyes, the army chief, said that the troops would stay.",
                 "said", "General Tom Reyes, the army chief", "that the troops would stay",
                 id="speaker-hung-on-the-phrase-before"),
    pytest.param("The union has called for the minimum wage to be raised to 20 dollars.", "called for", "The union",
                 "the minimum wage to be raised to 20 dollars", id="call-for-a-whole-clause"),
    pytest.param(TAKES, "took a swipe", "The governor", "the new tax", id="light-verb-take-a-swipe"),
    pytest.param(TAKES, "took issue", "Her rival", "the budget", id="light-verb-take-issue"),
    pytest.param("The candidate unleashed a tirade against the incumbent's record.", "unleashed", "The candidate",
                 "the incumbent's record", id="light-verb-unleash-a-tirade"),
])
def test_attributions_source_and_content(read, sentence, cue, source, content):
    found = by_cue(read(sentence), cue)
    assert (found["source"]["text"], found["content"]["text"]) == (source, content)


@pytest.mark.parametrize("sentence, cue, content", [
    ("The senator is widely seen as a moderate.", "seen as", "a moderate"),
    ("The resort, now known as Sunrise Club, closed in May.", "known as", "Sunrise Club"),
])
def test_attributions_a_view_or_name_no_one_is_said_to_hold(read, sentence, cue, content):
    found = by_cue(read(sentence), cue)
    assert (found["kind"], found["source"], found["content"]["text"]) == ("anonymous", None, content)


def test_attributions_a_mere_name_is_not_a_view(read):
    assert read("A group called Farmers First met the mayor.")["attributions"] == []


def test_attributions_a_reporting_aside_is_not_the_content_of_the_clause_it_reports(read):
    doc = read("Recently, the mayor said, she has realized that the old bridge is unsafe.")
    said = by_cue(doc, "said")
    assert said["source"]["text"] == "the mayor"
    assert "the old bridge is unsafe" in said["content"]["text"]


def test_attributions_a_quotation_across_a_sentence_end_is_not_the_bare_verbs(read):
    doc = read("The mayor finally responded. “The bridge is safe,” an engineer said.")
    assert [(a["cue"]["text"], a["source"]["text"]) for a in doc["attributions"]] == [("said", "an engineer")]


def test_attributions_a_quotation_in_the_paragraph_before_is_not_the_verbs_content(read):
    doc = read("“The bridge will hold.”\n\nThe engineers showed the cracks to the council.")
    assert by_cue(doc, "showed")["content"]["text"] == "the cracks"


def test_paragraphs_are_found_by_character_offset():
    text = "First line.\nSecond one here.\n\nThird."
    doc = nlp.load()(text)
    paragraphs = Paragraphs(text)
    assert paragraphs.of(doc.char_span(0, 5)) == (0, 11)
    assert paragraphs.of(doc.char_span(12, 18)) == (12, 28)
    assert paragraphs.of(doc.char_span(30, 35)) == (30, 36)


def test_attributions_relative_clause_introducing_a_new_source_stays_in_its_span(read):
    doc = read("Maria Lopez, who runs a shelter in El Paso, said the beds were full. "
               "Lopez, who has worked there for a decade, said more families were coming.")
    first, second = [a for a in doc["attributions"] if a["cue"]["text"] == "said"]
    assert first["source"]["text"] == "Maria Lopez, who runs a shelter in El Paso"
    assert second["source"]["text"] == "Lopez"


def test_attributions_source_span_leaves_out_when_and_how_the_source_spoke(read):
    doc = read("The city council on Tuesday rejected the budget plan. "
               "Pedersen and Olsen both said the vote was unfair. "
               "Karen Holt, speaking to reporters, said the plan would return.")
    assert by_cue(doc, "rejected")["source"]["text"] == "The city council"
    said = [a["source"]["text"] for a in doc["attributions"] if a["cue"]["text"] == "said"]
    assert said == ["Pedersen and Olsen", "Karen Holt"]


def test_attributions_phrasal_verbs_of_saying_need_their_particle_or_object(read):
    doc = read("As the senator put it, the bill is dead. The governor laid out her plan for the schools. "
               "The factory laid off 300 workers.")
    put = by_cue(doc, "put")
    assert put["source"]["text"] == "the senator" and put["content"]["text"] == "the bill is dead"
    assert by_cue(doc, "laid out")["content"]["text"] == "her plan for the schools"
    assert not [a for a in doc["attributions"] if a["cue"]["text"].startswith("laid off")]


def test_attributions_endorsement_won_is_the_endorsers_stance_on_the_winner(read):
    doc = read("Last week the mayor won the endorsement of the teachers union.")
    endorsement = by_cue(doc, "endorsement")
    assert endorsement["source"]["text"] == "the teachers union"
    assert endorsement["content"]["text"] == "the mayor"
    assert endorsement["act"] == "stance"


@pytest.mark.parametrize("fighting", [
    "Russian forces launched an attack on Kharkiv on Monday.", "A sniper took a shot at the patrol.",
    "The gunman took aim at the crowd.", "Ukrainian troops mounted a defense of the city for weeks.",
])
def test_attributions_fighting_words_are_no_saying(read, fighting):
    assert read(fighting)["attributions"] == []


@pytest.mark.parametrize("sentence", [
    "Gunmen attacked a village in Zamfara on Monday.",
    "A village in Zamfara was attacked by gunmen on Monday.",
    "Militants attacked an army base near Gao.",
])
def test_attributions_an_armed_attack_attributes_nothing(read, sentence):
    assert read(sentence)["attributions"] == []


def test_attributions_words_that_attack_are_still_attributed(read):
    attack, = read("The senator attacked the president over his tax plan.")["attributions"]
    assert (attack["cue"]["text"], attack["content"]["text"]) == ("attacked", "the president")
