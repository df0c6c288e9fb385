#!/usr/bin/env bash
# Issue 20's targets measured in one run, as docs/performance.md reports them: whole
# processes, medians. Needs perf, fzf, less, Python 3 (its json.load is the yardstick) and
# the 100x dataset:
#   C34_WRITE_BIG=/tmp/big.json cargo bench --bench load -- --list
#   cargo build --release && bash scripts/targets.sh /tmp/big.json [PYTHON]
# "cold" runs get an empty cache each (the first time c34 meets a dataset: it derives and
# stores); "warm" runs share one (every later time).
set -euo pipefail
cd "$(dirname "$0")/.."
BIG=${1:?the 100x dataset (see above)}
PY=${2:-python3}
B=target/release/c34
LINES=$(mktemp)
"$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
for s in d["sections"]:
    for r in s["recommendations"]:
        print(r["para"], " ".join(r["paragraphs"]).replace("\n", " "))' "$BIG" > "$LINES"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# The first number perf stat prints for EVENT: task-clock in ms, duration_time in ns (as ms).
stat() { local event=$1; shift; perf stat -e "$event" -x, "$@" 2>&1 >/dev/null | grep "$event" | cut -d, -f1 |
  awk -v e="$event" '{print (e == "duration_time") ? $1 / 1e6 : $1}'; }
five() { for _ in 1 2 3 4 5; do "$@"; done | median; }
cold() { XDG_CACHE_HOME=$(mktemp -d) stat "$@"; }
export XDG_DATA_HOME; XDG_DATA_HOME=$(mktemp -d)
export XDG_CACHE_HOME; XDG_CACHE_HOME=$(mktemp -d)
$B --data "$BIG" search minusma --json >/dev/null; $B search minusma --json >/dev/null
echo "python json.load, 100x, CPU ms:           $(five stat task-clock "$PY" -c "import json; json.load(open('$BIG'))")"
echo "c34 --data show 18, 100x, CPU ms, cold:   $(five cold task-clock $B --data "$BIG" show 18)"
echo "c34 --data show 18, 100x, CPU ms, warm:   $(five stat task-clock $B --data "$BIG" show 18)"
echo "python json.load, 100x, wall ms:          $(five stat duration_time "$PY" -c "import json; json.load(open('$BIG'))")"
echo "c34 --data show 18, 100x, wall ms, cold:  $(five cold duration_time $B --data "$BIG" show 18)"
echo "c34 --data show 18, 100x, wall ms, warm:  $(five stat duration_time $B --data "$BIG" show 18)"
fzf_wall() { perf stat -e duration_time -x, fzf --filter minusma < "$LINES" 2>&1 >/dev/null | grep duration_time | cut -d, -f1 | awk '{print $1 / 1e6}'; }
echo "fzf --filter minusma, 100x, wall ms:      $(five fzf_wall)"
echo "c34 --data search, 100x, wall ms, cold:   $(five cold duration_time $B --data "$BIG" search minusma --json)"
echo "c34 --data search, 100x, wall ms, warm:   $(five stat duration_time $B --data "$BIG" search minusma --json)"
echo "c34 show 18, report, CPU ms:              $(perf stat -r 30 -e task-clock -x, $B show 18 2>&1 >/dev/null | cut -d, -f1)"
echo "c34 search minusma, report, CPU ms, warm: $(perf stat -r 30 -e task-clock -x, $B search minusma --json 2>&1 >/dev/null | cut -d, -f1)"
echo "c34 search minusma, report, CPU ms, cold: $(for _ in 1 2 3 4 5 6 7 8 9; do cold task-clock $B search minusma --json; done | median)"
TEN=$(mktemp -d); "$PY" scripts/ten_reports.py "$TEN" >/dev/null
# The first frames, interleaved run by run (the machine's speed drifts between batches).
"$PY" scripts/first_frame.py --runs 60 \
  --case "c34|quit|XDG_DATA_HOME=$XDG_DATA_HOME,XDG_CACHE_HOME=$XDG_CACHE_HOME|$B" \
  --case "c34, ten|quit|XDG_DATA_HOME=$TEN,XDG_CACHE_HOME=$XDG_CACHE_HOME|$B" \
  --case "less|A_76_505_Add.1.txt||less assets/A_76_505_Add.1.txt"
