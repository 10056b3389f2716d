# bash completion for seldon-lint
_seldon_lint() {
  local cur prev words cword
  if declare -F _init_completion >/dev/null 2>&1; then
    _init_completion || return
  else
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
  fi
  local options="--help --version --format --output --config --root --fail-level --select
    --ignore --env --production-env --baseline --write-baseline --diff-base --jobs
    --include-suppressed --no-inline-suppressions --color --no-color --statistics --no-ignore --fix --diff
    --no-cache --cache-dir --sarif-category --quiet -h -o -c -j -q"
  case $prev in
    --format) COMPREPLY=($(compgen -W "text json sarif github gitlab" -- "$cur")); return ;;
    --fail-level) COMPREPLY=($(compgen -W "error warning note none" -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    -o|--output|-c|--config|--baseline|--write-baseline)
      COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --root|--cache-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --select|--ignore|--env|--production-env|--diff-base|-j|--jobs|--sarif-category) return ;;
  esac
  if [ "${COMP_WORDS[1]:-}" = rules ] && [ "$COMP_CWORD" -gt 1 ]; then
    case $prev in --format) ;; *) COMPREPLY=($(compgen -W "--format" -- "$cur")) ;; esac
    return
  fi
  if [ "${COMP_WORDS[1]:-}" = values ] && [ "$COMP_CWORD" -gt 1 ]; then
    case $prev in
      --format) COMPREPLY=($(compgen -W "yaml json" -- "$cur")) ;;
      --release) ;;
      *) COMPREPLY=($(compgen -W "--release --format --root --config" -- "$cur") $(compgen -f -- "$cur")) ;;
    esac
    return
  fi
  if [ "${COMP_WORDS[1]:-}" = explain ] && [ "$COMP_CWORD" -eq 2 ]; then
    local ids
    ids=$(seldon-lint rules 2>/dev/null | awk '{print $1; print $2}')
    COMPREPLY=($(compgen -W "$ids" -- "$cur"))
    return
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
  elif [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "rules explain values lsp" -- "$cur") $(compgen -f -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -F _seldon_lint -o filenames seldon-lint
