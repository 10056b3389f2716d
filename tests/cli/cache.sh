#!/usr/bin/env bash
# The parse cache (--cache-dir, --no-cache): on every fixture case, the demo
# repository and every example, the text report (code frames included) and
# the JSON report are byte-identical without a cache, with a cold one, with a
# warm one and with a warm one at -j1; a warm run parses nothing; damaged,
# truncated and foreign cache files are ignored and rewritten; concurrent runs
# leave a usable cache; every spelling of the root shares one cache.  Args: BINARY SOURCE_DIR
set -euo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
  echo "cache.sh: $*" >&2
  exit 1
}

# A copy of a case with old timestamps: the cache re-hashes files modified
# within two seconds of a run, and this test wants to see it trust a stat.
copy_case() {
  rm -rf "$tmp/case"
  cp -r "$1" "$tmp/case"
  find "$tmp/case" -exec touch -h -d '2024-01-01 00:00:00' {} +
}

# report MODE... : text then JSON report of the case, from inside it.
report() {
  (cd "$tmp/case" && "$bin" --root . --no-color --fail-level none "$@" . 2>/dev/null &&
    "$bin" --root . --format json --fail-level none "$@" . 2>/dev/null)
}

cases=("$src/fixtures/demo-repo")
for dir in "$src"/fixtures/SL*/*/ "$src"/fixtures/sources/*/ "$src"/examples/*/; do
  [ -d "$dir" ] && cases+=("${dir%/}")
done

checked=0
for case_dir in "${cases[@]}"; do
  copy_case "$case_dir"
  cache="$tmp/cache-$checked"
  report --no-cache >"$tmp/none"
  report --cache-dir "$cache" >"$tmp/cold"
  report --cache-dir "$cache" >"$tmp/warm"
  report --cache-dir "$cache" --jobs 1 >"$tmp/warm-j1"
  for run in cold warm warm-j1; do
    cmp -s "$tmp/none" "$tmp/$run" ||
      { diff "$tmp/none" "$tmp/$run" | head -20 >&2; fail "${case_dir#"$src"/}: $run report differs"; }
  done
  # A warm run reads no YAML file's bytes but those with directives.
  stats=$(cd "$tmp/case" && SELDON_LINT_TIMING=1 "$bin" --root . --cache-dir "$cache" \
    --format json --output /dev/null --fail-level none . 2>&1 | grep 'cache: .* parsed' || true)
  case $stats in
    *" 0 confirmed by hash, 0 parsed"*) ;;
    *) fail "${case_dir#"$src"/}: warm run did not use the cache: $stats" ;;
  esac
  rm -rf "$cache"
  checked=$((checked + 1))
done
[ "$checked" -gt 150 ] || fail "only $checked cases found"

# ---------------------------------------------------------------- damage
copy_case "$src/fixtures/demo-repo"
cache="$tmp/cache"
report --no-cache >"$tmp/none"
report --cache-dir "$cache" >/dev/null
file=$(ls "$cache"/v1-*.cache)
[ "$(ls "$cache"/v1-*.cache | wc -l)" -eq 1 ] || fail "expected one cache file"
cp "$file" "$tmp/good"
size=$(stat -c %s "$file")
timing() {
  (cd "$tmp/case" && SELDON_LINT_TIMING=1 "$bin" --root . --cache-dir "$cache" --format json \
    --output /dev/null --fail-level none . 2>&1 | grep 'seldon-lint: cache /' || true)
}
timing_root() {
  (cd "$tmp/case" && SELDON_LINT_TIMING=1 "$bin" --root "$1" --cache-dir "$cache" --format json \
    --output /dev/null --fail-level none "$1" 2>&1 | grep 'cache: .* parsed' || true)
}
damage() {
  cp "$tmp/good" "$file"
  case $1 in
    flip) printf '\xA5' | dd of="$file" bs=1 seek=$((size / 2)) conv=notrunc status=none ;;
    truncate) truncate -s $((size / 2)) "$file" ;;
    empty) : >"$file" ;;
    foreign) echo "not a seldon-lint cache" >"$file" ;;
  esac
}
for how in flip truncate empty foreign; do
  damage "$how"
  case $(timing) in
    *"not used"*) ;;
    *) fail "$how: damaged cache file was used" ;;
  esac
  # The run above rewrote it: the next one uses it, and reports the same.
  case $(timing) in
    *"not used"*) fail "$how: cache file was not rewritten" ;;
  esac
  damage "$how"
  report --cache-dir "$cache" >"$tmp/after"
  cmp -s "$tmp/none" "$tmp/after" || fail "$how: report differs with a damaged cache"
done

# ---------------------------------------------------------------- concurrency
rm -rf "$cache"
for round in 1 2 3; do
  pids=()
  for i in 1 2 3; do
    (report --cache-dir "$cache" --jobs 1 >"$tmp/concurrent-$i") &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  for i in 1 2 3; do
    cmp -s "$tmp/none" "$tmp/concurrent-$i" || fail "round $round: concurrent run $i differs"
  done
  case $(timing) in
    *"not used"*) fail "round $round: concurrent runs left an unusable cache" ;;
  esac
done
leftovers=$(find "$cache" -name '*.tmp.*' | wc -l)
[ "$leftovers" -eq 0 ] || fail "temporary files left in the cache folder"

# ---------------------------------------------------------------- root spelling
# A hook runs with `--root .` inside the repository, CI with an absolute root
# from outside it, maybe through a symbolic link: one cache serves them all
# (keyed by the canonical root).
rm -rf "$cache"
"$bin" --root "$tmp/case" --cache-dir "$cache" --format json --output /dev/null \
  --fail-level none "$tmp/case" >/dev/null 2>&1
ln -sfn "$tmp/case" "$tmp/case-link"
for spelling in . ./ "$tmp/case" "$tmp/case-link" "$tmp/case-link/"; do
  case $(timing_root "$spelling") in
    *" 0 confirmed by hash, 0 parsed"*) ;;
    *) fail "--root $spelling did not use the cache another spelling of the root wrote" ;;
  esac
done
[ "$(ls "$cache"/v1-*.cache | wc -l)" -eq 1 ] || fail "one root, several cache files"

# ---------------------------------------------------------------- flags
[ -f "$cache/CACHEDIR.TAG" ] || fail "no CACHEDIR.TAG"
rm -rf "$tmp/nocache"
(cd "$tmp/case" && "$bin" --root . --no-cache --cache-dir "$tmp/nocache" . >/dev/null 2>&1) &&
  fail "--no-cache with --cache-dir accepted" || [ $? -eq 2 ] || fail "--no-cache --cache-dir: not exit 2"
(cd "$tmp/case" && XDG_CACHE_HOME="$tmp/xdg" "$bin" --root . --fail-level none . >/dev/null 2>&1)
ls "$tmp/xdg/seldon-lint"/v1-*.cache >/dev/null 2>&1 || fail "no cache under \$XDG_CACHE_HOME/seldon-lint"
(cd "$tmp/case" && env -u XDG_CACHE_HOME HOME="$tmp/home" "$bin" --root . --fail-level none . \
  >/dev/null 2>&1)
ls "$tmp/home/.cache/seldon-lint"/v1-*.cache >/dev/null 2>&1 || fail "no cache under ~/.cache/seldon-lint"
(cd "$tmp/case" && XDG_CACHE_HOME="$tmp/xdg2" "$bin" --root . --no-cache --fail-level none . \
  >/dev/null 2>&1)
[ ! -e "$tmp/xdg2" ] || fail "--no-cache wrote a cache"

echo "cache: $checked cases identical without, cold, warm and -j1; damage, concurrency and flags ok"
