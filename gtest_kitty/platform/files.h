// Files by UTF-8 path: the few calls kitty makes below std::filesystem (a
// descriptor held open, an exclusive create, no symbolic link followed).
// Descriptors are the C runtime's on both sides (open(2); _wopen on
// Windows). Every call that fails leaves errno set.
#pragma once

#include <cstddef>
#include <string>

namespace kitty::internal {

int open_for_reading(const std::string& path);
// Write-only, owner-only when made, never through a symbolic link; with
// `exclusive`, fails (EEXIST) when the file exists.
int create_file(const std::string& path, bool exclusive);
// An existing file, for appending; never through a symbolic link.
int open_for_append(const std::string& path);
// Up to `size` bytes; 0 at the end, -1 on an error.
long long read_some(int fd, char* buffer, std::size_t size);
bool write_all(int fd, const std::string& text);
void close_file(int fd);

// Creates `path` when missing (readable by all, as `touch` does) and sets
// its modification time to now.
bool touch_file(const std::string& path);

// Makes directory `path` (owner-only); false with errno (EEXIST too).
bool make_directory(const std::string& path);
// Makes a fresh directory from `path`, whose last six characters are
// XXXXXX and are replaced (mkdtemp).
bool make_unique_directory(std::string& path);
bool remove_empty_directory(const std::string& path);
bool remove_file(const std::string& path);
// Puts the file `existing` in place as `name`, atomically: false (EEXIST)
// when `name` exists. What a file written aside is put into place with; the
// caller removes `existing` afterwards (POSIX links it, Windows moves it).
bool link_new_name(const std::string& existing, const std::string& name);

// What is at `path` (never following a link there), for a directory kitty
// makes or shares: its own, or why not.
enum class DirectoryState { kOwn, kUnseen, kNotDirectory, kOtherUser };
DirectoryState directory_state(const std::string& path);

// A temporary directory every process of the user shares, whatever
// isolation set TMPDIR or TEMP to: /tmp on POSIX; on Windows the user's
// own %LOCALAPPDATA%\Temp as the shell knows it (SHGetKnownFolderPath
// ignores the environment). Where port locks meet.
std::string shared_temporary_directory();

// True when `dir` is in memory (Linux's tmpfs) with at least `free_bytes`
// free: a place for live homes (isolation/scratch.h). False elsewhere.
bool is_memory_filesystem_with_room(const std::string& dir, unsigned long long free_bytes);

// True when this process may create files in directory `path`.
bool is_writable_directory(const std::string& path);

}  // namespace kitty::internal
