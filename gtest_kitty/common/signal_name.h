// Signals and Windows exceptions by name, as people read them in kitty's
// messages and records: the launcher's, and the tools' (which link this too).
#pragma once

#include <cstdint>
#include <string>

#include "platform/process_status.h"

namespace kitty::internal {

// "SIGSEGV" for 11; "signal N" for one without a name here (or on a system
// without that signal).
std::string signal_name(int signal_number);

// Whether a Windows exit code is the NTSTATUS of an exception rather than a
// code the program chose: every code of severity "error" (0xC0000000 to
// 0xCFFFFFFF, which no exit(-n) of a small n reaches) and the few warnings
// that end a process when nobody handles them (0x80000003, a breakpoint).
bool is_exception_code(std::uint32_t code);

// "access violation" for 0xC0000005; empty for one without a name here.
std::string exception_name(std::uint32_t code);

// "0xC0000005", as Windows' tools print an NTSTATUS.
std::string exception_text(std::uint32_t code);

// How a process that did not exit died, for kitty's messages: "SIGSEGV",
// "exception 0xC0000005 (access violation)".
std::string death_text(const ProcessStatus& status);

}  // namespace kitty::internal
