// The settings table (common/settings.h): docs/reference.md lists the same
// variables with the same defaults, and a test injects values without
// touching this process's environment.
#include "common/settings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "isolation/retention.h"
#include "isolation/setup.h"
#include "portable_test_support.h"

namespace kitty::internal {
namespace {

// An environment of its own: the values of `values`, nothing else.
Environment injected(const std::map<std::string, std::string>& values) {
  return [values](const char* name) -> const char* {
    const auto found = values.find(name);
    return found != values.end() ? found->second.c_str() : nullptr;
  };
}

// The rows of one table of docs/reference.md, from the line that starts
// with `heading` to the table's end, as variable -> its row.
std::map<std::string, std::string> documented_rows(const std::string& heading, size_t column) {
  std::ifstream in(std::string(KITTY_SOURCE_DIR) + "/docs/reference.md");
  EXPECT_TRUE(in) << "cannot read docs/reference.md";
  std::map<std::string, std::string> rows;
  bool in_section = false;
  bool in_table = false;
  for (std::string line; std::getline(in, line);) {
    if (!in_section) {
      in_section = line.rfind(heading, 0) == 0;
      continue;
    }
    if (line.rfind("|", 0) != 0) {
      if (in_table) break;
      continue;
    }
    in_table = true;
    // The cells; a `\|` inside a cell is no separator.
    std::vector<std::string> cells;
    std::string cell;
    for (size_t i = 1; i < line.size(); ++i) {
      if (line[i] == '|' && line[i - 1] != '\\') {
        cells.push_back(cell);
        cell.clear();
      } else {
        cell += line[i];
      }
    }
    if (cells.size() <= column) continue;
    static const std::regex kName("`([A-Z_]+)(=[^`]*)?`");
    for (auto it = std::sregex_iterator(cells[column].begin(), cells[column].end(), kName);
         it != std::sregex_iterator(); ++it) {
      rows[(*it)[1]] = line;
    }
  }
  return rows;
}

// "(default `on`)", "(1 to 1000, default 3)", "(default: `<base>/...` when
// isolated)" -> on, 3, <base>/...; "" when the row states no default.
std::string documented_default(const std::string& row) {
  static const std::regex kDefault("default:? (`([^`]+)`|([^,;)`]+))");
  std::smatch match;
  if (!std::regex_search(row, match, kDefault)) return "";
  return match[2].matched ? match[2].str() : match[3].str();
}

TEST(SettingsTable, EveryVariableOfTheDocsIsDeclaredWithTheSameDefault) {
  const std::map<std::string, std::string> rows =
      documented_rows("Environment of a test process", 0);
  ASSERT_GT(rows.size(), 15u) << "the docs' table was not found";
  for (const auto& [name, row] : rows) {
    SCOPED_TRACE(name);
    const Setting* setting = find_setting(name);
    ASSERT_NE(setting, nullptr) << "documented, not declared in common/settings.cpp";
    EXPECT_EQ(setting->listed, Listed::kEnvironment);
    EXPECT_EQ(setting->default_value, documented_default(row)) << row;
  }
}

TEST(SettingsTable, EveryDeclaredVariableIsInTheDocs) {
  const std::map<std::string, std::string> environment =
      documented_rows("Environment of a test process", 0);
  const std::map<std::string, std::string> flags = documented_rows("| flag | environment |", 1);
  for (const Setting& setting : settings_table()) {
    SCOPED_TRACE(setting.name);
    const size_t in_environment = environment.count(setting.name);
    const size_t in_flags = flags.count(setting.name);
    EXPECT_EQ(in_environment, setting.listed == Listed::kEnvironment ? 1u : 0u);
    EXPECT_EQ(in_flags, setting.listed == Listed::kFlag ? 1u : 0u);
  }
  EXPECT_EQ(flags.size(), 3u);  // KITTY_FILE, KITTY_SUITE, KITTY_TEST
}

TEST(SettingsTable, NamesAreUniqueAndDescribed) {
  std::set<std::string> names;
  for (const Setting& setting : settings_table()) {
    EXPECT_TRUE(names.insert(setting.name).second) << setting.name;
    EXPECT_STRNE(setting.meaning, "") << setting.name;
    EXPECT_STRNE(setting.values, "") << setting.name;
  }
}

TEST(SettingsTable, AVaryingNameMatchesItsPattern) {
  const Setting* group = find_setting("CTEST_RESOURCE_GROUP_0_KITTY_PORTS_9400_9449");
  ASSERT_NE(group, nullptr);
  EXPECT_STREQ(group->name, "CTEST_RESOURCE_GROUP_<n>_<type>");
  EXPECT_STREQ(find_setting("CTEST_RESOURCE_GROUP_COUNT")->name, "CTEST_RESOURCE_GROUP_COUNT");
  EXPECT_EQ(find_setting("KITTY_NOT_A_SETTING"), nullptr);
  EXPECT_EQ(find_setting("CTEST_RESOURCE_GROUP_"), nullptr);
}

TEST(ReadSetting, ReadsTheInjectedEnvironmentNotTheProcesss) {
  const test_support::EnvironmentGuard guard({"KITTY_KEEP_RUNS"});
  set_variable("KITTY_KEEP_RUNS", "4");
  const Environment environment = injected({{"KITTY_KEEP_RUNS", "7"}, {"KITTY_KEEP_DAYS", "2"}});
  EXPECT_STREQ(read_setting("KITTY_KEEP_RUNS", environment), "7");
  EXPECT_EQ(read_setting("KITTY_KEEP_FAILED_RUNS", environment), nullptr);
  std::string error;
  const RetentionPolicy policy = retention_policy(error, environment);
  EXPECT_EQ(error, "");
  EXPECT_EQ(policy.keep_runs, 7);
  EXPECT_EQ(policy.keep_failed_runs, 10);
  EXPECT_EQ(policy.keep_days, 2);
  EXPECT_EQ(test_support::env("KITTY_KEEP_RUNS"), "4") << "the process's environment is untouched";
  EXPECT_EQ(retention_policy(error).keep_runs, 4) << "the default reads the real environment";
}

TEST(ReadSetting, AnInjectedBadValueIsRefusedAsTheRealOneWouldBe) {
  const Result<IsolationChoice> choice = isolation_choice(injected({{"KITTY_ISOLATION", "of"}}));
  ASSERT_FALSE(choice.ok());
  EXPECT_EQ(choice.failure().category, Category::kUsage);
  EXPECT_EQ(choice.failure().message, "KITTY_ISOLATION must be on or off, not 'of'");
}

// Every read goes through the table: nothing in the library, the launcher or
// the CLI calls getenv but read_setting's default (through the platform's
// environment.cpp), and every KITTY_* name
// the sources spell is declared.
TEST(SettingsTable, TheSourcesReadDeclaredVariablesThroughTheTableOnly) {
  namespace fs = std::filesystem;
  static const std::regex kName("\"(KITTY_[A-Z0-9_]+)\"");
  static const std::regex kGetenv("\\bgetenv\\s*\\(");
  size_t files = 0;
  for (const auto& entry :
       fs::recursive_directory_iterator(std::string(KITTY_SOURCE_DIR) + "/gtest_kitty")) {
    const std::string path = entry.path().string();
    if (entry.path().extension() != ".cpp" && entry.path().extension() != ".h") continue;
    ++files;
    std::ifstream in(path);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // The platform's environment reads for settings.cpp (UTF-8 on Windows).
    const bool reader = entry.path().filename() == "settings.cpp" ||
                        (entry.path().filename() == "environment.cpp" &&
                         entry.path().parent_path().parent_path().filename() == "platform");
    if (!reader) {
      EXPECT_FALSE(std::regex_search(text, kGetenv)) << path << " calls getenv: use read_setting";
    }
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kName);
         it != std::sregex_iterator(); ++it) {
      EXPECT_NE(find_setting((*it)[1]), nullptr)
          << path << " names " << (*it)[1] << ", not declared in common/settings.cpp";
    }
  }
  EXPECT_GT(files, 50u);
}

}  // namespace
}  // namespace kitty::internal
