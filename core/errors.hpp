#pragma once
// The two kinds of failure a user can cause. `cli/main.cpp` maps them to exit
// statuses (PRODUCT.md): InputError → 1 (input rejected, nothing written),
// UsageError → 2. Messages say what to fix, Chinese first, English second.
#include <stdexcept>
#include <string>
#include <string_view>

namespace investmap {

// Joins the Chinese and English halves of a message the user will read.
inline std::string zh_en(std::string_view zh, std::string_view en) {
    std::string text{zh};
    text += "\n  ";
    text += en;
    return text;
}

// Bad data or a bad file: the user fixes the input and tries again.
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
    InputError(std::string_view zh, std::string_view en) : std::runtime_error(zh_en(zh, en)) {}
};

// A wrong command line: the user reads --help.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
    UsageError(std::string_view zh, std::string_view en) : std::runtime_error(zh_en(zh, en)) {}
};

}  // namespace investmap
