// The notices the person gets about their own changes (AppState::toasts, drawn by the Shell with
// ui::Notice) and the words that name a change in them. The Controller adds a "pending" notice
// when a booking, cancellation or plan is queued and remembers it (AppState::awaited); each load
// reports what the store says about it, and report_outcomes() turns a confirmation or a refusal
// into a notice. Runs on the UI thread, except mutation_of(), which the worker calls.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "app_state.hpp"
#include "stellwerk/sync/local_store.hpp"

namespace stellwerk::client {

// Adds a notice shown from now on (now_of), dropping the oldest beyond kToastsShown.
void add_toast(AppState& state, ToastKind kind, std::string text);

// The "pending" notice for a change just queued, and the change remembered for its answer.
void announce_queued(AppState& state, ChangeKind kind, const std::string& what, std::int64_t mutation_id);

// Tells the person what the server said to the changes they were told were pending, once a load
// shows the answer (ClientData::outcomes): confirmed, or refused with the reason.
void report_outcomes(AppState& state);

// The mutation id of the last pending change that touches `entity` (the one just queued); 0: none.
std::int64_t mutation_of(const store::LocalStore& store, std::string_view entity);

// The name a person knows a resource by, from what the UI has loaded (the id when none).
std::string resource_name(const AppState& state, const Id& id);
// "EG-01, Thursday, 26 November 2026 08:00–17:00" for one of the person's bookings.
std::string booking_name(const AppState& state, const Id& booking_id);

}  // namespace stellwerk::client
