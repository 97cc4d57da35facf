// Layout checks of every view: nothing lies outside the part of its window a person can see or
// scroll to, and no label is cut. Each view (Home, Desks in its four layouts, Schedule, Training,
// Settings, sign-in) is drawn with the fixture state in German and English at 100, 150 and 200 %
// in a 1280×800 display, and at 200 % in 1920×1080 as well, at every half page the view scrolls to
// (the floor plan draws only what is in sight, and at 200 % it lies below the fold).
//
// The hook: this test binary is linked with `-Wl,--wrap` for ImGui::ItemAdd, RenderText,
// RenderTextClipped, RenderTextWrapped and RenderTextEllipsis (tests/client/CMakeLists.txt). Dear
// ImGui's widgets (imgui_widgets.o, imgui_tables.o in Debian's libimgui.a) and our own code call
// these across object files, so every button, checkbox, selectable, text, table header and plan
// spot passes through the probe below before ImGui itself handles it; the probe notes what it
// needs and forwards the call unchanged. Debian's library is built without IMGUI_ENABLE_TEST_ENGINE,
// whose ItemAdd hook would be the official way. The probe only records while a check runs.
//
// What "outside" and "cut" mean here, exactly:
// - An item with an id (anything a person can operate) must lie horizontally inside the clip rect
//   ImGui gave it, its window's visible inner area, unless that window (or one around it) scrolls
//   sideways (the room timeline does): else a part beyond that edge is simply not shown.
//   Vertically an item may lie beyond the visible area only when its window or one around it
//   scrolls vertically (a person scrolls there); in a window that cannot scroll it must lie inside.
//   Inside a table a cell's frame is ImGui's business (header cells and whole-row highlights reach
//   into the padding around the cells by design); what a cell shows is checked by its text, and a
//   button or field cut by its cell has its label cut.
// - Text (labels, cells) must fit where it is drawn: the text's width fits the space up to the
//   edge its clip rect sets (a button's or selectable's frame, a table cell, the window), by the
//   same rule. Items without an id are text, spacing and separators: their text is checked this way.
// - Two operable items outside tables in one window do not cover each other (the floor plan's
//   spots on its canvas excepted).
// - Text shortened on purpose ("Besprechu…", drawn by ImGui::RenderTextEllipsis, which our
//   ui::TextFitted and ImGui's table headers use) is allowed, but hovering it must show a tooltip
//   with the full text.
// One pixel of slack absorbs rounding of fractional layout positions.
#include <algorithm>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <imgui_internal.h>

#include "fixture_state.hpp"
#include "headless_ui.hpp"
#include "presence_fixture.hpp"
#include "stellwerk/assets/catalogs.hpp"

// --- [SECTION] The probe ---------------------------------------------------------------------------

