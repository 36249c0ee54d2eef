#!/usr/bin/env python3
"""Summarises one benchmark run (bench/run.sh): medians over rounds, ratios within each round."""
import json
import statistics
import sys

raw_path, out_path = sys.argv[1], sys.argv[2]
d = json.load(open(raw_path))
med = statistics.median


def summary(runs):
    return {"requests_per_s": med(r["requests_per_s"] for r in runs),
            "p50_ms": med(r["p50_ms"] for r in runs), "p99_ms": med(r["p99_ms"] for r in runs),
            "non_2xx": sum(r["non_2xx"] for r in runs),
            "socket_errors": sum(r["socket_errors"] for r in runs),
            "runs": [r["requests_per_s"] for r in runs]}


trivial, read, create, raw = d["trivial"], d["read"], d["create"], d["raw"]
res = {
    "issues": d["issues"], "connections": d["connections"], "duration_s": d["duration_s"],
    "rounds": len(read),
    "trivial_get": summary(trivial), "issue_read": summary(read), "issue_create": summary(create),
    "raw_sqlite": {"single_commit_rows_per_s": med(r["raw_single_commit_rows_per_s"] for r in raw),
                   "per64_commit_rows_per_s": med(r["raw_64_per_commit_rows_per_s"] for r in raw),
                   "runs": raw},
    "read_vs_trivial": med(r["requests_per_s"] / t["requests_per_s"] for r, t in zip(read, trivial)),
    "create_vs_raw_single": med(c["requests_per_s"] / r["raw_single_commit_rows_per_s"]
                                for c, r in zip(create, raw)),
    "group_commit": {"transactions": d["ready"]["writeTransactions"], "commits": d["ready"]["commits"]},
    "server_rss_mb": d["rss_mb"],
}
json.dump(res, open(out_path, "w"), indent=2)


def row(name, r, note):
    runs = ", ".join(f"{x:,.0f}" for x in r["runs"])
    print(f"{name:<26}{r['requests_per_s']:>9,.0f}/s  p50 {r['p50_ms']:6.2f} ms  p99 {r['p99_ms']:7.2f} ms"
          f"  non-2xx {r['non_2xx']}  {note}  (runs: {runs})")


print()
print(f"Steward benchmark at {res['issues']:,} issues, {res['connections']} connections on 127.0.0.1,"
      f" medians of {res['rounds']} rounds of {res['duration_s']} s")
row("GET /healthz (trivial)", res["trivial_get"], "baseline")
row("GET /api/v1/issues/{key}", res["issue_read"], f"{res['read_vs_trivial']:.2f}x of trivial")
row("POST /api/v1/issues", res["issue_create"],
    f"{res['create_vs_raw_single']:.2f}x of raw 1-row commits")
rs = res["raw_sqlite"]
print(f"{'raw SQLite, 1 row/commit':<26}{rs['single_commit_rows_per_s']:>9,.0f}/s  durable (WAL, "
      "synchronous=FULL), same schema and FTS: the create baseline")
print(f"{'raw SQLite, 64 rows/commit':<26}{rs['per64_commit_rows_per_s']:>9,.0f}/s")
gc = res["group_commit"]
if gc["commits"]:
    print(f"group commit: {gc['transactions']:,} write transactions in {gc['commits']:,} commits "
          f"({gc['transactions'] / gc['commits']:.1f} per fsync)")
print(f"server RSS: {res['server_rss_mb']['start']} MB at start, {res['server_rss_mb']['end']} MB after")
print("targets (S14): read >= 20,000/s, durable create >= 3,000/s")
