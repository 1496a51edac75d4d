#!/usr/bin/env python3
"""sqlite_w2.py — the SQLite peer of W2 in bench/run.sh.

usage: sqlite_w2.py DB YEAR N DUMP GM [GM ...]

DB is the database the sqlite3 shell built in W1 (table t, as .import left
it) plus, made by run.sh with the shell, untimed: fact(area, type, period,
count, PRIMARY KEY (area, type, period)) WITHOUT ROWID (period =
year*100+month, as in ivp), pop(area, year, population) and def(key, code,
ncodes). Timed, on one open connection (Python's sqlite3 module on the
system libsqlite3, the library the sqlite3 shell uses; the shell's .timer
has only millisecond resolution): the indicator set for the first GM, N
times, median per call; then for every GM at once (one GROUP BY query),
max(3, N/20) times, median. The verdict comes from the counts as in
verdict.mjs (SQL has no beta quantile). DUMP gets the figures as CSV.

usage: sqlite_w2.py --w3 DB YEAR N DUMP GM

W3 on the same tables: the buurten of GM ranked on registered crime (0.0.0)
per 1,000 with the verdict of each against all of them together, N times,
median; every buurt of the country, max(3, N/20) times. DUMP as bench/w2.c
--w3 writes it.
"""
import math
import sqlite3
import statistics
import sys
import time

Q = """
WITH f AS (
  SELECT f.area, d.key, d.ncodes, f.period, f.count FROM def d JOIN fact f ON f.type = d.code
  WHERE {where} AND f.period IN (:cur, :prev)),
g AS (
  SELECT area, key,
    CASE WHEN sum(period = :cur) = max(ncodes) THEN sum(CASE WHEN period = :cur THEN count END) END AS cnt,
    CASE WHEN sum(period = :prev) = max(ncodes) THEN sum(CASE WHEN period = :prev THEN count END) END AS prev
  FROM f GROUP BY area, key)
SELECT g.area, g.key, g.cnt, g.cnt * 1000.0 / p1.population, g.prev, g.prev * 1000.0 / p0.population,
       p1.population, p0.population
FROM g LEFT JOIN pop p1 ON p1.area = g.area AND p1.year = :year
       LEFT JOIN pop p0 ON p0.area = g.area AND p0.year = :year - 1
ORDER BY g.area, g.key"""
# one gemeente: the primary key's prefix; all: the gemeente rows
Q_ONE = Q.format(where="f.area = :area")
Q_ALL = Q.format(where="f.area >= 'GM' AND f.area < 'GN'")


def betacf(a, b, x):
    fpmin, eps = 1e-300, 1e-15
    qab, qap, qam = a + b, a + 1, a - 1
    c, d = 1.0, 1 - qab * x / qap
    d = 1 / (d if abs(d) >= fpmin else fpmin)
    h = d
    for m in range(1, 1000001):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d; d = d if abs(d) >= fpmin else fpmin
        c = 1 + aa / c; c = c if abs(c) >= fpmin else fpmin
        d = 1 / d; h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d; d = d if abs(d) >= fpmin else fpmin
        c = 1 + aa / c; c = c if abs(c) >= fpmin else fpmin
        d = 1 / d
        de = d * c
        h *= de
        if abs(de - 1) < eps:
            break
    return h


def betai(a, b, x):
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    bt = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x))
    return bt * betacf(a, b, x) / a if x < (a + 1) / (a + b + 2) else 1 - bt * betacf(b, a, 1 - x) / b


def verdict(x1, n1, x0, n0, p=0.025):
    pi0 = n1 / (n0 + n1)
    if x1 == 0 and x0 == 0:
        return "not computable"
    if x1 > 0 and betai(x1, x0 + 1, pi0) < p:
        return "significant rise"
    if x0 > 0 and betai(x1 + 1, x0, pi0) > 1 - p:
        return "significant fall"
    return "no clear change"


