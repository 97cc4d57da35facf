// The Controller's side of the notices and of "move it here" (issue 12), on a real local store
// filled from the demo file: a booking or cancellation is announced as pending at once, and as
// confirmed or refused (with the reason in words) once the store shows the server's answer; an
// "already_booked" refusal names the booking that holds the day and offers no other desk; moving
// it queues one change (cancel that booking and book the refused place, applied by the server
// whole or not at all), announced as pending and then confirmed or refused. The server's answer
// is written into the store on the worker thread, as the sync thread would write it.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "fixture_state.hpp"
#include "stellwerk/assets/catalogs.hpp"
#include "stellwerk/core/calendar.hpp"
#include "stellwerk/sync/local_store.hpp"
#include "store_app.hpp"

namespace stellwerk::client {
namespace {

using testing::App;
using testing::TempFolder;
namespace fs = std::filesystem;

const Date kFriday = add_days(testing::kMonday, 4);

class FeedbackControllerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    assets::activate_language(i18n::Language::en);
    app.state.now = to_instant(testing::kToday, 7 * 60);
    app.controller.start(fs::path(STELLWERK_DEMO_JSON));
    ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.data.loaded && s.desks.resources_loaded; }));
    ASSERT_TRUE(app.settle());
  }
  void TearDown() override { assets::activate_language(i18n::Language::de); }

  // A desk of the shown floor that the person has no booking of.
  const Resource& free_desk(std::size_t skip = 0) {
    for (const Resource& r : app.state.desks.resources) {
      const bool mine = std::any_of(app.state.data.bookings.begin(), app.state.data.bookings.end(),
                                    [&](const BookingSummary& b) { return b.booking.resource_id == r.id; });
      if (r.type == ResourceType::desk && !mine && skip-- == 0) return r;
    }
    ADD_FAILURE() << "no free desk on the demo floor";
    return app.state.desks.resources.front();
  }

  bool toast_says(ToastKind kind, std::string_view words) const {
    return std::any_of(app.state.toasts.begin(), app.state.toasts.end(),
                       [&](const Toast& t) { return t.kind == kind && t.text.find(words) != std::string::npos; });
  }

  std::string toasts() const {
    std::string all;
    for (const Toast& t : app.state.toasts) all += t.text + "\n";
    return all;
  }

  // Writes the server's answer to the only awaited change into the store, as a sync round would.
  void answer(const std::function<void(store::LocalStore&, std::int64_t)>& write) {
    ASSERT_EQ(app.state.awaited.size(), 1u);
    const std::int64_t id = app.state.awaited.front().mutation_id;
    app.worker.post([write, id](store::LocalStore* store) -> UiUpdate {
      if (store != nullptr) write(*store, id);
      return [](AppState& state) { state.requests.reload_data = true; };
    });
  }

  // Books `first` for Friday (confirmed), then `second` for the same day, which the server
  // refuses as already_booked: the refusal as Home and the dialog show it.
  ConflictSummary already_booked(const Resource& first, const Resource& second) {
    app.controller.apply(BookResource{first.id, kFriday, HalfDay::day});
    EXPECT_TRUE(app.pump_until([&](const AppState& s) { return s.awaited.size() == 1; }));
    answer([](store::LocalStore& store, std::int64_t id) { store.mark_done(id); });
    EXPECT_TRUE(app.pump_until([&](const AppState& s) { return s.awaited.empty(); }));
    app.controller.apply(BookResource{second.id, kFriday, HalfDay::day});
    EXPECT_TRUE(app.pump_until([&](const AppState& s) { return s.awaited.size() == 1; }));
    answer([](store::LocalStore& store, std::int64_t id) {
      store.mark_rejected(id, R"({"status":409,"code":"already_booked","title":"You already have a desk for this time."})");
    });
    EXPECT_TRUE(app.pump_until([&](const AppState& s) { return s.data.conflicts.size() == 1 && s.awaited.empty(); }));
    return app.state.data.conflicts.empty() ? ConflictSummary{} : app.state.data.conflicts.front();
  }

  TempFolder data;
  App app{data.path()};
};

TEST_F(FeedbackControllerTest, ABookingIsAnnouncedAsPendingThenAsConfirmed) {
  const Resource desk = free_desk();
  app.controller.apply(BookResource{desk.id, kFriday, HalfDay::day});
  ASSERT_TRUE(app.pump_until([&](const AppState&) { return toast_says(ToastKind::pending, desk.name); })) << toasts();
  EXPECT_TRUE(toast_says(ToastKind::pending, "Friday, 27 November 2026")) << toasts();
  EXPECT_TRUE(toast_says(ToastKind::pending, "saved on this computer; the server has not confirmed it yet")) << toasts();
  EXPECT_EQ(app.state.toasts.back().shown_at, *app.state.now) << "timed by the injected clock";

  answer([](store::LocalStore& store, std::int64_t id) { store.mark_done(id); });
  ASSERT_TRUE(app.pump_until([&](const AppState&) { return toast_says(ToastKind::confirmed, desk.name); })) << toasts();
  EXPECT_TRUE(app.state.awaited.empty());
}

TEST_F(FeedbackControllerTest, ARefusedBookingIsAnnouncedWithTheReason) {
  const Resource desk = free_desk();
  app.controller.apply(BookResource{desk.id, kFriday, HalfDay::am});
  ASSERT_TRUE(app.pump_until([&](const AppState& s) { return s.awaited.size() == 1; }));
  answer([](store::LocalStore& store, std::int64_t id) {
    store.mark_rejected(id, R"({"status":409,"code":"desk_taken","title":"Der Platz ist weg."})");
  });
  ASSERT_TRUE(app.pump_until([&](const AppState&) { return toast_says(ToastKind::refused, desk.name); })) << toasts();
  EXPECT_TRUE(toast_says(ToastKind::refused, "Someone else has already booked this desk for this time."))
      << "the client's words for the code, not the server's: " << toasts();
}

