#!/usr/bin/env bash
# One benchmark run over three tree sizes, for the README's performance table:
#
#   bench/report.sh [--small N] [--large N] [--precommit N] [--runs N] [--no-large]
#
#   - small tree (default 10,000 files): seldon-lint without a cache vs the `tar` read
#     floor and vs yamllint; peak RSS; time per phase
#   - large tree (default 190,000 files): seldon-lint without a cache vs the `tar` read
#     floor (yamllint would take many minutes); peak RSS; time per phase
#   - the model phase's growth from the small tree to the 50,000-file one (medians)
#   - pre-commit shape on a 50,000-file tree: 5 files changed, warm cache, the 5 paths
#     named (as the hook passes them), vs a cold full run (empty cache, which it writes)
#
# Trees are bench/generate.py's (seed 42), generated into $BENCH_TREES (default bench/out)
# as tree-N when absent.  Ratios compare runs of the same script run, one after another on
# the same machine; absolute times vary with the machine's load.  Expects a built
# build/seldon-lint (or SELDON_LINT=path); needs python3, GNU time, yamllint.
set -euo pipefail

die() { echo "bench/report.sh: $*" >&2; exit 1; }

small=10000 large=190000 precommit=50000 runs=3 do_large=1
while [ $# -gt 0 ]; do
  case $1 in
    --small) small=$2; shift ;;
    --large) large=$2; shift ;;
    --precommit) precommit=$2; shift ;;
    --runs) runs=$2; shift ;;
    --no-large) do_large=0 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
  shift
done

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
lint=$(realpath "${SELDON_LINT:-build/seldon-lint}")
[ -x "$lint" ] || die "$lint is not built (cmake --build build)"
trees=${BENCH_TREES:-bench/out}
out=bench/out
mkdir -p "$out" "$trees"
command -v yamllint >/dev/null || die "yamllint is missing (apt-get install yamllint)"
[ -x /usr/bin/time ] || die "GNU time is missing (apt-get install time)"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

tree_of() {  # N -> path of a generated tree of about N files
  local dir="$trees/tree-$1"
  if [ ! -f "$dir/.seldon-lint-bench-tree" ]; then
    echo "bench/report.sh: generating $dir" >&2
    python3 bench/generate.py "$dir" --files "$1" --force >&2
  fi
  echo "$dir"
}

