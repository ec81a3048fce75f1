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


def arguments(argv, doc):
    """The script's arguments with `--bench-args "ARGS"` replaced by the dataset it names; None (after printing the
    script's `doc`) for no arguments or --help."""
    if not argv or argv[0] in ("-h", "--help"):
        print(doc)
        return None
    if argv[0] == "--bench-args":
        return [dataset_of(argv[1] if len(argv) > 1 else "")] + argv[2:]
    return argv
