// Errors as values: the CLI's one alias for std::expected, with tl::expected
// standing in on standard libraries without <expected>.
#pragma once

#include <string>
#include <utility>

#if __has_include(<expected>) && defined(__cpp_lib_expected) || \
    __has_include(<expected>) && __cplusplus > 202002L
#include <expected>
#endif

#if defined(__cpp_lib_expected)
namespace kitty::cli {
template <typename T, typename E>
using BasicExpected = std::expected<T, E>;
template <typename E>
using Unexpected = std::unexpected<E>;
}  // namespace kitty::cli
#elif __has_include(<tl/expected.hpp>)
#include <tl/expected.hpp>
namespace kitty::cli {
template <typename T, typename E>
using BasicExpected = tl::expected<T, E>;
template <typename E>
using Unexpected = tl::unexpected<E>;
}  // namespace kitty::cli
#else
#error "gtest-kitty needs <expected> (C++23) or tl/expected.hpp"
#endif

namespace kitty::cli {

// What went wrong, in one line that says what to do next; the exit code the
// command ends with (2: usage or infrastructure, the CLI's convention).
struct Error {
  std::string message;
  int exit_code = 2;
};

template <typename T>
using Expected = BasicExpected<T, Error>;

inline Unexpected<Error> fail(std::string message, int exit_code = 2) {
  return Unexpected<Error>(Error{std::move(message), exit_code});
}

}  // namespace kitty::cli

// Forwarding an error, in one line: most steps of a command only pass a
// failure up unchanged, and written out by hand that was two or three lines
// each time. A macro rather than std::expected's and_then: later steps use
// several earlier values (the registry, the test found in it, its
// invocation), which chained lambdas would have to nest, and a step that
// prints between two others reads as it runs. Works alike with tl::expected.
// Where an error is made or given more context, fail() stays explicit.
//
//   KITTY_TRY(const Registry registry, load_registry(dir, config));
//   KITTY_TRY_VOID(check_ctest_args(args));
//
// Each is a statement of its own (it declares a variable in the enclosing
// block), in a function that returns an Expected of any type.
#define KITTY_TRY_CONCAT_INNER(a, b) a##b
#define KITTY_TRY_CONCAT(a, b) KITTY_TRY_CONCAT_INNER(a, b)
#define KITTY_TRY_NAME KITTY_TRY_CONCAT(kitty_try_, __LINE__)

// Evaluates the expression after `declaration` (an Expected<T>); on error,
// returns the error from the enclosing function; else initializes
// `declaration` with the value (or assigns it, given a variable).
#define KITTY_TRY(declaration, ...)                                                          \
  auto KITTY_TRY_NAME = (__VA_ARGS__);                                                       \
  if (!KITTY_TRY_NAME) {                                                                     \
    return ::kitty::cli::Unexpected<::kitty::cli::Error>(std::move(KITTY_TRY_NAME).error()); \
  }                                                                                          \
  declaration = *std::move(KITTY_TRY_NAME)

// The same for an Expected<void>: only the error matters.
#define KITTY_TRY_VOID(...)                                                                  \
  if (auto KITTY_TRY_NAME = (__VA_ARGS__); !KITTY_TRY_NAME) {                                \
    return ::kitty::cli::Unexpected<::kitty::cli::Error>(std::move(KITTY_TRY_NAME).error()); \
  }                                                                                          \
  static_assert(true, "a semicolon follows KITTY_TRY_VOID")
