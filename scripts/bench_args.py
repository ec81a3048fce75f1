"""What the peer scripts share: the dataset file `allies-bench ARGS` measures, from ARGS as `make bench` passes them
(BENCH_ARGS: allies-bench's own defaults and file name, Sources/allies-bench/main.swift, Options); one whole process
timed with its peak memory; a run's median and spread."""

import statistics
import subprocess
import sys
import time


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


def timed(script, argv, env=None, output=False, ok=(0,)):
    """Wall seconds, peak memory (MB) and, with `output`, the standard output of one whole process, which must
    succeed: end with a status in `ok` (`script` names the caller in the message when it does not; `allies search`
    ends with 1 when it finds nothing). The seconds are the monotonic clock's around /usr/bin/time, whose own %e has
    10 ms steps."""
    started = time.monotonic()
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, stdout=subprocess.PIPE if output else subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, env=env, check=False)
    seconds = time.monotonic() - started
    if out.returncode not in ok:
        sys.exit(f"{script}: {' '.join(argv)[:200]} failed ({out.returncode}): {out.stderr.strip()[-400:]}")
    kilobytes = int(out.stderr.strip().splitlines()[-1])
    return seconds, kilobytes / 1024, out.stdout


def summary(samples):
    """Median, lowest and highest."""
    values = sorted(samples)
    return statistics.median(values), values[0], values[-1]


def shown(seconds, digits=0):
    """`1.23 s`, or milliseconds below a second with `digits` decimals."""
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.{digits}f} ms"
