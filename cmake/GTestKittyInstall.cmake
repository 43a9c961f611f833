# Install rules: the libraries, the public headers, the CLI, and a package
# config so that find_package(GTestKitty) gives the GTestKitty:: targets and
# kitty_add_tests().
include(CMakePackageConfigHelpers)

get_target_property(_gtest_kitty_gtest_imported GTest::gtest IMPORTED)
if(NOT _gtest_kitty_gtest_imported)
  message(STATUS "gtest_kitty: GoogleTest is built in this tree, so gtest_kitty is not installable; "
                 "install rules skipped")
  return()
endif()

set(GTEST_KITTY_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/GTestKitty")
# The tool, when built, is in the export set too: GTestKitty::gtest-kitty, an
# imported executable, as the alias of an in-tree build.
set(_gtest_kitty_installed ${GTEST_KITTY_TARGETS})
if(TARGET gtest_kitty_cli)
  list(APPEND _gtest_kitty_installed gtest_kitty_cli)
endif()
install(TARGETS ${_gtest_kitty_installed} EXPORT GTestKittyTargets
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(DIRECTORY gtest_kitty/include/ DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(EXPORT GTestKittyTargets NAMESPACE GTestKitty:: DESTINATION "${GTEST_KITTY_CMAKE_DIR}")
configure_package_config_file(cmake/GTestKittyConfig.cmake.in
  "${CMAKE_CURRENT_BINARY_DIR}/GTestKittyConfig.cmake"
  INSTALL_DESTINATION "${GTEST_KITTY_CMAKE_DIR}")
# 0.x: a minor version may break, so find_package(GTestKitty 0.1) accepts
# 0.1.* only. Releases are tagged v<PROJECT_VERSION>.
write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/GTestKittyConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${CMAKE_CURRENT_BINARY_DIR}/GTestKittyConfig.cmake"
  "${CMAKE_CURRENT_BINARY_DIR}/GTestKittyConfigVersion.cmake"
  cmake/KittyProtocol.cmake
  cmake/KittyTest.cmake
  cmake/KittyTestAddTests.cmake
  DESTINATION "${GTEST_KITTY_CMAKE_DIR}")