yaml_stats() {  # tree -> "files bytes" the linter reads (as bench/run.sh counts them)
  python3 - "$1" <<'EOF'
import os, sys
n = b = 0
for d, dirs, names in os.walk(sys.argv[1]):
    if "Chart.yaml" in names:
        dirs[:] = [x for x in dirs if x not in ("templates", "crds")]
    dirs[:] = [x for x in dirs if x != ".git"]
    for name in names:
        if name.endswith((".yaml", ".yml")):
            n += 1
            b += os.path.getsize(os.path.join(d, name))
print(n, b)
EOF
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", b - a}'; }
median() { sort -g | awk '{x[NR]=$1} END{print (NR%2) ? x[(NR+1)/2] : (x[NR/2]+x[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a / b}'; }

# time_cmd RUNS CMD... -> median wall seconds (the command's output is discarded)
time_cmd() {
  local n=$1; shift
  for ((i = 0; i < n; i++)); do
    local t0; t0=$(now)
    "$@" >/dev/null 2>&1 || true
    elapsed "$t0" "$(now)"
    echo
  done | median
}

tar_floor() { tar cf - -C "$1" . | cat >/dev/null; }

# One run with GNU time and SELDON_LINT_TIMING: peak RSS (KB) and the phase lines.
profile() {
  local tree=$1 file=$2
  SELDON_LINT_TIMING=1 /usr/bin/time -f "peak-rss-kb %M" "$lint" --no-cache --format json \
    --output /dev/null --fail-level none --root "$tree" "$tree" >/dev/null 2>"$file" || true
}

phases_line() {  # top-level phases of a SELDON_LINT_TIMING log, one line
  grep -E '^seldon-lint: (discover|read\+parse|referenced|model|rules|finish|write) ' "$1" |
    awk '{printf "%s%s %s ms", (NR > 1 ? ", " : ""), $2, $3}'
}

size_section() {  # N with_yamllint
  local tree; tree=$(tree_of "$1")
  read -r files bytes < <(yaml_stats "$tree")
  local n=$runs
  [ "$1" -gt 100000 ] && n=1
  echo "bench/report.sh: timing the $1-file tree ($n runs each)" >&2
  tar_floor "$tree"  # warm the page cache
  local t_tar t_lint t_lint1 t_yaml=""
  t_tar=$(time_cmd "$n" tar_floor "$tree")
  t_lint=$(time_cmd "$n" "$lint" --no-cache --format json --output /dev/null --fail-level none \
    --root "$tree" "$tree")
  t_lint1=$(time_cmd "$n" "$lint" --no-cache --jobs 1 --format json --output /dev/null \
    --fail-level none --root "$tree" "$tree")
  [ "$2" = yes ] && t_yaml=$(time_cmd 1 yamllint -d relaxed -f parsable "$tree")
  profile "$tree" "$scratch/profile-$1"
  local rss_kb; rss_kb=$(awk '/^peak-rss-kb/{print $2}' "$scratch/profile-$1")
  echo
  echo "### $1-file tree: $files YAML files, $(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}') MB"
  echo
  echo "| command | median wall (s) | ratio |"
  echo "|---|---:|---:|"
  echo "| \`tar cf - . \\| cat\` (read floor) | $t_tar | 1.00 |"
  echo "| seldon-lint --no-cache ($(nproc) threads) | $t_lint | **$(ratio "$t_lint" "$t_tar")× tar** |"
  echo "| seldon-lint --no-cache --jobs 1 | $t_lint1 | $(ratio "$t_lint1" "$t_tar")× tar |"
  if [ -n "$t_yaml" ]; then
    echo "| yamllint -d relaxed (1 run) | $t_yaml | seldon-lint is **$(ratio "$t_yaml" "$t_lint")× faster** |"
  fi
  echo
  echo "- peak RSS: $(awk -v k="$rss_kb" 'BEGIN{printf "%.0f", k/1024}') MB," \
       "$(awk -v k="$rss_kb" -v b="$bytes" 'BEGIN{printf "%.1f", k*1024/b}')× the YAML bytes"
  echo "- phases (one run, SELDON_LINT_TIMING=1): $(phases_line "$scratch/profile-$1")"
  model_ms[$1]=$(awk '$2 == "model" {print $3}' "$scratch/profile-$1")
}

# Median model-phase time (ms, SELDON_LINT_TIMING=1) of N runs without a cache.
model_median() {
  local tree=$1 n=$2
  for ((i = 0; i < n; i++)); do
    SELDON_LINT_TIMING=1 "$lint" --no-cache --format json --output /dev/null --fail-level none \
      --root "$tree" "$tree" 2>&1 >/dev/null | awk '$2 == "model" {print $3}'
  done | median
}

# The model phase's growth for 5x the files (issue 14's measure), on medians:
# one run of it varies by a third on a virtual machine.
growth_section() {  # SMALL LARGE
  local small_tree large_tree m_small m_large n=$((runs > 5 ? runs : 5))
  small_tree=$(tree_of "$1")
  large_tree=$(tree_of "$2")
  echo "bench/report.sh: model phase, $n runs on the $1- and $2-file trees" >&2
  m_small=$(model_median "$small_tree" "$n")
  m_large=$(model_median "$large_tree" "$n")
  echo
  echo "Model phase (median of $n runs each): $m_small ms at $1 files, $m_large ms at $2 files:" \
       "$(ratio "$m_large" "$m_small")× for $(ratio "$2" "$1")× the files."
}

precommit_section() {
  local tree; tree=$(tree_of "$1")
  read -r files bytes < <(yaml_stats "$tree")
  echo "bench/report.sh: pre-commit shape on the $1-file tree" >&2
  # Five files spread over the tree, as a commit might touch them.
  mapfile -t changed < <(cd "$tree" && find apps clusters -name '*.yaml' | sort |
    awk -v n="$(find "$tree" -name '*.yaml' | wc -l)" 'NR % int(n / 5) == 1' | head -5)
  [ "${#changed[@]}" -eq 5 ] || die "could not pick 5 files in $tree"
  for f in "${changed[@]}"; do cp -p "$tree/$f" "$scratch/$(echo "$f" | tr / _)"; done
  local cache="$scratch/cache" cold=() warm=() full_warm=()
  for ((i = 0; i < runs; i++)); do
    rm -rf "$cache"
    local t0; t0=$(now)
    "$lint" --cache-dir "$cache" --format json --output /dev/null --fail-level none \
      --root "$tree" "$tree" >/dev/null 2>&1 || true
    cold+=("$(elapsed "$t0" "$(now)")")
    for f in "${changed[@]}"; do echo "# edited by bench/report.sh run $i" >>"$tree/$f"; done
    t0=$(now)
    (cd "$tree" && "$lint" --cache-dir "$cache" --format json --output /dev/null \
      --fail-level none --root . "${changed[@]}" >/dev/null 2>&1) || true
    warm+=("$(elapsed "$t0" "$(now)")")
    t0=$(now)
    "$lint" --cache-dir "$cache" --format json --output /dev/null --fail-level none \
      --root "$tree" "$tree" >/dev/null 2>&1 || true
    full_warm+=("$(elapsed "$t0" "$(now)")")
    for f in "${changed[@]}"; do cp -p "$scratch/$(echo "$f" | tr / _)" "$tree/$f"; done
  done
  local t_cold t_warm t_full
  t_cold=$(printf '%s\n' "${cold[@]}" | median)
  t_warm=$(printf '%s\n' "${warm[@]}" | median)
  t_full=$(printf '%s\n' "${full_warm[@]}" | median)
  echo
  echo "### Pre-commit shape: $1-file tree ($files YAML files), 5 files changed, warm cache"
  echo
  echo "| run | median wall (s) | vs cold |"
  echo "|---|---:|---:|"
  echo "| cold full run (empty cache; writes it) | $t_cold | 1.00 |"
  echo "| 5 changed files named, warm cache | $t_warm | **$(ratio "$t_warm" "$t_cold")** |"
  echo "| full run, warm cache, nothing changed | $t_full | $(ratio "$t_full" "$t_cold") |"
}

declare -A model_ms
cpu=$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo 2>/dev/null || echo unknown)
mem=$(awk '/^MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo 2>/dev/null || echo "?")
{
  echo "## seldon-lint benchmark, $(date -u +%Y-%m-%d' '%H:%M' UTC')"
  echo
  echo "- machine: $(nproc) hardware threads ($cpu), $mem RAM, $(uname -sr); load average" \
       "at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- binary: $("$lint" --version | head -n1); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "- trees: bench/generate.py (seed 42), page cache warm; median of $runs runs" \
       "(1 on trees over 100,000 files)"
  size_section "$small" yes
  if [ "$do_large" -eq 1 ]; then
    size_section "$large" no
    if [ -n "${model_ms[$small]:-}" ] && [ -n "${model_ms[$large]:-}" ]; then
      echo
      echo "Model phase: $(ratio "${model_ms[$large]}" "${model_ms[$small]}")× for" \
           "$(ratio "$large" "$small")× the files."
    fi
  fi
  growth_section "$small" "$precommit"
  precommit_section "$precommit"
} | tee "$out/report.md"
