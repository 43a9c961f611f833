#include "wal.h"

#include <fstream>

namespace kvstore {

bool Wal::append_put(const std::string& key, const std::string& value) {
  std::ofstream out(path_, std::ios::app);
  out << "put\t" << key << '\t' << value << '\n';
  return static_cast<bool>(out);
}

size_t Wal::replay(Store& store) const {
  std::ifstream in(path_);
  size_t applied = 0;
  std::string op, key, value;
  while (std::getline(in, op, '\t') && std::getline(in, key, '\t') && std::getline(in, value)) {
    if (op == "put") {
      store.put(key, value);
      ++applied;
    }
  }
  return applied;
}

}  // namespace kvstore
