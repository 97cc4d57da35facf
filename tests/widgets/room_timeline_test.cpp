// ui::RoomTimeline driven like a person: picking a free cell with the mouse and with the arrow
// keys and Enter, busy, past and closed cells that cannot be picked, what the grid says (hours,
// rooms, the words of bookings), rows clipped out of view, and the sideways-scrolling layout.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/room_timeline.hpp"
#include "widget_session.hpp"

namespace {

using widget_tests::WidgetSession;
namespace key = widget_tests::key;

ui::SpotStyles german_styles() {
  ui::SpotStyles styles;
  styles[static_cast<std::size_t>(ui::SpotState::free)] = {ui::icon::check, "frei"};
  styles[static_cast<std::size_t>(ui::SpotState::booked)] = {ui::icon::user, "gebucht"};
  styles[static_cast<std::size_t>(ui::SpotState::mine)] = {ui::icon::home, "meine Buchung"};
  styles[static_cast<std::size_t>(ui::SpotState::pending)] = {ui::icon::pending, "ausstehend"};
  styles[static_cast<std::size_t>(ui::SpotState::unavailable)] = {ui::icon::cancel, "nicht verfügbar"};
  styles[static_cast<std::size_t>(ui::SpotState::reserved_accessible)] = {ui::icon::accessible, "barrierefrei"};
  return styles;
}

std::size_t occurrences(const std::string& text, const std::string& word) {
  std::size_t count = 0;
  for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + word.size())) ++count;
  return count;
}

class RoomTimelineTest : public ::testing::Test {
 protected:
  RoomTimelineTest() {
    // Rhein: booked 9:00–10:30 by someone, 13:00–16:00 by the person. Main: closed today.
    rows.push_back({"rhein", "Raum Rhein", "8 Plätze · Beamer",
                    {{9 * 60, 10 * 60 + 30, ui::SpotState::booked}, {13 * 60, 16 * 60, ui::SpotState::mine}},
                    false});
    rows.push_back({"main", "Raum Main", "4 Plätze", {}, true});
    options.now_minute = 8 * 60;  // 7:00–8:00 is past
  }

  std::unique_ptr<WidgetSession> session = std::make_unique<WidgetSession>();
  std::vector<ui::TimelineRow> rows;
  ui::TimelineOptions options;
  ui::SpotStyles styles = german_styles();
  std::optional<ui::TimelinePick> picked;  // the last pick since the test reset it

  WidgetSession::Draw draw() {
    return [this] {
      if (const auto pick = ui::RoomTimeline("rooms", rows, options, styles)) picked = pick;
    };
  }
};

TEST_F(RoomTimelineTest, ClickOnAFreeCellPicksIt) {
  ASSERT_TRUE(session->click("timeline-rhein-660", draw()));  // 11:00
  ASSERT_TRUE(picked);
  EXPECT_EQ(picked->row, 0u);
  EXPECT_EQ(picked->start_minute, 660);
  EXPECT_EQ(picked->end_minute, 690);
}

TEST_F(RoomTimelineTest, BusyCellsCannotBePicked) {
  // 9:00, 9:30 and 10:00 are someone else's booking, 13:00 the person's own.
  for (const char* cell : {"timeline-rhein-540", "timeline-rhein-570", "timeline-rhein-600", "timeline-rhein-780"}) {
    ASSERT_TRUE(session->click(cell, draw()));
    EXPECT_FALSE(picked) << cell;
  }
  ASSERT_TRUE(session->click("timeline-rhein-630", draw()));  // 10:30, right after it
  EXPECT_TRUE(picked);
}

TEST_F(RoomTimelineTest, PastCellsCannotBePicked) {
  ASSERT_TRUE(session->click("timeline-rhein-420", draw()));
  EXPECT_FALSE(picked);
  ASSERT_TRUE(session->click("timeline-rhein-450", draw()));
  EXPECT_FALSE(picked);
  ASSERT_TRUE(session->click("timeline-rhein-480", draw()));  // 8:00, now: still to come
  ASSERT_TRUE(picked);
  EXPECT_EQ(picked->start_minute, 480);
}

TEST_F(RoomTimelineTest, AClosedRoomCannotBePicked) {
  ASSERT_TRUE(session->click("timeline-main-600", draw()));
  EXPECT_FALSE(picked);
}

TEST_F(RoomTimelineTest, ArrowKeysAndEnterPickACell) {
  ASSERT_TRUE(session->click("timeline-rhein-660", draw()));  // 11:00
  picked.reset();
  session->press_key(key::right, draw());
  EXPECT_FALSE(picked) << "moving the focus must not pick";
  session->press_key(key::enter, draw());
  ASSERT_TRUE(picked);
  EXPECT_EQ(picked->row, 0u);
  EXPECT_EQ(picked->start_minute, 690);
  picked.reset();
  session->press_key(key::right, draw());
  session->press_key(key::space, draw());
  ASSERT_TRUE(picked);
  EXPECT_EQ(picked->start_minute, 720);
}

