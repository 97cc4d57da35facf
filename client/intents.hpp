// What a person asked for in the UI. Views emit intents instead of changing state, so a view can
// be driven headless in a test and its output checked; the app (app_controller.cpp) applies them on
// the UI thread and hands disk work to the background worker.
#pragma once

#include <variant>
#include <vector>

#include "stellwerk/core/domain.hpp"
#include "app_state.hpp"

namespace stellwerk::client {

struct Navigate { ViewId view; };
struct ChangeLanguage { i18n::Language language; };
struct ChangeTheme { ui::ThemeId theme; };
struct ChangeScale { float scale; };
struct SelectBuilding { Id building_id; };
struct SelectFloor { Id floor_id; };
struct ShowWeek { Date week_start; };
struct EditWorkday { Date day; HalfDay half; };   // opens the plan editor for that cell
struct CancelEdit {};
struct PlanWorkday { Workday workday; };            // saves a planned mode
struct DismissNotice {};

using Intent = std::variant<Navigate, ChangeLanguage, ChangeTheme, ChangeScale, SelectBuilding, SelectFloor,
                            ShowWeek, EditWorkday, CancelEdit, PlanWorkday, DismissNotice>;

using Intents = std::vector<Intent>;

}  // namespace stellwerk::client
