"""The relevance filter: which raw texts it skips, and how a skipped report still gets its document."""
import json
import subprocess
import sys

import pytest

from conftest import assert_valid
from dateline.event_types import entries as trigger_entries
from dateline.event_types import sentence_needs
from dateline.model import Report
from dateline.pipeline import extract_many
from dateline.relevance import event_words, passages_only, relevance, sentence_spans

NO_EVENT = "The old mill by the river in Bath was turned into a museum of local crafts in 1998."
EVENT = "Rebels attacked a police post in Goma on Monday."


def test_relevance_skips_a_text_without_event_words():
    judged = relevance(NO_EVENT)
    assert not judged.relevant and judged.score == 0.0


@pytest.mark.parametrize("text", [
    "Government troops fought rebels near the border.",       # irregular past
    "Thousands rallied in the capital on Sunday.",            # y -> ied
    "Two aid workers were kidnapped outside Gao.",             # doubled consonant
    "RESIDENTS SAID SHELLING HIT THE MARKET.",                  # case
    "The mayor's convoy was struck by an IED.",                # irregular participle, acronym
])
def test_relevance_keeps_inflected_and_irregular_trigger_forms(text):
    assert relevance(text).relevant


@pytest.mark.parametrize("text", [
    "The museum shows quilts from March 3 to the end of May.",
    "In March, the museum showed quilts.",
    "The library has been closed since mid-March.",
    "The library opened on 3 March and March 2019 saw its first exhibition.",
])
def test_relevance_reads_the_month_march_as_no_trigger(text):
    assert not relevance(text).relevant


@pytest.mark.parametrize("text", [
    "Thousands will march to the parliament in March.",
    "The Women's March on Washington drew crowds.",
])
def test_relevance_keeps_march_the_protest_beside_the_month(text):
    assert relevance(text).relevant


def test_relevance_looks_for_every_trigger_of_the_events_lexicon_with_the_company_it_needs():
    for trigger in trigger_entries():
        company = sorted(sentence_needs(trigger) or [""])[0].replace("_", " ")
        assert relevance(f"They spoke of the {trigger} {company} yesterday.").relevant, trigger


@pytest.mark.parametrize("text, relevant", [
    ("Prices hit a record high on Monday.", False),
    ("A rocket hit the school on Monday.", True),
    ("Gunmen opened fire on a bus.", True),
    ("He took the train to the coast.", False),
    ("Rebels took control of the town.", True),
    ("The ministry held a ceremony in the square.", False),
    ("Militiamen held two journalists for a week.", True),
    ("According to the report, the economy shrank.", False),
    ("They are dealing with the backlog.", False),
    ("The two sides reached a deal.", True),
    ("The committee set a date for the vote.", False),
    ("Rebels set up a base near the border.", True),
    ("Rioters set fire to two cars.", True),
    ("He raised both hands.", False),
    ("Rebels handed over the town.", True),
    ("The club was formed in 1901.", False),
    ("Fighters formed a new militia.", True),
    ("The school drill lasted an hour.", False),
    ("The navy began a joint drill.", True),
    ("A friend of mine lives there.", False),
    ("A mine killed two soldiers.", True),
    ("Gas bills went up.", False),
    ("Mustard gas was used on the village.", True),
    ("The currency exchange opened.", False),
    ("The two sides exchanged prisoners.", True),
])
def test_relevance_asks_a_trigger_the_events_stage_reads_only_in_company_for_that_company(text, relevant):
    assert relevance(text).relevant is relevant


def test_relevance_inflects_without_inventing_forms():
    assert "aides" not in event_words() and {"aids", "clashes", "militiamen"} <= event_words().keys() | {
        form for needs in event_words().values() if needs for form in needs}


def test_relevance_score_is_event_words_per_hundred_words():
    assert relevance("Police arrested two men and detained a third.").score == pytest.approx(100 * 2 / 8, abs=0.01)


