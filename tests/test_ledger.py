"""The ledger: keys, syndication, the event merge and claim reconciliation (pure functions), and the
ledger built from the shipped samples: idempotent, disputes found, exports that load."""
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.ingest import ingest
from dateline.ledger import Ledger, minhash, queries
from dateline.ledger.export import export
from dateline.ledger.merge import absorb, merge_mentions, profile, similarity
from dateline.ledger.reconcile import reconcile
from dateline.ledger.rows import normalise, text_key

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "reports.jsonl"
TABLES = ("documents", "bands", "mentions", "claims", "events", "errors")


def dump(ledger: Ledger) -> dict:
    return {t: sorted(map(repr, ledger.con.execute(f"SELECT * FROM {t}").fetchall())) for t in TABLES}


def test_text_key_ignores_whitespace_and_unicode_composition():
    assert normalise("  Café\u00a0 bombed\n\nin  Goma ") == "Café bombed in Goma"
    assert text_key("Cafe\u0301 bombed") == text_key("Café   bombed")
    assert text_key("Café bombed") != text_key("Cafe bombed")


def test_minhash_finds_wire_copies_and_not_different_stories():
    story = ("A Russian missile strike on the city of Sumy killed at least 12 civilians on Thursday, the regional "
             "governor said. The missile hit an apartment block in the city centre and 40 people were injured.")
    copy = "SUMY (Coast Herald) - " + story + " Reporting by staff."
    other = "Kenyan police arrested more than 60 protesters in Nairobi on Sunday, the Law Society of Kenya said."
    assert minhash.similarity(minhash.signature(story), minhash.signature(copy)) >= minhash.COPY_THRESHOLD
    assert minhash.similarity(minhash.signature(story), minhash.signature(other)) < 0.2
    signature = minhash.signature(story)
    assert (minhash.from_bytes(minhash.to_bytes(signature)) == signature).all()
    assert set(minhash.band_keys(signature)) & set(minhash.band_keys(minhash.signature(copy)))


def mention(document, event="e1", type_="ASSAULT", place=("Kharkiv", "UKR", 49.98, 36.25), day="2025-03-13",
            actors=(("RUS", "MIL"),), tolls=()):
    return {"document": document, "event": event, "type": type_, "mode": None, "status": "asserted",
            "published": "2025-03-14", "date_start": day, "date_end": day,
            "place": {"name": place[0], "country": place[1], "admin1": None, "lat": place[2], "lon": place[3],
                      "feature": "city"},
            "actors": [{"name": "x", "country": c, "sector": s} for c, s in actors], "recipients": [],
            "tolls": list(tolls)}


def test_merge_joins_one_event_and_keeps_apart_what_only_shares_a_place_or_a_day():
    rows = [mention("a", tolls=[7]), mention("b", tolls=[9]),
            mention("c", day="2025-03-10"),                                  # same place, another day
            mention("d", place=("Odesa", "UKR", 46.48, 30.73)),             # same day, another town
            mention("e", actors=(("UKR", "MIL"),)),                          # other attacker
            mention("f", type_="PROTEST"),                                   # other kind of event
            mention("g", tolls=[300])]                                      # toll of another order
    assigned, _ = merge_mentions(rows, [])
    event = assigned[("a", "e1")]
    assert assigned[("b", "e1")] == event
    assert all(assigned[(d, "e1")] != event for d in "cdefg")


def test_merge_gives_the_same_events_however_the_mentions_are_batched():
    rows = [mention("a"), mention("b", day="2025-03-12"), mention("c", place=("Odesa", "UKR", 46.48, 30.73)),
            mention("d", day="2025-03-14")]
    at_once, events = merge_mentions(rows, [])
    first, changed = merge_mentions(rows[:2], [])
    second, changed_again = merge_mentions(rows[2:], list(changed.values()))
    assert {**first, **second} == at_once
    assert {**changed, **changed_again} == events


def merge_comparing_every_event(rows: list[dict]) -> dict:
    """The merge by its definition: each mention compared with every event so far."""
    events: dict[str, dict] = {}
    assigned = {}
    for row in rows:
        candidate = profile(row)
        scored = [(-score, id_) for id_, event in events.items()
                  if (score := similarity(candidate, event)) is not None]
        best = min(scored)[1] if scored else candidate["id"]
        events[best] = absorb(events[best], candidate) if scored else candidate
        assigned[(row["document"], row["event"])] = best
    return assigned


DAYS = st.sampled_from([None, "2025-03-01", "2025-03-02", "2025-03-03", "2025-03-05", "2025-03-30"])


@st.composite
def mentions(draw):
    rows = []
    for number in range(draw(st.integers(0, 25))):
        row = mention(f"d{number}", type_=draw(st.sampled_from(["ASSAULT", "PROTEST"])),
                      place=draw(st.sampled_from([("Kharkiv", "UKR", 49.98, 36.25), ("Izium", "UKR", 49.21, 37.26),
                                                  ("Goma", "COD", -1.68, 29.22)])),
                      actors=draw(st.sampled_from([(("RUS", "MIL"),), (("UKR", "MIL"),), ()])),
                      tolls=draw(st.sampled_from([(), (5,), (80,)])))
        row.update(date_start=draw(DAYS), date_end=draw(DAYS), published=draw(DAYS),
                   status=draw(st.sampled_from(["asserted", "future"])))
        rows.append(row)
    return rows


