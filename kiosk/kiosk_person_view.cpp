// The signed-in screens: the person's overview, booking a place here, and the confirmation with
// its QR code (see kiosk_view.hpp).
#include <algorithm>
#include <string>

#include <fmt/format.h>
#include <imgui.h>

#include "kiosk_view.hpp"
#include "labels.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/i18n.hpp"
#include "stellwerk/widgets/fonts.hpp"
#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/qr_code.hpp"
#include "stellwerk/widgets/widgets.hpp"

namespace stellwerk::kiosk {
namespace {

using i18n::tr;
using ui::em;

std::string when_text(const PersonBooking& booking) {
  return fmt::format("{}, {}", client::display_date(local_date(booking.start)), client::time_range(booking.start, booking.end));
}

void today_here(const KioskState& state, Intents& out) {
  const PersonBooking* booking = booking_here_today(state);
  if (booking == nullptr) {
    ui::StatusLine(ui::icon::info, tr("You have no booking in this building today."), ui::Tone::neutral);
    return;
  }
  const bool checked_in = booking->state == BookingState::checked_in;
  ui::StatusLine(checked_in ? ui::icon::check : ui::icon::desk,
                 fmt::format("{}: {} – {}", tr("Today here"), booking->place_name,
                             checked_in ? tr("checked in") : client::time_range(booking->start, booking->end)),
                 checked_in ? ui::Tone::ok : ui::Tone::neutral);
  if (checked_in) return;
  if (state.now < booking->check_in_opens_at) {
    ImGui::TextWrapped("%s", fmt::format(fmt::runtime(tr("Check-in opens at {}.")),
                                         clock_text(booking->check_in_opens_at)).c_str());
  } else if (TouchButton(labelled(fmt::format("{} {}", ui::icon::check, tr("Check in")).c_str(), "kiosk-check-in").c_str(), em(12))) {
    out.push_back(CheckIn{booking->id});
  }
}

void upcoming(const Person& person, Intents& out) {
  ui::Heading(ui::icon::calendar, tr("My bookings"));
  if (person.bookings.empty()) ui::EmptyState(tr("No bookings from today on."));
  for (const PersonBooking& booking : person.bookings) {
    ImGui::PushID(booking.id.c_str());
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(fmt::format("{}  {}{}", booking.place_name, when_text(booking),
                                       booking.state == BookingState::checked_in ? fmt::format(" – {}", tr("checked in")) : "").c_str());
    ImGui::SameLine();
    if (booking.state == BookingState::booked &&
        TouchButton(labelled(tr("Cancel"), fmt::format("kiosk-cancel-{}", booking.id).c_str()).c_str())) {
      out.push_back(CancelBooking{booking.id});
    }
    if (booking.state != BookingState::booked) ImGui::NewLine();
    ImGui::PopID();
  }
}

void week(const KioskState& state, const Person& person) {
  ui::Heading(ui::icon::calendar, tr("My week"));
  const Date monday = week_start(local_date(state.now));
  for (int i = 0; i < 5; ++i) {
    const Date day = add_days(monday, i);
    std::string plan;
    for (const PlanHalfDay& half : person.week) {
      if (half.date != day) continue;
      if (!plan.empty()) plan += ", ";
      plan += half.half == HalfDay::day ? client::label(half.mode)
                                        : fmt::format("{} {}", client::label(half.half), client::label(half.mode));
    }
    ImGui::TextUnformatted(fmt::format("{} {}: {}", client::weekday_short(i), client::short_date(day),
                                       plan.empty() ? tr("not planned") : plan).c_str());
  }
}

void trainings(const KioskState& state, const Person& person) {
  ui::Heading(ui::icon::training, tr("Mandatory trainings due"));
  if (person.due.empty()) ui::EmptyState(tr("No mandatory training is due."));
  const Date today = local_date(state.now);
  for (const DueTraining& training : person.due) {
    const int days = static_cast<int>((date::sys_days{training.due_on} - date::sys_days{today}).count());
    const bool overdue = days < 0;
    ui::StatusLine(overdue ? ui::icon::warning : ui::icon::clock,
                   fmt::format("{}: {}", training.title,
                               overdue ? fmt::format(fmt::runtime(tr("overdue since {}")), client::display_date(training.due_on))
                                       : fmt::format(fmt::runtime(tr("due {} ({} days left)")), client::display_date(training.due_on), days)),
                   overdue ? ui::Tone::danger : ui::Tone::warning);
  }
}

}  // namespace

void KioskView::person(const KioskState& state, Intents& out) {
  if (!state.person) return;
  const Person& person = *state.person;
  ImGui::PushFont(ui::fonts().heading);
  ImGui::TextUnformatted(fmt::format(fmt::runtime(tr("Hello, {}")), person.display_name).c_str());
  ImGui::PopFont();
  MessageLine(state);
  today_here(state, out);
  if (TouchButton(labelled(fmt::format("{} {}", ui::icon::desk, tr("Book a place")).c_str(), "kiosk-book").c_str(), em(14))) {
    out.push_back(StartBooking{});
  }
  ImGui::SameLine();
  if (TouchButton(labelled(fmt::format("{} {}", ui::icon::sign_out, tr("Done")).c_str(), "kiosk-done").c_str(), em(12))) {
    out.push_back(Done{});
  }
  ImGui::BeginChild("kiosk-person-lists", ImVec2(0, 0));
  upcoming(person, out);
  week(state, person);
  trainings(state, person);
  ImGui::EndChild();
}

void KioskView::book(const KioskState& state, Intents& out) {
  const BookingChoice& choice = state.booking;
  if (TouchButton(labelled(fmt::format("{} {}", ui::icon::left, tr("Back")).c_str(), "kiosk-back").c_str())) out.push_back(Back{});
  ImGui::SameLine();
  if (TouchButton(labelled(tr("Done"), "kiosk-done").c_str())) out.push_back(Done{});
  // The next five bookable days, today first while it can still be booked.
  const std::vector<Date> days = state.person ? bookable_days(state.person->policy, state.now, 5) : std::vector<Date>{};
  for (std::size_t i = 0; i < days.size(); ++i) {
    const Date day = days[i];
    if (i > 0) ui::SameLineIfFits(touch_size() * 2);
    const std::string text = fmt::format("{}{}{} {}", day == choice.day ? ui::icon::check : "", day == choice.day ? " " : "",
                                         client::weekday_short(weekday_index(day)), client::short_date(day));
    if (TouchButton(labelled(text.c_str(), fmt::format("kiosk-day-{}", format_date(day)).c_str()).c_str())) {
      out.push_back(PickDay{day});
    }
  }
  MessageLine(state);
  if (choice.loading) {
    ui::EmptyState(tr("Loading the places for this day…"));
    return;
  }
  const std::size_t before = book_floor_;
  floor_tabs(state.today, book_floor_, "kiosk-book-floor");
  if (state.today.floors.empty()) return;
  const Id& floor_id = state.today.floors[book_floor_].id;
  if (before != book_floor_) out.push_back(PickFloor{floor_id});
  if (choice.selected) {
    const auto place = std::find_if(choice.places.begin(), choice.places.end(), [&](const Place& p) { return p.id == *choice.selected; });
    if (place != choice.places.end()) {
      ImGui::PushFont(ui::fonts().heading);
      ImGui::TextWrapped("%s", fmt::format(fmt::runtime(tr("Book {} on {}?")), place->name, client::long_date(choice.day)).c_str());
      ImGui::PopFont();
      if (TouchButton(labelled(fmt::format("{} {}", ui::icon::check, tr("Book")).c_str(), "kiosk-confirm-book").c_str(), em(10))) {
        out.push_back(ConfirmBooking{});
      }
      ImGui::SameLine();
      if (TouchButton(labelled(tr("Choose another"), "kiosk-choose-another").c_str(), em(10))) out.push_back(PickPlace{});
    }
  }
  // The free places of the floor as a list of large buttons (the touch path), and the plan beside.
  const float list_width = std::max(em(14), ImGui::GetContentRegionAvail().x * 0.3f);
  ImGui::BeginChild("kiosk-free-places", ImVec2(list_width, 0), true);
  int free = 0;
  for (const Place& place : choice.places) {
    if (place.floor_id != floor_id || place.state != ui::SpotState::free) continue;
    ++free;
    const std::string text = fmt::format("{} {}{}", client::icon(place.type), place.name,
                                         place.type == ResourceType::room ? fmt::format(" ({})", place.capacity) : "");
    if (TouchButton(labelled(text.c_str(), fmt::format("kiosk-place-{}", place.id).c_str()).c_str(), ImGui::GetContentRegionAvail().x)) {
      out.push_back(PickPlace{place.id});
    }
  }
  if (free == 0) ui::EmptyState(tr("No place on this floor is free that day."));
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("kiosk-book-plan", ImVec2(0, 0));
  plan(state, choice.places, floor_id, book_plan_, std::max(em(12), ImGui::GetContentRegionAvail().y - touch_size() - em(3.0f)), &out);
  ImGui::EndChild();
}

void KioskView::confirmation(const KioskState& state, Intents& out) {
  if (!state.confirmation) return;
  const Confirmation& booked = *state.confirmation;
  ui::StatusLine(ui::icon::check, fmt::format(fmt::runtime(tr("Booked: {} on {}, {}")), booked.place_name,
                                              client::long_date(local_date(booked.start)), client::time_range(booked.start, booked.end)),
                 ui::Tone::ok);
  if (booked.qr) {
    ImGui::TextWrapped("%s", tr("Scan the code with your phone to add the booking to your calendar. Nothing is stored on this kiosk."));
    ui::QrCode("kiosk-qr", *booked.qr, std::max(4.0f, em(0.3f)), tr("QR code with the booking as a calendar entry"));
  }
  if (TouchButton(labelled(tr("Back to my overview"), "kiosk-overview").c_str(), em(14))) out.push_back(Back{});
  ImGui::SameLine();
  if (TouchButton(labelled(fmt::format("{} {}", ui::icon::sign_out, tr("Done")).c_str(), "kiosk-done").c_str(), em(12))) {
    out.push_back(Done{});
  }
}

}  // namespace stellwerk::kiosk
