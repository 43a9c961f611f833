// The small helpers of common/ that the library, the launcher and the tools
// share, each once: shell quoting, kitty's flags as words, GoogleTest's
// DISABLED_ rule.
#include <string>

#include <gtest/gtest.h>

#include "common/disabled_name.h"
#include "common/kitty_flag.h"
#include "common/shell_quote.h"

namespace kitty::internal {
namespace {

TEST(ShellQuote, AlwaysQuotesAndEscapesTheQuote) {
  EXPECT_EQ(shell_quote("/b/x"), "'/b/x'");
  EXPECT_EQ(shell_quote(""), "''");
  EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
}

TEST(ShellWord, QuotesOnlyWhatTheShellWouldReadOtherwise) {
  EXPECT_EQ(shell_word("--kitty_file=a/b_c-1.cpp"), "--kitty_file=a/b_c-1.cpp");
  EXPECT_EQ(shell_word("x:y,z+@%"), "x:y,z+@%");
  EXPECT_EQ(shell_word(""), "''");
  EXPECT_EQ(shell_word("a b"), "'a b'");
  EXPECT_EQ(shell_word("$HOME"), "'$HOME'");
  EXPECT_EQ(shell_word("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_word(std::string("a\0b", 3)), shell_quote(std::string("a\0b", 3)));
}

TEST(KittyFlag, IsMadeFromTheProtocolsPrefix) {
  EXPECT_EQ(kitty_flag(protocol::kFlagFile, "a.cpp"), "--kitty_file=a.cpp");
  EXPECT_EQ(kitty_flag(protocol::kFlagTest, "S.t"), "--kitty_test=S.t");
}

TEST(KittyFlag, IsRecognisedByItsPrefix) {
  EXPECT_TRUE(is_kitty_flag("--kitty_file=a.cpp"));
  EXPECT_TRUE(is_kitty_flag("--kitty_nonsense"));
  EXPECT_FALSE(is_kitty_flag("--kitty"));
  EXPECT_FALSE(is_kitty_flag("--gtest_filter=*"));
  EXPECT_FALSE(is_kitty_flag(""));
}

TEST(KittyFlag, ValueIsReadForItsNameOnly) {
  EXPECT_EQ(kitty_flag_value("--kitty_file=dir/a.cpp", "file"), "dir/a.cpp");
  EXPECT_EQ(kitty_flag_value("--kitty_file=", "file"), "");
  EXPECT_EQ(kitty_flag_value("--kitty_file=a=b", "file"), "a=b");
  EXPECT_FALSE(kitty_flag_value("--kitty_suite=S", "file"));
  EXPECT_FALSE(kitty_flag_value("--kitty_files=a.cpp", "file"));
  EXPECT_FALSE(kitty_flag_value("--kitty_file", "file"));
  EXPECT_FALSE(kitty_flag_value("--kitty_list", "list"));
  EXPECT_EQ(kitty_flag_value("--kitty_list=-", "list"), "-");
  EXPECT_FALSE(kitty_flag_value("kitty_file=a.cpp", "file"));
}

TEST(DisabledName, FollowsGoogleTestsFilter) {
  EXPECT_TRUE(disabled_test("DISABLED_Suite", "Name"));
  EXPECT_TRUE(disabled_test("Suite", "DISABLED_Name"));
  EXPECT_TRUE(disabled_test("Prefix/DISABLED_Suite", "Name/0"));
  EXPECT_FALSE(disabled_test("Suite", "NotDISABLED_Name"));
  EXPECT_FALSE(disabled_test("Suite_DISABLED_", "Name"));
}

}  // namespace
}  // namespace kitty::internal
