# bench_write_if_changed(<path> <content>): writes only when the content
# changed, so that regenerating an unchanged suite or layout does not
# rebuild it. Shared by generate_suite.cmake (script mode) and layouts/.
function(bench_write_if_changed path content)
  if(EXISTS "${path}")
    file(READ "${path}" old)
    if(old STREQUAL content)
      return()
    endif()
  endif()
  file(WRITE "${path}" "${content}")
endfunction()
