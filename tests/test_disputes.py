"""Disputes: figures for the same measure and people that cannot all hold."""


def test_disputes_non_overlapping_figures_from_two_sources(read):
    doc = read("Ukrainian President Volodymyr Zelensky said over 3,000 North Korean soldiers have been killed or injured. "
               "The South Korean military's estimates are lower, indicating about 1,000 casualties.")
    assert len(doc["disputes"]) == 1
    dispute = doc["disputes"][0]
    assert dispute["measure"] == "killed_or_injured"
    assert len(dispute["claims"]) == 2 and "do not overlap" in dispute["reason"]


def test_disputes_overlapping_figures_are_not_disputed(read):
    doc = read("Officials said at least 10 civilians were killed. Medics said 12 civilians were killed.")
    assert doc["disputes"] == []


def test_disputes_killed_is_not_the_same_measure_as_casualties(read):
    doc = read("Officials said 40 soldiers were killed. Medics said 500 soldiers were killed or injured.")
    assert doc["disputes"] == []
