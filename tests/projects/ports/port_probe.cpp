#include "port_probe.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>
#include <vector>

namespace {

long long now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int hold_ms() {
  const char* text = std::getenv("KITTY_PROBE_HOLD_MS");
  return text != nullptr ? std::atoi(text) : 300;
}

void log_line(const std::string& line) {
  const char* log = std::getenv("KITTY_PROBE_LOG");
  if (log == nullptr) return;
  std::ofstream(log, std::ios::app) << line << '\n';
}

}  // namespace

bool hold_port_block(const std::string& file) {
#ifdef KITTY_PROBE_PLAIN
  const int first = 39400;  // without kitty: everybody's first block
  const int last = 39409;
#else
  const kitty::PortBlock block = kitty::port_block();
  const int first = block.first;
  const int last = block.last;
#endif
  const long long start = now_ns();
  std::vector<int> sockets;
  int bound = 0;
  for (int port = first; port <= last; ++port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
        listen(fd, 1) == 0) {
      ++bound;
    }
    sockets.push_back(fd);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(hold_ms()));  // the daemon's work
  const long long end = now_ns();
  for (const int fd : sockets) close(fd);
  log_line("port " + file + " " + std::to_string(first) + " " + std::to_string(last) + " " +
           std::to_string(start) + " " + std::to_string(end) + " " + std::to_string(bound));
  return bound == last - first + 1;
}

void hold_without_ports(const std::string& file) {
  const long long start = now_ns();
  std::this_thread::sleep_for(std::chrono::milliseconds(hold_ms()));
  log_line("plain " + file + " " + std::to_string(start) + " " + std::to_string(now_ns()));
}
