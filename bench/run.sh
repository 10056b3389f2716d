#!/usr/bin/env bash
# Benchmarks seldon-lint on a synthetic GitOps monorepo, with yamllint as the yardstick.
#
#   bench/run.sh [--regen] [--files N] [--runs N]
#
# Expects an already built build/seldon-lint (this script builds nothing; override the
# binary with SELDON_LINT=path).  Generates bench/out/tree with bench/generate.py when
# absent (or always with --regen), installs yamllint and hyperfine with apt-get when
# missing, times
#   seldon-lint (default --jobs), seldon-lint --jobs 1, yamllint -d relaxed
# and writes a Markdown summary to bench/out/results.md (also printed).
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/run.sh [--regen] [--files N] [--runs N]
  --regen     regenerate bench/out/tree even if it exists
  --files N   size of the generated tree (default 10000; implies --regen if it differs)
  --runs N    timed runs per command (default 5, after 1 warm-up run)
environment: SELDON_LINT=path/to/seldon-lint (default build/seldon-lint)
             BENCH_NO_HYPERFINE=1 times with a shell loop instead of hyperfine
EOF
}

die() { echo "bench/run.sh: $*" >&2; exit 1; }

regen=0
files=10000
runs=5
while [ $# -gt 0 ]; do
  case $1 in
    --regen) regen=1 ;;
    --files) [ $# -ge 2 ] || die "--files needs a number"; files=$2; shift ;;
    --runs) [ $# -ge 2 ] || die "--runs needs a number"; runs=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
  shift
done
case $files in ''|*[!0-9]*) die "--files must be a positive integer" ;; esac
case $runs in ''|*[!0-9]*|0) die "--runs must be a positive integer" ;; esac

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
out=bench/out
tree=$out/tree
lint=${SELDON_LINT:-build/seldon-lint}

# ---------------------------------------------------------------- prerequisites
if [ ! -x "$lint" ]; then
  die "$lint not found or not executable. Build it first, e.g.:
    cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j\"\$(nproc)\"
  (or point SELDON_LINT at a built binary)"
fi
command -v python3 >/dev/null 2>&1 || die "python3 is required to generate the tree (apt-get install python3)"

