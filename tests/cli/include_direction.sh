#!/usr/bin/env bash
# Include direction: a stage may include only itself and the stages before it
#   base <- parse <- input <- model <- rules <- engine <- report <- lsp <- cli
# and the public headers (include/seldon_lint/) include no stage at all.
# The build enforces this for compiled code (per-stage include views); this
# check also covers headers no .cpp includes yet.
# Args: BINARY SOURCE_DIR (BINARY unused).
set -euo pipefail
src="${2:?usage: include_direction.sh BINARY SOURCE_DIR}"
cd "$src"

stages=(base parse input model rules engine report lsp cli)
rank() {
  local i
  for i in "${!stages[@]}"; do
    if [[ "${stages[$i]}" == "$1" ]]; then echo "$i"; return; fi
  done
  echo -1
}

# The stage a project file belongs to; "public" for include/seldon_lint.
stage_of() {
  case "$1" in
    rules/*) echo rules ;;
    linter/*) local rest="${1#linter/}"; echo "${rest%%/*}" ;;
    include/*) echo public ;;
    *) echo other ;;
  esac
}

failures=0
checked=0
while IFS= read -r file; do
  from=$(stage_of "$file")
  [[ "$from" == other ]] && continue
  from_rank=$(rank "$from")
  if [[ "$from" != public && "$from_rank" -lt 0 ]]; then
    echo "$file:1: error: folder '$from' is not a pipeline stage (${stages[*]})"
    failures=$((failures + 1))
    continue
  fi
  while IFS=: read -r line target; do
    checked=$((checked + 1))
    to=$(stage_of "$target")
    to_rank=$(rank "$to")
    if [[ "$from" == public ]]; then
      echo "$file:$line: error: public header includes stage header \"$target\"" \
           "(include/seldon_lint/ must stand alone)"
      failures=$((failures + 1))
    elif [[ "$to_rank" -lt 0 ]]; then
      echo "$file:$line: error: \"$target\" is in no pipeline stage (${stages[*]})"
      failures=$((failures + 1))
    elif [[ "$to_rank" -gt "$from_rank" ]]; then
      echo "$file:$line: error: stage '$from' includes \"$target\" of the later stage '$to'" \
           "(order: ${stages[*]})"
      failures=$((failures + 1))
    fi
  done < <(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"(linter|rules)/' "$file" |
           sed -E 's/^([0-9]+):[^"]*"([^"]+)".*/\1:\2/')
done < <(find linter rules include -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) | sort)

if [[ "$failures" -gt 0 ]]; then
  echo "include direction: $failures wrong-direction include(s)"
  exit 1
fi
echo "include direction: $checked stage includes checked, all point backwards"
