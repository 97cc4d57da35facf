// The fixture of the Desks view's person-like tests (desks_ui_test.cpp: day, time, filters, the
// plan, details, favourites, recurring bookings, My bookings; desks_ui_rooms_test.cpp: meeting
// rooms, the rules before booking, the conflict dialog, twice the size): the person signed in on
// the Desks view, drawn headless in English.
#pragma once

#include <gtest/gtest.h>

#include "fixture_state.hpp"
#include "headless_ui.hpp"
#include "intent_checks.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/calendar.hpp"

namespace stellwerk::client::desks_ui_tests {

using testing::all_of_type;
using testing::HeadlessUi;
using testing::kToday;
using testing::signed_in_state;
using testing::single;

inline const Date kThursday = add_days(testing::kToday, 1);
inline const Date kSaturday = add_days(kToday, 3);

// The person signed in at a server, on the Desks view, at 07:00 on Wednesday (fixture_state).
inline AppState desks_state(Date day = kThursday, DeskLayout layout = DeskLayout::plan) {
  AppState state = signed_in_state();
  state.view = ViewId::desks;
  state.desks.day = day;
  state.desks.layout = layout;
  return state;
}

class DesksUiTest : public ::testing::Test {
 protected:
  void SetUp() override { assets::activate_language(i18n::Language::en); }
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  HeadlessUi ui;
};

}  // namespace stellwerk::client::desks_ui_tests
