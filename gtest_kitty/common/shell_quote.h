// POSIX shell quoting, for the commands kitty prints and records to be pasted
// into a shell: the library's rerun line, and the tools' (gtest-kitty run,
// ratchet).
#pragma once

#include <string>

namespace kitty::internal {

// `word` in single quotes, every ' as '\'': 'it'\''s'.
std::string shell_quote(const std::string& word);

// `word` as it is when the shell reads it so (letters, digits, _-./=:,+@%),
// else shell_quote(word): for commands a person reads.
std::string shell_word(const std::string& word);

}  // namespace kitty::internal
