# Writes OUT (a header with SELDON_LINT_COMMIT) from `git describe` of
# SOURCE_DIR, at build time, and only when the value changed, so that
# `seldon-lint --version` names the commit it was built from without
# recompiling anything when nothing changed.
#   cmake -DSOURCE_DIR=... -DOUT=... [-DCOMMIT=override] -P build_info.cmake
if(NOT COMMIT)
  execute_process(COMMAND git -C "${SOURCE_DIR}" rev-parse --short=12 HEAD
                  OUTPUT_VARIABLE COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE git_result ERROR_QUIET)
  if(NOT git_result EQUAL 0 OR COMMIT STREQUAL "")
    set(COMMIT "unknown")
  else()
    # Tracked files changed since that commit: say so rather than claim it.
    execute_process(COMMAND git -C "${SOURCE_DIR}" status --porcelain --untracked-files=no
                    OUTPUT_VARIABLE dirty OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(NOT dirty STREQUAL "")
      string(APPEND COMMIT "-dirty")
    endif()
  endif()
endif()
set(content "#pragma once\n#define SELDON_LINT_COMMIT \"${COMMIT}\"\n")
include("${CMAKE_CURRENT_LIST_DIR}/write_if_changed.cmake")
write_if_changed("${OUT}" "${content}")
