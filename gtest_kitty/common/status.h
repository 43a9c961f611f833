// The library's one way to fail: a Failure is a category and a one-line
// message; Status is "ok or a failure", Result<T> is "a value or a failure".
// The category decides the exit code (exit_code_of, the only place that maps
// them), so a caller never picks a code by hand and the same fault always
// ends a process the same way.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace kitty::internal {

enum class Category {
  kUsage,           // a bad --kitty_* flag or KITTY_* value
  kStaleSelection,  // a selection that names no test: the registration is stale
  kUnitConflict,    // the binary's tests cannot be made units (two share a name)
  kIsolation,       // the isolated directories could not be made or handed over
  kPorts,           // the process's port block could not be leased
  kOutput,          // a file kitty was asked to write could not be written
  kShard,           // the sharding variables (GTEST_/TEST_TOTAL_SHARDS...) are unusable
};

struct Failure {
  Category category;
  std::string message;  // one line, without the "gtest_kitty: " prefix
};

// Every category, for the checks that exit_code_of is whole and one-to-one.
inline constexpr Category kCategories[] = {
    Category::kUsage, Category::kStaleSelection, Category::kUnitConflict, Category::kIsolation,
    Category::kPorts, Category::kOutput,         Category::kShard,
};

// The exit code a process ends with for a failure of this category.
int exit_code_of(Category category);

// The one way a failure is told: "gtest_kitty: <message>" on stderr (after
// what the process already printed on stdout); returns its exit code. The
// launcher returns it from main; the library ends the process with it.
int report_failure(const Failure& failure);

// report_failure, then exit with its code.
[[noreturn]] void exit_with(const Failure& failure);

class [[nodiscard]] Status {
 public:
  Status() = default;                                        // ok
  Status(Failure failure) : failure_(std::move(failure)) {}  // NOLINT: implicit by design

  bool ok() const { return !failure_; }
  explicit operator bool() const { return ok(); }
  const Failure& failure() const {
    assert(failure_);
    return *failure_;
  }

 private:
  std::optional<Failure> failure_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}            // NOLINT: implicit by design
  Result(Failure failure) : state_(std::move(failure)) {}  // NOLINT: implicit by design

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return std::get<0>(state_); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }
  const Failure& failure() const { return std::get<1>(state_); }
  // The failure as a Status, to pass it on from a function that returns one.
  Status status() const { return ok() ? Status() : Status(failure()); }

 private:
  std::variant<T, Failure> state_;
};

inline Failure usage_error(std::string message) { return {Category::kUsage, std::move(message)}; }

}  // namespace kitty::internal
