-- GET /healthz: the same server's trivial endpoint, the baseline for the HTTP figures.
dofile(os.getenv("BENCH_DIR") .. "/wrk_report.lua")