namespace probe {

struct Problem {
  std::string what;
};

struct Ellipsis {
  std::string text;
  ImVec2 centre;
  ImGuiWindow* window = nullptr;
};

// An operable item outside tables, for the overlap check.
struct Placed {
  ImRect rect;
  ImGuiID id = 0;
  ImGuiWindow* window = nullptr;
};

bool g_on = false;
std::vector<Placed> g_placed;
std::vector<Problem> g_problems;
std::vector<Ellipsis> g_ellipses;
std::string g_tooltip_text;  // text drawn in tooltip windows

constexpr float kSlack = 1.0f;

bool scrolls_x(const ImGuiWindow* window) {
  for (; window != nullptr; window = window->ParentWindow) {
    if (window->ScrollMax.x > 0.0f && (window->Flags & ImGuiWindowFlags_HorizontalScrollbar) != 0) return true;
  }
  return false;
}

bool scrolls_y(const ImGuiWindow* window) {
  for (; window != nullptr; window = window->ParentWindow) {
    if (window->ScrollMax.y > 0.0f && (window->Flags & ImGuiWindowFlags_NoScrollbar) == 0) return true;
  }
  return false;
}

std::string window_name(const ImGuiWindow* window) { return window != nullptr ? window->Name : "?"; }

// Whether [min, max] leaves `clip`; names the side.
const char* outside(const ImVec2& min, const ImVec2& max, const ImRect& clip, const ImGuiWindow* window) {
  if (!scrolls_x(window)) {
    if (min.x < clip.Min.x - kSlack) return "left";
    if (max.x > clip.Max.x + kSlack) return "right";
  }
  if (!scrolls_y(window)) {
    if (min.y < clip.Min.y - kSlack) return "top";
    if (max.y > clip.Max.y + kSlack) return "bottom";
  }
  return nullptr;
}

void note(std::string what) { g_problems.push_back({std::move(what)}); }

const char* text_end_of(const char* text, const char* text_end, bool hide_after_hash) {
  if (text_end == nullptr) text_end = text + std::strlen(text);
  return hide_after_hash ? ImGui::FindRenderedTextEnd(text, text_end) : text_end;
}

// `wrap_width` > 0: the text is broken into lines that wide (ImGui breaks a word that alone is
// wider), so only a wrap width beyond the clip rect cuts it.
void check_text(const char* kind, ImVec2 pos, const char* text, const char* end, const ImRect& clip,
                float wrap_width = 0.0f) {
  ImGuiWindow* window = GImGui->CurrentWindow;
  if (window == nullptr || text == end) return;
  if ((window->Flags & ImGuiWindowFlags_Tooltip) != 0) {
    g_tooltip_text.append(text, end).append("\n");
    return;
  }
  const ImVec2 size = ImGui::CalcTextSize(text, end, false, wrap_width);
  if (const char* side = outside(pos, ImVec2(pos.x + size.x, pos.y + size.y), clip, window)) {
    note(fmt::format("{} '{}' in {} is cut at the {} ({:.0f}..{:.0f} drawn, {:.0f}..{:.0f} shown)", kind,
                     std::string(text, end), window_name(window), side, pos.x, pos.x + size.x, clip.Min.x, clip.Max.x));
  }
}

// Two operable items of one window must not cover each other (more than the slack), or a click
// meant for one hits the other and one's label hides the other's. The floor plan is exempt: its
// spots lie on its canvas by design (the canvas takes the clicks on empty floor).
void check_overlaps() {
  for (std::size_t a = 0; a < g_placed.size(); ++a) {
    for (std::size_t b = a + 1; b < g_placed.size(); ++b) {
      const Placed& p = g_placed[a];
      const Placed& q = g_placed[b];
      if (p.window != q.window || p.id == q.id) continue;
      if (std::string_view(p.window->Name).find("##plan") != std::string_view::npos) continue;
      ImRect both = p.rect;
      both.ClipWithFull(q.rect);
      if (both.GetWidth() > kSlack && both.GetHeight() > kSlack) {
        note(fmt::format("items {:#x} and {:#x} in {} overlap ({:.0f},{:.0f}..{:.0f},{:.0f})", p.id, q.id,
                         window_name(p.window), both.Min.x, both.Min.y, both.Max.x, both.Max.y));
      }
    }
  }
}

// What the current window shows: its visible inner area, or inside a table the current cell (a
// table sets the window's clip rect per column while ImGui's draw splitter takes its draw commands).
ImRect draw_clip() { return GImGui->CurrentWindow->ClipRect; }

}  // namespace probe

