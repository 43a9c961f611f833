#[=======================================================================[.rst:
KittyTest
---------

Registers a GoogleTest executable with CTest as one test per source file, so
``ctest -j N`` runs the suite in parallel while every test of one file runs
in one process, in its serial order. The executable must link
``GTestKitty::main``, ``GTestKitty::gmock_main``, or ``GTestKitty::kitty``
with a ``main()`` that calls ``kitty::install()``.

.. command:: kitty_add_tests

  .. code-block:: cmake

    kitty_add_tests(<target>
                    [GRANULARITY file|suite|test]
                    [TEST_PREFIX <prefix>]
                    [SOURCE_ROOT <dir>]
                    [LABELS <label>...]
                    [FILE_LABELS <file>=<label>[,<label>...]...]
                    [TIMEOUT <seconds>]
                    [ENVIRONMENT <VAR=value>...]
                    [EXTRA_ARGS <arg>...]
                    [WORKING_DIRECTORY <dir>]
                    [XML_OUTPUT_DIR <dir>]
                    [PROPERTIES <name> <value>...]
                    [COST_DATA <file>]
                    [TEST_LIST <variable>]
                    [ISOLATION ON|OFF]
                    [HOME_SCOPE process|test]
                    [HOME_BASE <dir>]
                    [PORT_FILES <file>...]
                    [PORT_RANGE <first>-<last>]
                    [PORT_BLOCK_SIZE <ports>]
                    [QUARANTINE_FILES <file>...]
                    [SPLIT_FILES <file>[=suite|test]...]
                    [ALLOW_EMPTY]
                    [DISCOVERY_MODE POST_BUILD|PRE_TEST]
                    [DISCOVERY_TIMEOUT <seconds>])

  After ``<target>`` is built, runs it with ``--kitty_list`` to learn every
  test, the file GoogleTest attributes it to, and the file-level markers
  (``KITTY_LABELS``), then registers one CTest test per unit. All options
  exist since gtest_kitty 0.1.

  ``GRANULARITY`` (default ``file``)
    ``file``: one CTest test per source file (a header that defines tests is
    a file of its own). ``suite``: one per test suite. ``test``: one per
    test, like ``gtest_discover_tests``; it pays the process start-up cost
    per test and splits file-scoped state.

  ``TEST_PREFIX`` (default empty)
    Test names are ``<prefix><target>/<unit>``, where ``<unit>`` is the
    file's path relative to ``SOURCE_ROOT``, the suite name, or
    ``Suite.Test``.

  ``SOURCE_ROOT`` (default: the target's ``SOURCE_DIR``)
    The directory unit names and ``FILE_LABELS`` paths are relative to. A
    file outside it is named ``@up<N>/<path>`` (``N`` levels above the root,
    then the path below that directory), or ``@<absolute path>`` when it
    shares only ``/`` with the root: never with ``..``.

  ``LABELS``
    CTest labels for every registered test, added to those the files
    declare with ``KITTY_LABELS(...)``.

  ``FILE_LABELS``
    Labels for one file's test: ``sync/orphan_sweep_test.cpp=slow,daemon``.
    A file that has no tests is an error at discovery.

  ``TIMEOUT`` (default: none)
    The CTest ``TIMEOUT`` of each test, in seconds.

  ``ENVIRONMENT``
    The CTest ``ENVIRONMENT`` of each test.

  ``EXTRA_ARGS``
    Arguments passed to every test process after kitty's own.

  ``WORKING_DIRECTORY`` (default: ``CMAKE_CURRENT_BINARY_DIR``)
    Where tests and discovery run.

  ``XML_OUTPUT_DIR`` (default: none)
    Each test writes ``<dir>/<test name>.xml`` (``..`` components of a
    prefix become ``__``), one file per process, so no two processes write
    one path.

  ``PROPERTIES``
    More CTest properties, as name/value pairs, for every test.

  ``COST_DATA`` (default: the build tree's
  ``Testing/Temporary/CTestCostData.txt`` when it exists)
    A file in CTest's cost-data format (a copy of that file, committed to
    the source tree, serves a clean CI checkout). Each test's ``COST`` is
    its recorded average duration, so CTest starts the longest first.

  ``TEST_LIST`` (default ``<target>_TESTS``)
    A variable, set in the CTest script, listing the registered names.

  ``ISOLATION`` (default ``ON``)
    Every test process (and the listing) starts through
    ``gtest-kitty-launch``, which gives it fresh ``HOME``, ``USERPROFILE``,
    ``APPDATA``, ``LOCALAPPDATA``, ``XDG_*_HOME``, ``TMPDIR``, ``TEMP``, ``TMP``
    and ``TEST_TMPDIR`` directories before the binary's static initialisers
    run. ``OFF`` sets ``KITTY_ISOLATION=off``. A Windows binary cross-built
    with an emulator (wine) is registered as
    ``<emulator> gtest-kitty-launch.exe --base ... -- <binary>.exe``: the
    launcher runs under the emulator and starts the binary there.

  ``HOME_SCOPE`` (default ``process``)
    ``test`` gives every test fresh directories of its own.

  ``HOME_BASE`` (default ``${CMAKE_BINARY_DIR}/kitty-homes``)
    Where the isolated directories live: ``<base>/<run-id>/<process>/``.
    ``KITTY_HOME_BASE``, then Bazel's ``TEST_TMPDIR``, override it at run
    time.

  ``PORT_FILES``
    Files that bind the reserved port range, like ``KITTY_USES_PORTS()`` in
    the file. Each of their tests requests one block through
    ``RESOURCE_GROUPS``; kitty writes the resource spec
    (``<build>/kitty-resources.json``, merged with the project's own
    ``CTEST_RESOURCE_SPEC_FILE``) and points ctest at it, so a plain
    ``ctest -j N`` never runs two of them on one block. A file without tests
    is an error at discovery.

  ``PORT_RANGE`` (default: the cache variable ``KITTY_PORT_RANGE``, ``9400-9449``)
  ``PORT_BLOCK_SIZE`` (default: ``KITTY_PORT_BLOCK_SIZE``, empty: one block)
    The reserved range and its split into blocks; the size must divide the
    range, and two different ranges must not overlap.

  ``QUARANTINE_FILES``
    Files whose tests are reported "Skipped" unless ``KITTY_RUN_QUARANTINE=1``,
    like ``KITTY_QUARANTINE()`` in the file; they get the label
    ``quarantined``.

  ``SPLIT_FILES``
    Files registered as one CTest test per test (``<file>`` or
    ``<file>=test``) or per suite (``<file>=suite``) while every other file
    stays whole: ``heavy_test.cpp`` becomes ``<target>/heavy_test.cpp:Store.Open``
    and so on, so ``ctest -R heavy_test`` still selects every piece. Each
    piece gets the file's labels, ports, quarantine, ``TIMEOUT`` and the
    other properties. It splits file-scoped state: check a file first
    (``gtest-kitty split-check``). Needs ``GRANULARITY file``. A file without
    tests, or a suite split out of a file that also has tests in another file
    (it would run twice), is an error at discovery. A file whose name holds
    ``=`` is given with its granularity (``a=b.cpp=test``).

  ``ALLOW_EMPTY``
    A target without tests registers nothing. Without it, such a target
    registers ``<prefix><target>/NO_TESTS``, which fails and says so, as
    does ``<prefix><target>/NOT_BUILT`` before the first build.

  ``DISCOVERY_MODE`` (default ``POST_BUILD``, or
  ``CMAKE_KITTY_DISCOVERY_MODE`` when set)
    ``POST_BUILD`` lists the tests right after linking. ``PRE_TEST`` lists
    them when CTest starts, and again whenever the executable is newer
    than the last listing (for cross-compiling or when the build machine
    cannot run the executable).

  ``DISCOVERY_TIMEOUT`` (default 60)
    Seconds the listing may take before discovery fails. A failed listing
    shows the command, its exit status or signal, and the last 40 lines of
    its output; a binary linked with ``GTest::gtest_main`` is named as not a
    kitty binary (it is given ``--gtest_list_tests`` too, so it lists its
    tests rather than running them).

  File names, labels and option values may hold any character (``;``,
  ``[``, ``]``, ``]=]``, quotes, ``$``, spaces): each reaches ctest and the
  test as it is.

  Exit codes the tests report: 0 passed, 1 failed, 77 every selected test
  skipped (CTest shows "Skipped" through ``SKIP_RETURN_CODE``), 78 the
  registration names a unit the executable no longer has, 64 a bad
  ``--kitty_*`` flag, 75 the unit's port block could not be leased. At
  discovery, 65 (two units with one name, or a ``SPLIT_FILES`` suite with
  tests in another file), 64 (a ``SPLIT_FILES`` file without tests) and 73
  (the listing could not be written) fail the build with the reason.
