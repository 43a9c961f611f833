# The sharding benchmark's arithmetic (bench/sharding/tool, kitty-shard-bench)
# on a crafted registry whose makespans are worked out by hand below: each
# way's split, the bound when it is total / N and when it is the longest
# file, and the splits it must refuse (a test lost or run twice would show a
# makespan lower than the truth).
#
#   cmake -D TOOL=<kitty-shard-bench> -D WORK_DIR=<dir> -P shard_bench_test.cmake
foreach(required IN ITEMS TOOL WORK_DIR)
  if(NOT DEFINED ${required})
    message(FATAL_ERROR "shard_bench_test: -D ${required}=... is required")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

# Six ctest tests (kitty units) of two binaries, in ctest's order; 12 s in all.
file(WRITE "${WORK_DIR}/registry.txt" "x/a.cpp\nx/b.cpp\nx/c.cpp\ny/d.cpp\ny/e.cpp\ny/f.cpp\n")
file(WRITE "${WORK_DIR}/costs.txt"
     "x/a.cpp 1 4\nx/b.cpp 2 1\nx/c.cpp 1 2\ny/d.cpp 1 3\ny/e.cpp 1 1.5\ny/f.cpp 1 0.5\n---\ny/f.cpp\n")
# Each binary's GoogleTest tests in run order: a test's cost is its unit's
# times its share of the unit's units (a.T0 2 s, a.T1 2 s, c.T0 0.5 s, c.T1 1.5 s, e.T* 0.5 s).
file(WRITE "${WORK_DIR}/tests.txt"
     "x A.T0 1 x/a.cpp\nx A.T1 1 x/a.cpp\nx B.T0 7 x/b.cpp\nx C.T0 1 x/c.cpp\nx C.T1 3 x/c.cpp\n"
     "y D.T0 1 y/d.cpp\ny E.T0 2 y/e.cpp\ny E.T1 2 y/e.cpp\ny E.T2 2 y/e.cpp\ny F.T0 5 y/f.cpp\n")

function(expect_makespans name jobs listing expected)
  file(WRITE "${WORK_DIR}/${name}.txt" "${listing}")
  execute_process(COMMAND "${TOOL}" makespans --registry "${WORK_DIR}/registry.txt"
                          --costs "${WORK_DIR}/costs.txt" --tests "${WORK_DIR}/tests.txt"
                          --jobs ${jobs} --listed "kitty-costs=${WORK_DIR}/${name}.txt"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT out STREQUAL expected)
    message(FATAL_ERROR "${name}: exit ${rc}, stderr '${err}'\n--- got:\n${out}--- expected:\n${expected}")
  endif()
  message(STATUS "${name}: as worked out by hand")
endfunction()

function(expect_refused name jobs listing message)
  file(WRITE "${WORK_DIR}/${name}.txt" "${listing}")
  execute_process(COMMAND "${TOOL}" makespans --registry "${WORK_DIR}/registry.txt"
                          --costs "${WORK_DIR}/costs.txt" --tests "${WORK_DIR}/tests.txt"
                          --jobs ${jobs} --listed "kitty-costs=${WORK_DIR}/${name}.txt"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  string(FIND "${err}" "gtest_kitty: kitty-shard-bench: ${message}" at)
  if(rc EQUAL 0 OR at EQUAL -1 OR NOT out STREQUAL "")
    message(FATAL_ERROR "${name}: want a refusal '${message}', got exit ${rc}, "
                        "stdout '${out}', stderr '${err}'")
  endif()
  message(STATUS "${name}: refused")
endfunction()

# N = 2: bound max(12 / 2, 4) = 6, met by {a, c} and {b, d, e, f}.
# modulo: x's tests to jobs 0,1,0,1,0 (2+1+1.5 | 2+0.5), y's 0,1,0,1,0
# (3+0.5+0.5 | 0.5+0.5): 8.5 | 3.5. stride: {a, c, e} 7.5 | {b, d, f} 4.5.
# FNV-1a: a, c, d, f to job 0 (9.5), b, e to job 1.
expect_makespans(bound_is_total_over_n 2 "0 x/a.cpp\n0 x/c.cpp\n1 x/b.cpp\n1 y/d.cpp\n1 y/e.cpp\n1 y/f.cpp\n"
"total 12.000
longest 4.000 x/a.cpp
bound 6.000
kitty-costs 6.000 1.000
gtest-modulo 8.500 1.417
ctest-stride 7.500 1.250
fnv1a 9.500 1.583
lowest kitty-costs
")

# N = 4: 12 / 4 = 3 < the longest file, 4: the bound is a.cpp alone.
# modulo: x 2+1.5 | 2 | 1 | 0.5, y 3+0.5 | 0.5 | 0.5 | 0.5: 7 | 2.5 | 1.5 | 1.
# stride: a+e 5.5 | b+f 1.5 | c 2 | d 3. FNV-1a: jobs 0,1,2,0,3,2: a+d 7.
expect_makespans(bound_is_longest_file 4 "0 x/a.cpp\n1 y/d.cpp\n1 y/f.cpp\n2 x/b.cpp\n2 x/c.cpp\n3 y/e.cpp\n"
"total 12.000
longest 4.000 x/a.cpp
bound 4.000
kitty-costs 4.000 1.000
gtest-modulo 7.000 1.750
ctest-stride 5.500 1.375
fnv1a 7.000 1.750
lowest kitty-costs
")

# A split that loses a test, runs one twice, names an unknown one or a job
# out of range must not get a makespan.
expect_refused(lost_test 2 "0 x/a.cpp\n0 x/c.cpp\n1 x/b.cpp\n1 y/d.cpp\n1 y/e.cpp\n"
               "kitty-costs: 'y/f.cpp' is in no job")
expect_refused(twice 2 "0 x/a.cpp\n0 x/c.cpp\n1 x/b.cpp\n1 y/d.cpp\n1 y/e.cpp\n1 y/f.cpp\n0 y/f.cpp\n"
               "kitty-costs: 'y/f.cpp' is listed twice")
expect_refused(unknown 2 "0 x/a.cpp\n0 x/c.cpp\n1 x/b.cpp\n1 y/d.cpp\n1 y/e.cpp\n1 y/f.cpp\n1 z/g.cpp\n"
               "kitty-costs: job 1 lists 'z/g.cpp', which is not registered")
expect_refused(job_out_of_range 2 "0 x/a.cpp\n0 x/c.cpp\n2 x/b.cpp\n1 y/d.cpp\n1 y/e.cpp\n1 y/f.cpp\n"
               "kitty-costs: '2 x/b.cpp' is not '<job 0..1> <name>'")
