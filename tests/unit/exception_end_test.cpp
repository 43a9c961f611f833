// A Windows test process's end as the launcher records it (an unhandled
// exception: record_file.h) read back by the tools and said in their words.
#include <gtest/gtest.h>

#include "cli/model/process_end.h"
#include "cli/model/record_reader.h"

namespace kitty::cli {
namespace {

const std::string kRecord =
    R"({"kitty_record":1,"name":"w_tests/crash_test.cpp","selector":"--kitty_file=crash_test.cpp",)"
    R"("executable":"C:/build/w_tests.exe","run_id":"20260101T000000-7","pid":42,"worker":1,)"
    R"("launched_us":900,"start_us":1000})"
    "\n"
    R"({"e":"start","test":"Crash.Here","t":1100})"
    "\n";

TEST(ExceptionEnd, IsACrashWithItsCodeAndName) {
  const Expected<ProcessRecord> record = parse_run_record(
      "r", kRecord +
               R"({"e":"ended","by":"exception","exception":"0xC0000005",)"
               R"("exception_name":"access violation","premature":false,"left":1,"t":1500})" +
               "\n");
  ASSERT_TRUE(record && record->ended) << record.error().message;
  EXPECT_EQ(record->ended->by, EndedBy::kException);
  EXPECT_EQ(record->ended->left, 1);
  const ProcessEndText end = describe_end(&*record, {});
  EXPECT_EQ(end.how, "died of exception 0xC0000005 (access violation)");
  EXPECT_EQ(end.died_in, "Crash.Here");
  EXPECT_TRUE(end.crashed);
}

TEST(ExceptionEnd, WithoutANameItsCodeAlone) {
  const Expected<ProcessRecord> record = parse_run_record(
      "r", kRecord +
               R"({"e":"ended","by":"exception","exception":"0xC0001234","premature":false,)"
               R"("left":0,"t":1500})" +
               "\n");
  ASSERT_TRUE(record && record->ended) << record.error().message;
  EXPECT_EQ(describe_end(&*record, {}).how, "died of exception 0xC0001234");
}

}  // namespace
}  // namespace kitty::cli