#]=======================================================================]

include_guard(GLOBAL)

function(kitty_add_tests target)
  # The quoting helpers (_kitty_bracket, _kitty_encode) of discovery.
  include("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/KittyTestAddTests.cmake")
  set(options ALLOW_EMPTY)
  set(one_value GRANULARITY TEST_PREFIX SOURCE_ROOT TIMEOUT WORKING_DIRECTORY XML_OUTPUT_DIR COST_DATA
                TEST_LIST DISCOVERY_MODE DISCOVERY_TIMEOUT ISOLATION HOME_SCOPE HOME_BASE PORT_RANGE
                PORT_BLOCK_SIZE)
  set(multi_value LABELS FILE_LABELS ENVIRONMENT EXTRA_ARGS PROPERTIES PORT_FILES QUARANTINE_FILES
                  SPLIT_FILES)
  cmake_parse_arguments(PARSE_ARGV 1 arg "${options}" "${one_value}" "${multi_value}")
  _kitty_encoded_multi_values(arg "${options};${one_value}" "${multi_value}")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "kitty_add_tests(${target}): unknown argument(s): ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(arg_KEYWORDS_MISSING_VALUES)
    message(FATAL_ERROR "kitty_add_tests(${target}): ${arg_KEYWORDS_MISSING_VALUES} needs a value")
  endif()
  if(NOT TARGET "${target}")
    message(FATAL_ERROR "kitty_add_tests: '${target}' is not a target")
  endif()
  get_target_property(type "${target}" TYPE)
  if(NOT type STREQUAL "EXECUTABLE")
    message(FATAL_ERROR "kitty_add_tests: '${target}' is a ${type}, not an executable")
  endif()

  _kitty_default(arg_GRANULARITY file)
  _kitty_default(arg_DISCOVERY_TIMEOUT 60)
  _kitty_default(arg_WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
  _kitty_default(arg_TEST_LIST "${target}_TESTS")
  get_target_property(target_source_dir "${target}" SOURCE_DIR)
  _kitty_default(arg_SOURCE_ROOT "${target_source_dir}")
  _kitty_default(arg_COST_DATA "${CMAKE_BINARY_DIR}/Testing/Temporary/CTestCostData.txt")
  _kitty_default(arg_DISCOVERY_MODE "${CMAKE_KITTY_DISCOVERY_MODE}")
  _kitty_default(arg_DISCOVERY_MODE POST_BUILD)
  _kitty_default(arg_ISOLATION ON)
  _kitty_default(arg_HOME_SCOPE process)
  _kitty_default(arg_HOME_BASE "${CMAKE_BINARY_DIR}/kitty-homes")
  _kitty_default(arg_PORT_RANGE "${KITTY_PORT_RANGE}")
  _kitty_default(arg_PORT_BLOCK_SIZE "${KITTY_PORT_BLOCK_SIZE}")
  _kitty_check_port_range("${target}" "${arg_PORT_RANGE}" "${arg_PORT_BLOCK_SIZE}" port_type)

  if(NOT arg_GRANULARITY MATCHES "^(file|suite|test)$")
    message(FATAL_ERROR "kitty_add_tests(${target}): GRANULARITY must be file, suite or test, not '${arg_GRANULARITY}'")
  endif()
  if(NOT arg_DISCOVERY_MODE MATCHES "^(POST_BUILD|PRE_TEST)$")
    message(FATAL_ERROR "kitty_add_tests(${target}): DISCOVERY_MODE must be POST_BUILD or PRE_TEST, not '${arg_DISCOVERY_MODE}'")
  endif()
  if(NOT arg_HOME_SCOPE MATCHES "^(process|test)$")
    message(FATAL_ERROR "kitty_add_tests(${target}): HOME_SCOPE must be process or test, not '${arg_HOME_SCOPE}'")
  endif()
  if(NOT arg_ISOLATION MATCHES "^(ON|OFF)$")
    message(FATAL_ERROR "kitty_add_tests(${target}): ISOLATION must be ON or OFF, not '${arg_ISOLATION}'")
  endif()
  foreach(seconds IN ITEMS TIMEOUT DISCOVERY_TIMEOUT)
    if(DEFINED arg_${seconds} AND NOT arg_${seconds} MATCHES "^[0-9]+(\\.[0-9]+)?$")
      message(FATAL_ERROR "kitty_add_tests(${target}): ${seconds} must be a number of seconds, not '${arg_${seconds}}'")
    endif()
  endforeach()
  foreach(encoded IN LISTS arg_FILE_LABELS)
    _kitty_decode(entry "${encoded}")
    if(NOT entry MATCHES "^[^=]+=[^=,]+(,[^=,]+)*$")
      message(FATAL_ERROR "kitty_add_tests(${target}): FILE_LABELS entry '${entry}' is not <file>=<label>[,<label>...]")
    endif()
  endforeach()
  foreach(encoded IN LISTS arg_SPLIT_FILES)
    _kitty_decode(entry "${encoded}")
    string(REGEX MATCH "=([^=]*)$" word "${entry}")
    if(word AND NOT word MATCHES "^=(suite|test)$")
      message(FATAL_ERROR "kitty_add_tests(${target}): SPLIT_FILES entry '${entry}' ends in '${word}': the word after the last '=' must be suite or test")
    endif()
    if(entry MATCHES "^(=(suite|test))?$")
      message(FATAL_ERROR "kitty_add_tests(${target}): SPLIT_FILES entry '${entry}' names no file")
    endif()
  endforeach()
  if(arg_SPLIT_FILES AND NOT arg_GRANULARITY STREQUAL "file")
    message(FATAL_ERROR "kitty_add_tests(${target}): SPLIT_FILES needs GRANULARITY file, not '${arg_GRANULARITY}' (every file is already split)")
  endif()
  list(LENGTH arg_PROPERTIES property_words)
  math(EXPR odd "${property_words} % 2")
  if(odd)
    message(FATAL_ERROR "kitty_add_tests(${target}): PROPERTIES takes name/value pairs")
  endif()
  cmake_path(ABSOLUTE_PATH arg_SOURCE_ROOT NORMALIZE)

  # Generated files are named after the target; a second call for the same
  # target gets a numbered set.
  get_property(calls TARGET "${target}" PROPERTY KITTY_ADD_TESTS_CALLS)
  if(NOT calls)
    set(calls 0)
  endif()
  math(EXPR calls "${calls} + 1")
  set_property(TARGET "${target}" PROPERTY KITTY_ADD_TESTS_CALLS ${calls})
  set(base "${CMAKE_CURRENT_BINARY_DIR}/${target}_kitty")
  if(calls GREATER 1)
    string(APPEND base "_${calls}")
  endif()

  get_property(emulator TARGET "${target}" PROPERTY CROSSCOMPILING_EMULATOR)
  # The launcher isolates HOME before the binary starts. Under an emulator
  # it is used only for Windows, where the emulator (wine) runs it and it
  # starts the binary inside the emulator itself: `wine launcher.exe --
  # test.exe`, so that the launcher is exercised as on Windows. Another
  # cross-compiled binary (qemu) is isolated from main() on instead.
  set(launcher "")
  set(launcher_in_emulator "")
  set(environment ${arg_ENVIRONMENT})
  if(emulator AND WIN32)
    set(launcher_in_emulator ON)
  endif()
  if(NOT arg_ISOLATION)
    list(APPEND environment KITTY_ISOLATION=off)
  elseif(NOT emulator OR launcher_in_emulator)
    if(NOT TARGET GTestKitty::launch)
      message(FATAL_ERROR "kitty_add_tests(${target}): GTestKitty::launch is missing: "
                          "find_package(GTestKitty) or add gtest_kitty's sources first")
    endif()
    set(launcher "$<TARGET_FILE:GTestKitty::launch>")
    # Built in this tree: discovery runs it right after linking the target.
    get_target_property(launch_target GTestKitty::launch ALIASED_TARGET)
    if(launch_target)
      add_dependencies("${target}" "${launch_target}")
    endif()
  endif()
  if(arg_HOME_SCOPE STREQUAL "test")
    list(APPEND environment KITTY_HOME_SCOPE=test)
  endif()
  set(script "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/KittyTestAddTests.cmake")
  # "-Debug" after each generated name; none when the build type is empty
  # (a single-config tree without CMAKE_BUILD_TYPE).
  set(config_suffix "$<$<NOT:$<STREQUAL:$<CONFIG>,>>:-$<CONFIG>>")
  set(params_file "${base}_params${config_suffix}.cmake")
  set(tests_file "${base}_tests${config_suffix}.cmake")

  # Everything discovery needs, in one generated file: no list or quoting
  # survives a command line, and generator expressions get evaluated.
  set(params "")
  foreach(pair IN ITEMS
      "TARGET;${target}" "EXECUTABLE;$<TARGET_FILE:${target}>" "EMULATOR;${emulator}"
      "GRANULARITY;${arg_GRANULARITY}" "TEST_PREFIX;${arg_TEST_PREFIX}"
      "SOURCE_ROOT;${arg_SOURCE_ROOT}" "TIMEOUT;${arg_TIMEOUT}"
      "WORKING_DIRECTORY;${arg_WORKING_DIRECTORY}" "XML_OUTPUT_DIR;${arg_XML_OUTPUT_DIR}"
      "COST_DATA;${arg_COST_DATA}" "TEST_LIST;${arg_TEST_LIST}"
      "DISCOVERY_TIMEOUT;${arg_DISCOVERY_TIMEOUT}" "CTEST_FILE;${tests_file}"
      "LAUNCHER;${launcher}" "LAUNCHER_IN_EMULATOR;${launcher_in_emulator}"
      "HOME_BASE;${arg_HOME_BASE}" "ALLOW_EMPTY;${arg_ALLOW_EMPTY}"
      "SCRIPT;${script}" "PORT_RESOURCE_TYPE;${port_type}"
      "RESOURCE_SPEC_FILE;${CMAKE_BINARY_DIR}/kitty-resources.json"
      "LISTING_FILE;${base}_listing${config_suffix}.jsonl")
    list(POP_FRONT pair name)
    _kitty_bracket(value "${pair}")
    string(APPEND params "set(KITTY_${name} ${value})\n")
  endforeach()
  # Lists of encoded values: see _kitty_encode.
  list(APPEND environment "KITTY_PORT_RANGE=${arg_PORT_RANGE}"
                          "KITTY_PORT_BLOCK_SIZE=${arg_PORT_BLOCK_SIZE}")
  set(arg_ENVIRONMENT ${environment})
  foreach(name IN LISTS multi_value)
    _kitty_bracket(value "${arg_${name}}")
    string(APPEND params "set(KITTY_${name} ${value})\n")
  endforeach()
  file(GENERATE OUTPUT "${params_file}" CONTENT "${params}")

  # Until the target is built, one test that fails and says why.
  _kitty_bracket(not_built_name "${arg_TEST_PREFIX}${target}/NOT_BUILT")
  set(not_built "add_test(${not_built_name}")
  _kitty_append_arg(not_built "${CMAKE_COMMAND}")
  _kitty_append_arg(not_built "-DKITTY_FAIL_MESSAGE=${target} is not built: build it before running ctest")
  _kitty_append_arg(not_built -P)
  _kitty_append_arg(not_built "${script}")
  string(APPEND not_built ")\n")
  _kitty_bracket(quoted_tests_file "${tests_file}")
  _kitty_bracket(quoted_params_file "${params_file}")
  _kitty_bracket(quoted_script "${script}")
  if(arg_DISCOVERY_MODE STREQUAL "POST_BUILD")
    # Relinking re-runs discovery; so must a change of options or of kitty.
    set_property(TARGET "${target}" APPEND PROPERTY LINK_DEPENDS "${params_file}" "${script}")
    add_custom_command(TARGET "${target}" POST_BUILD
      BYPRODUCTS "${tests_file}"
      COMMAND "${CMAKE_COMMAND}" -D "KITTY_PARAMS_FILE=${params_file}" -P "${script}"
      COMMENT "gtest_kitty: registering the tests of ${target}"
      VERBATIM)
    string(CONCAT include_content
      "if(EXISTS ${quoted_tests_file})\n"
      "  include(${quoted_tests_file})\n"
      "else()\n"
      "  ${not_built}"
      "endif()\n")
  else()
    string(CONCAT include_content
      "if(EXISTS [=[$<TARGET_FILE:${target}>]=])\n"
      "  if(NOT EXISTS ${quoted_tests_file} OR\n"
      "     NOT ${quoted_tests_file} IS_NEWER_THAN [=[$<TARGET_FILE:${target}>]=] OR\n"
      "     NOT ${quoted_tests_file} IS_NEWER_THAN ${quoted_params_file})\n"
      "    include(${quoted_script})\n"
      "    _kitty_discover(${quoted_params_file})\n"
      "  endif()\n"
      "  include(${quoted_tests_file})\n"
      "else()\n"
      "  ${not_built}"
      "endif()\n")
  endif()

  # CTest reads one include file per directory entry; with a multi-config
  # generator it picks the configuration it was started with.
  get_property(multi_config GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  set(include_file "${base}_include.cmake")
  if(multi_config)
    foreach(config IN LISTS CMAKE_CONFIGURATION_TYPES)
      file(GENERATE OUTPUT "${base}_include-${config}.cmake" CONTENT "${include_content}"
        CONDITION $<CONFIG:${config}>)
    endforeach()
    _kitty_config_switch(switch "${arg_TEST_PREFIX}${target}" "${base}" "${script}")
    file(WRITE "${include_file}" "${switch}")
  else()
    file(GENERATE OUTPUT "${include_file}" CONTENT "${include_content}")
  endif()
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${include_file}")
endfunction()

# Sets `out` to what ctest reads in a multi-config tree: the registrations of
# the configuration given with -C (matched regardless of case, as ctest
# matches its own tests), else one stand-in test, `<name>/NO_CONFIG`, that
# fails and says what to pass, instead of an include of a file that does not
# exist. (ctest itself reports such tests "Not Run": "Test not available
# without configuration".)
function(_kitty_config_switch out name base script)
  string(JOIN ", " configurations ${CMAKE_CONFIGURATION_TYPES})
  _kitty_bracket(quoted_cmake "${CMAKE_COMMAND}")
  _kitty_bracket(quoted_script "${script}")
  _kitty_bracket(quoted_name "${name}/NO_CONFIG")
  string(CONCAT no_config "-DKITTY_FAIL_MESSAGE=${name}: this build tree is multi-config: "
                          "run ctest -C <config> (one of ${configurations})")
  _kitty_bracket(no_config "${no_config}")
  _kitty_bracket(unknown_start "-DKITTY_FAIL_MESSAGE=${name}: ctest -C ")
  _kitty_bracket(unknown_end " is not a configuration of this build tree (one of ${configurations})")
  string(CONCAT switch
    "# Written by kitty_add_tests(): the registrations of ctest's -C configuration.\n"
    "string(TOLOWER \"\${CTEST_CONFIGURATION_TYPE}\" _kitty_config)\n"
    "if(_kitty_config STREQUAL \"\")\n"
    "  add_test(${quoted_name} ${quoted_cmake} ${no_config} -P ${quoted_script})\n")
  foreach(config IN LISTS CMAKE_CONFIGURATION_TYPES)
    string(TOLOWER "${config}" lower)
    _kitty_bracket(quoted_lower "${lower}")
    _kitty_bracket(quoted_include "${base}_include-${config}.cmake")
    string(APPEND switch "elseif(_kitty_config STREQUAL ${quoted_lower})\n"
                         "  include(${quoted_include})\n")
  endforeach()
  string(APPEND switch
    "else()\n"
    "  set(_kitty_message ${unknown_start})\n"
    "  string(APPEND _kitty_message \"\${CTEST_CONFIGURATION_TYPE}\" ${unknown_end})\n"
    "  add_test(${quoted_name} ${quoted_cmake} \"\${_kitty_message}\" -P ${quoted_script})\n"
    "endif()\n")
  set(${out} "${switch}" PARENT_SCOPE)
endfunction()

# The project's reserved port range, once per build tree; kitty_add_tests()
# may give a target its own with PORT_RANGE / PORT_BLOCK_SIZE.
include("${CMAKE_CURRENT_LIST_DIR}/KittyProtocol.cmake")
set(KITTY_PORT_RANGE "${_KITTY_DEFAULT_PORT_RANGE}" CACHE STRING "Reserved port range of kitty's port tests: FIRST-LAST")
set(KITTY_PORT_BLOCK_SIZE "" CACHE STRING
    "Ports per block of KITTY_PORT_RANGE (empty: the whole range is one block)")

# Checks a range and its block size, records it for the resource spec, and
# sets `type_var` to its ctest resource type. Two ranges may be equal, never
# overlap.
function(_kitty_check_port_range target range block_size type_var)
  if(NOT range MATCHES "^([0-9]+)-([0-9]+)$")
    message(FATAL_ERROR "kitty_add_tests(${target}): port range '${range}' is not FIRST-LAST, e.g. ${_KITTY_DEFAULT_PORT_RANGE}")
  endif()
  set(first ${CMAKE_MATCH_1})
  set(last ${CMAKE_MATCH_2})
  if(first LESS 1 OR last GREATER 65535 OR first GREATER last)
    message(FATAL_ERROR "kitty_add_tests(${target}): port range '${range}' must be FIRST-LAST with 1 <= FIRST <= LAST <= 65535")
  endif()
  math(EXPR ports "${last} - ${first} + 1")
  if(block_size STREQUAL "" OR block_size STREQUAL "0")
    set(block_size ${ports})
  endif()
  if(NOT block_size MATCHES "^[0-9]+$" OR block_size EQUAL 0)
    message(FATAL_ERROR "kitty_add_tests(${target}): port block size '${block_size}' is not a number of ports")
  endif()
  math(EXPR remainder "${ports} % ${block_size}")
  if(NOT remainder EQUAL 0)
    message(FATAL_ERROR "kitty_add_tests(${target}): port block size ${block_size} does not divide the ${ports} ports of ${range}")
  endif()
  get_property(ranges GLOBAL PROPERTY KITTY_PORT_RANGES)
  foreach(known IN LISTS ranges)
    string(REGEX MATCH "^([0-9]+)-([0-9]+)/([0-9]+)$" _ "${known}")
    if(known STREQUAL "${first}-${last}/${block_size}")
      continue()
    endif()
    if(NOT (last LESS CMAKE_MATCH_1 OR first GREATER CMAKE_MATCH_2))
      message(FATAL_ERROR "kitty_add_tests(${target}): port range ${range} (blocks of ${block_size}) overlaps kitty's range ${known}")
    endif()
  endforeach()
  set_property(GLOBAL APPEND PROPERTY KITTY_PORT_RANGES "${first}-${last}/${block_size}")
  get_property(deferred GLOBAL PROPERTY _KITTY_RESOURCE_SPEC_DEFERRED)
  if(NOT deferred)
    set_property(GLOBAL PROPERTY _KITTY_RESOURCE_SPEC_DEFERRED TRUE)
    cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL _kitty_write_resource_spec)
  endif()
  set(${type_var} "${_KITTY_PORT_RESOURCE_PREFIX}${first}_${last}" PARENT_SCOPE)
endfunction()

# At the end of the top-level directory: the ctest resource spec with one
# resource type per kitty range (one id per block, one slot each), merged
# into the spec the project declares itself in CTEST_RESOURCE_SPEC_FILE.
function(_kitty_write_resource_spec)
  include("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/KittyProtocol.cmake")
  set(spec_file "${CMAKE_BINARY_DIR}/kitty-resources.json")
  set(spec [=[{"version":{"major":1,"minor":0},"local":[{}]}]=])
  if(CTEST_RESOURCE_SPEC_FILE AND NOT CTEST_RESOURCE_SPEC_FILE STREQUAL spec_file)
    if(NOT EXISTS "${CTEST_RESOURCE_SPEC_FILE}")
      message(FATAL_ERROR "gtest_kitty: the resource spec ${CTEST_RESOURCE_SPEC_FILE} (CTEST_RESOURCE_SPEC_FILE) does not exist")
    endif()
    file(READ "${CTEST_RESOURCE_SPEC_FILE}" spec)
    string(JSON local_type ERROR_VARIABLE error TYPE "${spec}" local 0)
    if(error OR NOT local_type STREQUAL "OBJECT")
      message(FATAL_ERROR "gtest_kitty: the resource spec ${CTEST_RESOURCE_SPEC_FILE} is not valid: ${error}")
    endif()
  endif()
  get_property(ranges GLOBAL PROPERTY KITTY_PORT_RANGES)
  list(REMOVE_DUPLICATES ranges)
  foreach(range IN LISTS ranges)
    string(REGEX MATCH "^([0-9]+)-([0-9]+)/([0-9]+)$" _ "${range}")
    set(first ${CMAKE_MATCH_1})
    set(last ${CMAKE_MATCH_2})
    set(size ${CMAKE_MATCH_3})
    set(type "${_KITTY_PORT_RESOURCE_PREFIX}${first}_${last}")
    string(JSON existing ERROR_VARIABLE missing GET "${spec}" local 0 "${type}")
    if(NOT missing)
      message(FATAL_ERROR "gtest_kitty: the resource spec ${CTEST_RESOURCE_SPEC_FILE} already declares ${type}")
    endif()
    set(ids "")
    while(first LESS_EQUAL last)
      math(EXPR block_last "${first} + ${size} - 1")
      list(APPEND ids "{\"id\":\"${_KITTY_PORT_BLOCK_PREFIX}${first}_${block_last}\",\"slots\":1}")
      math(EXPR first "${block_last} + 1")
    endwhile()
    string(JOIN "," ids ${ids})
    string(JSON spec SET "${spec}" local 0 "${type}" "[${ids}]")
  endforeach()
  file(CONFIGURE OUTPUT "${spec_file}" CONTENT "${spec}\n")
endfunction()

# Sets <prefix>_<keyword> of each multi-value keyword to its values, each
# encoded (_kitty_encode), from the caller's ARGV: cmake_parse_arguments
# returns them as one CMake list, where a "[" or "]" in one value merges the
# values after it. `keywords` are the other keywords, which end a list.
macro(_kitty_encoded_multi_values prefix keywords multi_value)
  set(_kitty_keywords "${keywords}")
  set(_kitty_multi "${multi_value}")
  foreach(_kitty_keyword IN LISTS _kitty_multi)
    set(${prefix}_${_kitty_keyword} "")
  endforeach()
  set(_kitty_keyword "")
  set(_kitty_index 1)
  while(_kitty_index LESS ARGC)
    set(_kitty_arg "${ARGV${_kitty_index}}")
    if(_kitty_arg IN_LIST _kitty_multi)
      set(_kitty_keyword "${_kitty_arg}")
    elseif(_kitty_arg IN_LIST _kitty_keywords)
      set(_kitty_keyword "")
    elseif(NOT _kitty_keyword STREQUAL "")
      _kitty_encode(_kitty_arg "${_kitty_arg}")
      list(APPEND ${prefix}_${_kitty_keyword} "${_kitty_arg}")
    endif()
    math(EXPR _kitty_index "${_kitty_index} + 1")
  endwhile()
endmacro()

macro(_kitty_default variable value)
  if(NOT DEFINED ${variable} OR "${${variable}}" STREQUAL "")
    set(${variable} "${value}")
  endif()
endmacro()
