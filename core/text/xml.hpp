#pragma once
// Text for XML (SVG, QGIS projects): the five characters XML reserves, as
// entities, so the text is safe in an element or in either kind of quoted attribute.
#include <string>
#include <string_view>

namespace investmap::text {

inline std::string xml_escaped(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace investmap::text
