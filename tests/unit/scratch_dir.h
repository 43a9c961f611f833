// A fresh, empty directory for one unit test, under GoogleTest's temporary
// directory (kitty's isolated one when the tests run under kitty).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace kitty_unit {

inline std::string fresh_dir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(testing::TempDir()) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

}  // namespace kitty_unit
