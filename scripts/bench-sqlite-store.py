#!/usr/bin/env python3
"""SQLite as the record store of a dataset, whole process: what the `sqlite3` command costs to open the store and fetch
200 alliances by id, to list the alliances of the best-connected company (the network adjacency), to save one edit
(one UPDATE committed, synchronous=FULL), to count the alliances (the cost of opening), and to check the whole store
(PRAGMA quick_check). The figures to weigh SQLite against a read-in-place file of our own. Python's sqlite3 module
builds the store once, beside the dataset (FILE.store.db), each record's JSON text in one row.

Usage: scripts/bench-sqlite-store.py DATASET.json [--runs N]
       scripts/bench-sqlite-store.py --bench-args "ARGS"   (the dataset `allies-bench ARGS` measured, as `make bench`)
Prints a Markdown table: median and spread of each, peak memory (max RSS from /usr/bin/time), the build and sizes.
"""
import bench_args
import json
import os
import sqlite3
import subprocess
import sys
import time

# The dataset's lists and the kind each record is stored under.
KINDS = {"companies": "company", "alliances": "alliance", "articles": "article", "claims": "claim",
         "people": "person", "shareEstimates": "shareEstimate", "groups": "group"}
FETCHED = 200  # ids fetched in (a), bodies listed in (b)