@pytest.mark.parametrize("text", [
    EVENT,
    "Protesters marched on parliament demanding new elections.",
    "The two ministers met in Geneva and signed a ceasefire.",
    "Officials said 12 civilians were killed when a missile hit the school.",
])
def test_relevance_keeps_every_report_the_events_stage_finds_an_event_in(read, text):
    assert read(text)["events"]
    assert relevance(text).relevant


def test_pipeline_skipped_report_keeps_its_place_with_an_empty_valid_document(validator):
    reports = [Report(text=NO_EVENT, id="museum"), Report(text=EVENT, id="raid", published="2024-05-08")]
    skipped, parsed = extract_many(reports, relevance_filter=True)
    assert_valid(skipped, NO_EVENT, validator)
    assert skipped["document"]["id"] == "museum" and skipped["document"]["relevant"] is False
    assert all(skipped[key] == [] for key in ("places", "times", "actors", "attributions", "events", "claims"))
    assert parsed["document"]["relevant"] is True and parsed["document"]["relevance"] > 0
    assert parsed["events"]


def test_pipeline_parses_every_report_unless_asked_to_filter():
    (document,) = extract_many([Report(text=NO_EVENT, id="museum")])
    assert document["places"] and document["document"]["relevant"] is None


def test_cli_extract_filters_only_when_asked(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "museum", "text": NO_EVENT}) + "\n", encoding="utf-8")
    outputs = {}
    for flags in ((), ("--filter",)):
        result = subprocess.run([sys.executable, "-m", "dateline", "extract", "--jsonl", str(path), *flags],
                                capture_output=True, check=True)
        outputs[flags] = json.loads(result.stdout)
    assert outputs[("--filter",)]["places"] == [] and outputs[()]["places"]


def test_sentences_break_at_stops_and_lines_but_not_after_abbreviations_or_initials():
    text = ("Gen. Smith of the U.S. Army met J. Doe in St. Louis. Rebels attacked Goma!\n"
            "The weather was fine")
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Gen. Smith of the U.S. Army met J. Doe in St. Louis.", "Rebels attacked Goma!", "The weather was fine"]


def test_passages_keep_the_lede_and_event_sentences_and_blank_the_rest_in_place():
    text = "GOMA, May 8 - The town was quiet.\nThe mill is old. Rebels attacked a police post."
    judged = relevance(text)
    kept = passages_only(text, judged.passages)
    assert len(kept) == len(text) and kept.count("\n") == 1
    assert kept.split() == "GOMA, May 8 - The town was quiet. Rebels attacked a police post.".split()
    assert text.index("Rebels") == kept.index("Rebels")


def test_filtered_reading_finds_the_same_events_and_skips_places_of_other_sentences():
    text = ("GOMA, May 8 - Residents stayed home on Tuesday. The old mill in Bath was turned into a museum. "
            "Rebels attacked a police post in Rutshuru, killing two officers, police said.")
    whole, filtered = (next(extract_many([Report(text=text, id="r")], relevance_filter=on)) for on in (False, True))
    triggers = lambda document: [(e["trigger"]["start"], e["type"]) for e in document["events"]]
    assert triggers(filtered) == triggers(whole) != []
    assert "Bath" in {p["text"] for p in whole["places"]} and "Bath" not in {p["text"] for p in filtered["places"]}
    assert "Rutshuru" in {p["text"] for p in filtered["places"]}
    assert filtered["document"]["parsed_chars"] < len(text) and whole["document"]["parsed_chars"] is None


@pytest.mark.parametrize("text, relevant", [
    ("They sat at the counter.", False),
    ("Rebels launched a counter-attack.", True),
    ("Sitting in the garden is pleasant.", False),
    ("Students staged a sit-in.", True),
])
def test_relevance_looks_for_a_multi_word_trigger_with_all_its_words(text, relevant):
    assert relevance(text).relevant is relevant
