// Signals by name, as people read them in kitty's messages and records:
// the launcher's, and the tools' (which link this too).
#pragma once

#include <string>

namespace kitty::internal {

// "SIGSEGV" for 11; "signal N" for one without a name here.
std::string signal_name(int signal_number);

}  // namespace kitty::internal
