#pragma once
// glibc's malloc backs its heap with transparent huge pages only when told
// so at start-up (GLIBC_TUNABLES=glibc.malloc.hugetlb=1, read by the loader
// before main). An import or a memory index build fills a few hundred
// megabytes of fresh heap, and taking it 4 KiB page fault by page fault cost
// an import ~13 % of its time here (4.6–5.0 s → 4.0–4.4 s for 100 000
// parcels); the server's index builds ~10 % faster.

namespace investmap::cli {

// Runs this program again (same process, same arguments) with the tunable
// added, unless GLIBC_TUNABLES already names it — set by the user, or by the
// first run. Returns only when it does not run again, or when exec fails:
// then the program simply goes on with ordinary pages.
void rerun_with_huge_page_heap(char** argv);

}  // namespace investmap::cli
