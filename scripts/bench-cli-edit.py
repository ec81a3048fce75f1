#!/usr/bin/env python3
"""Edits from the command line on a large dataset, whole process: `allies edit ID --set status=…`, `allies add
FRAGMENT` (one alliance) and `allies article add`, each made from the file's store (issue #17: an edit at a million
alliances saved in under 2 s), against SQLite saving one edit (one UPDATE committed, synchronous=FULL, WAL) in the
record store `scripts/bench-sqlite-store.py` builds beside the dataset (FILE.store.db; skipped when it is not there).

The dataset is reached through a hard link in a folder of its own (FILE.cli-edit/big.json), with a cache directory of
its own, so its edits file and store are apart from the other benchmarks'. The store is written first (`allies
reindex` from the JSON, timed: at a million alliances minutes and ~5 GB); its lock is
then held, so that the background writer each edit starts waits and what is timed is the edit alone. At the end the
edits file is removed (the next run writes the store again).

Usage: scripts/bench-cli-edit.py DATASET.json [--runs N] [--allies PATH]
       scripts/bench-cli-edit.py --bench-args "ARGS"   (the dataset `allies-bench ARGS` measured, as `make bench`)
Prints a Markdown table: median and spread of each, peak memory (max RSS from /usr/bin/time).
"""
import bench_args
import fcntl
import json
import os
import shutil
import sqlite3
import sys


def run(argv, env):
    """Wall seconds, peak memory (MB) and standard output of one whole process, which must succeed."""
    return bench_args.timed("bench-cli-edit", argv, env=env, output=True)


def main():
    args = bench_args.arguments(sys.argv[1:], __doc__)
    if args is None:
        return
    dataset, runs, allies = args[0], 5, ".build/release/allies"
    i = 1
    while i < len(args):
        if args[i] == "--runs":
            runs = int(args[i + 1]); i += 2
        elif args[i] == "--allies":
            allies = args[i + 1]; i += 2
        else:
            sys.exit(f"bench-cli-edit: unknown argument {args[i]!r}; see --help")
    allies = os.path.abspath(allies)
    folder = os.path.abspath(dataset + ".cli-edit")
    os.makedirs(folder, exist_ok=True)
    big = os.path.join(folder, "big.json")
    journal = big + ".edits.jsonl"
    if not os.path.exists(big) or os.stat(big).st_ino != os.stat(dataset).st_ino:
        if os.path.exists(big):
            os.remove(big)
        os.link(dataset, big)
    if os.path.exists(journal):
        os.remove(journal)
    # A first open's store, read from the JSON (as a user's first command makes it): it also remembers the file's
    # checksum, which the first edit's edits file names.
    shutil.rmtree(os.path.join(folder, "cache"), ignore_errors=True)
    # Edits go to the edits file at any size (a large file's way, which is what is measured; a small one would be
    # saved whole and have no edits file).
    env = dict(os.environ, ALLIES_CACHE_DIR=os.path.join(folder, "cache"), ALLIES_TODAY="2026-12-05",
               LC_ALL="C.UTF-8", ALLIES_EDITS_FILE_FROM="0")
    env.pop("ALLIES_DATA", None)

    rows = []
    seconds, mb, said = run([allies, "--data", big, "reindex"], env)
    rows.append(("Set-up: `allies reindex` (the store written, not timed below)", [seconds], [mb]))
    stores = [n for n in os.listdir(env["ALLIES_CACHE_DIR"]) if n.endswith(".snapshot")]
    lock = os.open(os.path.join(env["ALLIES_CACHE_DIR"], stores[0] + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        _, _, found = run([allies, "--data", big, "search", "kind:investment", "--limit", "1", "--format", "json"],
                          env)
        alliance = next(r["id"] for r in json.loads(found) if r["type"] == "alliance")

        # The first edit starts the edits file: its first line names the file by its checksum, remembered when the
        # store was written from the JSON (not read again).
        seconds, mb, _ = run([allies, "--data", big, "edit", alliance, "--set", "status=active"], env)
        rows.append(("The first edit (starts FILE.edits.jsonl)", [seconds], [mb]))
        times, peaks = [], []
        for n in range(runs):
            status = ("completed", "announced")[n % 2]
            seconds, mb, _ = run([allies, "--data", big, "edit", alliance, "--set", f"status={status}"], env)
            times.append(seconds); peaks.append(mb)
        rows.append(("`allies edit ID --set status=…` (the store and the saves since)", times, peaks))

        with open(journal, encoding="utf-8") as f:
            record = json.loads(f.read().splitlines()[-1])["put"]["alliances"][0]
        for field in ("updated", "added"):
            record.pop(field, None)
        times, peaks = [], []
        for n in range(runs):
            record["id"] = f"bench-cli-edit-{n}"
            fragment = os.path.join(folder, "fragment.json")
            with open(fragment, "w", encoding="utf-8") as f:
                json.dump({"alliances": [record]}, f, ensure_ascii=False)
            seconds, mb, _ = run([allies, "--data", big, "add", fragment], env)
            times.append(seconds); peaks.append(mb)
        rows.append(("`allies add FRAGMENT` (one alliance, its parties and quote checked)", times, peaks))

        text = os.path.join(folder, "article.txt")
        with open(text, "w", encoding="utf-8") as f:
            f.write("Un artículo para medir.\n")
        times, peaks = [], []
        for n in range(runs):
            seconds, mb, _ = run([allies, "--data", big, "article", "add", "--text", text, "--id",
                                  f"bench-cli-edit-article-{n}", "--title", "Medida", "--language", "es"], env)
            times.append(seconds); peaks.append(mb)
        rows.append(("`allies article add`", times, peaks))
    finally:
        os.close(lock)
        if os.path.exists(journal):
            os.remove(journal)

    db = dataset + ".store.db"
    if os.path.exists(db) and shutil.which("sqlite3"):
        con = sqlite3.connect(db)
        edited_id, body = con.execute(
            "SELECT id, body FROM records WHERE kind = 'alliance' ORDER BY pos LIMIT 1").fetchone()
        con.close()
        times, peaks = [], []
        for n in range(runs):
            record = json.loads(body)
            record["title"]["en"] += f" (edit {n})"
            changed = json.dumps(record, ensure_ascii=False).replace("'", "''")
            sql = (f"PRAGMA synchronous=FULL; BEGIN; UPDATE records SET body = '{changed}' "
                   f"WHERE kind = 'alliance' AND id = '{edited_id.replace(chr(39), chr(39) * 2)}'; COMMIT;")
            seconds, mb, _ = run(["sqlite3", db, sql], env)
            times.append(seconds); peaks.append(mb)
        # Put the alliance back as it was.
        con = sqlite3.connect(db)
        con.execute("UPDATE records SET body = ? WHERE kind = 'alliance' AND id = ?", (body, edited_id))
        con.commit()
        con.close()
        rows.append(("Peer: `sqlite3` one UPDATE of an alliance committed (FILE.store.db)", times, peaks))
    else:
        print(f"(no {db}: scripts/bench-sqlite-store.py builds it; the SQLite peer is left out)")

    print(f"\nEdits from the command line on {dataset} ({runs} runs each; median, fastest–slowest; peak RSS):\n")
    print("| Measure | median | spread | peak RSS |")
    print("|---|---|---|---|")
    for name, times, peaks in rows:
        median, low, high = bench_args.summary(times)
        spread = f"{bench_args.shown(low)}–{bench_args.shown(high)}" if len(times) > 1 else "one run"
        print(f"| {name} | {bench_args.shown(median)} | {spread} | {max(peaks):.0f} MB |")


if __name__ == "__main__":
    main()