def finish(rows):
    out = []
    for area, key, cnt, rate, prev, prate, pop1, pop0 in rows:
        if cnt is None or prev is None:
            v = "no data"
        elif pop1 is None or pop0 is None:
            v = "no population"
        else:
            v = verdict(cnt, pop1, prev, pop0)
        out.append((area, key, cnt, rate, prev, prate, v))
    return out


# ivp_ranking ranks only areas of at least this many inhabitants
# (IVP_MIN_POPULATION_DEFAULT, include/ivp/ivp.h; docs/ranking.md)
MIN_POPULATION = 500

Q_RANK = """
SELECT f.area, f.count, p.population, f.count * 1000.0 / p.population AS rate
FROM fact f JOIN pop p ON p.area = f.area AND p.year = :year
WHERE f.area >= :lo AND f.area < :hi AND f.type = '0.0.0' AND f.period = :cur AND p.population >= :minpop
ORDER BY rate DESC, f.count DESC, f.area"""
WORDS = {"significant rise": "significantly higher", "significant fall": "significantly lower",
         "no clear change": "no clear difference", "not computable": "not computable"}


def ranked(rows):
    total = sum(r[1] for r in rows)
    pop = sum(r[2] for r in rows)
    return [(i + 1, a, c, p, rate, WORDS[verdict(c, p, total, pop)]) for i, (a, c, p, rate) in enumerate(rows)]


def w3(db, year, n, dump, gm):
    reps = max(3, n // 20)
    con = sqlite3.connect(db)
    one = {"year": year, "cur": year * 100, "minpop": MIN_POPULATION, "lo": "BU" + gm[2:], "hi": "BU" + gm[2:] + "~"}
    mine = ranked(con.execute(Q_RANK, one).fetchall())  # warm-up
    t1 = []
    for _ in range(n):
        t0 = time.perf_counter()
        mine = ranked(con.execute(Q_RANK, one).fetchall())
        t1.append((time.perf_counter() - t0) * 1e3)
    country = []
    t2 = []
    for _ in range(reps):
        t0 = time.perf_counter()
        country = ranked(con.execute(Q_RANK, dict(one, lo="BU", hi="BV")).fetchall())
        t2.append((time.perf_counter() - t0) * 1e3)
    with open(dump, "w") as f:
        f.write("scope,rank,code,count,population,per_1000,vs_all\n")
        for scope, rows in ((gm, mine), ("NL01", country)):
            for r in rows:
                f.write(f"{scope},{r[0]},{r[1]},{r[2]},{r[3]},{r[4]:.6f},{r[5]}\n")
    print(f"one_ms {statistics.median(t1):.4f}\nall_ms {statistics.median(t2):.4f}\nbuurten {len(country)}")


def main():
    if sys.argv[1] == "--w3":
        w3(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6])
        return
    db, year, n, dump, gms = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5:]
    reps = max(3, n // 20)
    con = sqlite3.connect(db)
    args = {"cur": year * 100, "prev": (year - 1) * 100, "year": year}
    one = dict(args, area=gms[0])
    finish(con.execute(Q_ONE, one).fetchall())  # warm-up
    t1 = []
    for _ in range(n):
        t0 = time.perf_counter()
        finish(con.execute(Q_ONE, one).fetchall())
        t1.append((time.perf_counter() - t0) * 1e3)
    rows = finish(con.execute(Q_ALL, args).fetchall())
    t2 = []
    for _ in range(reps):
        t0 = time.perf_counter()
        rows = finish(con.execute(Q_ALL, args).fetchall())
        t2.append((time.perf_counter() - t0) * 1e3)
    if dump != "-":
        with open(dump, "w") as f:
            f.write("gm,indicator,count,per_1000,prev_count,prev_per_1000,verdict\n")
            for r in rows:
                f.write(",".join("" if x is None else f"{x:.6f}" if i in (3, 5) else str(x)
                                 for i, x in enumerate(r)) + "\n")
    print(f"one_ms {statistics.median(t1):.4f}\nall_ms {statistics.median(t2):.4f}\nindicators {len(rows)}")


main()
