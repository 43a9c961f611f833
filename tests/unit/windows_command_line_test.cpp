// The Windows command line kitty builds for CreateProcessW, split back by
// CommandLineToArgvW's documented rules (implemented below, so that this
// runs on every system): every argument must come back as it was.
#include "common/windows_command_line.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace kitty::internal {
namespace {

// CommandLineToArgvW, as Microsoft documents it: the program's name up to
// the next quote when it starts with one, else up to the first space or tab;
// after it, space and tab separate arguments outside quotes; 2n backslashes
// before a quote are n and the quote opens or closes; 2n + 1 backslashes
// before a quote are n and a literal quote; backslashes before anything
// else are taken as they are.
std::vector<std::string> command_line_to_argv(const std::string& line) {
  std::vector<std::string> argv;
  std::string::size_type i = 0;
  std::string program;
  if (!line.empty() && line[0] == '"') {
    const std::string::size_type close = line.find('"', 1);
    program = line.substr(1, close == std::string::npos ? std::string::npos : close - 1);
    i = close == std::string::npos ? line.size() : close + 1;
  } else {
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') program += line[i++];
  }
  argv.push_back(program);
  for (;;) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size()) return argv;
    std::string arg;
    bool quoted = false;
    while (i < line.size() && (quoted || (line[i] != ' ' && line[i] != '\t'))) {
      std::string::size_type backslashes = 0;
      while (i < line.size() && line[i] == '\\') {
        ++backslashes;
        ++i;
      }
      if (i < line.size() && line[i] == '"') {
        arg.append(backslashes / 2, '\\');
        if (backslashes % 2 == 1) {
          arg += '"';
        } else {
          quoted = !quoted;
        }
        ++i;
      } else {
        arg.append(backslashes, '\\');
        if (i < line.size() && (quoted || (line[i] != ' ' && line[i] != '\t'))) arg += line[i++];
      }
    }
    argv.push_back(arg);
  }
}

std::vector<std::string> round_trip(const std::vector<std::string>& argv) {
  std::string line;
  std::string error;
  EXPECT_TRUE(windows_command_line(argv, line, error)) << error;
  return command_line_to_argv(line);
}

TEST(WindowsCommandLine, TheParserHereFollowsTheDocumentedExamples) {
  // Microsoft's table for CommandLineToArgvW and the C runtime.
  EXPECT_EQ(command_line_to_argv(R"(p "a b c" d e)"),
            (std::vector<std::string>{"p", "a b c", "d", "e"}));
  EXPECT_EQ(command_line_to_argv(R"(p "ab\"c" "\\" d)"),
            (std::vector<std::string>{"p", "ab\"c", "\\", "d"}));
  EXPECT_EQ(command_line_to_argv(R"(p a\\\b d"e f"g h)"),
            (std::vector<std::string>{"p", "a\\\\\\b", "de fg", "h"}));
  EXPECT_EQ(command_line_to_argv(R"(p a\\\"b c d)"),
            (std::vector<std::string>{"p", "a\\\"b", "c", "d"}));
  EXPECT_EQ(command_line_to_argv(R"(p a\\\\"b c" d e)"),
            (std::vector<std::string>{"p", "a\\\\b c", "d", "e"}));
}

TEST(WindowsCommandLine, PlainArgumentsStayBare) {
  EXPECT_EQ(quote_windows_argument("--gtest_filter=A.*"), "--gtest_filter=A.*");
  EXPECT_EQ(quote_windows_argument(R"(C:\dir\file)"), R"(C:\dir\file)");
  EXPECT_EQ(quote_windows_argument(""), R"("")");
  EXPECT_EQ(quote_windows_argument("a b"), R"("a b")");
  EXPECT_EQ(quote_windows_argument(R"(a\"b)"), R"("a\\\"b")");
  EXPECT_EQ(quote_windows_argument(R"(dir with space\)"), R"("dir with space\\")");
}

TEST(WindowsCommandLine, HardArgumentsComeBackAsTheyWere) {
  const std::vector<std::string> argv = {
      R"(C:\Program Files\kitty tests\unit tests.exe)",
      "",
      " ",
      "a b",
      "\"",
      "\"\"",
      R"(\)",
      R"(\\)",
      R"(a\)",
      R"(a\\)",
      R"(a\"b)",
      R"(a\\"b)",
      R"(\"quoted\")",
      R"(trailing space\ )",
      "[ ] ; $ ' \" `",
      "--gtest_filter=Suite.*:-Suite.Slow",
      "tab\there",
      "new\nline",
      "\xc3\xbc ber \xe2\x82\xac \xf0\x9f\x90\xb1",  // ü, €, a cat outside the BMP
  };
  EXPECT_EQ(round_trip(argv), argv);
}

TEST(WindowsCommandLine, RandomArgumentsComeBackAsTheyWere) {
  const std::vector<std::string> pieces = {"a", " ", "\t", "\"",       "\\",   "[",   "]",
                                           ";", "$", "'",  "\xc3\xbc", "\\\"", "\\\\"};
  std::mt19937 random(14);
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::string> argv = {"C:\\tests\\t.exe"};
    const int count = static_cast<int>(random() % 4) + 1;
    for (int n = 0; n < count; ++n) {
      std::string arg;
      const int length = static_cast<int>(random() % 8);
      for (int k = 0; k < length; ++k) arg += pieces[random() % pieces.size()];
      argv.push_back(arg);
    }
    ASSERT_EQ(round_trip(argv), argv) << "round " << round;
  }
}

TEST(WindowsCommandLine, AProgramNameWithAQuoteOrNoneIsRefused) {
  std::string line;
  std::string error;
  EXPECT_FALSE(windows_command_line({"a\"b.exe", "x"}, line, error));
  EXPECT_EQ(error, "a program name with a quote cannot be run on Windows: a\"b.exe");
  EXPECT_FALSE(windows_command_line({}, line, error));
  EXPECT_EQ(error, "no program to run");
}

}  // namespace
}  // namespace kitty::internal
