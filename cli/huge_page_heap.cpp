#include "huge_page_heap.hpp"

#include <cstdlib>
#include <string>
#include <string_view>

#include <unistd.h>

namespace investmap::cli {

void rerun_with_huge_page_heap(char** argv) {
    constexpr std::string_view kTunable = "glibc.malloc.hugetlb";
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    if (tunables && std::string_view(tunables).find(kTunable) != std::string_view::npos) return;
    std::string value = std::string(kTunable) + "=1";
    if (tunables && *tunables) value = std::string(tunables) + ":" + value;  // the user's own tunables stay
    if (setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
    execv("/proc/self/exe", argv);  // returns only on failure
}

}  // namespace investmap::cli
