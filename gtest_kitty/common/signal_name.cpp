#include "common/signal_name.h"

#include <signal.h>

#include <cstdio>

namespace kitty::internal {

std::string signal_name(int signal_number) {
  static const struct {
    int number;
    const char* name;
  } kNames[] = {
      {SIGINT, "SIGINT"},   {SIGILL, "SIGILL"},   {SIGABRT, "SIGABRT"}, {SIGFPE, "SIGFPE"},
      {SIGSEGV, "SIGSEGV"}, {SIGTERM, "SIGTERM"},
#ifdef SIGHUP  // POSIX's; Windows' C library has the six above alone
      {SIGHUP, "SIGHUP"},   {SIGQUIT, "SIGQUIT"}, {SIGTRAP, "SIGTRAP"}, {SIGBUS, "SIGBUS"},
      {SIGKILL, "SIGKILL"}, {SIGUSR1, "SIGUSR1"}, {SIGUSR2, "SIGUSR2"}, {SIGPIPE, "SIGPIPE"},
      {SIGALRM, "SIGALRM"}, {SIGXCPU, "SIGXCPU"}, {SIGXFSZ, "SIGXFSZ"}, {SIGSYS, "SIGSYS"},
#endif
  };
  for (const auto& entry : kNames) {
    if (entry.number == signal_number) return entry.name;
  }
  return "signal " + std::to_string(signal_number);
}

namespace {

// The exceptions a test process ends by, with the names Microsoft's
// documentation gives them (ntstatus.h), in lower case as kitty prints them.
const struct {
  std::uint32_t code;
  const char* name;
} kExceptions[] = {
    {0x80000002u, "datatype misalignment"},
    {0x80000003u, "breakpoint"},
    {0x80000004u, "single step"},
    {0xC0000005u, "access violation"},
    {0xC0000006u, "in-page error"},
    {0xC0000017u, "no memory"},
    {0xC000001Du, "illegal instruction"},
    {0xC0000025u, "noncontinuable exception"},
    {0xC0000026u, "invalid disposition"},
    {0xC000008Cu, "array bounds exceeded"},
    {0xC000008Du, "float denormal operand"},
    {0xC000008Eu, "float divide by zero"},
    {0xC000008Fu, "float inexact result"},
    {0xC0000090u, "float invalid operation"},
    {0xC0000091u, "float overflow"},
    {0xC0000092u, "float stack check"},
    {0xC0000093u, "float underflow"},
    {0xC0000094u, "integer divide by zero"},
    {0xC0000095u, "integer overflow"},
    {0xC0000096u, "privileged instruction"},
    {0xC00000FDu, "stack overflow"},
    {0xC0000135u, "DLL not found"},
    {0xC0000139u, "entry point not found"},
    {0xC000013Au, "Ctrl-C exit"},
    {0xC0000142u, "DLL initialization failed"},
    {0xC0000374u, "heap corruption"},
    {0xC0000409u, "stack buffer overrun (fail fast)"},
    {0xC0000417u, "invalid C runtime parameter"},
    {0xC0000420u, "assertion failure"},
};

}  // namespace

bool is_exception_code(std::uint32_t code) {
  return (code & 0xF0000000u) == 0xC0000000u || !exception_name(code).empty();
}

std::string exception_name(std::uint32_t code) {
  for (const auto& entry : kExceptions) {
    if (entry.code == code) return entry.name;
  }
  return "";
}

std::string exception_text(std::uint32_t code) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08X", static_cast<unsigned>(code));
  return text;
}

std::string death_text(const ProcessStatus& status) {
  switch (status.kind) {
    case ProcessStatus::Kind::kSignalled:
      return signal_name(status.signal);
    case ProcessStatus::Kind::kException: {
      const std::string name = exception_name(status.exception);
      return "exception " + exception_text(status.exception) +
             (name.empty() ? "" : " (" + name + ")");
    }
    case ProcessStatus::Kind::kExited:
      break;
  }
  return "exit code " + std::to_string(status.code);
}

}  // namespace kitty::internal
