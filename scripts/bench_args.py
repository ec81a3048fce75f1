"""The dataset file `allies-bench ARGS` measures, from ARGS as `make bench` passes them (BENCH_ARGS): allies-bench's
own defaults and file name (Sources/allies-bench/main.swift, Options). Shared by the peer scripts."""


def dataset_of(bench_args):
    given = (bench_args or "").split()
    opts = {"--alliances": "1000000", "--companies": "100000", "--seed": "42", "--dir": ".bench"}
    for j, word in enumerate(given[:-1]):
        if word in opts:
            opts[word] = given[j + 1]
    return (f"{opts['--dir']}/alliances-{opts['--alliances']}-companies-{opts['--companies']}"
            f"-seed-{opts['--seed']}.json")
