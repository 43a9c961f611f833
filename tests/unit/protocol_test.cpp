// <gtest_kitty/protocol.h> against the places that restate it in another
// language: the CMake module (cmake/KittyProtocol.cmake, as `cmake -P` reads
// it), the docs' tables and the --kitty_help text. Each check returns its
// disagreements, one line each, so that a test can also plant a fault in a
// copy and see it reported.
#include <gtest_kitty/protocol.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/shell_quote.h"
#include "runtime/options.h"

namespace kitty::internal {
namespace {

namespace fs = std::filesystem;
using Lines = std::vector<std::string>;
using testing::Contains;
using testing::HasSubstr;
using testing::IsEmpty;

const std::string kSourceDir = KITTY_SOURCE_DIR;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::string::size_type at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "the fault cannot be planted: no " << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// ---- CMake ----------------------------------------------------------------

// "kExitSelectionMismatch" -> "_KITTY_EXIT_SELECTION_MISMATCH".
std::string cmake_exit_name(std::string_view name) {
  std::string out = "_KITTY";
  for (const char c : name.substr(1)) {
    if (c >= 'A' && c <= 'Z') out += '_';
    out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  }
  return out;
}

// What KittyProtocol.cmake must hold: every value it has, from the header.
std::map<std::string, std::string> expected_cmake_values() {
  std::map<std::string, std::string> values;
  for (const protocol::ExitCode& exit : protocol::kExitCodes) {
    values[cmake_exit_name(exit.name)] = std::to_string(exit.code);
  }
  values["_KITTY_FLAG_PREFIX"] = protocol::kFlagPrefix;
  values["_KITTY_FLAG_LIST"] = protocol::kFlagList;
  values["_KITTY_FLAG_GRANULARITY"] = protocol::kFlagGranularity;
  values["_KITTY_FLAG_ROOT"] = protocol::kFlagRoot;
  values["_KITTY_FLAG_SPLIT"] = protocol::kFlagSplit;
  values["_KITTY_LISTING_KEY"] = protocol::kListingKey;
  values["_KITTY_LISTING_VERSION"] = std::to_string(protocol::kListingVersion);
  values["_KITTY_DEFAULT_PORT_RANGE"] = protocol::kDefaultPortRange;
  values["_KITTY_PORT_RESOURCE_PREFIX"] = protocol::kPortResourcePrefix;
  values["_KITTY_PORT_BLOCK_PREFIX"] = protocol::kPortBlockPrefix;
  return values;
}

// The _KITTY_* values of `module_dir`/KittyProtocol.cmake, as cmake reads it.
std::map<std::string, std::string> cmake_values(const fs::path& module_dir) {
  const fs::path dump = fs::temp_directory_path() / "kitty_protocol_dump.txt";
  fs::remove(dump);
  const std::string command = shell_quote(KITTY_TEST_CMAKE_COMMAND) + " -D " +
                              shell_quote("KITTY_MODULE_DIR=" + module_dir.string()) + " -D " +
                              shell_quote("KITTY_DUMP_FILE=" + dump.string()) + " -P " +
                              shell_quote(kSourceDir + "/tests/unit/protocol_dump.cmake");
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  std::map<std::string, std::string> values;
  std::istringstream lines(read_text(dump));
  for (std::string line; std::getline(lines, line);) {
    const std::string::size_type equals = line.find('=');
    values[line.substr(0, equals)] = line.substr(equals + 1);
  }
  return values;
}

Lines cmake_disagreements(const std::map<std::string, std::string>& values) {
  Lines found;
  const std::map<std::string, std::string> expected = expected_cmake_values();
  for (const auto& [name, value] : expected) {
    const auto it = values.find(name);
    if (it == values.end()) {
      found.push_back(name + " is missing (protocol.h: " + value + ")");
    } else if (it->second != value) {
      found.push_back(name + " is " + it->second + ", protocol.h says " + value);
    }
  }
  for (const auto& [name, value] : values) {
    if (expected.count(name) == 0) found.push_back(name + " is not in protocol.h");
  }
  return found;
}

TEST(ProtocolCMake, ModuleAgreesWithHeader) {
  EXPECT_THAT(cmake_disagreements(cmake_values(kSourceDir + "/cmake")), IsEmpty());
}

TEST(ProtocolCMake, AChangedValueInACopyIsReported) {
  const fs::path copy = fs::temp_directory_path() / "kitty_protocol_copy";
  fs::create_directories(copy);
  std::ofstream(copy / "KittyProtocol.cmake")
      << replaced(read_text(kSourceDir + "/cmake/KittyProtocol.cmake"),
                  "set(_KITTY_EXIT_SKIPPED 77)", "set(_KITTY_EXIT_SKIPPED 76)");
  EXPECT_THAT(cmake_disagreements(cmake_values(copy)),
              Contains("_KITTY_EXIT_SKIPPED is 76, protocol.h says 77"));
}

TEST(ProtocolCMake, AMissingOrUnknownValueIsReported) {
  EXPECT_THAT(cmake_disagreements({}), Contains("_KITTY_EXIT_USAGE is missing (protocol.h: 64)"));
  std::map<std::string, std::string> values = expected_cmake_values();
  values["_KITTY_EXIT_NEW"] = "70";
  EXPECT_THAT(cmake_disagreements(values), Contains("_KITTY_EXIT_NEW is not in protocol.h"));
}

// ---- Docs -----------------------------------------------------------------

// The cells of the rows of the first Markdown table after the line `heading`
// (header and separator rows left out); the cells trimmed, ` kept.
std::vector<Lines> table_rows(const std::string& text, const std::string& heading) {
  std::vector<Lines> rows;
  std::istringstream lines(text);
  bool after_heading = false;
  int row = 0;
  for (std::string line; std::getline(lines, line);) {
    if (!after_heading) {
      after_heading = line == heading;
      continue;
    }
    if (line.rfind('|', 0) != 0) {
      if (row > 0) break;
      continue;
    }
    if (++row <= 2) continue;
    Lines cells;
    std::string cell;
    for (size_t i = 1; i < line.size(); ++i) {
      if (line[i] == '|' && line[i - 1] != '\\') {
        const std::string::size_type first = cell.find_first_not_of(' ');
        cells.push_back(first == std::string::npos
                            ? ""
                            : cell.substr(first, cell.find_last_not_of(' ') - first + 1));
        cell.clear();
      } else {
        cell += line[i];
      }
    }
    rows.push_back(cells);
  }
  return rows;
}

std::set<int> header_exit_codes() {
  std::set<int> codes = {0, 1};  // GoogleTest's
  for (const protocol::ExitCode& exit : protocol::kExitCodes) codes.insert(exit.code);
  return codes;
}

// The reference's exit-code table: one row per code of the header, no more.
Lines exit_table_disagreements(const std::string& reference) {
  Lines found;
  std::set<int> listed;
  for (const Lines& row : table_rows(reference, "## Exit codes")) {
    const int code = std::atoi(row.at(0).c_str());
    if (!listed.insert(code).second) found.push_back(row[0] + " is listed twice");
    if (header_exit_codes().count(code) == 0) found.push_back(row[0] + " is not in protocol.h");
  }
  for (const int code : header_exit_codes()) {
    if (listed.count(code) == 0) found.push_back(std::to_string(code) + " has no row");
  }
  return found;
}

// The reference's flag table: one row per flag of the header, no more.
Lines flag_table_disagreements(const std::string& reference) {
  Lines found;
  std::set<std::string> listed;
  const std::regex flag("`" + std::string(protocol::kFlagPrefix) + "([a-z_]+)[=`]");
  for (const Lines& row : table_rows(reference, "## Flags of a test binary")) {
    std::smatch match;
    if (!std::regex_search(row.at(0), match, flag)) {
      found.push_back(row[0] + " is not a kitty flag");
      continue;
    }
    listed.insert(match[1]);
  }
  const std::set<std::string> header(std::begin(protocol::kFlags), std::end(protocol::kFlags));
  for (const std::string& name : listed) {
    if (header.count(name) == 0) found.push_back(name + " is not in protocol.h");
  }
  for (const std::string& name : header) {
    if (listed.count(name) == 0) found.push_back(name + " has no row");
  }
  return found;
}

const std::string kReference = kSourceDir + "/docs/reference.md";

TEST(ProtocolDocs, ReferenceExitCodeTableAgreesWithHeader) {
  EXPECT_THAT(exit_table_disagreements(read_text(kReference)), IsEmpty());
}

TEST(ProtocolDocs, AChangedOrMissingExitCodeRowIsReported) {
  const std::string reference = read_text(kReference);
  EXPECT_THAT(exit_table_disagreements(replaced(reference, "\n| 77 |", "\n| 76 |")),
              testing::IsSupersetOf({"76 is not in protocol.h", "77 has no row"}));
  const std::string::size_type row = reference.find("\n| 79 |");
  ASSERT_NE(row, std::string::npos);
  const std::string without =
      reference.substr(0, row) + reference.substr(reference.find('\n', row + 1));
  EXPECT_THAT(exit_table_disagreements(without), Contains("79 has no row"));
}

TEST(ProtocolDocs, ReferenceFlagTableAgreesWithHeader) {
  EXPECT_THAT(flag_table_disagreements(read_text(kReference)), IsEmpty());
}

TEST(ProtocolDocs, AChangedFlagRowIsReported) {
  EXPECT_THAT(flag_table_disagreements(replaced(read_text(kReference), "| `--kitty_root=DIR` |",
                                                "| `--kitty_base=DIR` |")),
              testing::IsSupersetOf({"base is not in protocol.h", "root has no row"}));
}

TEST(ProtocolDocs, FormatVersionsAndLayoutAgreeWithHeader) {
  const std::string reference = read_text(kReference);
  const std::string listing = std::to_string(protocol::kListingVersion);
  const std::string record = std::to_string(protocol::kRecordVersion);
  EXPECT_THAT(reference, HasSubstr("## Listing format (version " + listing + ")"));
  EXPECT_THAT(reference,
              HasSubstr("{\"" + std::string(protocol::kListingKey) + "\":" + listing + ","));
  EXPECT_THAT(reference,
              HasSubstr("{\"" + std::string(protocol::kRecordKey) + "\":" + record + ","));
  EXPECT_THAT(reference, HasSubstr("<run-id>/" + std::string(protocol::kRecordDirName) + "/"));
}

// Every table row about the port range names the header's default.
TEST(ProtocolDocs, PortRangeDefaultAgreesWithHeader) {
  int rows = 0;
  for (const char* doc : {"/docs/reference.md", "/docs/ports.md"}) {
    std::istringstream lines(read_text(kSourceDir + doc));
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("| `KITTY_PORT_RANGE`", 0) != 0 && line.rfind("| `PORT_RANGE ", 0) != 0)
        continue;
      ++rows;
      EXPECT_THAT(line, HasSubstr("`" + std::string(protocol::kDefaultPortRange) + "`")) << doc;
    }
  }
  EXPECT_GE(rows, 3);
}

