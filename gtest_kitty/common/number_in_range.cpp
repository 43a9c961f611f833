#include "common/number_in_range.h"

#include <cerrno>
#include <cstdlib>

namespace kitty::internal {

bool number_in_range(const char* text, long long low, long long high, long long& value) {
  if (text == nullptr || *text == '\0') return false;
  char* end = nullptr;
  errno = 0;
  value = std::strtoll(text, &end, 10);
  return *end == '\0' && errno == 0 && value >= low && value <= high;
}

}  // namespace kitty::internal
