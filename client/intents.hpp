// What a person asked for in the UI. Views emit intents instead of changing state, so a view can
// be driven headless in a test and its output checked; the app (app_controller.cpp) applies them on
// the UI thread and hands disk work to the background worker.
#pragma once

#include <cstdint>
#include <string>
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

// Sign-in and synchronisation. The password lives only in this intent and in the sync thread's
// request; the controller never copies it into AppState.
struct SignIn { std::string server_url; std::string username; std::string password; };
struct SignOut {};              // queued changes stay queued
struct SyncNow {};
struct ShowSignIn {};           // on local demo data: open the sign-in screen
struct CloseSignIn {};          // on local demo data: back to the views without signing in

// Local changes: each is written to the store and the outbox at once and sent by the sync thread.
struct ShowDay { Date day; };                                 // the day the Desks view shows and books
struct BookResource { Id resource_id; Date day; HalfDay half; };
struct CancelBooking { Id booking_id; };
struct CheckIn { Id booking_id; };
struct Enroll { Id course_id; };
struct CompleteCourse { Id enrollment_id; };
// "Book this instead": books the alternative for the refused booking's time and dismisses it.
struct BookAlternative { std::int64_t mutation_id; Id resource_id; Instant start; Instant end; };
struct DismissConflict { std::int64_t mutation_id; };

using Intent = std::variant<Navigate, ChangeLanguage, ChangeTheme, ChangeScale, SelectBuilding, SelectFloor,
                            ShowWeek, EditWorkday, CancelEdit, PlanWorkday, DismissNotice, SignIn, SignOut, SyncNow,
                            ShowSignIn, CloseSignIn, ShowDay, BookResource, CancelBooking, CheckIn, Enroll,
                            CompleteCourse, BookAlternative, DismissConflict>;

using Intents = std::vector<Intent>;

}  // namespace stellwerk::client
