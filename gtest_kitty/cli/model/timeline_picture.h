// The timeline drawn: lanes of bars coloured by outcome, the critical path
// marked, the bounding unit named. A self-contained SVG, or an HTML page with
// the SVG, the terminal's summary and a table of processes, longest first.
#pragma once

#include <string>

#include "cli/model/timeline.h"

namespace kitty::cli {

std::string render_svg(const Timeline& timeline, const std::string& title);
std::string render_html(const Timeline& timeline, const std::string& title);

}  // namespace kitty::cli
