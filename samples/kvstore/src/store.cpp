#include "store.h"

#include <stdexcept>

namespace kvstore {

std::optional<std::string> Store::get(const std::string& key) const {
  const auto found = data_.find(key);
  if (found == data_.end()) return std::nullopt;
  return found->second;
}

void Store::migrate(int to) {
  if (to != schema_version_ + 1) {
    throw std::logic_error("migration " + std::to_string(to) + " applied at version " +
                           std::to_string(schema_version_));
  }
  if (to == 1) put("meta:created", "1");
  if (to == 2) put("meta:indexed", "1");
  schema_version_ = to;
}

size_t Store::compact(const std::string& prefix, size_t keep) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : data_) {
    if (key.rfind(prefix, 0) == 0) keys.push_back(key);
  }
  if (keys.size() <= keep) return 0;
  const size_t drop = keys.size() - keep;
  for (size_t i = 0; i < drop; ++i) data_.erase(keys[i]);
  return drop;
}

}  // namespace kvstore
