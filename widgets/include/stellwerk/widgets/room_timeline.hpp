// A day timeline of meeting rooms: one row per room (name, capacity, equipment) and one cell per
// step (30 minutes by default) from the first to the last hour shown. Busy cells say "gebucht" or
// "meine Buchung" next to their colour: each run of them shows its state's icon, and its word (cut
// short with "…" when the run is narrow, left out when it is narrower still) once at its start;
// the tooltip of every busy cell, on hover and on keyboard focus, names the state and the run's
// time in full. Past cells are hatched and disabled. Every cell is a focusable button, so the
// arrow keys walk the grid and Enter picks a cell; a click on a free cell picks it as well.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "stellwerk/widgets/floor_plan.hpp"

namespace ui {

struct TimelineSpan {
  int start_minute = 0;  // minutes after local midnight
  int end_minute = 0;
  SpotState state = SpotState::booked;  // booked, mine or pending
};

struct TimelineRow {
  std::string identity;  // the room's id ("timeline-<identity>-<start minute>" for the test locator)
  std::string title;     // "Room Rhein"
  std::string detail;    // "8 seats · projector, video"
  std::vector<TimelineSpan> spans;
  bool unavailable = false;  // closed or not bookable: every cell disabled
};

struct TimelineOptions {
  int first_minute = 7 * 60;
  int last_minute = 19 * 60;
  int step_minutes = 30;
  int now_minute = -1;   // cells ending at or before this are in the past; -1: none are
};

struct TimelinePick {
  std::size_t row = 0;
  int start_minute = 0;  // the free cell picked
  int end_minute = 0;
};

// Draws the hours header and the rows; returns the free cell the person picked this frame.
// Cells are "timeline-<row identity>-<start minute>" and a room's title and detail
// "timeline-<row identity>-room" for the test locator. A closed room's row shows the unavailable
// state's icon and word once. Rows out of view are clipped, so a long list costs only what is on
// screen. The room column is as wide as its longest title or detail within limits (7 to 18 em,
// and no wider than the cells leave), and title and detail wrap within it, every row as tall as
// the tallest room's text needs, so no room's text is cut off. Cells are at least 2.25 em wide;
// when the day does not fit the width, the grid scrolls sideways with the room column kept in
// place, and (ImGui 1.86) is then a child region that the keyboard enters with Space, like the
// floor plan. ImGui's navigation
// skips disabled cells (past, closed), so the arrow keys visit only cells that can be picked or
// that say they are booked.
std::optional<TimelinePick> RoomTimeline(const char* identity, std::span<const TimelineRow> rows,
                                         const TimelineOptions& options, const SpotStyles& styles);

}  // namespace ui
