#!/usr/bin/env bash
# Seeds a fuzz corpus from fixtures/ and examples/ (idempotent).
#   fuzz/seed.sh TARGET CORPUS_DIR
# fuzz_repository: one input per fixture case, its files joined with
# `#@ path` headers (fuzz/repository_input.hpp).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
target=$1
corpus=$2
mkdir -p "$corpus"
case_dirs() { find "$here/fixtures" -mindepth 2 -maxdepth 2 -type d; }
case "$target" in
  fuzz_repository)
    while IFS= read -r dir; do
      out="$corpus/seed-$(basename "$(dirname "$dir")")-$(basename "$dir")"
      [ -f "$out" ] && continue
      (cd "$dir" && find . -type f -size -16k | sort | while IFS= read -r f; do
        printf '#@ %s\n' "${f#./}"; cat "$f"; printf '\n'; done) > "$out"
    done < <(case_dirs)
    for f in "$here"/fuzz/regressions/repository/*; do [ -f "$f" ] && cp -n "$f" "$corpus/"; done
    ;;
  fuzz_yaml)
    # Every YAML file, named after its path: copying by base name kept only
    # the first of the many `values.yaml` (9 seeds out of about 670).
    while IFS= read -r f; do
      rel=${f#"$here"/}
      cp -n "$f" "$corpus/seed-${rel//\//_}"
    done < <(find "$here/fixtures" "$here/fuzz/regressions" -type f \( -name '*.yaml' -o -name '*.yml' \) \
      -size -64k | sort)
    ;;
  fuzz_config)
    i=0
    while IFS= read -r f; do cp -n "$f" "$corpus/config-$i"; i=$((i + 1)); done \
      < <(find "$here/fixtures" "$here/examples" -name '.seldon-lint.yaml' -type f)
    ;;
  fuzz_suppressions)
    i=0
    while IFS= read -r f; do
      kind=0
      case "$f" in *.tf) kind=1 ;; *.bicep) kind=2 ;; *.json) kind=3 ;; esac
      { printf "\\x0$kind"; cat "$f"; } > "$corpus/directive-$i"; i=$((i + 1))
    done < <(grep -rl 'seldon-lint' "$here/fixtures" | head -200)
    ;;
  fuzz_diff)
    printf 'diff --git a/a.yaml b/a.yaml\n--- a/a.yaml\n+++ b/a.yaml\n@@ -1,2 +1,3 @@\n+x\n@@ -10 +11,0 @@\n' > "$corpus/diff-1"
    printf 'diff --git a/x b/y\nnew file mode 100644\n--- /dev/null\n+++ b/"q\\tz.yaml"\n@@ -0,0 +1 @@\n+a\n' > "$corpus/diff-2"
    ;;
  fuzz_glob)
    printf 'clusters/**/values.yaml\nclusters/prod/eu/values.yaml' > "$corpus/glob-1"
    printf '**/*-values.y?ml\nenvs/a/b/c/prod-values.yml' > "$corpus/glob-2"
    printf './charts/*/templates/**\ncharts/seldon/templates/x.yaml' > "$corpus/glob-3"
    ;;
  fuzz_base64)
    printf 'c2VjcmV0LXBhc3N3b3Jk' > "$corpus/b64-1"
    printf 'YQ==\n' > "$corpus/b64-2"
    printf 'not base64!' > "$corpus/b64-3"
    ;;
esac
for f in "$here/fuzz/regressions/$target"/*; do [ -f "$f" ] && cp -n "$f" "$corpus/"; done
exit 0
