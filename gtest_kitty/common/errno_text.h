// The one way the library words a failed system call: "what: strerror".
#pragma once

#include <string>

namespace kitty::internal {

// `what` followed by the text of the current errno.
std::string errno_text(const std::string& what);

}  // namespace kitty::internal
