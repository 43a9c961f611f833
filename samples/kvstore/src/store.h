// An in-memory key-value store whose schema version is migrated step by step.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kvstore {

class Store {
 public:
  void put(const std::string& key, const std::string& value) { data_[key] = value; }
  std::optional<std::string> get(const std::string& key) const;
  bool erase(const std::string& key) { return data_.erase(key) > 0; }
  size_t size() const { return data_.size(); }

  int schema_version() const { return schema_version_; }
  // Applies migration `to`; migrations must be applied in order, one at a time.
  void migrate(int to);

  // Keeps the last `keep` values of keys with the given prefix; returns how many it dropped.
  size_t compact(const std::string& prefix, size_t keep);

 private:
  std::map<std::string, std::string> data_;
  int schema_version_ = 0;
};

}  // namespace kvstore
