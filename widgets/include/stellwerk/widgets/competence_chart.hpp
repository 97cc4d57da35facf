// A competence profile chart: the 21 DigComp competences under their 5 areas, one row each, with
// the person's level and their role's target on a scale of eight cells. The person's levels are
// filled cells; the cells between their level and the target are hatched (the gap); the target
// cell has a heavy frame and a tick above it. Every row also says its values in words (the
// caller's `values`, e.g. "Level 2 · target 4"), so nothing depends on telling colours apart.
//
// Each row is a Tab stop and a selectable: a click, Space or Enter chooses it; the arrow keys move
// between rows. Under the chosen row the caller draws its details (`details`), so that they stay
// next to the row and come next in the Tab order. Rows use one line when title, scale and values
// fit the width, else the title gets a line of its own, and the values one more when they do not
// fit beside the scale either. A title too long for its line ends in "…" and shows whole in a
// tooltip, which also appears while the row has the keyboard focus.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ui {

struct CompetenceBar {
  std::string id;      // "1.3": the row's identity ("competence-1.3" for the test locator)
  std::string title;   // "1.3 Managing data, information and digital content", translated
  int level = 0;       // the person's level 1..8; 0: not assessed
  int target = 0;      // what their role asks for, 1..8; 0: nothing
  std::string values;  // the values in words, translated
};

struct CompetenceGroup {
  std::string title;  // "1 Information and data literacy"
  std::vector<CompetenceBar> bars;
};

// Draws the groups; returns the id of the row chosen this frame. `selected` is shown as chosen and
// `details` is called right under it.
std::optional<std::string> CompetenceChart(std::span<const CompetenceGroup> groups, std::string_view selected,
                                           const std::function<void()>& details);

}  // namespace ui
