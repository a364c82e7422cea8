#pragma once
// Strict UTF-8 as RFC 3629 defines it: every text that enters from outside
// (URLs, headers, bodies, imported fields) is checked with this before it is
// used, echoed or handed to the JSON writer (which throws on bad bytes).
#include <string>
#include <string_view>

namespace investmap::text {

// True when `bytes` is well-formed UTF-8: no overlong forms (C0 AE), no
// UTF-16 surrogates (ED A0 80), nothing above U+10FFFF (F4 90 80 80), no
// stray continuation bytes, no sequence cut short.
bool is_valid_utf8(std::string_view bytes);

// `bytes` with each ill-formed sequence replaced by U+FFFD: safe to echo in
// a message about the very bytes that were wrong.
std::string sanitized_utf8(std::string_view bytes);

}  // namespace investmap::text
