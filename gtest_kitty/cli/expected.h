// Errors as values: the CLI's one alias for std::expected, with tl::expected
// standing in on standard libraries without <expected>.
#pragma once

#include <string>

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
