# The facts of gtest_kitty/include/gtest_kitty/protocol.h that the CMake
# module uses, restated for CMake: kitty's programs and its module must agree
# on them. tests/unit/protocol_test.cpp reads this file with `cmake -P`
# (through tests/unit/protocol_dump.cmake) and fails when a value here
# disagrees with the header; change both together. Included by
# KittyTest.cmake and KittyTestAddTests.cmake, and installed beside them.
# Only set() here, no guard: each includer gets the values in its own scope
# (a function, a directory, a ctest script).

# Exit codes (protocol.h kExit*).
set(_KITTY_EXIT_USAGE 64)
set(_KITTY_EXIT_UNIT_CONFLICT 65)
set(_KITTY_EXIT_BAD_SHARD 66)
set(_KITTY_EXIT_ISOLATION_FAILED 71)
set(_KITTY_EXIT_OUTPUT_FAILED 73)
set(_KITTY_EXIT_PORTS_UNAVAILABLE 75)
set(_KITTY_EXIT_SKIPPED 77)
set(_KITTY_EXIT_SELECTION_MISMATCH 78)
set(_KITTY_EXIT_PREMATURE_EXIT 79)

# The flags of a test binary: --kitty_<name>[=value].
set(_KITTY_FLAG_PREFIX "--kitty_")
set(_KITTY_FLAG_LIST "list")
set(_KITTY_FLAG_GRANULARITY "granularity")
set(_KITTY_FLAG_ROOT "root")
set(_KITTY_FLAG_SPLIT "split")

# The listing's first line: {"kitty_listing":<version>,...}.
set(_KITTY_LISTING_KEY "kitty_listing")
set(_KITTY_LISTING_VERSION 1)

# Ports: the default range, and the names of ctest's resource spec.
set(_KITTY_DEFAULT_PORT_RANGE "9400-9449")
set(_KITTY_PORT_RESOURCE_PREFIX "kitty_ports_")
set(_KITTY_PORT_BLOCK_PREFIX "block_")
