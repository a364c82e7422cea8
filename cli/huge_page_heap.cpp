#include "huge_page_heap.hpp"

#include <cstdlib>
#include <string_view>

#include <unistd.h>

namespace investmap::cli {

std::optional<std::string> tunables_with_huge_pages(const char* current) {
    constexpr std::string_view kTunable = "glibc.malloc.hugetlb";
    if (current && std::string_view(current).find(kTunable) != std::string_view::npos) return std::nullopt;
    std::string value = std::string(kTunable) + "=1";
    if (current && *current) value = std::string(current) + ":" + value;
    return value;
}

void rerun_with_huge_page_heap(char** argv) {
    const auto value = tunables_with_huge_pages(std::getenv("GLIBC_TUNABLES"));
    if (!value || setenv("GLIBC_TUNABLES", value->c_str(), 1) != 0) return;
    execv("/proc/self/exe", argv);  // returns only on failure
}

}  // namespace investmap::cli
