# Runs gtest_discover_tests' discovery of one binary as CMake generated it
# (bench/gdt/CMakeLists.txt; started as `cmake -P <build>/gdt/<target>.cmake`),
# without ctest: the time of the step alone, as POST_BUILD discovery spends
# it after a link.
if(NOT GDT_INCLUDE_FILE)
  message(FATAL_ERROR "gtest_kitty: run as cmake -P <build>/gdt/<target>.cmake")
endif()
# GoogleTestAddTests.cmake run by `cmake -P` discovers from -D variables;
# here its function is called by the generated file instead.
set(CMAKE_SCRIPT_MODE_FILE "")
# The generated file rediscovers when it is newer than the registrations
# it wrote last time.
file(TOUCH_NOCREATE "${GDT_INCLUDE_FILE}")
# CMake's modules are read; the registrations discovery just wrote are not
# read back: ctest would read them, the POST_BUILD step does not.
macro(include path)
  if("${path}" MATCHES "^${CMAKE_ROOT}/")
    _include(${ARGV})
  elseif(NOT EXISTS "${path}")
    message(FATAL_ERROR "gtest_kitty: gtest_discover_tests wrote no registrations (${path})")
  endif()
endmacro()
_include("${GDT_INCLUDE_FILE}")
