# write_if_changed(PATH CONTENT): writes PATH only when CONTENT differs from
# what it holds, so generated sources do not trigger needless rebuilds.
function(write_if_changed path content)
  set(old "")
  if(EXISTS "${path}")
    file(READ "${path}" old)
  endif()
  if(NOT old STREQUAL content)
    file(WRITE "${path}" "${content}")
  endif()
endfunction()
