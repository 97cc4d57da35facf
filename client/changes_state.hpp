// What became of the person's own changes, shared by every feature that queues one: the state of
// synchronisation, the changes the server refused (conflicts, shown on Home and in the conflict
// dialog) and the short notices about a change just made (drawn by the Shell).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "desks/desks_state.hpp"
#include "stellwerk/core/change_kind.hpp"
#include "stellwerk/core/domain.hpp"
#include "stellwerk/core/refusal.hpp"

namespace stellwerk::client {

// What the store says about synchronisation. Written by the worker's loads and, after each round,
// by the sync thread (whichever read the store last is the newer; see Controller).
struct SyncSummary {
  bool server_configured = false;  // false: the client runs on local data only
  int pending = 0;
  int rejected = 0;
  std::optional<Instant> last_sync;
};

// The kind of a queued change (core), for naming a refused one in words (labels.cpp).
using ChangeKind = stellwerk::ChangeKind;

// A place the person can book instead of the refused one.
struct AlternativeSummary {
  Id resource_id;
  std::string name;
  ResourceType type = ResourceType::desk;
  std::string building_name;
  std::string floor_name;
};

// A change the server refused for good (sync::Conflict), with the names a person recognises.
struct ConflictSummary {
  std::int64_t mutation_id = 0;
  ChangeKind kind = ChangeKind::other;
  std::string subject;        // "Desk 03", a course title, a date: what the change was about
  Id resource_id;             // for a booking: the place refused
  std::optional<Instant> start;
  std::optional<Instant> end;
  std::optional<Date> day;    // for a plan
  std::string problem_title;  // the server's words, in the person's language
  std::string problem_code;   // "desk_taken": for the fallback text when the title is empty
  std::vector<AlternativeSummary> alternatives;  // for a refused booking, nearest first; only when another place helps
  // "already_booked": the person's own booking that holds that time, to move instead of booking twice.
  std::optional<BookingSummary> existing;
};

// Whether booking another place can get round a refusal with this code (core's rule).
inline bool another_place_helps(std::string_view code) {
  const auto reason = parse_refusal(code);
  return reason && stellwerk::another_place_helps(*reason);
}

// What became of a queued change the person was told about (AwaitedChange), as the store has it.
enum class ChangeOutcome : unsigned char { pending, confirmed, refused, gone, COUNT };  // gone: not in the store

// A booking or cancellation whose answer from the server the person is told about in a notice.
struct AwaitedChange {
  std::int64_t mutation_id = 0;
  ChangeKind kind = ChangeKind::booking;
  std::string what;  // "EG-01, Thursday, 26 November 2026 08:00–17:00": named when it was queued
};

// A short notice about something the person did (widgets/notice.hpp draws it): queued and pending,
// confirmed by the server, or refused with the reason. It stays at least kToastSeconds and as long
// as the pointer or the keyboard focus is on it; Escape or its close button dismisses it.
enum class ToastKind : unsigned char { pending, confirmed, refused, COUNT };
struct Toast {
  std::uint64_t id = 0;
  ToastKind kind = ToastKind::pending;
  std::string text;
  Instant shown_at{};
};
inline constexpr int kToastSeconds = 8;
inline constexpr std::size_t kToastsShown = 3;  // older ones are dropped: a notice is not a log

}  // namespace stellwerk::client
