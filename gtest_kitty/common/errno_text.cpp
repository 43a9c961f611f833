#include "common/errno_text.h"

#include <cerrno>
#include <cstring>

namespace kitty::internal {

std::string errno_text(const std::string& what) { return what + ": " + std::strerror(errno); }

}  // namespace kitty::internal