def peak_memory_mb():
    """This process's peak resident memory so far (Linux, /proc), or None."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def build(dataset, db):
    """Every record's JSON text in `records`, the alliances' parties in `parties`; WAL journal mode.

    `records` keeps its rowid: a WITHOUT ROWID table stores whole rows in its primary-key b-tree, which SQLite advises
    only for rows under about a twentieth of a page (~200 bytes of 4 KiB), and an alliance's JSON is ~0.9 KB (up to
    1.6 KB). With a rowid the bodies sit in the table b-tree in load order (the datasets' order) and the key (kind, id)
    is a small separate index, so a lookup by id is an index seek then a rowid seek, and a scan in order is sequential.
    `records(kind, pos)` is indexed too: the parties point at alliances by position, as our own file would.
    The index on `parties(company_id)` carries `alliance_pos`, so the adjacency of a company is read from the index
    alone (covering), already in position order.
    """
    if os.path.exists(db) and os.path.getmtime(db) >= os.path.getmtime(dataset):
        return False
    started = time.monotonic()
    with open(dataset, encoding="utf-8") as f:
        data = json.load(f)
    loaded = time.monotonic() - started
    tmp = db + ".tmp"
    for leftover in (tmp, tmp + "-wal", tmp + "-shm", tmp + "-journal"):
        if os.path.exists(leftover):
            os.remove(leftover)
    con = sqlite3.connect(tmp)
    # A bulk load into a file not yet in place: no journal, no syncs; WAL once it is full.
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-1048576")  # 1 GiB, so the (kind, id) index is built in memory
    con.execute("CREATE TABLE records(kind TEXT NOT NULL, pos INTEGER NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, "
                "PRIMARY KEY(kind, id))")
    con.execute("CREATE TABLE parties(alliance_pos INTEGER NOT NULL, company_id TEXT NOT NULL)")
    con.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value)")
    counts = {}
    for key, kind in KINDS.items():
        records = data.get(key) or []
        counts[kind] = len(records)
        con.executemany("INSERT INTO records VALUES (?, ?, ?, ?)",
                        ((kind, pos, r["id"], json.dumps(r, ensure_ascii=False, separators=(",", ":")))
                         for pos, r in enumerate(records)))
    con.executemany("INSERT INTO parties VALUES (?, ?)",
                    ((pos, company) for pos, a in enumerate(data.get("alliances") or [])
                     for company in dict.fromkeys(p["company"] for p in a.get("parties", []))))
    con.execute("CREATE UNIQUE INDEX records_pos ON records(kind, pos)")
    con.execute("CREATE INDEX parties_company ON parties(company_id, alliance_pos)")
    con.commit()
    con.execute("ANALYZE")
    memory = peak_memory_mb()
    seconds = time.monotonic() - started
    con.executemany("INSERT INTO meta VALUES (?, ?)", (
        ("build_seconds", seconds), ("json_load_seconds", loaded), ("build_peak_mb", memory),
        ("counts", json.dumps(counts)), ("sqlite_version", sqlite3.sqlite_version)))
    con.commit()
    con.execute("PRAGMA journal_mode=WAL")
    con.close()
    os.replace(tmp, db)
    return True


def timed(argv):
    """Wall seconds and peak memory (MB) of one whole process, its output discarded."""
    seconds, megabytes, _ = bench_args.timed("bench-sqlite-store", argv)
    return seconds, megabytes


def checked(argv):
    """The output of one command, which must succeed."""
    out = subprocess.run(argv, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"bench-sqlite-store: {' '.join(argv)[:200]} failed ({out.returncode}): {out.stderr.strip()[-300:]}")
    return out.stdout


def quoted(text):
    return "'" + text.replace("'", "''") + "'"


def shown(seconds):
    return bench_args.shown(seconds, digits=1)


def main():
    args = bench_args.arguments(sys.argv[1:], __doc__)
    if args is None:
        return
    dataset = args[0]
    runs = 5
    i = 1
    while i < len(args):
        if args[i] == "--runs":
            runs = int(args[i + 1]); i += 2
        else:
            sys.exit(f"bench-sqlite-store: unknown argument {args[i]!r}; see --help")
    db = dataset + ".store.db"
    if build(dataset, db):
        print(f"Store built: {db}")

    # What each measure asks for, chosen outside the timed processes and the same on every run.
    con = sqlite3.connect(db)
    meta = dict(con.execute("SELECT key, value FROM meta"))
    alliances = con.execute("SELECT count(*) FROM records WHERE kind = 'alliance'").fetchone()[0]
    if alliances == 0:
        sys.exit(f"bench-sqlite-store: no alliances in {dataset}")
    step = max(1, alliances // FETCHED)
    ids = [row[0] for row in con.execute(
        "SELECT id FROM records WHERE kind = 'alliance' AND pos % ? = 0 ORDER BY pos LIMIT ?", (step, FETCHED))]
    company, degree = con.execute(
        "SELECT company_id, count(*) AS n FROM parties GROUP BY company_id ORDER BY n DESC, company_id LIMIT 1"
    ).fetchone()
    edited_pos = alliances // 2
    edited_id, edited_body = con.execute(
        "SELECT id, body FROM records WHERE kind = 'alliance' AND pos = ?", (edited_pos,)).fetchone()
    con.close()
    record = json.loads(edited_body)
    title = record.get("title", {}).get("en", "")

    def edit(n):
        """One alliance's new body (its English title changed) saved: one UPDATE in a transaction, committed."""
        record.setdefault("title", {})["en"] = f"{title} (edit {n})"
        body = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        return (f"PRAGMA synchronous=FULL; BEGIN; UPDATE records SET body = {quoted(body)} "
                f"WHERE kind = 'alliance' AND id = {quoted(edited_id)}; COMMIT;")

    measures = {
        "a": (f"Open + fetch {len(ids)} alliances by id (every {step}th)",
              lambda n: f"SELECT body FROM records WHERE kind = 'alliance' AND id IN ({', '.join(map(quoted, ids))});"),
        "b": (f"Open + alliances of `{company}` ({degree}): count + first {FETCHED} bodies",
              lambda n: (f"SELECT count(*) FROM parties WHERE company_id = {quoted(company)}; "
                         f"SELECT r.body FROM parties p JOIN records r ON r.kind = 'alliance' AND r.pos = p.alliance_pos "
                         f"WHERE p.company_id = {quoted(company)} ORDER BY p.alliance_pos LIMIT {FETCHED};")),
        "c": ("An edit saved: one UPDATE of an alliance, committed (synchronous=FULL, WAL)", edit),
        "d": ("Open + count(*) of the alliances (the cost of opening)",
              lambda n: "SELECT count(*) FROM records WHERE kind = 'alliance';"),
        "e": ("PRAGMA quick_check (checking the whole store on open)", lambda n: "PRAGMA quick_check;"),
    }
    # Sanity: each answers what it should (and warms the page cache before the first timed run).
    fetched = checked(["sqlite3", db, measures["a"][1](0)]).count("\n")
    listed = checked(["sqlite3", db, measures["b"][1](0)]).splitlines()
    checked(["sqlite3", db, measures["c"][1](0)])
    check = checked(["sqlite3", db, measures["e"][1](0)]).strip()
    if fetched != len(ids) or int(listed[0]) != degree or len(listed) != 1 + min(degree, FETCHED) or check != "ok":
        sys.exit(f"bench-sqlite-store: unexpected answers: {fetched} fetched, {listed[:1]} listed, check {check!r}")

    seconds = {key: [] for key in measures}
    memory = {key: [] for key in measures}
    for n in range(1, runs + 1):
        for key, (_, sql) in measures.items():
            s, mb = timed(["sqlite3", db, sql(n)])
            seconds[key].append(s)
            memory[key].append(mb)
    # Put the edited alliance back as it was.
    checked(["sqlite3", db, f"UPDATE records SET body = {quoted(edited_body)} "
                            f"WHERE kind = 'alliance' AND id = {quoted(edited_id)};"])

    counts = json.loads(meta.get("counts", "{}"))
    print(f"\nSQLite as the record store, whole process (`sqlite3` {meta.get('sqlite_version', '?')} command, "
          f"{runs} runs, warm page cache): {os.path.basename(dataset)}, "
          f"{', '.join(f'{v:,} {k}' for k, v in counts.items() if v)}\n")
    print("| Measure | SQLite (median) | spread | Peak memory |")
    print("|---|---|---|---|")
    for key, (label, _) in measures.items():
        median, low, high = bench_args.summary(seconds[key])
        print(f"| ({key}) {label} | {shown(median)} | {shown(low)}–{shown(high)} | {max(memory[key]):.1f} MB |")
    build_seconds, build_mb = meta.get("build_seconds"), meta.get("build_peak_mb")
    if build_seconds is not None:
        peak = f"python3: {build_mb:.0f} MB" if build_mb is not None else ""
        print(f"| Build, once (python3 json.load {shown(meta['json_load_seconds'])} + inserts + indexes) "
              f"| {shown(build_seconds)} | | {peak} |")
    print(f"| Store file size (records + parties + indexes) | {os.path.getsize(db) / 1e6:.0f} MB | | |")
    print(f"| Dataset JSON size, for reference | {os.path.getsize(dataset) / 1e6:.0f} MB | | |")


if __name__ == "__main__":
    main()
