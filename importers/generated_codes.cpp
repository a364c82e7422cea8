#include "importers/generated_codes.hpp"

#include "errors.hpp"
#include "importers/value_parsing.hpp"
#include "text/ascii.hpp"
#include "text/utf8.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace investmap::importers {
namespace {

constexpr std::size_t kMaxPrefixBytes = 60;  // 20 Chinese characters
constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // no I, L, O, U: nothing to misread

std::string normalised(std::string_view text) {
    std::string out;
    for (const char c : text::ascii_lower(to_half_width(trim(text)))) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') out += c;
    }
    // The ideographic space inside a cell, too.
    for (auto at = out.find("\xE3\x80\x80"); at != std::string::npos; at = out.find("\xE3\x80\x80")) out.erase(at, 3);
    return out;
}

// FNV-1a, 64 bits: fixed by its definition, so codes are the same on every
// machine and in every version.
std::uint64_t fnv1a(std::string_view bytes) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

}  // namespace

std::optional<std::string> generated_code_prefix_problem(std::string_view prefix) {
    const bool allowed = !prefix.empty() && prefix.size() <= kMaxPrefixBytes && text::is_valid_utf8(prefix) &&
                         std::ranges::all_of(prefix, [](char c) {
                             const auto byte = static_cast<unsigned char>(c);
                             return byte >= 0x80 || std::isalnum(byte) || c == '-' || c == '_';
                         });
    if (allowed) return std::nullopt;
    return zh_en("--generate-codes 的前缀应为 1–20 个字母、数字、- 或 _（可用汉字），如 CS",
                 "the --generate-codes prefix must be 1-20 letters, digits, - or _ (Chinese allowed), e.g. CS");
}

std::string generated_code(std::string_view prefix, std::string_view name, std::string_view address) {
    const std::string key_name = normalised(name);
    const std::string key_address = normalised(address);
    if (key_name.empty() && key_address.empty()) {
        throw ValueError(zh_en("没有编号，也没有名称和地址可据以生成编号", "no code, and no name or address to generate one from"));
    }
    // The separator keeps ("ab", "c") and ("a", "bc") apart.
    std::uint64_t hash = fnv1a(key_name + '\x1F' + key_address);
    std::string code(8, '0');
    for (std::size_t i = 0; i < code.size(); ++i) {
        code[code.size() - 1 - i] = kCrockford[hash & 31U];
        hash >>= 5;
    }
    return std::string(prefix) + "-" + code;
}

}  // namespace investmap::importers
