// The Desks view's meeting rooms: one day timeline per room of the floor (ui::RoomTimeline) with
// its seats and equipment, others' bookings as "booked" and the person's own as "my booking" or
// "pending". Picking a free cell fills a small form with that half hour; the person can stretch
// the end (or move the start) before booking, and the form says when the time overlaps a booking.
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <imgui.h>

#include "labels.hpp"
#include "desks/desks_parts.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/placement.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/room_timeline.hpp"
#include "stellwerk/widgets/widgets.hpp"
#include "desks/desks_view.hpp"

namespace stellwerk::client {
namespace {

using desks::Frame;
using desks::labelled;
using i18n::tr;

constexpr int kStep = 30;

// The person's own bookings of `room` on `day`.
std::vector<const BookingSummary*> my_room_bookings(const AppState& state, const Id& room, Date day) {
  std::vector<const BookingSummary*> mine;
  for (const BookingSummary& b : state.data.bookings) {
    if (b.booking.resource_id == room && is_active(b.booking.state) && local_date(b.booking.start) == day) {
      mine.push_back(&b);
    }
  }
  return mine;
}

std::vector<ui::TimelineSpan> spans_of(const AppState& state, const Id& room, Date day) {
  std::vector<ui::TimelineSpan> spans;
  for (const BusyTime& busy : state.desks.busy) {
    if (busy.resource_id != room) continue;
    spans.push_back(ui::TimelineSpan{local_minute(busy.start), local_minute(busy.end), ui::SpotState::booked});
  }
  for (const BookingSummary* b : my_room_bookings(state, room, day)) {
    spans.push_back(ui::TimelineSpan{local_minute(b->booking.start), local_minute(b->booking.end),
                                     b->pending ? ui::SpotState::pending : ui::SpotState::mine});
  }
  for (ui::TimelineSpan& span : spans) {
    if (span.end_minute == 0) span.end_minute = 24 * 60;  // a booking ending at midnight
  }
  return spans;
}

// "8 seats · Video conferencing, Whiteboard"
std::string room_detail(const Resource& room) {
  const auto seats = static_cast<unsigned long>(room.capacity);
  std::string text = fmt::format(fmt::runtime(i18n::trn("{} seat", "{} seats", seats)), seats);
  const std::string features = desks::features_text(room);
  if (!features.empty()) text += " · " + features;
  return text;
}

bool overlaps_any(const std::vector<ui::TimelineSpan>& spans, MinuteRange range) {
  return std::any_of(spans.begin(), spans.end(), [&](const ui::TimelineSpan& s) {
    return s.start_minute < range.end && s.end_minute > range.start;
  });
}

}  // namespace

// Long because it is one table drawn top to bottom (a row per room, its timeline and the form for a
// picked cell) between ImGui's BeginTable and EndTable, which must stay paired in one scope.
void DesksView::draw_rooms(const AppState& state, Intents& out) {
  const Frame frame = desks::frame_of(state);
  const DepartmentPolicy& policy = policy_of(state);
  std::vector<const Resource*> rooms;
  std::size_t all_rooms = 0;
  for (const Resource& r : state.desks.resources) {
    if (r.type != ResourceType::room) continue;
    ++all_rooms;
    if (has_features(r, state.desks.required_features)) rooms.push_back(&r);
  }
  if (all_rooms == 0) {
    ui::EmptyState(tr("This floor has no meeting rooms."));
    return;
  }
  if (rooms.empty()) {
    ui::EmptyState(tr("No meeting room on this floor has the features chosen in the filters."));
    return;
  }
  // A room is booked by the half hour, so the rule that counts is the day's, not the chosen slot's.
  const std::optional<std::string> day_problem = desks::whole_day_problem(state, frame);

  // The department's working day with an hour either side, in whole hours: 07:00–18:00 for
  // 08:00–17:00, which fits the window at 100 % without scrolling sideways.
  ui::TimelineOptions options;
  options.first_minute = std::max(0, policy.day.start / 60 * 60 - 60);
  options.last_minute = std::min(24 * 60, (policy.day.end + 59) / 60 * 60 + 60);
  options.step_minutes = kStep;
  if (frame.day == local_date(frame.now)) options.now_minute = local_minute(frame.now);

  std::vector<ui::TimelineRow> rows;
  rows.reserve(rooms.size());
  for (const Resource* room : rooms) {
    ui::TimelineRow row;
    row.identity = room->id;
    row.title = fmt::format("{} {}", icon(room->type), room->name);
    row.detail = room_detail(*room);
    row.spans = spans_of(state, room->id, frame.day);
    row.unavailable = day_problem.has_value();
    rows.push_back(std::move(row));
  }
  ImGui::TextWrapped("%s", tr("Choose a free half hour in a room's row to book it; you can change the end before booking."));
  const ui::SpotStyles styles = desks::spot_styles();
  if (const auto pick = ui::RoomTimeline("room-timeline", rows, options, styles)) {
    if (pick->row < rooms.size()) room_form_ = RoomForm{rooms[pick->row]->id, MinuteRange{pick->start_minute, pick->end_minute}};
  }

  // The booking form for the picked cell.
  if (room_form_) {
    const Resource* room = desks::find_resource(state, room_form_->room_id);
    if (room == nullptr) {
      room_form_.reset();  // another floor
    } else {
      ImGui::Separator();
      MinuteRange& range = room_form_->range;
      ImGui::TextWrapped("%s", fmt::format(fmt::runtime(tr("Book {0} on {1}")), room->name, long_date(frame.day)).c_str());
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(tr("from"));
      ImGui::SameLine();
      if (const auto start = desks::time_combo("room-start", range.start, options.first_minute,
                                               options.last_minute - kStep, kStep)) {
        range.start = *start;
        if (range.end <= range.start) range.end = range.start + kStep;
      }
      ImGui::SameLine();
      ImGui::TextUnformatted(tr("to"));
      ImGui::SameLine();
      if (const auto end = desks::time_combo("room-end", range.end, options.first_minute + kStep, options.last_minute, kStep)) {
        range.end = *end;
        if (range.start >= range.end) range.start = range.end - kStep;
      }
      const bool taken = overlaps_any(spans_of(state, room->id, frame.day), range);
      const bool past = to_instant(frame.day, range.end) <= frame.now;
      const char* why = day_problem ? problem_text(*day_problem)
                        : past      ? problem_text(Refusal::past)
                        : taken     ? problem_text(Refusal::resource_taken)
                                    : nullptr;
      if (why != nullptr) ui::StatusLine(ui::icon::info, why, ui::Tone::warning);
      if (why != nullptr) ImGui::BeginDisabled();
      const std::string book = labelled(tr("Book"), "room-book");
      if (ui::Button(book.c_str())) {
        out.push_back(BookResource{room->id, frame.day, HalfDay::day, range});
        room_form_.reset();
      }
      if (why != nullptr) ImGui::EndDisabled();
      const std::string cancel = labelled(tr("Cancel"), "room-cancel");
      ui::SameLineIfFits(ui::ButtonWidth(cancel.c_str()));
      if (ui::Button(cancel.c_str())) room_form_.reset();
    }
  }

  // The person's own room bookings of the day, with what they can do about them.
  bool heading = false;
  for (const Resource* room : rooms) {
    for (const BookingSummary* b : my_room_bookings(state, room->id, frame.day)) {
      if (!heading) {
        ImGui::Separator();
        ImGui::TextUnformatted(tr("My meeting room bookings on this day"));
        heading = true;
      }
      ImGui::PushID(b->booking.id.c_str());
      ImGui::Bullet();
      ImGui::TextUnformatted(fmt::format("{} · {}", room->name, time_range(b->booking.start, b->booking.end)).c_str());
      ImGui::Indent();
      desks::booking_state_line(*b);
      desks::release_line(state, frame, b->booking);
      desks::booking_buttons(state, frame, *b, cancelling_, "room-", out);
      ImGui::Unindent();
      ImGui::PopID();
    }
  }
}

}  // namespace stellwerk::client
