// How a test process ended, in the neutral shape (platform/process_status.h):
// the launcher's "ended" line (byte for byte what Linux wrote before the
// shape was neutral, which the CLI reads), the names of signals and Windows
// exceptions, and the exit code a crash leaves the launcher with.
#include <gtest/gtest.h>

#include "common/signal_name.h"
#include "platform/process_status.h"
#include "record/record_file.h"

namespace kitty::internal {
namespace {

ProcessEnd end_of(const ProcessStatus& status) {
  ProcessEnd end;
  end.status = status;
  end.ended_us = 1700000000000000;
  return end;
}

TEST(EndedLine, AnExitAndASignalAreWrittenAsBefore) {
  ProcessEnd exited = end_of(ProcessStatus::exited(3));
  exited.premature = true;
  exited.test = "Suite.Name";
  EXPECT_EQ(ended_line(exited),
            R"({"e":"ended","by":"exit","code":3,"premature":true,"left":0,"test":"Suite.Name",)"
            R"("t":1700000000000000})");
  ProcessEnd signalled = end_of(ProcessStatus::signalled(11));
  signalled.left = 2;
  EXPECT_EQ(ended_line(signalled),
            R"({"e":"ended","by":"signal","signal":11,"signal_name":"SIGSEGV","premature":false,)"
            R"("left":2,"t":1700000000000000})");
  ProcessEnd killed = end_of(ProcessStatus::signalled(9));
  killed.stopped = true;
  EXPECT_EQ(ended_line(killed),
            R"({"e":"ended","by":"killed","signal":9,"signal_name":"SIGKILL","premature":false,)"
            R"("left":0,"t":1700000000000000})");
}

TEST(EndedLine, AWindowsExceptionHasItsCodeAndName) {
  EXPECT_EQ(ended_line(end_of(ProcessStatus::ended_by_exception(0xC0000005u))),
            R"({"e":"ended","by":"exception","exception":"0xC0000005",)"
            R"("exception_name":"access violation","premature":false,"left":0,)"
            R"("t":1700000000000000})");
  EXPECT_EQ(ended_line(end_of(ProcessStatus::ended_by_exception(0xC0001234u))),
            R"({"e":"ended","by":"exception","exception":"0xC0001234","premature":false,)"
            R"("left":0,"t":1700000000000000})");
}

TEST(ExceptionCodes, ErrorsAndUnhandledBreakpointsAreCrashesNegativeExitsAreNot) {
  EXPECT_TRUE(is_exception_code(0xC0000005u));
  EXPECT_TRUE(is_exception_code(0xC0000409u));
  EXPECT_TRUE(is_exception_code(0xC0001234u));
  EXPECT_TRUE(is_exception_code(0x80000003u));
  EXPECT_FALSE(is_exception_code(0));
  EXPECT_FALSE(is_exception_code(1));
  EXPECT_FALSE(is_exception_code(0xFFFFFFFFu));  // exit(-1)
  EXPECT_FALSE(is_exception_code(0x80001234u));
  EXPECT_EQ(death_text(ProcessStatus::ended_by_exception(0xC00000FDu)),
            "exception 0xC00000FD (stack overflow)");
  EXPECT_EQ(death_text(ProcessStatus::ended_by_exception(0xC0001234u)), "exception 0xC0001234");
  EXPECT_EQ(death_text(ProcessStatus::signalled(6)), "SIGABRT");
  EXPECT_EQ(signal_name(99), "signal 99");
}

TEST(ExitCodes, AFailureNeverLosesItselfInEightBits) {
  EXPECT_EQ(code_surviving_8_bits(0), 0u);
  EXPECT_EQ(code_surviving_8_bits(1), 1u);
  EXPECT_EQ(code_surviving_8_bits(0xC0000005u), 0xC0000005u);
  EXPECT_EQ(code_surviving_8_bits(0xC0000100u), 0xC00001FFu);
  EXPECT_EQ(code_surviving_8_bits(256), 511u);
  for (std::uint32_t code : {0xC0000100u, 0xC0000200u, 256u, 0x80000000u}) {
    EXPECT_NE(code_surviving_8_bits(code) & 0xFFu, 0u) << code;
  }
}

}  // namespace
}  // namespace kitty::internal
