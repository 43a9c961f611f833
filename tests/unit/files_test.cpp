// Paths that cannot be read come back as errors that name them: a directory
// that is not one, a file that is a directory; a run record directory with
// such an entry is an error of read_run_records, not an exception.
#include "cli/adapters/files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli/model/record_reader.h"

#include "scratch_dir.h"

namespace kitty::cli {
namespace {

namespace fs = std::filesystem;

TEST(DirectoryEntries, ListsADirectory) {
  const std::string dir = kitty_unit::fresh_dir("files-list");
  std::ofstream(dir + "/a.jsonl") << "x";
  const auto entries = directory_entries(dir);
  ASSERT_TRUE(entries) << entries.error().message;
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].path().filename(), "a.jsonl");
}

TEST(DirectoryEntries, APathThatIsNoDirectoryIsAnError) {
  const std::string dir = kitty_unit::fresh_dir("files-not-a-dir");
  std::ofstream(dir + "/file") << "x";
  const auto in_file = directory_entries(dir + "/file");
  ASSERT_FALSE(in_file);
  EXPECT_EQ(in_file.error().message, "cannot read the directory " + dir + "/file: Not a directory");
  EXPECT_FALSE(directory_entries(dir + "/missing"));
}

TEST(ReadFile, ReadsAFileAndRefusesADirectory) {
  const std::string dir = kitty_unit::fresh_dir("files-read");
  std::ofstream(dir + "/text") << "one\ntwo\n";
  const Expected<std::string> text = read_file(dir + "/text");
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ(*text, "one\ntwo\n");
  const Expected<std::string> of_dir = read_file(dir);
  ASSERT_FALSE(of_dir);
  EXPECT_EQ(of_dir.error().message, "cannot read " + dir + ": Is a directory");
  EXPECT_FALSE(read_file(dir + "/missing"));
}

TEST(ReadRecordFiles, ARecordThatCannotBeReadIsAnErrorNamingIt) {
  const std::string dir = kitty_unit::fresh_dir("files-records");
  fs::create_directories(dir + "/stuck.jsonl");
  const Expected<std::vector<ProcessRecord>> records = read_run_records(dir);
  ASSERT_FALSE(records);
  EXPECT_EQ(records.error().message, "cannot read " + dir + "/stuck.jsonl: Is a directory");
}

TEST(ReadRecordFiles, AFieldOfTheWrongTypeIsAnErrorNamingTheLine) {
  const std::string dir = kitty_unit::fresh_dir("files-wrong-type");
  std::ofstream(dir + "/a.jsonl") << R"({"kitty_record":1,"name":"a","pid":42})"
                                     "\n"
                                  << R"({"e":"start","test":"A.b","t":"soon"})"
                                     "\n";
  const Expected<std::vector<ProcessRecord>> records = read_run_records(dir);
  ASSERT_FALSE(records);
  EXPECT_EQ(
      records.error().message.rfind(dir + "/a.jsonl:2: not a kitty run record line ([json", 0), 0u)
      << records.error().message;
}

}  // namespace
}  // namespace kitty::cli