TEST_F(FeedbackControllerTest, ACancellationIsAnnouncedAsPendingThenAsConfirmed) {
  const auto held = std::find_if(app.state.data.bookings.begin(), app.state.data.bookings.end(),
                                 [](const BookingSummary& b) { return is_active(b.booking.state); });
  ASSERT_NE(held, app.state.data.bookings.end());
  const std::string name = held->resource_name;
  app.controller.apply(CancelBooking{held->booking.id});
  ASSERT_TRUE(app.pump_until([&](const AppState&) { return toast_says(ToastKind::pending, "Cancellation of " + name); }))
      << toasts();
  answer([](store::LocalStore& store, std::int64_t id) { store.mark_done(id); });
  ASSERT_TRUE(app.pump_until([&](const AppState&) { return toast_says(ToastKind::confirmed, "Cancellation of " + name); }))
      << toasts();
}

TEST_F(FeedbackControllerTest, AlreadyBookedNamesTheBookingThatHoldsTheDayAndMovingItQueuesOneChange) {
  const Resource first = free_desk(0);
  const Resource second = free_desk(1);
  ASSERT_NE(first.id, second.id);
  const ConflictSummary conflict = already_booked(first, second);
  ASSERT_TRUE(conflict.existing) << "the booking that holds Friday is named";
  EXPECT_EQ(conflict.existing->booking.resource_id, first.id);
  EXPECT_TRUE(conflict.alternatives.empty()) << "another desk would be refused the same way";
  EXPECT_EQ(conflict.resource_id, second.id);

  app.controller.apply(MoveBooking{conflict.mutation_id, conflict.existing->booking.id, second.id, *conflict.start,
                                   *conflict.end});
  ASSERT_TRUE(app.pump_until([&](const AppState& s) { return s.data.conflicts.empty() && s.awaited.size() == 1; }));
  ASSERT_TRUE(app.settle());
  // One change, which the server applies whole or not at all: never a cancel that could go
  // through while the booking behind it is refused.
  EXPECT_EQ(app.state.data.sync.pending, 1);
  EXPECT_TRUE(toast_says(ToastKind::pending, "Move to " + second.name)) << toasts();
  bool first_cancelled = false;
  bool second_pending = false;
  for (const BookingSummary& b : app.state.data.bookings) {
    if (b.booking.resource_id == first.id) first_cancelled = b.booking.state == BookingState::cancelled && b.pending;
    if (b.booking.resource_id == second.id && is_active(b.booking.state) && b.pending) second_pending = true;
  }
  EXPECT_TRUE(first_cancelled);
  EXPECT_TRUE(second_pending);

  answer([](store::LocalStore& store, std::int64_t id) { store.mark_done(id); });
  ASSERT_TRUE(app.pump_until([&](const AppState&) { return toast_says(ToastKind::confirmed, "Move to " + second.name); }))
      << toasts();
}

TEST_F(FeedbackControllerTest, ARefusedMoveIsAnnouncedWithTheReasonAndThatTheBookingStays) {
  const Resource first = free_desk(0);
  const Resource second = free_desk(1);
  const ConflictSummary conflict = already_booked(first, second);
  ASSERT_TRUE(conflict.existing);
  app.controller.apply(MoveBooking{conflict.mutation_id, conflict.existing->booking.id, second.id, *conflict.start,
                                   *conflict.end});
  ASSERT_TRUE(app.pump_until([&](const AppState& s) { return s.data.conflicts.empty() && s.awaited.size() == 1; }));
  answer([](store::LocalStore& store, std::int64_t id) {
    store.mark_rejected(id, R"({"status":409,"code":"desk_taken","title":"Der Platz ist weg."})");
  });
  ASSERT_TRUE(app.pump_until([&](const AppState&) { return toast_says(ToastKind::refused, "Move to " + second.name); }))
      << toasts();
  EXPECT_TRUE(toast_says(ToastKind::refused, "Someone else has already booked this desk for this time.")) << toasts();
  EXPECT_TRUE(toast_says(ToastKind::refused, "Your booking stays as it was.")) << toasts();
  ASSERT_TRUE(app.pump_until([](const AppState& s) { return s.data.conflicts.size() == 1; }));
  EXPECT_EQ(app.state.data.conflicts.front().kind, ChangeKind::move);
  EXPECT_EQ(app.state.data.conflicts.front().resource_id, second.id);
}

TEST_F(FeedbackControllerTest, BookingAnAlternativeIsAnnouncedLikeAnyBooking) {
  const Resource desk = free_desk();
  const Instant start = to_instant(kFriday, 8 * 60);
  const Instant end = to_instant(kFriday, 12 * 60);
  app.controller.apply(BookAlternative{4711, desk.id, start, end});
  ASSERT_TRUE(app.pump_until([&](const AppState&) { return toast_says(ToastKind::pending, desk.name + ", Friday, 27 November 2026 08:00–12:00"); }))
      << toasts();
  answer([](store::LocalStore& store, std::int64_t id) { store.mark_done(id); });
  ASSERT_TRUE(app.pump_until([&](const AppState&) { return toast_says(ToastKind::confirmed, desk.name); })) << toasts();
}

}  // namespace
}  // namespace stellwerk::client
