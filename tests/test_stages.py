"""Each stage on sentences written for these tests, through the real pipeline."""


def by_text(items, text):
    return next(item for item in items if item["text"] == text)




def test_attributions_according_to_and_anonymous(read):
    doc = read("The capture happened on Thursday, according to Yonhap News Agency. "
               "Sources indicate the army captured the soldier.")
    according = next(a for a in doc["attributions"] if a["kind"] == "according_to")
    assert according["source"]["text"] == "Yonhap News Agency"
    anonymous = next(a for a in doc["attributions"] if a["kind"] == "anonymous")
    assert anonymous["source"] is None and "captured the soldier" in anonymous["content"]["text"]


def test_claims_casualties_with_source_and_band(read):
    doc = read("Ukrainian President Volodymyr Zelensky said over 3,000 North Korean soldiers have been killed or injured.")
    claim = next(c for c in doc["claims"] if c["measure"] == "killed_or_injured")
    assert (claim["value"]["low"], claim["value"]["high"], claim["value"]["approx"]) == (3001, None, "over")
    assert claim["subject"]["country"] == "PRK"
    attribution = next(a for a in doc["attributions"] if a["id"] == claim["source"])
    assert "Zelensky" in attribution["source"]["text"]


def test_disputes_non_overlapping_figures_from_two_sources(read):
    doc = read("Ukrainian President Volodymyr Zelensky said over 3,000 North Korean soldiers have been killed or injured. "
               "The South Korean military's estimates are lower, indicating about 1,000 casualties.")
    assert len(doc["disputes"]) == 1
    assert doc["disputes"][0]["measure"] == "killed_or_injured"


def test_disputes_overlapping_figures_are_not_disputed(read):
    doc = read("Officials said at least 10 civilians were killed. Medics said 12 civilians were killed.")
    assert doc["disputes"] == []