// The codes the guide's outcome table and KittyTest.cmake's documentation
// block name are the header's.
TEST(ProtocolDocs, CodesNamedElsewhereAreTheHeaders) {
  for (const Lines& row :
       table_rows(read_text(kSourceDir + "/docs/guide.md"), "## Outcomes ctest shows")) {
    if (row.at(1).find_first_not_of("0123456789") != std::string::npos) continue;
    EXPECT_EQ(header_exit_codes().count(std::atoi(row[1].c_str())), 1U) << row[0];
  }
  const std::string module = read_text(kSourceDir + "/cmake/KittyTest.cmake");
  const std::string::size_type from = module.find("Exit codes the tests report:");
  ASSERT_NE(from, std::string::npos);
  const std::string sentence = module.substr(from, module.find("#]=", from) - from);
  const std::regex number("\\b[0-9]+\\b");
  for (auto it = std::sregex_iterator(sentence.begin(), sentence.end(), number);
       it != std::sregex_iterator(); ++it) {
    EXPECT_EQ(header_exit_codes().count(std::stoi(it->str())), 1U) << it->str();
  }
  EXPECT_THAT(module, HasSubstr("``" + std::string(protocol::kDefaultPortRange) + "``"));
}

TEST(ProtocolDocs, HelpTextNamesEveryFlagAndOnlyKnownCodes) {
  const std::string help = options_help();
  for (const std::string_view flag : protocol::kFlags) {
    EXPECT_THAT(help, HasSubstr(std::string(protocol::kFlagPrefix) + std::string(flag)));
  }
  const std::string codes = help.substr(help.find("Exit codes:"));
  const std::regex number("\\b[0-9]+\\b");
  for (auto it = std::sregex_iterator(codes.begin(), codes.end(), number);
       it != std::sregex_iterator(); ++it) {
    EXPECT_EQ(header_exit_codes().count(std::stoi(it->str())), 1U) << it->str();
  }
}

}  // namespace
}  // namespace kitty::internal
