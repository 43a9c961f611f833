# Fixture of the integration tests: builds, once per test run, the projects
# they drive. gtest_kitty is installed from the build tree under test (the
# library, launcher and tool those tests already built), and configured
# plainly (no options), as the README's install command does, to show that
# such a tree has no tests of kitty's own. The sample and test projects then
# find the install.
#   cmake -D KITTY_SOURCE_DIR=... -D KITTY_BUILD_DIR=... -D KITTY_BUILD_CONFIG=...
#         -D WORK_DIR=... -D GENERATOR=... -P build_projects.cmake

foreach(required KITTY_SOURCE_DIR KITTY_BUILD_DIR WORK_DIR GENERATOR)
  if(NOT ${required})
    message(FATAL_ERROR "build_projects.cmake: -D ${required}=... is required")
  endif()
endforeach()

set(install_dir "${WORK_DIR}/install")
file(MAKE_DIRECTORY "${WORK_DIR}")

# Runs one step, its output kept in a log that a failure prints.
function(step name)
  string(TIMESTAMP started "%s")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE output
                  ERROR_VARIABLE output)
  file(WRITE "${WORK_DIR}/${name}.log" "${output}")
  string(TIMESTAMP finished "%s")
  math(EXPR seconds "${finished} - ${started}")
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "step '${name}' failed (${result}):\n${output}")
  endif()
  message(STATUS "${name}: ${seconds} s")
endfunction()

function(project_build name source_dir)
  step("${name}-configure" "${CMAKE_COMMAND}" -S "${source_dir}" -B "${WORK_DIR}/${name}"
       -G "${GENERATOR}" -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_PREFIX_PATH=${install_dir}" ${ARGN})
  step("${name}-build" "${CMAKE_COMMAND}" --build "${WORK_DIR}/${name}")
endfunction()

step(kitty-install "${CMAKE_COMMAND}" --install "${KITTY_BUILD_DIR}" --config "${KITTY_BUILD_CONFIG}"
     --prefix "${install_dir}")
# Configured only: building it again would compile the tool a second time.
step(kitty-build-configure "${CMAKE_COMMAND}" -S "${KITTY_SOURCE_DIR}" -B "${WORK_DIR}/kitty-build"
     -G "${GENERATOR}" -DCMAKE_BUILD_TYPE=Debug)
project_build(kvstore "${KITTY_SOURCE_DIR}/samples/kvstore")
project_build(features "${KITTY_SOURCE_DIR}/tests/projects/features")
project_build(isolation "${KITTY_SOURCE_DIR}/tests/projects/isolation")
project_build(ports "${KITTY_SOURCE_DIR}/tests/projects/ports")
project_build(kvstore-per-test "${KITTY_SOURCE_DIR}/tests/projects/kvstore_per_test")
# One consumer, the guide's three routes (packaging_test); by FetchContent
# with GoogleTest from source as well, and without the tool (a project that
# wants only the library says so; the other two routes build or find it).
set(consume "${KITTY_SOURCE_DIR}/tests/projects/consume_kitty")
project_build(consume-fetch "${consume}" -DKITTY_ROUTE=fetchcontent
              "-DFETCHCONTENT_SOURCE_DIR_GTEST_KITTY=${KITTY_SOURCE_DIR}"
              -DGTEST_KITTY_BUILD_CLI=OFF)
# As a unity build (CMAKE_UNITY_BUILD, as large projects use): kitty's own
# sources must build that way inside the consumer, and the consumer's test
# binary, its files compiled together, must still register one test per file.
project_build(consume-subdir "${consume}" -DKITTY_ROUTE=subdirectory
              "-DKITTY_CHECKOUT=${KITTY_SOURCE_DIR}" -DCMAKE_UNITY_BUILD:BOOL=ON)
project_build(consume-package "${consume}" -DKITTY_ROUTE=package)
project_build(faults "${KITTY_SOURCE_DIR}/tests/projects/faults")
project_build(odd_names "${KITTY_SOURCE_DIR}/tests/projects/odd_names")
project_build(lifecycle "${KITTY_SOURCE_DIR}/tests/projects/lifecycle")
project_build(split_check "${KITTY_SOURCE_DIR}/tests/projects/split_check")
project_build(split "${KITTY_SOURCE_DIR}/tests/projects/split")

# A multi-config tree (Ninja Multi-Config unless the generator is one): Debug
# and Release built, RelWithDebInfo left unbuilt.
set(multi_config_generator "Ninja Multi-Config")
if(GENERATOR MATCHES "^(Visual Studio|Xcode)")
  set(multi_config_generator "${GENERATOR}")
endif()
step(multi_config-configure "${CMAKE_COMMAND}" -S "${KITTY_SOURCE_DIR}/tests/projects/multi_config"
     -B "${WORK_DIR}/multi_config" -G "${multi_config_generator}"
     "-DCMAKE_PREFIX_PATH=${install_dir}")
foreach(config IN ITEMS Debug Release)
  step(multi_config-build-${config} "${CMAKE_COMMAND}" --build "${WORK_DIR}/multi_config"
       --config ${config})
endforeach()
