#!/usr/bin/env bash
# The generated constraints suite on schemas strata did not write, with no seed: every N-th case of
# ../shared/corpus whose new.sql creates a table becomes a fresh `strata init` project, `strata diff`
# writes its migration, and `strata test --only constraints` runs on it. Prints a line per case and
# the totals; exits 1 when any case failed (a false failure of the suite, or a real schema bug).
#   bash scripts/suites-on-corpus.sh [EVERY=10] [CORPUS=../shared/corpus]
set -uo pipefail
cd "$(dirname "$0")/.."
every=${1:-10}
corpus=$(cd "${2:-../shared/corpus}" && pwd) || exit 1
strata="node $PWD/bin/strata.js"
url=$($strata db url) || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t cases < <(grep -l 'CREATE TABLE' -r "$corpus" --include=new.sql | sort | awk -v n="$every" 'NR % n == 1')
passed=0 failed=0 notgen=0 skipped=0
for f in "${cases[@]}"; do
  d="$work/p" && rm -rf "$d" && mkdir -p "$d"
  (cd "$d" && $strata init >/dev/null 2>&1 && cp "$f" schema/001.sql)
  if ! (cd "$d" && $strata diff initial --database-url "$url" >/dev/null 2>"$work/err"); then
    skipped=$((skipped + 1))
    echo "skipped ${f#"$corpus"/}: $(head -1 "$work/err" | cut -c1-120)"
    continue
  fi
  (cd "$d" && $strata test --only constraints --json --database-url "$url" >"$work/out.json" 2>/dev/null)
  read -r p x n < <(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const cases = r.suites.flatMap((s) => s.cases ?? []);
    const count = (k) => cases.filter((c) => c.status === k).length;
    console.log(count("passed"), count("failed"), count("not generated"));
    for (const c of cases.filter((c) => c.status === "failed")) console.error(`  failed: ${c.name}: ${c.reason}`);
  ' "$work/out.json")
  passed=$((passed + p)) failed=$((failed + x)) notgen=$((notgen + n))
  echo "$p passed, $x failed, $n not generated: ${f#"$corpus"/}"
done
echo "${#cases[@]} schemas ($skipped not loadable here): $passed passed, $failed failed, $notgen not generated"
[ "$failed" -eq 0 ]
