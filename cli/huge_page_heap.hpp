#pragma once
// glibc's malloc backs its heap with transparent huge pages only when told
// so at start-up (GLIBC_TUNABLES=glibc.malloc.hugetlb=1, read by the loader
// before main). An import fills a few hundred megabytes of fresh heap, and
// taking it 4 KiB page fault by page fault cost ~13 % of its time here
// (4.6–5.0 s → 3.9–4.1 s for 100 000 parcels). Only the import asks for it:
// the server gained nothing measurable, and a huge-page fault may stall
// while the kernel compacts memory, which a tile request should not wait on.
#include <optional>
#include <string>

namespace investmap::cli {

// The GLIBC_TUNABLES value that adds the tunable to `current` (the user's
// own tunables stay), or nothing when `current` already names it — set by
// the user (=0 to refuse), or by a first run.
std::optional<std::string> tunables_with_huge_pages(const char* current);

// Runs this program again (same process, same arguments) with the tunable
// added. Returns when there is nothing to add, or when exec fails: then
// the program simply goes on with ordinary pages.
void rerun_with_huge_page_heap(char** argv);

}  // namespace investmap::cli