TEST_F(RoomTimelineTest, ArrowKeysReachABusyCellButEnterDoesNotPickIt) {
  ASSERT_TRUE(session->click("timeline-rhein-480", draw()));  // 8:00
  picked.reset();
  session->press_key(key::right, draw());  // 8:30
  session->press_key(key::right, draw());  // 9:00, booked
  session->press_key(key::enter, draw());
  EXPECT_FALSE(picked);
}

TEST_F(RoomTimelineTest, KeyboardAloneWalksTheGridToAFreeCell) {
  session->frames(draw(), 2);
  // ImGui 1.86 skips disabled items: the first key puts the focus on 8:00, the first cell that is
  // not past, and Right moves it to 8:30.
  session->press_key(key::down, draw());
  for (int i = 0; i < 12 && !picked; ++i) {
    session->press_key(key::right, draw());
    session->press_key(key::enter, draw());
  }
  ASSERT_TRUE(picked) << "no free cell picked with the keyboard alone";
  EXPECT_EQ(picked->row, 0u);
  EXPECT_EQ(picked->start_minute, 510);
}

TEST_F(RoomTimelineTest, ShowsHoursRoomsAndTheWordsOfBookings) {
  session->frame(draw());
  for (const char* hour : {"07:00", "08:00", "12:00", "18:00"}) EXPECT_TRUE(session->shows_text(hour)) << hour;
  EXPECT_FALSE(session->shows_text("19:00")) << "the last hour shown ends at 19:00";
  EXPECT_TRUE(session->shows_text("Raum Rhein"));
  EXPECT_TRUE(session->shows_text("8 Plätze · Beamer"));
  EXPECT_TRUE(session->shows_text("Raum Main"));
  // The word once per booking, at its start; its icon on every cell the word does not reach.
  EXPECT_EQ(occurrences(session->text(), "gebucht"), 1u) << session->text();
  EXPECT_EQ(occurrences(session->text(), "meine Buchung"), 1u) << session->text();
  EXPECT_GE(occurrences(session->text(), ui::icon::home), 2u) << "a 3-hour booking shows its icon more than once";
}

TEST_F(RoomTimelineTest, RowsOutOfViewAreClipped) {
  // ImGuiListClipper clips nothing while ImGui logs text, so this test reads no text.
  session->set_logging(false);
  rows.clear();
  for (int i = 0; i < 100; ++i) {
    rows.push_back({"room" + std::to_string(i), "Raum " + std::to_string(i), "6 Plätze", {}, false});
  }
  session->frame(draw());
  EXPECT_TRUE(session->shows("timeline-room0-600"));
  EXPECT_FALSE(session->shows("timeline-room99-600"));
  EXPECT_LT(session->items_recorded(), 30u * 24u);
}

TEST_F(RoomTimelineTest, AtTwiceTheSizeTheGridScrollsSidewaysAndStillPicks) {
  session.reset();  // one ImGui context at a time: the old one's end would unset the new one
  session = std::make_unique<WidgetSession>(ui::ThemeId::high_contrast, 2.0f);
  session->frame(draw());
  const auto first = session->find("timeline-rhein-480");
  ASSERT_TRUE(first);
  EXPECT_GE(first->max.x - first->min.x, 64.0f) << "cells stay wide enough to hit at 200 %";
  EXPECT_FALSE(session->shows("timeline-rhein-1110")) << "the evening is out of view until scrolled to";
  ASSERT_TRUE(session->click("timeline-rhein-480", draw()));
  ASSERT_TRUE(picked);
  EXPECT_EQ(picked->start_minute, 480);
}

TEST_F(RoomTimelineTest, AtTwiceTheSizeTheKeyboardEntersTheScrollingGridWithSpace) {
  session.reset();
  session = std::make_unique<WidgetSession>(ui::ThemeId::light, 2.0f);
  session->frames(draw(), 2);
  session->press_key(key::down, draw());   // the grid, one item of the window around it
  session->press_key(key::space, draw());  // into it: the focus lands on 8:00, the first cell not past
  EXPECT_FALSE(picked) << "the Space that enters the grid must not also pick";
  session->press_key(key::right, draw());
  session->press_key(key::enter, draw());
  ASSERT_TRUE(picked);
  EXPECT_EQ(picked->row, 0u);
  EXPECT_EQ(picked->start_minute, 510);
}

TEST_F(RoomTimelineTest, NoRoomsDrawNothing) {
  rows.clear();
  session->frame(draw());
  EXPECT_EQ(session->items_recorded(), 0u);
  EXPECT_FALSE(picked);
}

}  // namespace
