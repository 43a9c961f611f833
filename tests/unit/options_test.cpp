#include "runtime/options.h"

#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace kitty::internal {
namespace {

using Strings = std::vector<std::string>;
using Environment = std::map<std::string, std::string>;

// A mutable, null-terminated argv as main() receives it.
class Args {
 public:
  explicit Args(Strings args) : storage_(std::move(args)) {
    for (std::string& arg : storage_) pointers_.push_back(arg.data());
    pointers_.push_back(nullptr);
    argc_ = static_cast<int>(storage_.size());
  }
  Args(const Args&) = delete;
  Args& operator=(const Args&) = delete;

  int* argc() { return &argc_; }
  char** argv() { return pointers_.data(); }
  int count() const { return argc_; }

  // argv[0..argc) after parsing.
  Strings remaining() const {
    Strings args;
    for (int i = 0; i < argc_; ++i) args.emplace_back(pointers_[static_cast<size_t>(i)]);
    return args;
  }

  // Every slot from argc to the original end, terminator included.
  bool null_from_argc() const {
    for (size_t i = static_cast<size_t>(argc_); i < pointers_.size(); ++i) {
      if (pointers_[i] != nullptr) return false;
    }
    return true;
  }

 private:
  Strings storage_;
  std::vector<char*> pointers_;
  int argc_ = 0;
};

// parse_options' answer, flattened for the checks: the options, or (default
// options and) the failure's message, which is always a usage error.
struct ParsedOptions {
  Options options;
  std::string error;
};

ParsedOptions parse(Args& args, const Environment& environment = {}) {
  const Result<Options> parsed =
      parse_options(args.argc(), args.argv(), [&environment](const char* name) -> const char* {
        const auto found = environment.find(name);
        return found == environment.end() ? nullptr : found->second.c_str();
      });
  if (parsed) return {*parsed, ""};
  EXPECT_EQ(parsed.failure().category, Category::kUsage) << parsed.failure().message;
  return {Options{}, parsed.failure().message};
}

TEST(ParseOptions, WithoutKittyFlagsArgvIsUntouched) {
  Args args({"prog", "--gtest_filter=A.*", "positional"});
  const ParsedOptions parsed = parse(args);
  EXPECT_EQ(parsed.error, "");
  EXPECT_EQ(args.remaining(), (Strings{"prog", "--gtest_filter=A.*", "positional"}));
  EXPECT_TRUE(args.null_from_argc());
}

TEST(ParseOptions, DefaultsWhenNothingIsGiven) {
  Args args({"prog"});
  const ParsedOptions parsed = parse(args);
  EXPECT_EQ(parsed.error, "");
  EXPECT_FALSE(parsed.options.selector.has_value());
  EXPECT_FALSE(parsed.options.list_path.has_value());
  EXPECT_EQ(parsed.options.list_granularity, Granularity::kFile);
  EXPECT_EQ(parsed.options.root, "");
  EXPECT_FALSE(parsed.options.help);
  EXPECT_EQ(args.count(), 1);
}

TEST(ParseOptions, StripsKittyFlagsAndKeepsTheRestInOrder) {
  Args args({"prog", "--gtest_filter=A.*", "--kitty_file=sync/a_test.cpp", "positional",
             "--gtest_repeat=2", "--kitty_root=/src", "--gtest_shuffle", "--other=1"});
  const ParsedOptions parsed = parse(args);
  EXPECT_EQ(parsed.error, "");
  EXPECT_EQ(args.remaining(), (Strings{"prog", "--gtest_filter=A.*", "positional",
                                       "--gtest_repeat=2", "--gtest_shuffle", "--other=1"}));
  EXPECT_EQ(args.count(), 6);
  ASSERT_TRUE(parsed.options.selector.has_value());
  EXPECT_EQ(parsed.options.selector->granularity, Granularity::kFile);
  EXPECT_EQ(parsed.options.selector->value, "sync/a_test.cpp");
  EXPECT_EQ(parsed.options.root, "/src");
}

TEST(ParseOptions, ArgvStaysNullTerminatedAfterStripping) {
  Args args({"prog", "--kitty_file=a.cpp", "--gtest_brief=1", "--kitty_root=/src"});
  parse(args);
  EXPECT_EQ(args.count(), 2);
  EXPECT_EQ(args.argv()[2], nullptr);
  EXPECT_TRUE(args.null_from_argc());
}

TEST(ParseOptions, OnlyKittyFlagsLeavesArgvZero) {
  Args args({"prog", "--kitty_help", "--kitty_list=-"});
  parse(args);
  EXPECT_EQ(args.remaining(), Strings{"prog"});
  EXPECT_EQ(args.argv()[1], nullptr);
}

TEST(ParseOptions, ArgvZeroIsNeverParsed) {
  Args args({"--kitty_file=a.cpp", "--gtest_brief=1"});
  const ParsedOptions parsed = parse(args);
  EXPECT_EQ(parsed.error, "");
  EXPECT_FALSE(parsed.options.selector.has_value());
  EXPECT_EQ(args.remaining(), (Strings{"--kitty_file=a.cpp", "--gtest_brief=1"}));
}

TEST(ParseOptions, KittyPrefixInsideAnotherArgumentIsKept) {
  Args args({"prog", "--gtest_filter=--kitty_file=x", "x--kitty_file=y", "-kitty_file=z"});
  const ParsedOptions parsed = parse(args);
  EXPECT_EQ(parsed.error, "");
  EXPECT_FALSE(parsed.options.selector.has_value());
  EXPECT_EQ(args.count(), 4);
}

// A process started with an empty argv (execve(path, {NULL}, env)) keeps
// argc 0: argv[0] is the null terminator, not a program name.
TEST(ParseOptions, EmptyArgvStaysEmpty) {
  Args args(Strings{});
  parse(args);
  EXPECT_EQ(args.count(), 0);
}

TEST(ParseOptions, SelectorFlags) {
  struct Case {
    std::string flag;
    Granularity granularity;
    std::string value;
  };
  for (const Case& c : {Case{"--kitty_file=a_test.cpp", Granularity::kFile, "a_test.cpp"},
                        Case{"--kitty_suite=Alpha", Granularity::kSuite, "Alpha"},
                        Case{"--kitty_test=Alpha.One", Granularity::kTest, "Alpha.One"}}) {
    SCOPED_TRACE(c.flag);
    Args args({"prog", c.flag});
    const ParsedOptions parsed = parse(args);
    EXPECT_EQ(parsed.error, "");
    ASSERT_TRUE(parsed.options.selector.has_value());
    EXPECT_EQ(parsed.options.selector->granularity, c.granularity);
    EXPECT_EQ(parsed.options.selector->value, c.value);
  }
}

TEST(ParseOptions, ValueMayContainEqualsAndSpaces) {
  Args args({"prog", "--kitty_file=dir with space/a=b_test.cpp"});
  const ParsedOptions parsed = parse(args);
  EXPECT_EQ(parsed.error, "");
  ASSERT_TRUE(parsed.options.selector.has_value());
  EXPECT_EQ(parsed.options.selector->value, "dir with space/a=b_test.cpp");
}

TEST(ParseOptions, ListFlags) {
  Args args({"prog", "--kitty_list=/tmp/listing.jsonl", "--kitty_granularity=suite",
             "--kitty_root=/src/tests"});
  const ParsedOptions parsed = parse(args);
  EXPECT_EQ(parsed.error, "");
  ASSERT_TRUE(parsed.options.list_path.has_value());
  EXPECT_EQ(*parsed.options.list_path, "/tmp/listing.jsonl");
  EXPECT_EQ(parsed.options.list_granularity, Granularity::kSuite);
  EXPECT_EQ(parsed.options.root, "/src/tests");
  EXPECT_FALSE(parsed.options.selector.has_value());
}

TEST(ParseOptions, SplitFlagRepeatsOncePerFileAndKeepsOddNames) {
  Args args({"prog", "--kitty_split=tests/heavy_test.cpp", "--kitty_split=a b/[x];$'\"=suite",
             "--kitty_split=\xc3\xa9=y.cpp=test"});
  const ParsedOptions parsed = parse(args);
  EXPECT_EQ(parsed.error, "");
  ASSERT_EQ(parsed.options.splits.size(), size_t{3});
  EXPECT_EQ(parsed.options.splits[0].file, "tests/heavy_test.cpp");
  EXPECT_EQ(parsed.options.splits[0].granularity, Granularity::kTest);
  EXPECT_EQ(parsed.options.splits[1].file, "a b/[x];$'\"");
  EXPECT_EQ(parsed.options.splits[1].granularity, Granularity::kSuite);
  EXPECT_EQ(parsed.options.splits[2].file, "\xc3\xa9=y.cpp");
  EXPECT_EQ(args.remaining(), Strings{"prog"});
}

TEST(ParseOptions, BadSplitGranularityIsAnError) {
  Args args({"prog", "--kitty_split=heavy.cpp=tests"});
  const ParsedOptions parsed = parse(args);
  EXPECT_NE(parsed.error.find("'tests' after the last '=' must be suite or test"),
            std::string::npos)
      << parsed.error;
}

TEST(ParseOptions, ListToStandardOutput) {
  Args args({"prog", "--kitty_list=-"});
  const ParsedOptions parsed = parse(args);
  EXPECT_EQ(parsed.error, "");
  ASSERT_TRUE(parsed.options.list_path.has_value());
  EXPECT_EQ(*parsed.options.list_path, "-");
}

TEST(ParseOptions, EveryGranularityValue) {
  for (const auto& [text, granularity] :
       {std::pair{"file", Granularity::kFile}, std::pair{"suite", Granularity::kSuite},
        std::pair{"test", Granularity::kTest}}) {
    Args args({"prog", std::string("--kitty_granularity=") + text});
    const ParsedOptions parsed = parse(args);
    EXPECT_EQ(parsed.error, "") << text;
    EXPECT_EQ(parsed.options.list_granularity, granularity) << text;
  }
}

TEST(ParseOptions, Help) {
  Args args({"prog", "--kitty_help", "--gtest_brief=1"});
  const ParsedOptions parsed = parse(args);
  EXPECT_EQ(parsed.error, "");
  EXPECT_TRUE(parsed.options.help);
  EXPECT_EQ(args.remaining(), (Strings{"prog", "--gtest_brief=1"}));
}

TEST(ParseOptions, EnvironmentSelectors) {
  struct Case {
    std::string variable;
    Granularity granularity;
  };
  for (const Case& c :
       {Case{"KITTY_FILE", Granularity::kFile}, Case{"KITTY_SUITE", Granularity::kSuite},
        Case{"KITTY_TEST", Granularity::kTest}}) {
    SCOPED_TRACE(c.variable);
    Args args({"prog"});
    const ParsedOptions parsed = parse(args, {{c.variable, "the value"}});
    EXPECT_EQ(parsed.error, "");
    ASSERT_TRUE(parsed.options.selector.has_value());
    EXPECT_EQ(parsed.options.selector->granularity, c.granularity);
    EXPECT_EQ(parsed.options.selector->value, "the value");
  }
}

TEST(ParseOptions, EmptyEnvironmentValueIsUnset) {
  Args args({"prog"});
  const ParsedOptions parsed = parse(args, {{"KITTY_FILE", ""}, {"KITTY_SUITE", "Alpha"}});
  EXPECT_EQ(parsed.error, "");
  ASSERT_TRUE(parsed.options.selector.has_value());
  EXPECT_EQ(parsed.options.selector->granularity, Granularity::kSuite);
  EXPECT_EQ(parsed.options.selector->value, "Alpha");
}

TEST(ParseOptions, ReadsOnlyKittySelectorVariablesThroughTheGivenGetenv) {
  Strings asked;
  Args args({"prog", "--kitty_list=-"});
  (void)parse_options(args.argc(), args.argv(), [&asked](const char* name) -> const char* {
    asked.emplace_back(name);
    return nullptr;
  });
  EXPECT_EQ(asked, (Strings{"KITTY_FILE", "KITTY_SUITE", "KITTY_TEST"}));
}

TEST(ParseOptions, FlagOverridesEnvironment) {
  Args same_kind({"prog", "--kitty_file=from_flag.cpp"});
  const ParsedOptions parsed = parse(same_kind, {{"KITTY_FILE", "from_env.cpp"}});
  EXPECT_EQ(parsed.error, "");
  ASSERT_TRUE(parsed.options.selector.has_value());
  EXPECT_EQ(parsed.options.selector->granularity, Granularity::kFile);
  EXPECT_EQ(parsed.options.selector->value, "from_flag.cpp");

  Args other_kind({"prog", "--kitty_test=Alpha.One"});
  const ParsedOptions overridden = parse(other_kind, {{"KITTY_FILE", "from_env.cpp"}});
  EXPECT_EQ(overridden.error, "");
  ASSERT_TRUE(overridden.options.selector.has_value());
  EXPECT_EQ(overridden.options.selector->granularity, Granularity::kTest);
  EXPECT_EQ(overridden.options.selector->value, "Alpha.One");
}

TEST(ParseOptions, TwoEnvironmentSelectorsAreAnError) {
  Args args({"prog"});
  const ParsedOptions parsed = parse(args, {{"KITTY_FILE", "a.cpp"}, {"KITTY_TEST", "A.b"}});
  EXPECT_EQ(parsed.error, "set at most one of KITTY_FILE, KITTY_SUITE, KITTY_TEST");
}

TEST(ParseOptions, TwoSelectorFlagsAreAnError) {
  Args args({"prog", "--kitty_file=a.cpp", "--kitty_suite=Alpha"});
  const ParsedOptions parsed = parse(args);
  EXPECT_EQ(parsed.error, "give at most one of --kitty_file, --kitty_suite, --kitty_test");
}

TEST(ParseOptions, RepeatedSelectorFlagIsAnError) {
  Args args({"prog", "--kitty_file=a.cpp", "--kitty_file=b.cpp"});
  const ParsedOptions parsed = parse(args);
  EXPECT_EQ(parsed.error, "give at most one of --kitty_file, --kitty_suite, --kitty_test");
}

TEST(ParseOptions, UnknownFlagIsAnErrorNamingIt) {
  Args args({"prog", "--kitty_foo=1", "--gtest_brief=1"});
  const ParsedOptions parsed = parse(args);
  EXPECT_EQ(parsed.error, "unknown flag --kitty_foo; see --kitty_help");
  // Stripped even so: GoogleTest must not see it either.
  EXPECT_EQ(args.remaining(), (Strings{"prog", "--gtest_brief=1"}));
}

// A bare typo such as --kitty_hlep is reported as unknown, not as a known
// flag missing its value.
TEST(ParseOptions, BareUnknownFlagIsReportedAsUnknown) {
  Args args({"prog", "--kitty_hlep"});
  const ParsedOptions parsed = parse(args);
  EXPECT_EQ(parsed.error, "unknown flag --kitty_hlep; see --kitty_help");
}

TEST(ParseOptions, SelectorFlagWithoutEqualsIsAnError) {
  Args args({"prog", "--kitty_file", "a_test.cpp"});
  const ParsedOptions parsed = parse(args);
  EXPECT_EQ(parsed.error, "flag --kitty_file needs a value (--kitty_file=...); see --kitty_help");
  EXPECT_FALSE(parsed.options.selector.has_value());
  // The separate word is not taken as the value.
  EXPECT_EQ(args.remaining(), (Strings{"prog", "a_test.cpp"}));
}

TEST(ParseOptions, EmptySelectorValueIsAnError) {
  Args args({"prog", "--kitty_suite="});
  const ParsedOptions parsed = parse(args);
  EXPECT_EQ(parsed.error, "flag --kitty_suite= needs a non-empty value");
  EXPECT_FALSE(parsed.options.selector.has_value());
}

TEST(ParseOptions, BadGranularityIsAnError) {
  Args args({"prog", "--kitty_granularity=files"});
  const ParsedOptions parsed = parse(args);
  EXPECT_EQ(parsed.error, "--kitty_granularity must be file, suite or test, not 'files'");
  EXPECT_EQ(parsed.options.list_granularity, Granularity::kFile);
}

TEST(ParseOptions, EmptyListPathIsAnError) {
  Args args({"prog", "--kitty_list="});
  const ParsedOptions parsed = parse(args);
  EXPECT_EQ(parsed.error, "--kitty_list needs a path, or - for standard output");
  EXPECT_FALSE(parsed.options.list_path.has_value());
}

TEST(ParseOptions, FirstErrorIsReportedAndAllKittyFlagsAreStillStripped) {
  Args args(
      {"prog", "--kitty_granularity=x", "--gtest_brief=1", "--kitty_bogus=1", "--kitty_root=/r"});
  const ParsedOptions parsed = parse(args);
  EXPECT_EQ(parsed.error, "--kitty_granularity must be file, suite or test, not 'x'");
  EXPECT_EQ(args.remaining(), (Strings{"prog", "--gtest_brief=1"}));
  EXPECT_TRUE(args.null_from_argc());
}

TEST(OptionsHelp, MentionsEveryFlagAndVariableAndExitCode) {
  const std::string help = options_help();
  for (const char* word :
       {"--kitty_file=", "--kitty_suite=", "--kitty_test=", "--kitty_list=", "--kitty_granularity=",
        "--kitty_root=", "--kitty_split=", "--kitty_help", "KITTY_FILE", "KITTY_SUITE",
        "KITTY_TEST", "77", "64", "78", "65", "73", "75"}) {
    EXPECT_NE(help.find(word), std::string::npos) << word;
  }
}

TEST(OptionsHelp, EveryFlagInTheHelpIsAccepted) {
  // The help must not advertise a flag the parser rejects.
  for (const char* flag : {"--kitty_file=a.cpp", "--kitty_suite=S", "--kitty_test=S.n",
                           "--kitty_list=-", "--kitty_granularity=test", "--kitty_root=/r",
                           "--kitty_split=a.cpp=suite", "--kitty_help"}) {
    Args args({"prog", flag});
    EXPECT_EQ(parse(args).error, "") << flag;
  }
}

}  // namespace
}  // namespace kitty::internal