if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
apt_install() {
  echo "bench/run.sh: installing $* with apt-get" >&2
  if [ ${#sudo[@]} -gt 0 ] && ! command -v sudo >/dev/null 2>&1; then
    echo "bench/run.sh: not root and no sudo: cannot install $*" >&2
    return 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get install -y -q "$@" >&2 ||
    { "${sudo[@]}" apt-get update -q >&2 && "${sudo[@]}" apt-get install -y -q "$@" >&2; }
}
command -v yamllint >/dev/null 2>&1 || apt_install yamllint ||
  die "yamllint is missing and could not be installed (apt-get install yamllint)"
if [ "${BENCH_NO_HYPERFINE:-0}" = 1 ]; then
  use_hyperfine=0
elif command -v hyperfine >/dev/null 2>&1; then
  use_hyperfine=1
elif apt_install hyperfine && command -v hyperfine >/dev/null 2>&1; then
  use_hyperfine=1
else
  use_hyperfine=0
  echo "bench/run.sh: hyperfine unavailable; timing with a shell loop" >&2
fi

# ---------------------------------------------------------------- the tree
mkdir -p "$out"
stamp=$tree/.seldon-lint-bench-tree
if [ -f "$stamp" ] && [ -f "$out/tree.files" ] && [ "$(cat "$out/tree.files")" != "$files" ]; then
  regen=1
fi
if [ "$regen" -eq 1 ] || [ ! -f "$stamp" ]; then
  if [ -e "$tree" ] && [ ! -f "$stamp" ] && [ -n "$(ls -A "$tree" 2>/dev/null)" ]; then
    die "$tree exists but was not made by bench/generate.py; move it away first"
  fi
  python3 bench/generate.py "$tree" --files "$files" --force >&2
  printf '%s\n' "$files" >"$out/tree.files"
fi

# Files the linter reads (interfaces.md "Files read"): *.yaml and *.yml, not under .git/
# nor the templates/ or crds/ folder of a Helm chart folder (one holding Chart.yaml).
read -r n_files n_bytes < <(python3 - "$tree" <<'EOF'
import os, sys
root = sys.argv[1]
n = b = 0
for d, dirs, names in os.walk(root):
    if "Chart.yaml" in names:
        dirs[:] = [x for x in dirs if x not in ("templates", "crds")]
    dirs[:] = [x for x in dirs if x != ".git"]
    for name in names:
        if name.endswith((".yaml", ".yml")):
            n += 1
            b += os.path.getsize(os.path.join(d, name))
print(n, b)
EOF
)
[ "$n_files" -gt 0 ] || die "no YAML files in $tree"

# ---------------------------------------------------------------- sanity run
# --root makes the generated tree its own repository (otherwise the git top-level of
# this checkout would be the root and its .seldon-lint.yaml, if any, would apply).
lint_args=(--format json --fail-level none --no-cache --root "$tree")
set +e
"$lint" "${lint_args[@]}" --output "$out/findings.json" "$tree" 2>"$out/seldon-lint.stderr"
rc=$?
set -e
if [ "$rc" -ne 0 ]; then
  cat "$out/seldon-lint.stderr" >&2
  die "$lint exited $rc on the tree (expected 0 with --fail-level none); not timing a failing run"
fi
findings_line=$(python3 - "$out/findings.json" <<'EOF' || echo "(could not read the JSON summary)"
import json, sys
s = json.load(open(sys.argv[1])).get("summary", {})
print(", ".join(f"{s[k]} {k}" for k in ("files", "findings", "errors", "warnings", "notes", "suppressed") if k in s))
EOF
)

# ---------------------------------------------------------------- timing
# The read floor: every byte of the tree read once.  GNU tar skips reading file
# data when its output is /dev/null, hence the pipe through cat.
names=("seldon-lint" "seldon-lint --jobs 1" "yamllint" "tar read floor")
cmds=(
  "$lint --format json --output /dev/null --fail-level none --no-cache --root $tree $tree"
  "$lint --format json --output /dev/null --fail-level none --no-cache --root $tree --jobs 1 $tree"
  "yamllint -d relaxed -f parsable $tree"
  "tar cf - -C $tree . | cat >/dev/null"
)
# yamllint reports the chart templates and the planted syntax error: its exit code is ignored.
ignore=(0 0 1 0)
means=() sds=() mins=()

if [ "$use_hyperfine" -eq 1 ]; then
  method="hyperfine $(hyperfine --version | awk '{print $2}'), 1 warm-up + $runs runs each"
  for i in "${!cmds[@]}"; do
    json=$out/hyperfine-$i.json
    extra=()
    [ "${ignore[$i]}" -eq 1 ] && extra=(--ignore-failure)
    echo "bench/run.sh: timing ${names[$i]}" >&2
    hyperfine --warmup 1 --runs "$runs" --style basic "${extra[@]}" \
      --command-name "${names[$i]}" --export-json "$json" "${cmds[$i]}" >&2
    read -r m s mn < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(r["mean"], r["stddev"] or 0.0, r["min"])' "$json")
    means+=("$m"); sds+=("$s"); mins+=("$mn")
  done
else
  method="shell loop with date +%s.%N, 1 warm-up + $runs runs each"
  for i in "${!cmds[@]}"; do
    echo "bench/run.sh: timing ${names[$i]}" >&2
    times=()
    for ((k = 0; k <= runs; k++)); do
      t0=$(date +%s.%N)
      if [ "${ignore[$i]}" -eq 1 ]; then
        bash -c "${cmds[$i]}" >/dev/null 2>&1 || true
      else
        bash -c "${cmds[$i]}" >/dev/null 2>"$out/last.stderr" ||
          { cat "$out/last.stderr" >&2; die "'${cmds[$i]}' failed"; }
      fi
      t1=$(date +%s.%N)
      [ "$k" -eq 0 ] || times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.6f", b-a}')")
    done
    read -r m s mn < <(printf '%s\n' "${times[@]}" | awk '
      {x[NR]=$1; s+=$1; if (NR==1||$1<mn) mn=$1}
      END{m=s/NR; for(i=1;i<=NR;i++) v+=(x[i]-m)^2; sd=(NR>1)?sqrt(v/(NR-1)):0; printf "%.6f %.6f %.6f\n", m, sd, mn}')
    means+=("$m"); sds+=("$s"); mins+=("$mn")
  done
fi

# ---------------------------------------------------------------- memory
peak_rss="unknown (GNU time not installed)"
if [ -x /usr/bin/time ]; then
  rss_kb=$(/usr/bin/time -f %M "$lint" --format json --output /dev/null --fail-level none --no-cache \
             --root "$tree" "$tree" 2>&1 >/dev/null | tail -n1)
  peak_rss=$(awk -v k="$rss_kb" -v b="$n_bytes" \
    'BEGIN{printf "%.1f MB, %.1f× the YAML bytes read", k/1024, k*1024/b}')
fi

# ---------------------------------------------------------------- report
cpu=$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
[ -n "$cpu" ] || cpu=unknown
lint_version=$("$lint" --version 2>/dev/null | head -n1 || true)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo "no commit")

{
  echo "# seldon-lint benchmark"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $commit, ${lint_version:-seldon-lint (version unknown)}"
  echo "- machine: $(nproc) hardware threads, CPU: $cpu, $(uname -sr)"
  echo "- tree: \`$tree\` from \`bench/generate.py --files $files\` (seed 42):" \
       "$n_files YAML files read by the linter, $(awk -v b="$n_bytes" 'BEGIN{printf "%.2f", b/1e6}') MB"
  echo "- seldon-lint findings on the tree: $findings_line"
  echo "- seldon-lint peak RSS (default jobs): $peak_rss"
  echo "- timing: $method; wall-clock time; files/s and MB/s use the $n_files files above for every tool"
  echo
  echo "| tool | mean wall (s) | ± sd (s) | min (s) | files/s | MB/s |"
  echo "|---|---:|---:|---:|---:|---:|"
  for i in "${!names[@]}"; do
    awk -v n="${names[$i]}" -v m="${means[$i]}" -v s="${sds[$i]}" -v mn="${mins[$i]}" \
        -v f="$n_files" -v b="$n_bytes" \
        'BEGIN{printf "| %s | %.3f | %.3f | %.3f | %.0f | %.2f |\n", n, m, s, mn, f/m, b/1e6/m}'
  done
  echo
  awk -v y="${means[2]}" -v a="${means[0]}" -v j="${means[1]}" 'BEGIN{
    printf "yamllint / seldon-lint: **%.1f×** (default jobs), %.1f× (`--jobs 1`)\n", y/a, y/j }'
  echo
  awk -v t="${means[3]}" -v a="${means[0]}" -v j="${means[1]}" 'BEGIN{
    printf "seldon-lint / tar read floor: **%.2f×** (default jobs), %.2f× (`--jobs 1`)\n", a/t, j/t }'
  echo
  echo "Commands:"
  echo
  for i in "${!cmds[@]}"; do echo "    ${cmds[$i]}"; done
} >"$out/results.md"

cat "$out/results.md"