// The wrapped functions, by their mangled names (the linker's --wrap works on symbols).
extern "C" {
bool __real__ZN5ImGui7ItemAddERK6ImRectjPS1_i(const ImRect& bb, ImGuiID id, const ImRect* nav_bb, ImGuiItemFlags flags);
void __real__ZN5ImGui10RenderTextE6ImVec2PKcS2_b(ImVec2 pos, const char* text, const char* text_end, bool hide);
void __real__ZN5ImGui17RenderTextClippedERK6ImVec2S2_PKcS4_PS1_S2_PK6ImRect(const ImVec2& pos_min, const ImVec2& pos_max,
                                                                            const char* text, const char* text_end,
                                                                            const ImVec2* text_size, const ImVec2& align,
                                                                            const ImRect* clip_rect);
void __real__ZN5ImGui17RenderTextWrappedE6ImVec2PKcS2_f(ImVec2 pos, const char* text, const char* text_end, float wrap);
void __real__ZN5ImGui18RenderTextEllipsisEP10ImDrawListRK6ImVec2S4_ffPKcS6_PS3_(
    ImDrawList* draw, const ImVec2& pos_min, const ImVec2& pos_max, float clip_max_x, float ellipsis_max_x,
    const char* text, const char* text_end, const ImVec2* text_size);

bool __wrap__ZN5ImGui7ItemAddERK6ImRectjPS1_i(const ImRect& bb, ImGuiID id, const ImRect* nav_bb, ImGuiItemFlags flags) {
  if (probe::g_on && id != 0 && bb.GetWidth() >= 1.0f && bb.GetHeight() >= 2.0f) {
    ImGuiWindow* window = GImGui->CurrentWindow;
    const ImGuiTable* table = GImGui->CurrentTable;
    const bool in_table = table != nullptr && table->InnerWindow == window;
    if (!in_table && (window->Flags & ImGuiWindowFlags_Tooltip) == 0) probe::g_placed.push_back({bb, id, window});
    if (!in_table && (window->Flags & ImGuiWindowFlags_Tooltip) == 0) {
      if (const char* side = probe::outside(bb.Min, bb.Max, window->ClipRect, window)) {
        probe::note(fmt::format("item {:#x} in {} lies outside at the {} ({:.0f},{:.0f}..{:.0f},{:.0f}; shown "
                                "{:.0f},{:.0f}..{:.0f},{:.0f})",
                                id, probe::window_name(window), side, bb.Min.x, bb.Min.y, bb.Max.x, bb.Max.y,
                                window->ClipRect.Min.x, window->ClipRect.Min.y, window->ClipRect.Max.x,
                                window->ClipRect.Max.y));
      }
    }
  }
  return __real__ZN5ImGui7ItemAddERK6ImRectjPS1_i(bb, id, nav_bb, flags);
}

void __wrap__ZN5ImGui10RenderTextE6ImVec2PKcS2_b(ImVec2 pos, const char* text, const char* text_end, bool hide) {
  if (probe::g_on) probe::check_text("text", pos, text, probe::text_end_of(text, text_end, hide), probe::draw_clip());
  __real__ZN5ImGui10RenderTextE6ImVec2PKcS2_b(pos, text, text_end, hide);
}

void __wrap__ZN5ImGui17RenderTextClippedERK6ImVec2S2_PKcS4_PS1_S2_PK6ImRect(const ImVec2& pos_min, const ImVec2& pos_max,
                                                                            const char* text, const char* text_end,
                                                                            const ImVec2* text_size, const ImVec2& align,
                                                                            const ImRect* clip_rect) {
  if (probe::g_on) {
    // As ImGui places it: aligned inside [pos_min, pos_max], cut at the clip rect or at pos_max.
    const char* end = probe::text_end_of(text, text_end, true);
    const ImVec2 size = ImGui::CalcTextSize(text, end, false);
    ImVec2 pos = pos_min;
    if (align.x > 0.0f) pos.x = std::max(pos.x, pos.x + (pos_max.x - pos.x - size.x) * align.x);
    if (align.y > 0.0f) pos.y = std::max(pos.y, pos.y + (pos_max.y - pos.y - size.y) * align.y);
    ImRect clip = clip_rect != nullptr ? *clip_rect : ImRect(ImVec2(-FLT_MAX, -FLT_MAX), pos_max);
    clip.ClipWith(probe::draw_clip());
    probe::check_text("label", pos, text, end, clip);
  }
  __real__ZN5ImGui17RenderTextClippedERK6ImVec2S2_PKcS4_PS1_S2_PK6ImRect(pos_min, pos_max, text, text_end, text_size,
                                                                         align, clip_rect);
}

// ImGui::TextUnformatted, Text and TextWrapped draw through this (with wrap 0 when not wrapping).
void __wrap__ZN5ImGui17RenderTextWrappedE6ImVec2PKcS2_f(ImVec2 pos, const char* text, const char* text_end, float wrap) {
  if (probe::g_on) probe::check_text("text", pos, text, probe::text_end_of(text, text_end, false), probe::draw_clip(), wrap);
  __real__ZN5ImGui17RenderTextWrappedE6ImVec2PKcS2_f(pos, text, text_end, wrap);
}

void __wrap__ZN5ImGui18RenderTextEllipsisEP10ImDrawListRK6ImVec2S4_ffPKcS6_PS3_(
    ImDrawList* draw, const ImVec2& pos_min, const ImVec2& pos_max, float clip_max_x, float ellipsis_max_x,
    const char* text, const char* text_end, const ImVec2* text_size) {
  if (probe::g_on) {
    const char* end = probe::text_end_of(text, text_end, true);
    if (pos_min.x + ImGui::CalcTextSize(text, end, false).x > ellipsis_max_x + probe::kSlack) {
      probe::g_ellipses.push_back({std::string(text, end),
                                   ImVec2((pos_min.x + std::min(pos_max.x, ellipsis_max_x)) * 0.5f,
                                          (pos_min.y + pos_max.y) * 0.5f),
                                   GImGui->CurrentWindow});
    }
  }
  __real__ZN5ImGui18RenderTextEllipsisEP10ImDrawListRK6ImVec2S4_ffPKcS6_PS3_(draw, pos_min, pos_max, clip_max_x,
                                                                          ellipsis_max_x, text, text_end, text_size);
}
}  // extern "C"

