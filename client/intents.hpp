// What a person asked for in the UI. Views emit intents instead of changing state, so a view can
// be driven headless in a test and its output checked; the app (app_controller.cpp) applies them on
// the UI thread and hands disk work to the background worker.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/secret.hpp"
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
struct SignIn { std::string server_url; std::string username; Secret password; };
struct SignOut {};              // queued changes stay queued
struct SyncNow {};
struct ShowSignIn {};           // on local demo data: open the sign-in screen
struct CloseSignIn {};          // on local demo data: back to the views without signing in

// Desks: what is shown.
struct ShowDay { Date day; };                                 // the day the Desks view shows and books
struct ChooseTime { TimeChoice time; MinuteRange range; };    // range counts for TimeChoice::range only
struct ChooseLayout { DeskLayout layout; };
struct ToggleFeatureFilter { std::string feature; };          // wire name
struct ToggleOnlyFree {};
struct SelectResource { Id resource_id; };                    // empty: close the details
struct CloseReport {};

// Local changes: each is written to the store and the outbox at once and sent by the sync thread.
// A booking's time: a slot of the department (HalfDay) or, when `range` is set, that range.
struct BookResource { Id resource_id; Date day; HalfDay half; std::optional<MinuteRange> range = std::nullopt; };
// The same resource and time on every day of `weekdays` (Monday … Sunday) from `first` to `until`;
// days a rule stops are skipped and listed in the report.
struct BookRecurring {
  Id resource_id;
  Date first;
  Date until;
  std::array<bool, 7> weekdays;
  HalfDay half;
  std::optional<MinuteRange> range = std::nullopt;
};
// The usual desk (else the first favourite desk), or the nearest free desk with its features.
struct BookUsual { Date day; HalfDay half; std::optional<MinuteRange> range = std::nullopt; };
struct ToggleFavourite { Id resource_id; };                   // adds or removes
struct MakeUsual { Id resource_id; };                         // also makes it a favourite
struct CancelBooking { Id booking_id; };
struct CancelBookingsBetween { Date from; Date to; };         // every active booking of the person on those days
struct CheckIn { Id booking_id; };
struct Enroll { Id course_id; };
struct CompleteCourse { Id enrollment_id; };
// "Book this instead": books the alternative for the refused booking's time and dismisses it.
struct BookAlternative { std::int64_t mutation_id; Id resource_id; Instant start; Instant end; };
struct DismissConflict { std::int64_t mutation_id; };
// "Move it here" for an "already_booked" refusal: cancels the booking that holds the time and books
// the refused place instead, queued together, and dismisses the refusal.
struct MoveBooking { std::int64_t mutation_id; Id booking_id; Id resource_id; Instant start; Instant end; };
struct DismissToast { std::uint64_t id; };

using Intent = std::variant<Navigate, ChangeLanguage, ChangeTheme, ChangeScale, SelectBuilding, SelectFloor,
                            ShowWeek, EditWorkday, CancelEdit, PlanWorkday, DismissNotice, SignIn, SignOut, SyncNow,
                            ShowSignIn, CloseSignIn, ShowDay, ChooseTime, ChooseLayout, ToggleFeatureFilter,
                            ToggleOnlyFree, SelectResource, CloseReport, BookResource, BookRecurring, BookUsual,
                            ToggleFavourite, MakeUsual, CancelBooking, CancelBookingsBetween, CheckIn, Enroll,
                            CompleteCourse, BookAlternative, DismissConflict, MoveBooking, DismissToast>;

using Intents = std::vector<Intent>;

}  // namespace stellwerk::client