@settings(max_examples=300, deadline=None)
@given(mentions())
def test_merge_finds_every_event_a_mention_could_join(rows):
    """Events are looked up by kind and day; the lookup must never miss one that `similarity` accepts
    (windows cut short, open-ended or reversed, undated mentions and reports)."""
    assert merge_mentions(rows, [])[0] == merge_comparing_every_event(rows)


def claim(document, low, high, source, copy_of=None, canonical="ev-1"):
    return {"document": document, "document_id": document, "claim": "c1", "measure": "killed",
            "subject_text": "civilians", "subject_country": None, "subject_sector": "CVL", "value_text": str(low),
            "low": low, "high": high, "source": source, "canonical": canonical, "copy_of": copy_of}


def test_reconcile_takes_the_most_conservative_figure_and_flags_what_cannot_all_hold():
    [group] = reconcile([claim("a", 12, None, "governor"), claim("b", 9, 9, "emergency service"),
                         claim("c", 14, 14, "officials"), claim("d", 100, 100, "wire", copy_of="a")])
    assert (group["best"], group["low"], group["high"]) == (9, 9, 14)
    assert group["disputed"] and "emergency service" in group["reason"]
    assert len(group["claims"]) == 4 and "wire" not in group["sources"]
    [agreed] = reconcile([claim("a", 12, 12, "governor"), claim("b", 10, 14, "police")])
    assert not agreed["disputed"]


@pytest.fixture(scope="module")
def sample_ledger(tmp_path_factory):
    path = tmp_path_factory.mktemp("ledger") / "samples.duckdb"
    with Ledger(str(path)) as ledger:
        ingest([str(SAMPLES)], ledger)
        yield ledger


def test_reingest_adds_nothing(sample_ledger):
    before = dump(sample_ledger)
    totals = ingest([str(SAMPLES)], sample_ledger)
    assert totals.added == 0 and totals.skipped == totals.read
    assert dump(sample_ledger) == before


def test_samples_wire_copy_counts_as_one_source(sample_ledger):
    documents = {d["id"]: d for d in queries.documents(sample_ledger)}
    assert documents["sample-herald-6"]["copy_of"] == "sample-wire-1"
    assert documents["sample-daily-2"]["copy_of"] is None
    sumy = next(e for e in queries.events(sample_ledger) if "sample-herald-6" in e["documents"]
                and e["type"] == "ASSAULT")
    assert sumy["reports"] == len(set(sumy["documents"])) - 1


def test_samples_disputes_are_found(sample_ledger):
    disputes = queries.claim_groups(sample_ledger, disputed_only=True)
    found = {(d["measure"], frozenset(c["document"] for c in d["claims"] if not c["copy_of"])) for d in disputes}
    # at least 12 killed, 9 killed, and a toll risen to 14
    assert ("killed", frozenset({"sample-wire-1", "sample-daily-2", "sample-gazette-3"})) in found
    assert ("killed", frozenset({"sample-lakes-7", "sample-post-8"})) in found


def test_samples_separate_strikes_on_one_town_stay_apart(sample_ledger):
    sumy = [e for e in queries.events(sample_ledger, queries.Filters(country="UKR", type="ASSAULT"))]
    assert not any({"sample-wire-9", "sample-wire-1"} <= set(e["documents"]) for e in sumy)


def test_exports_load_in_pandas(sample_ledger, tmp_path):
    pandas = pytest.importorskip("pandas")
    events = queries.events(sample_ledger)
    for fmt, reader in (("acled-csv", pandas.read_csv), ("ucdp-csv", pandas.read_csv),
                        ("jsonl", lambda p: pandas.read_json(p, lines=True))):
        path = tmp_path / f"events.{fmt}"
        with open(path, "w", encoding="utf-8", newline="") as out:
            export(events, fmt, out)
        assert len(reader(path)) == len(events), fmt
    with open(tmp_path / "events.parquet", "wb") as out:
        export(events, "parquet", out)
    assert len(pandas.read_parquet(tmp_path / "events.parquet")) == len(events)
    with open(tmp_path / "events.geojson", "w", encoding="utf-8") as out:
        export(events, "geojson", out)
    collection = json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and collection["features"]
    lon, lat = collection["features"][0]["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_unreadable_reports_go_to_the_errors_table(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "ok", "text": "Police arrested 12 protesters in Nairobi on Monday."}) + "\n"
                    + "{oops\n" + json.dumps({"id": "empty", "text": "  "}) + "\n", encoding="utf-8")
    with Ledger() as ledger:
        totals = ingest([str(path)], ledger)
        rows = queries.errors(ledger)
        assert totals.added == 1 and totals.errors == 2
        assert [(r["input"], r["stage"]) for r in rows] == [(f"{path}:2", "input"), (f"{path}:3", "input")]
        assert rows[1]["document"] == "empty" and "empty" in rows[1]["reason"]
        ingest([str(path)], ledger)
        assert len(queries.errors(ledger)) == 2
