// A write-ahead log: one line per operation, replayed into a Store.
#pragma once

#include <string>

#include "store.h"

namespace kvstore {

class Wal {
 public:
  explicit Wal(std::string path) : path_(std::move(path)) {}
  bool append_put(const std::string& key, const std::string& value);
  // Replays the log into `store`; returns the number of operations applied.
  size_t replay(Store& store) const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace kvstore
