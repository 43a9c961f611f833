# Writes every _KITTY_* value of KittyProtocol.cmake, as CMake reads it, one
# "name=value" a line, for protocol_test.cpp to compare with protocol.h:
#   cmake -D KITTY_MODULE_DIR=<dir> -D KITTY_DUMP_FILE=<file> -P protocol_dump.cmake
include("${KITTY_MODULE_DIR}/KittyProtocol.cmake")
get_cmake_property(names VARIABLES)
set(dump "")
foreach(name IN LISTS names)
  if(name MATCHES "^_KITTY_")
    string(APPEND dump "${name}=${${name}}\n")
  endif()
endforeach()
file(WRITE "${KITTY_DUMP_FILE}" "${dump}")
