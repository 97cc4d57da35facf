// ui::RoomTimeline driven like a person: picking a free cell with the mouse and with the arrow
// keys and Enter, busy, past and closed cells that cannot be picked, what the grid says (hours,
// rooms, the words of bookings, long room details, short bookings), how past cells look, rows
// clipped out of view, and the sideways-scrolling layout.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <imgui_internal.h>  // ImGui::FindWindowByName: the draw list of the test window

#include "stellwerk/widgets/icons.hpp"
#include "stellwerk/widgets/room_timeline.hpp"
#include "german_styles.hpp"
#include "widget_session.hpp"

namespace {

using widget_tests::WidgetSession;
namespace key = widget_tests::key;

using widget_tests::german_styles;

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

// --- Long room text, short bookings, past cells -------------------------------------------------

class RoomTextAtEveryScale : public ::testing::TestWithParam<float> {};

TEST_P(RoomTextAtEveryScale, LongTitlesAndDetailsWrapWithinTheRoomColumn) {
  // Nothing of a room's text is cut off: it wraps within the room column, and the rows grow to
  // hold it, at 100 % and at 200 % (where the grid scrolls sideways beside the room column).
  WidgetSession session(ui::ThemeId::light, GetParam());
  const std::vector<ui::TimelineRow> rows = {
      {"rhein", "Raum Rhein", "8 Plätze · Beamer", {}, false},
      {"gross", "Großer Konferenzraum Rheinblick",
       "12 Plätze · Videokonferenz, Whiteboard, Beamer, höhenverstellbare Tische, barrierefrei", {}, false}};
  ui::TimelineOptions options;
  session.frame([&] { ui::RoomTimeline("rooms", rows, options, german_styles()); });
  for (const char* words : {"Großer Konferenzraum Rheinblick", "höhenverstellbare Tische, barrierefrei"}) {
    EXPECT_TRUE(session.shows_text(words)) << words;
  }
  for (const char* room : {"rhein", "gross"}) {
    const auto text = session.find(std::string("timeline-") + room + "-room");
    const auto first_cell = session.find(std::string("timeline-") + room + "-420");
    ASSERT_TRUE(text) << room;
    ASSERT_TRUE(first_cell) << room;
    EXPECT_LT(text->max.x, first_cell->min.x) << room << ": the text runs into the cells";
    EXPECT_GE(text->min.y, first_cell->min.y - 0.5f) << room;
    EXPECT_LE(text->max.y, first_cell->max.y + 0.5f) << room << ": the text is taller than its row";
  }
  const auto wrapped = session.find("timeline-gross-room");
  ASSERT_TRUE(wrapped);
  EXPECT_GT(wrapped->max.y - wrapped->min.y, 2.5f * ImGui::GetTextLineHeight()) << "the long detail does not wrap";
}

std::string scale_name(const ::testing::TestParamInfo<float>& info) {
  return info.param == 1.0f ? std::string("at_100") : std::string("at_200");
}

INSTANTIATE_TEST_SUITE_P(Scales, RoomTextAtEveryScale, ::testing::Values(1.0f, 2.0f), scale_name);

TEST_F(RoomTimelineTest, AShortBookingShowsItsIconAShortenedWordAndTheWholeWordOnHover) {
  // One hour of the person's own booking is two cells: room for the icon and the start of the
  // word, not all of it. Half an hour pending is one cell: the icon alone. The tooltip of every
  // busy cell says the word in full, with the time of the whole booking.
  rows = {{"klein", "Raum Klein", "4 Plätze",
           {{11 * 60, 12 * 60, ui::SpotState::mine}, {14 * 60, 14 * 60 + 30, ui::SpotState::pending}}, false}};
  session->frame(draw());
  EXPECT_TRUE(session->shows_text(ui::icon::home)) << session->text();
  // How much of the word fits depends on the font; that it is cut, and where, shows in the log.
  const std::string& text = session->text();
  const std::size_t ellipsis = text.find("\xe2\x80\xa6");  // "…"
  ASSERT_NE(ellipsis, std::string::npos) << "no shortened word: " << text;
  const std::size_t word = text.rfind("mei", ellipsis);
  ASSERT_NE(word, std::string::npos) << text;
  EXPECT_EQ(std::string("meine Buchung").find(text.substr(word, ellipsis - word)), 0u) << text;
  EXPECT_FALSE(session->shows_text("meine Buchung")) << text;
  EXPECT_TRUE(session->shows_text(ui::icon::pending)) << session->text();
  EXPECT_FALSE(session->shows_text("aus")) << "no room for any of the word: " << session->text();

  const auto second_cell = session->find("timeline-klein-690");
  ASSERT_TRUE(second_cell);
  ImGui::GetIO().MousePos = second_cell->center();
  session->frames(draw(), 2);
  EXPECT_TRUE(session->shows_text("11:00\xe2\x80\x93"
                                  "12:00")) << session->text();
  EXPECT_TRUE(session->shows_text("meine Buchung")) << session->text();

  const auto pending = session->find("timeline-klein-840");
  ASSERT_TRUE(pending);
  ImGui::GetIO().MousePos = pending->center();
  session->frames(draw(), 2);
  EXPECT_TRUE(session->shows_text("ausstehend")) << session->text();
}

TEST_F(RoomTimelineTest, TheKeyboardFocusOnABusyCellShowsItsWordToo) {
  rows = {{"klein", "Raum Klein", "4 Plätze", {{14 * 60, 14 * 60 + 30, ui::SpotState::pending}}, false}};
  ASSERT_TRUE(session->click("timeline-klein-810", draw()));  // 13:30, free
  session->press_key(key::right, draw());                      // 14:00, pending
  session->frame(draw());
  EXPECT_TRUE(session->shows_text("14:00\xe2\x80\x93"
                                  "14:30")) << session->text();
  EXPECT_TRUE(session->shows_text("ausstehend")) << session->text();
}

TEST_F(RoomTimelineTest, PastCellsAreHatchedNotJustColoured) {
  // 7:00–8:00 is past: its free cells carry diagonal lines over their fill, which no free cell to
  // come has. Fill and border take the same vertices in every free cell; the lines add more.
  session->frame(draw());
  ImGuiWindow* window = ImGui::FindWindowByName("###widget-test");
  ASSERT_NE(window, nullptr);
  const auto vertices_in = [&](const char* identity) {
    const auto cell = session->find(identity);
    EXPECT_TRUE(cell) << identity;
    if (!cell) return -1;
    const ImRect r(cell->min, cell->max);
    int count = 0;
    for (const ImDrawVert& v : window->DrawList->VtxBuffer) count += r.Contains(v.pos) ? 1 : 0;
    return count;
  };
  const int to_come = vertices_in("timeline-rhein-690");  // 11:30 (8:00 has the line of now on its edge)
  EXPECT_EQ(vertices_in("timeline-rhein-720"), to_come) << "free cells to come differ";
  EXPECT_GE(vertices_in("timeline-rhein-420"), to_come + 16) << "07:00 (past) is not hatched";
  EXPECT_GE(vertices_in("timeline-rhein-450"), to_come + 16) << "07:30 (past) is not hatched";
}

TEST_F(RoomTimelineTest, NoRoomsDrawNothing) {
  rows.clear();
  session->frame(draw());
  EXPECT_EQ(session->items_recorded(), 0u);
  EXPECT_FALSE(picked);
}

}  // namespace
