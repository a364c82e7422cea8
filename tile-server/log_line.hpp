#pragma once
// One line of the server's log, written in one piece. Threads log at the
// same time (the listener, the memory index's builder, the industry
// profiles' watcher), and a line written piece by piece could be cut by
// another's: the listening line once came out as
// "listening on http://127.0.0.1内存索引 memory index: …\n:32855", which the
// tests (and any supervisor) read the port from.
#include <ostream>
#include <string>

namespace investmap::server {

inline void log_line(std::ostream& log, const std::string& line) { log << (line + "\n") << std::flush; }

}  // namespace investmap::server
