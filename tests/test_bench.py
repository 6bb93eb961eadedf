"""The benchmark harness's record of the hosts it ran on (benchmarks/bench.py; the runs themselves are `make bench`)."""
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_on(processor: str, kernel: str, filtered_ratio: float) -> dict:
    return {"machine": {"processor": processor, "blis_kernel": kernel, "spacy": "3.8.7", "load_average": [0.5, 1.0]},
            "raw_parse_docs_per_s": 9.0, "dateline_parse_docs_per_s": 13.0,
            "ratios": {"extract_1w_vs_raw": 0.8, "extract_filtered_2w_vs_raw": filtered_ratio,
                       "extract_filtered_2w_vs_dateline_parse": 1.7, "dask_2w_vs_dask_1w": 1.7}}


def test_a_run_on_another_host_keeps_the_last_run_on_each_other_host(bench):
    xeon = run_on("Xeon", "haswell", 2.5)
    epyc = run_on("EPYC", "generic", 4.0)
    after_epyc = bench.other_hosts(xeon, epyc["machine"])
    assert [host["host"] for host in after_epyc] == ["Xeon, BLIS kernel haswell, spaCy 3.8.7"]
    assert after_epyc[0]["ratios"]["extract_filtered_2w_vs_raw"] == 2.5
    back_on_xeon = bench.other_hosts({**epyc, "other_hosts": after_epyc}, xeon["machine"])
    assert [host["host"] for host in back_on_xeon] == ["EPYC, BLIS kernel generic, spaCy 3.8.7"]


def test_the_readme_table_names_each_other_host_and_its_filter_ratio(bench):
    table = "\n".join(bench.other_hosts_table(bench.other_hosts(run_on("Xeon", "haswell", 2.48),
                                                                 {"processor": "EPYC", "blis_kernel": "generic"})))
    assert "| Xeon, BLIS kernel haswell, spaCy 3.8.7 | 9.0 | 13.0 | 0.8 | 2.48 | 1.7 | 1.7 |" in table


def test_the_blis_kernel_is_read_from_blis_itself(bench):
    assert bench.blis_kernel() not in ("", "unknown")


def test_a_run_kept_apart_names_the_host_it_ran_on(bench):
    ceiling = {"runs": [{"name": "raw", "docs_per_s": 10.0, "cpu_ms_per_doc": 100.0},
                        {"name": "filtered", "docs_per_s": 25.0, "cpu_ms_per_doc": 75.0},
                        {"name": "perfect", "docs_per_s": 26.0, "cpu_ms_per_doc": 72.0}],
               "load_average": 0.5, "words_unparsed": {"filter": 0.42, "perfect": 0.47}}
    assert "`make bench-ceiling` on a host not recorded;" in bench.filter_ceiling_table(ceiling)[1]
    named = bench.filter_ceiling_table({**ceiling, "host": "EPYC, BLIS kernel generic"})[1]
    assert "`make bench-ceiling` on EPYC, BLIS kernel generic;" in named



def test_the_runs_start_from_the_environment_the_bench_was_given():
    """Importing dateline sets OPENBLAS_NUM_THREADS for Dateline's own runs; the raw parse must not inherit it."""
    probe = (f"import importlib.util, os; spec = importlib.util.spec_from_file_location('bench', {str(BENCH)!r}); "
             "bench = importlib.util.module_from_spec(spec); spec.loader.exec_module(bench); "
             "print(os.environ.get('OPENBLAS_NUM_THREADS'), bench.ENV.get('OPENBLAS_NUM_THREADS'))")
    environment = {key: value for key, value in os.environ.items() if key != "OPENBLAS_NUM_THREADS"}
    printed = subprocess.run([sys.executable, "-c", probe], env=environment, capture_output=True, text=True,
                             check=True).stdout.split()
    assert printed == ["1", "None"]
