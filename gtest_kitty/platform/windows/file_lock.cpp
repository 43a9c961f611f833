#include "platform/file_lock.h"

#include <windows.h>
// After windows.h.
#include <fcntl.h>
#include <io.h>

#include <cerrno>

#include "platform/windows/wide_text.h"

namespace kitty::internal {
namespace {

// Whole-file locks take one byte far past any content: Windows locks are
// mandatory, and a lock on the content would block its readers (a run's
// marker is read while it is locked). Port ranges sit at their port numbers.
constexpr long long kWholeFileByte = 1LL << 62;

HANDLE handle_of(int fd) { return reinterpret_cast<HANDLE>(_get_osfhandle(fd)); }

// Shared for reading, writing and deleting: a run is removed while other
// processes may hold its files open, as on POSIX.
int open_for_locking(const std::string& path, DWORD access, DWORD disposition) {
  SECURITY_ATTRIBUTES not_inherited{sizeof(SECURITY_ATTRIBUTES), nullptr, FALSE};
  const HANDLE file = CreateFileW(
      wide_of(path).c_str(), access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
      &not_inherited, disposition, FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
  if (file == INVALID_HANDLE_VALUE) {
    set_errno_from_last_error();
    return -1;
  }
  BY_HANDLE_FILE_INFORMATION info{};
  if (GetFileInformationByHandle(file, &info) == 0 ||
      (info.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0) {
    CloseHandle(file);
    errno = ELOOP;  // a link: never locked through
    return -1;
  }
  const int fd = _open_osfhandle(reinterpret_cast<intptr_t>(file), _O_RDONLY);
  if (fd < 0) CloseHandle(file);
  return fd;
}

bool lock_bytes(int fd, long long first, long long length, DWORD flags) {
  OVERLAPPED at{};
  at.Offset = static_cast<DWORD>(static_cast<unsigned long long>(first) & 0xffffffffULL);
  at.OffsetHigh = static_cast<DWORD>(static_cast<unsigned long long>(first) >> 32);
  const unsigned long long size = static_cast<unsigned long long>(length);
  if (LockFileEx(handle_of(fd), flags, 0, static_cast<DWORD>(size & 0xffffffffULL),
                 static_cast<DWORD>(size >> 32), &at) != 0) {
    return true;
  }
  set_errno_from_last_error();
  if (errno == EACCES) errno = EWOULDBLOCK;  // a conflicting lock, as POSIX says it
  return false;
}

DWORD mode_of(LockKind kind) { return kind == LockKind::kExclusive ? LOCKFILE_EXCLUSIVE_LOCK : 0; }

}  // namespace

int open_lock_file(const std::string& path) {
  return open_for_locking(path, GENERIC_READ | GENERIC_WRITE, OPEN_ALWAYS);
}

int open_existing_lock_file(const std::string& path) {
  return open_for_locking(path, GENERIC_READ, OPEN_EXISTING);
}

bool lock_file(int fd, LockKind kind) { return lock_bytes(fd, kWholeFileByte, 1, mode_of(kind)); }

bool try_lock_file(int fd, LockKind kind) {
  return lock_bytes(fd, kWholeFileByte, 1, mode_of(kind) | LOCKFILE_FAIL_IMMEDIATELY);
}

bool file_was_removed(int fd) {
  FILE_STANDARD_INFO info{};
  if (GetFileInformationByHandleEx(handle_of(fd), FileStandardInfo, &info, sizeof info) == 0) {
    return true;
  }
  return info.DeletePending != FALSE || info.NumberOfLinks == 0;
}

void close_lock_file(int fd) {
  if (fd >= 0) _close(fd);
}

void keep_across_exec(int fd) {
  SetHandleInformation(handle_of(fd), HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
}

bool try_lock_range(int fd, long long first, long long length) {
  return lock_bytes(fd, first, length, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY);
}

bool lock_range(int fd, long long first, long long length) {
  return lock_bytes(fd, first, length, LOCKFILE_EXCLUSIVE_LOCK);
}

// Windows does not say who holds a lock.
bool range_holder(int /*fd*/, long long /*first*/, long long /*length*/, RangeHolder& /*holder*/) {
  return false;
}

}  // namespace kitty::internal
