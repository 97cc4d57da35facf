// Private to the Desks view: helpers its files share (desks_view.cpp for the controls and rules;
// desks_plan.cpp for the plan, list and details; desks_rooms.cpp for the meeting rooms;
// my_bookings.cpp for the person's own bookings; desks_recurring.cpp for the weekly booking dialog
// and the report). Nothing here is used outside client/desks/ (and the conflict dialog); the
// handler's loads use shown_floor too, so that they load for the floor the view shows.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app_state.hpp"
#include "desks/desk_states.hpp"
#include "intents.hpp"
#include "stellwerk/widgets/floor_plan.hpp"

namespace stellwerk::client::desks {

// What every part of the view reasons with in one frame: the clock, the chosen time and whether a
// rule stops booking it.
struct Frame {
  Instant now{};
  Date day{};
  Interval time;
  std::optional<std::string> problem;  // chosen_time_problem
};
Frame frame_of(const AppState& state);
// What stops booking anything on the frame's day at all (its whole day from 00:00 to 24:00).
std::optional<std::string> whole_day_problem(const AppState& state, const Frame& frame);

// "Text###identity": translated text, fixed identity for ImGui and the test locator.
std::string labelled(std::string_view text, std::string_view identity);
// "09:30"
std::string clock_text(MinuteOfDay minute);
// "09:30" for an instant, in Berlin time.
std::string clock_text(Instant when);

const Building* shown_building(const AppState& state);
const Floor* shown_floor(const AppState& state);
const Resource* find_resource(const AppState& state, const Id& id);

// "Monitor, Docking station"; unknown features as they are.
std::string features_text(const Resource& resource);
// "Desk · Monitor, Docking station" / "Meeting room · 8 seats · Video conferencing"
std::string resource_summary(const Resource& resource);

bool is_favourite(const AppState& state, const Id& resource_id);
bool is_usual(const AppState& state, const Id& resource_id);
// The resource has every required feature and, with "only free", is free.
bool matches_filters(const AppState& state, const Resource& resource, ui::SpotState spot);

// The icons and words of the states in the person's language, for FloorPlan, RoomTimeline and lists.
ui::SpotStyles spot_styles();
// Icon and word of a state, e.g. in a list cell; never colour alone.
void spot_state_line(ui::SpotState state);

// A checkbox that reports its place to the test locator like ui::Button.
bool located_checkbox(const char* label, bool checked);

// A combo of times of day in `step`-minute steps from `first` to `last`; returns the time picked.
std::optional<MinuteOfDay> time_combo(const char* identity, MinuteOfDay value, MinuteOfDay first, MinuteOfDay last,
                                      int step);

// A day stepper: "‹ 1 day" [date] "1 day ›", each a button; returns the new day when one was pressed.
std::optional<Date> day_stepper(std::string_view identity, Date day);

// Why the person cannot book `resource` in the chosen time, in plain words, or nullptr when they
// can: the day's rule, someone else's booking, the accessible hold, another desk they hold.
const char* why_not_bookable(const AppState& state, const Frame& frame, const Resource& resource, ui::SpotState spot);

// A booking's state in words with its icon: "Booked", "Checked in · pending", …
void booking_state_line(const BookingSummary& booking);
// For a booking not checked in: "Released at 08:30 unless you check in", or when check-in opens.
void release_line(const AppState& state, const Frame& frame, const Booking& booking);
// "Check in" while its window is open, and "Cancel booking" with a "Yes, cancel" / "Keep" question
// (`cancelling` holds the booking asked about). Identities: "<prefix>check-in-<id>",
// "<prefix>cancel-<id>", "<prefix>cancel-confirm-<id>", "<prefix>cancel-keep-<id>".
void booking_buttons(const AppState& state, const Frame& frame, const BookingSummary& booking, Id& cancelling,
                     std::string_view prefix, Intents& out);

// The report of a booking or cancellation over several days (state.desks.report), with "Close".
void draw_report(const BookingReport& report, Intents& out);

}  // namespace stellwerk::client::desks
