"""End to end: the worked example, determinism, batch errors."""
import gc
import io
import json
import os
import subprocess
import sys
from dataclasses import asdict

from dateline.model import Report, to_json
from dateline import nlp, pipeline
from dateline.pipeline import (PARSE_GROUP_WORDS, SOLO_PARSE_GROUP_WORDS, _groups, extract_lines, extract_many,
                               read_parsed)
from dateline.reports import read_jsonl

from conftest import assert_valid


def test_pipeline_seed_capture_event(seed_document):
    doc = seed_document
    actors = {a["id"]: a for a in doc["actors"]}
    capture = next(e for e in doc["events"] if e["mode"] == "abduct")
    assert capture["type"] == "ASSAULT"
    assert "UKR" in {actors[i]["country"] for i in capture["actor"]}
    assert "PRK" in {actors[i]["country"] for i in capture["recipient"]}
    assert (capture["date"]["start"], capture["date"]["end"]) == ("2024-12-26", "2024-12-26")


def test_pipeline_seed_dispute_between_casualty_figures(seed_document):
    claims = {c["id"]: c for c in seed_document["claims"]}
    dispute = next(d for d in seed_document["disputes"] if d["measure"] == "killed_or_injured")
    lows = sorted(claims[c]["value"]["low"] for c in dispute["claims"])
    assert lows == [900, 3001]


def test_pipeline_seed_pact_is_between_the_two_states(seed_document):
    actors = {a["id"]: a for a in seed_document["actors"]}
    signing = next(e for e in seed_document["events"] if e["trigger"]["text"] == "signing")
    assert signing["type"] in ("SUPPORT", "AGREE")
    assert {actors[i]["country"] for i in signing["actor"] + signing["recipient"]} >= {"RUS", "PRK"}


def test_pipeline_seed_anonymous_attribution(seed_document):
    assert any(a["kind"] == "anonymous" and a["source"] is None
               and "real-time intelligence sharing" in a["content"]["text"] for a in seed_document["attributions"])


def test_pipeline_same_output_whatever_the_workers(validator):
    reports = [Report(text=f"Report {i}: rebels attacked a police post in Goma on Monday, killing {i + 2} officers.",
                      id=f"r{i}", published="2024-05-0{}".format(1 + i % 9)) for i in range(12)]
    one = [json.dumps(d) for d in extract_many(reports, workers=1, batch_size=5)]
    two = [json.dumps(d) for d in extract_many(reports, workers=2, batch_size=5)]
    assert one == two
    assert [json.loads(d)["document"]["id"] for d in one] == [f"r{i}" for i in range(12)]
    for report, document in zip(reports, one):
        assert_valid(json.loads(document), report.text, validator)


def test_pipeline_bad_records_become_error_objects_in_place(validator):
    lines = b"\n".join([
        json.dumps({"id": "good", "text": "Police arrested 12 protesters in Nairobi."}).encode(),
        b"{not json",
        json.dumps({"id": "empty", "text": ""}).encode(),
        json.dumps({"id": "no-text"}).encode(),
        json.dumps({"text": "Rebels attacked a village in Ituri."}).encode(),
    ])
    out = list(extract_many(read_jsonl(io.BytesIO(lines))))
    assert [o.get("id") or o["document"]["id"] for o in out][:4] == ["good", "line-2", "empty", "no-text"]
    as_lines = list(extract_lines(read_jsonl(io.BytesIO(lines)), workers=2, batch_size=2))
    assert [line for line, _ in as_lines] == [json.dumps(o, ensure_ascii=False) for o in out]
    assert [error for _, error in as_lines] == [o if "error" in o else None for o in out]
    assert out[0]["schema"] == "dateline/1"
    assert out[1]["error"]["reason"] == "line 2: not valid JSON"
    assert "empty" in out[2]["error"]["reason"]
    assert len(out[4]["document"]["id"]) == 64  # SHA-256 of the text when no id is given
    assert_valid(out[0], "Police arrested 12 protesters in Nairobi.", validator)


def test_long_reports_are_parsed_in_groups_of_bounded_length():
    texts = ["one two three", "four five", "six " * 10, "seven", "eight nine"]
    groups = list(_groups(texts, 5))
    assert [t for group in groups for t in group] == texts
    assert groups == [["one two three", "four five"], ["six " * 10], ["seven", "eight nine"]]


def test_a_worker_reads_once_then_freezes_what_it_loaded_and_collects_less_often():
    outputs = list(extract_many([Report(text="Troops shelled Kharkiv on Monday, officials said.")]))
    assert outputs[0]["places"] and gc.get_freeze_count() > 0
    assert gc.get_threshold()[0] == pipeline.COLLECT_EVERY


def test_the_only_worker_parses_in_larger_groups_than_each_of_several(monkeypatch):
    sizes = []
    grouped = pipeline._groups
    monkeypatch.setattr(pipeline, "_groups", lambda texts, most: sizes.append(most) or grouped(texts, most))
    report = Report(text="Troops shelled Kharkiv on Monday.")
    list(extract_many([report]))
    list(extract_many([report], group_words=PARSE_GROUP_WORDS))  # as a Dask partition asks
    assert sizes == [SOLO_PARSE_GROUP_WORDS, PARSE_GROUP_WORDS] and SOLO_PARSE_GROUP_WORDS > PARSE_GROUP_WORDS


def test_a_reading_serialises_as_dataclasses_asdict_does_with_tuples_as_lists():
    text = "Rebels shelled Kharkiv on Monday, killing 12 people and wounding 30, the governor said."
    reading = read_parsed(Report(text=text, published="2024-05-06"), nlp.load()(text))
    assert reading.events and reading.claims and reading.places
    assert to_json(reading) == {"schema": "dateline/1", **json.loads(json.dumps(asdict(reading)))}


def test_openblas_starts_with_one_thread_when_the_environment_says_nothing():
    probe = ("import dateline, os; from threadpoolctl import threadpool_info; "
             "print(os.environ.get('OPENBLAS_NUM_THREADS'), [pool['num_threads'] for pool in threadpool_info() "
             "if pool['internal_api'] == 'openblas'])")
    environment = {key: value for key, value in os.environ.items() if key != "OPENBLAS_NUM_THREADS"}
    printed = subprocess.run([sys.executable, "-c", probe], env=environment, capture_output=True, text=True,
                             check=True).stdout.split(maxsplit=1)
    assert printed[0] == "1"
    assert json.loads(printed[1]) == [1]


def test_openblas_threads_the_environment_sets_are_kept():
    probe = "import dateline, os; print(os.environ['OPENBLAS_NUM_THREADS'])"
    printed = subprocess.run([sys.executable, "-c", probe], env={**os.environ, "OPENBLAS_NUM_THREADS": "2"},
                             capture_output=True, text=True, check=True).stdout
    assert printed.strip() == "2"
