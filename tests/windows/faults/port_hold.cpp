#include "port_hold.h"

#include <winsock2.h>

#include <gtest/gtest.h>
#include <gtest_kitty/kitty.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

namespace {

long long now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

bool hold_port_block(const char* who) {
  const kitty::PortBlock block = kitty::port_block();
  if (block.size() <= 0) return false;
  WSADATA data;
  if (WSAStartup(MAKEWORD(2, 2), &data) != 0) return false;
  std::vector<SOCKET> sockets;
  bool all_bound = true;
  for (int port = block.first; port <= block.last; ++port) {
    const SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    BOOL exclusive = TRUE;
    setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, reinterpret_cast<const char*>(&exclusive),
               sizeof exclusive);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<u_short>(port));
    all_bound = all_bound && s != INVALID_SOCKET &&
                bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                listen(s, 1) == 0;
    sockets.push_back(s);
  }
  const long long start = now_ms();
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  const long long end = now_ms();
  for (const SOCKET s : sockets) closesocket(s);
  WSACleanup();
  if (const char* log = std::getenv("KITTY_FAULTS_PORT_LOG")) {
    if (FILE* out = std::fopen(log, "ab")) {
      std::fprintf(out, "%s %d %lld %lld %d\n", who, block.first, start, end, all_bound ? 1 : 0);
      std::fclose(out);
    }
  }
  return all_bound;
}
