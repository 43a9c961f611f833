// A temporary directory of the CLI's own ($TMPDIR/<prefix>.XXXXXX), removed
// when it goes out of scope unless kept: a run's logs and records outlive
// the command only when someone is told where they are.
#pragma once

#include <string>

#include "cli/expected.h"

namespace kitty::cli {

class TempDir {
 public:
  static Expected<TempDir> make(const std::string& prefix);
  // The same in `base` instead of the system's temporary directory.
  static Expected<TempDir> make_in(const std::string& base, const std::string& prefix);
  TempDir(TempDir&& other) noexcept : path_(std::move(other.path_)), keep_(other.keep_) {
    other.keep_ = true;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  TempDir& operator=(TempDir&&) = delete;
  ~TempDir();

  const std::string& path() const { return path_; }
  void keep() { keep_ = true; }

 private:
  explicit TempDir(std::string path) : path_(std::move(path)) {}
  std::string path_;
  bool keep_ = false;
};

}  // namespace kitty::cli