// --- [SECTION] The views at every size -------------------------------------------------------------

namespace stellwerk::client {
namespace {

using testing::fixture_state;
using testing::kiosk_admin_state;
using testing::HeadlessUi;

struct Screen {
  i18n::Language language;
  float scale;
  ImVec2 display;
};

void PrintTo(const Screen& s, std::ostream* os) {
  *os << i18n::to_code(s.language) << " " << s.scale * 100.0f << " % " << s.display.x << "x" << s.display.y;
}

std::vector<Screen> all_screens() {
  std::vector<Screen> screens;
  for (const auto language : {i18n::Language::de, i18n::Language::en}) {
    for (const float scale : {1.0f, 1.5f, 2.0f}) screens.push_back({language, scale, ImVec2(1280, 800)});
    screens.push_back({language, 2.0f, ImVec2(1920, 1080)});
  }
  return screens;
}

struct Page {
  std::string name;
  std::string marker;  // an item only this page draws: proves the page is what was checked
  AppState state;
};

// Long because it is the one list of every page checked, one short entry each.
std::vector<Page> all_pages(const Screen& screen) {
  AppState base = fixture_state();
  base.settings = Settings{screen.language, ui::ThemeId::light, screen.scale};
  std::vector<Page> pages;
  const auto add = [&](std::string name, std::string marker, ViewId view, auto&& change) {
    AppState state = base;
    state.view = view;
    change(state);
    pages.push_back({std::move(name), std::move(marker), std::move(state)});
  };
  add("home", "home-plan-week", ViewId::home, [](AppState&) {});
  add("desks plan", "floor-spot-res-1", ViewId::desks, [](AppState& s) { s.desks.layout = DeskLayout::plan; });
  add("desks plan with a place chosen", "details-recurring", ViewId::desks, [](AppState& s) {
    s.desks.layout = DeskLayout::plan;
    s.desks.selected = "res-3";
  });
  add("desks list", "details-res-3", ViewId::desks, [](AppState& s) { s.desks.layout = DeskLayout::list; });
  add("desks rooms", "timeline-res-3-room", ViewId::desks, [](AppState& s) { s.desks.layout = DeskLayout::rooms; });
  add("desks my bookings", "my-cancel-bkg-1", ViewId::desks, [](AppState& s) { s.desks.layout = DeskLayout::mine; });
  add("schedule", "cell-4-1", ViewId::schedule, [](AppState&) {});
  add("schedule month", "month-day-2026-11-24", ViewId::schedule, [](AppState& s) {
    s.schedule.month = date::year{2026} / 11;
    s.data.workdays.push_back(Workday{add_days(testing::kMonday, 1), HalfDay::day, WorkMode::training, WorkdayKind::actual});
  });
  add("schedule month of Christmas", "month-day-2026-12-31", ViewId::schedule, [](AppState& s) {
    s.schedule.month = date::year{2026} / 12;
  });
  add("schedule editing a day over the remote limit", "mode-remote", ViewId::schedule, [](AppState& s) {
    s.schedule.editing_day = testing::kToday;
    s.schedule.editing_half = HalfDay::am;
    s.data.workdays.push_back(Workday{testing::kMonday, HalfDay::day, WorkMode::training, WorkdayKind::actual});
    for (int d = 0; d < 21; ++d) {
      s.data.workdays.push_back(Workday{add_days(testing::kMonday, -21 + d), HalfDay::day, WorkMode::remote, WorkdayKind::planned});
    }
  });
  add("schedule with a usual week", "usual-apply", ViewId::schedule, [](AppState& s) {
    for (int weekday = 0; weekday < 5; ++weekday) {
      s.data.usual_week.push_back(UsualSlot{weekday, HalfDay::am, WorkMode::training});
      s.data.usual_week.push_back(UsualSlot{weekday, HalfDay::pm, WorkMode::remote});
    }
  });
  add("schedule offering the usual desk", "offer-dismiss", ViewId::schedule, [](AppState& s) {
    s.schedule.plan_offer = PlanOffer{PlanOffer::Kind::book_usual, add_days(testing::kToday, 1), HalfDay::pm, {}, {}};
  });
  add("schedule offering to cancel a desk", "offer-keep", ViewId::schedule, [](AppState& s) {
    s.schedule.plan_offer = PlanOffer{PlanOffer::Kind::cancel_booking, testing::kToday, HalfDay::day, "bkg-1", "EG-01"};
    s.schedule.editing_day = add_days(testing::kToday, 1);  // with the editor open below it
  });
  add("schedule with the team's presence", "team-presence", ViewId::schedule,
      [](AppState& s) { s.data.presence.snapshot = testing::fixture_presence(s); });
  add("schedule with working time and its warnings", "work-time-remove", ViewId::schedule, [](AppState& s) {
    const Date tuesday = add_days(testing::kMonday, 1);  // remote in the morning
    s.schedule.editing_day = tuesday;
    s.schedule.editing_half = HalfDay::am;
    s.data.work_times = {WorkTime{testing::kMonday, 12 * 60, 22 * 60, 30}, WorkTime{tuesday, 7 * 60, 19 * 60, 15}};
  });
  add("training", "enrol-crs-ai", ViewId::training, [](AppState&) {});
  add("training competence profile", "own-level", ViewId::training, [](AppState& s) {
    s.training.list = TrainingList::profile;
    s.data.competence_targets = {{Role::employee, "3.1", 4}, {Role::employee, "4.2", 3}};
    s.data.self_assessments = {{"3.1", 2, {}}, {"4.2", 1, {}}, {"1.1", 8, {}}};
  });
  add("settings", "lang-en", ViewId::settings, [](AppState&) {});
  add("settings sharing presence", "share-presence", ViewId::settings,
      [](AppState& s) { s.data.me->presence_opt_in = true; });
  add("settings of a facility admin", "kiosk-register", ViewId::settings, [](AppState& s) {
    const AppState admin = kiosk_admin_state();
    s.session = admin.session;
    s.data.me = admin.data.me;
    s.kiosks = admin.kiosks;
    s.kiosks.new_kiosk = "kio-3";
    s.kiosks.new_token = "Vq3n8Jt0aZ_wLrX2cKp9sYd4mE6hUfB1oGiT7Nl5QeA";
  });
  add("team of a manager", "decline-apr-1", ViewId::team, [](AppState& s) {
    const AppState manager = testing::manager_state();
    s.session = manager.session;
    s.data.me = manager.data.me;
    s.team = manager.team;
    s.team.trainings = std::vector<TeamTraining>{TeamTraining{"crs-privacy", "Datenschutz im Verwaltungsalltag", 12, 8, 2, 1, 0, 1},
                        TeamTraining{"crs-security", "Informationssicherheit: Phishing erkennen", 12, 12, 0, 0, 0, 0}};
  });
  add("sign-in", "signin-password", ViewId::home, [](AppState& s) {
    s.local_demo = false;
    s.session.exists = true;
    s.session.signed_in = false;
  });
  return pages;
}

class EveryScreen : public ::testing::TestWithParam<Screen> {
 protected:
  void SetUp() override { assets::activate_language(GetParam().language); }
  void TearDown() override {
    probe::g_on = false;
    assets::activate_language(i18n::Language::de);
  }
};

// Long because it is one check over every item of one frame: the probe's findings are gathered and
// reported together, so that one run names every cut label at once.
TEST_P(EveryScreen, NoItemLiesOutsideItsWindowAndNoLabelIsCut) {
  const Screen& screen = GetParam();
  for (Page& page : all_pages(screen)) {
    // A fresh session per page: what one view scrolled must not move the next.
    HeadlessUi ui(ui::ThemeId::light, screen.scale, screen.display);
    ui.frames(page.state, 4);  // tables and wrapping settle over the first frames
    // The view is checked at every half page it scrolls to: the floor plan, for one, draws only
    // what is in sight, and at 200 % it lies below the fold.
    ImGuiWindow* content = nullptr;
    for (ImGuiWindow* window : GImGui->Windows) {
      if (std::string_view(window->Name).ends_with("###content") ||
          std::string_view(window->Name).find("###content_") != std::string_view::npos) {
        if (window->ParentWindow != nullptr && window->ParentWindow->ParentWindow == nullptr) content = window;
      }
    }
    ASSERT_NE(content, nullptr);
    bool marker_seen = false;
    std::vector<probe::Ellipsis> ellipses;
    for (float scroll = 0.0f;; scroll += content->InnerRect.GetHeight() * 0.5f) {
      ImGui::SetScrollY(content, std::min(scroll, content->ScrollMax.y));
      ui.frames(page.state, 2);
      marker_seen = marker_seen || ui.shows(page.marker);
      probe::g_problems.clear();
      probe::g_ellipses.clear();
      probe::g_placed.clear();
      probe::g_on = true;
      ui.frame(page.state);
      probe::g_on = false;
      probe::check_overlaps();
      for (const probe::Problem& problem : probe::g_problems) {
        ADD_FAILURE() << page.name << " (scrolled " << content->Scroll.y << " px): " << problem.what;
      }
      for (const probe::Ellipsis& e : probe::g_ellipses) {
        if (std::none_of(ellipses.begin(), ellipses.end(), [&](const probe::Ellipsis& o) { return o.text == e.text; })) {
          ellipses.push_back(e);
        }
      }
      if (scroll >= content->ScrollMax.y) break;
    }
    EXPECT_TRUE(marker_seen) << page.name << ": '" << page.marker << "' never drawn";

    // Every shortened text shows itself whole in a tooltip when the pointer rests on it. Each is
    // found afresh (an earlier one may have scrolled the view), and one below the fold is scrolled
    // to first, as a person would.
    const auto locate = [&](const std::string& text) -> std::optional<probe::Ellipsis> {
      probe::g_ellipses.clear();
      probe::g_on = true;
      ui.frame(page.state);
      probe::g_on = false;
      const auto found = std::find_if(probe::g_ellipses.begin(), probe::g_ellipses.end(),
                                      [&](const probe::Ellipsis& e) { return e.text == text; });
      if (found == probe::g_ellipses.end()) return std::nullopt;
      return *found;
    };
    for (const probe::Ellipsis& ellipsis : ellipses) {
      std::optional<probe::Ellipsis> now = locate(ellipsis.text);
      // Scrolls the innermost window that does not show the text yet; a list inside a scrolling
      // view may need both scrolled.
      for (int step = 0; step < 4 && now; ++step) {
        ImGuiWindow* hiding = nullptr;
        for (ImGuiWindow* w = now->window; w != nullptr && hiding == nullptr; w = w->ParentWindow) {
          const ImRect seen(ImMax(w->InnerClipRect.Min, ImVec2(0, 0)), ImMin(w->InnerClipRect.Max, ui.io().DisplaySize));
          if (!seen.Contains(now->centre) && w->ScrollMax.y > 0.0f) hiding = w;
        }
        if (hiding == nullptr) break;
        ImGui::SetScrollY(hiding, hiding->Scroll.y + now->centre.y - hiding->InnerClipRect.GetCenter().y);
        ui.frames(page.state, 2);
        now = locate(ellipsis.text);
      }
      ASSERT_TRUE(now) << page.name << ": '" << ellipsis.text << "' is no longer shown";
      const ImVec2 centre = now->centre;
      ui.io().MousePos = centre;
      ui.frames(page.state, 2);
      probe::g_tooltip_text.clear();
      probe::g_on = true;
      ui.frame(page.state);
      probe::g_on = false;
      EXPECT_NE(probe::g_tooltip_text.find(ellipsis.text), std::string::npos)
          << page.name << ": '" << ellipsis.text << "' is shortened without a tooltip that shows it whole";
    }
    ui.io().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  }
}

INSTANTIATE_TEST_SUITE_P(Sizes, EveryScreen, ::testing::ValuesIn(all_screens()),
                         [](const ::testing::TestParamInfo<Screen>& screen) {
                           return fmt::format("{}_{}_{}x{}", i18n::to_code(screen.param.language),
                                              static_cast<int>(screen.param.scale * 100.0f),
                                              static_cast<int>(screen.param.display.x),
                                              static_cast<int>(screen.param.display.y));
                         });

// The probe itself: a label that cannot fit and two buttons over each other are reported, so the
// checks above can fail.
TEST(LayoutProbe, ReportsALabelCutByItsCellAndControlsOverEachOther) {
  HeadlessUi ui;
  // The third frame counts: a new window and table settle their sizes over the first two.
  for (int frame = 0; frame < 3; ++frame) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(400, 200));
    ImGui::Begin("probe-window", nullptr, ImGuiWindowFlags_NoDecoration);
    probe::g_problems.clear();
    probe::g_placed.clear();
    probe::g_on = frame == 2;
    if (ImGui::BeginTable("t", 2)) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted("Besprechungsraum Besprechungsraum Besprechungsraum");
      ImGui::TableNextColumn();
      ImGui::Button("Besprechungsraum Besprechungsraum", ImVec2(60, 0));
      ImGui::EndTable();
    }
    ImGui::Button("Buchen");
    ImGui::SameLine(ImGui::GetItemRectSize().x * 0.5f);  // half over the first
    ImGui::Button("Stornieren");
    probe::g_on = false;
    if (frame == 2) probe::check_overlaps();
    ImGui::End();
    ImGui::Render();
  }
  std::string all;
  for (const probe::Problem& problem : probe::g_problems) all += problem.what + "\n";
  EXPECT_NE(all.find("text 'Besprechungsraum Besprechungsraum Besprechungsraum' in probe-window is cut at the right"),
            std::string::npos) << all;
  EXPECT_NE(all.find("label 'Besprechungsraum Besprechungsraum' in probe-window is cut at the right"),
            std::string::npos) << all;
  EXPECT_NE(all.find("in probe-window overlap"), std::string::npos) << all;
}

}  // namespace
}  // namespace stellwerk::client
