# GoogleTest built from GTEST_KITTY_GOOGLETEST_SOURCE (an archive or a source
# directory), the way a user brings it in with FetchContent: GTest::gtest and
# GTest::gmock come from GoogleTest's own CMake. kitty's CI builds the library,
# its unit tests and the sample against the newest release this way.
include(FetchContent)

get_filename_component(_kitty_gtest_source "${GTEST_KITTY_GOOGLETEST_SOURCE}" ABSOLUTE)
if(NOT EXISTS "${_kitty_gtest_source}")
  message(FATAL_ERROR "gtest_kitty: GTEST_KITTY_GOOGLETEST_SOURCE names \
'${GTEST_KITTY_GOOGLETEST_SOURCE}', which does not exist")
endif()
if(IS_DIRECTORY "${_kitty_gtest_source}")
  FetchContent_Declare(googletest SOURCE_DIR "${_kitty_gtest_source}")
else()
  FetchContent_Declare(googletest URL "${_kitty_gtest_source}" DOWNLOAD_EXTRACT_TIMESTAMP TRUE)
endif()
set(INSTALL_GTEST OFF CACHE BOOL "Install GoogleTest with kitty's build" FORCE)
FetchContent_MakeAvailable(googletest)
message(STATUS "gtest_kitty: GoogleTest from ${GTEST_KITTY_GOOGLETEST_SOURCE}")
