#!/usr/bin/env python3
"""The peers of issue #17 for a warm CLI query, whole process: `allies --data FILE search WORD --limit 200` against
the `sqlite3` command answering the same word from an FTS5 table of the same alliances, ordered by rowid and ranked by
bm25 (top 200). Python's sqlite3 module builds the table once, beside the dataset (FILE.fts5.db).

Usage: scripts/bench-sqlite-peer.py DATASET.json [--allies PATH] [--runs N] [--words w1,w2,...]
       scripts/bench-sqlite-peer.py --bench-args "ARGS"   (the dataset `allies-bench ARGS` measured, as `make bench`)
Prints a Markdown table: median and spread of each, peak memory (max RSS from /usr/bin/time), the ratios.
"""
import bench_args
import json
import os
import sqlite3
import sys
import time

WORDS = ["nube", "inversión", "acuerdo", "chips", "energía"]


def build(dataset, db):
    """The alliances' titles and summaries, both languages, and their parties, in an FTS5 table (accents folded)."""
    if os.path.exists(db) and os.path.getmtime(db) >= os.path.getmtime(dataset):
        return None
    started = time.monotonic()
    with open(dataset, encoding="utf-8") as f:
        data = json.load(f)
    tmp = db + ".tmp"
    if os.path.exists(tmp):
        os.remove(tmp)
    con = sqlite3.connect(tmp)
    con.execute(
        "CREATE VIRTUAL TABLE alliances USING fts5("
        "id UNINDEXED, title_en, title_es, summary_en, summary_es, parties, "
        "tokenize = 'unicode61 remove_diacritics 2')")
    rows = (
        (a["id"], a["title"]["en"], a["title"]["es"], a.get("summary", {}).get("en", ""),
         a.get("summary", {}).get("es", ""), " ".join(p["company"] for p in a.get("parties", [])))
        for a in data["alliances"])
    con.executemany("INSERT INTO alliances VALUES (?, ?, ?, ?, ?, ?)", rows)
    con.commit()
    con.close()
    os.replace(tmp, db)
    return time.monotonic() - started


def timed(argv):
    """Wall seconds and peak memory (MB) of one whole process, its output discarded (a word that matches nothing
    is an answer too: `allies search` ends with 1 then)."""
    seconds, megabytes, _ = bench_args.timed("bench-sqlite-peer", argv, ok=(0, 1))
    return seconds, megabytes


def main():
    args = bench_args.arguments(sys.argv[1:], __doc__)
    if args is None:
        return
    dataset = args[0]
    allies = ".build/release/allies"
    runs = 5
    words = WORDS
    i = 1
    while i < len(args):
        if args[i] == "--allies":
            allies = args[i + 1]; i += 2
        elif args[i] == "--runs":
            runs = int(args[i + 1]); i += 2
        elif args[i] == "--words":
            words = args[i + 1].split(","); i += 2
        else:
            sys.exit(f"bench-sqlite-peer: unknown argument {args[i]!r}; see --help")
    db = dataset + ".fts5.db"
    built = build(dataset, db)
    if built is not None:
        print(f"FTS5 table built in {built:.1f} s ({os.path.getsize(db) / 1e6:.0f} MB): {db}")
    # Warm: the snapshot of the dataset exists before the first timed run.
    timed([allies, "--data", dataset, "search", words[0], "--limit", "1"])
    measures = {"allies": [], "rowid": [], "bm25": []}
    memory = {"allies": [], "rowid": [], "bm25": []}
    for _ in range(runs):
        for word in words:
            match = '"' + word.replace('"', '""') + '"'
            for name, argv in (
                ("allies", [allies, "--data", dataset, "search", word, "--limit", "200"]),
                ("rowid", ["sqlite3", db, f"SELECT id, title_en FROM alliances WHERE alliances MATCH '{match}' "
                           "ORDER BY rowid LIMIT 200"]),
                ("bm25", ["sqlite3", db, f"SELECT id, title_en FROM alliances WHERE alliances MATCH '{match}' "
                          "ORDER BY bm25(alliances) LIMIT 200"]),
            ):
                seconds, megabytes = timed(argv)
                measures[name].append(seconds)
                memory[name].append(megabytes)
    a = bench_args.summary(measures["allies"])
    print(f"\nWarm CLI query, whole process ({len(words)} words × {runs} runs; {', '.join(words)})\n")
    print("| Measure | Allies (median) | spread | Peer (median) | spread | Ratio (peer ÷ Allies) |")
    print("|---|---|---|---|---|---|")
    for name, label in (("bm25", "sqlite3 FTS5, bm25 top 200"), ("rowid", "sqlite3 FTS5, rowid order")):
        p = bench_args.summary(measures[name])
        print(f"| Query, whole process, vs {label} | {a[0] * 1000:.0f} ms | {a[1] * 1000:.0f}–{a[2] * 1000:.0f} ms "
              f"| {p[0] * 1000:.0f} ms | {p[1] * 1000:.0f}–{p[2] * 1000:.0f} ms | {p[0] / a[0]:.3g}× |")
    print(f"| Peak memory, whole process | {max(memory['allies']):.0f} MB | | sqlite3: "
          f"{max(memory['bm25'] + memory['rowid']):.0f} MB | | "
          f"{max(memory['bm25'] + memory['rowid']) / max(memory['allies']):.3g}× |")


if __name__ == "__main__":
    main()
