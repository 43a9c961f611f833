#include "isolation/skeleton.h"

#include <cerrno>

#include "common/errno_text.h"
#include "platform/directory.h"
#include "platform/files.h"

namespace kitty::internal {
namespace {

// Parents before children; removal goes the other way.
constexpr const char* kDirectories[] = {"home",
                                        "home/.config",
                                        "home/.local",
                                        "home/.local/share",
                                        "home/.local/state",
                                        "home/.cache",
                                        "home/AppData",
                                        "home/AppData/Roaming",
                                        "home/AppData/Local",
                                        "tmp"};

}  // namespace

std::string ensure_directory(const std::string& path) {
  if (make_directory(path)) return {};
  if (errno != EEXIST) return errno_text("cannot create " + path);
  return check_directory(path);
}

std::string check_directory(const std::string& path) {
  switch (directory_state(path)) {
    case DirectoryState::kOwn:
      return {};
    case DirectoryState::kUnseen:
      return errno_text("cannot see " + path);
    case DirectoryState::kNotDirectory:
      return path + " exists and is not a directory";
    case DirectoryState::kOtherUser:
      return path + " belongs to another user";
  }
  return {};
}

std::string make_skeleton(const std::string& dir) {
  for (const char* relative : kDirectories) {
    std::string error = ensure_directory(dir + "/" + relative);
    if (!error.empty()) return error;
  }
  return {};
}

// Every parent is held open (platform/directory.h): a link put in place of
// one is never gone through, and removing a link as a directory fails.
bool remove_bare_skeleton(const std::string& dir) {
  const Directory top = Directory::open(dir);
  const Directory home = top.child("home");
  const Directory local = home.child(".local");
  const Directory app_data = home.child("AppData");
  const bool removed = local.remove_directory("share") && local.remove_directory("state") &&
                       home.remove_directory(".local") && home.remove_directory(".config") &&
                       home.remove_directory(".cache") && app_data.remove_directory("Roaming") &&
                       app_data.remove_directory("Local") && home.remove_directory("AppData") &&
                       top.remove_directory("home") && top.remove_directory("tmp");
  return removed && remove_empty_directory(dir);
}

}  // namespace kitty::internal
