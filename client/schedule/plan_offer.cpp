// The decision of plan_offer.hpp: which booking a planned half-day touches, and whether the day
// could be booked at all, with core's rules (the ones the server and "Book my usual" apply).
#include "schedule/plan_offer.hpp"

#include <algorithm>

#include "stellwerk/core/calendar.hpp"
#include "stellwerk/core/rules.hpp"

namespace stellwerk::client {
namespace {

// A desk booking of the person that still counts: booked or checked in, and not over.
bool holds_desk(const BookingSummary& b, Instant now) {
  return b.resource_type == ResourceType::desk && is_active(b.booking.state) && b.booking.end > now;
}

bool overlaps(const Booking& booking, Instant start, Instant end) { return booking.start < end && start < booking.end; }

// The first active desk booking of the person that overlaps `half` of `day`.
const BookingSummary* desk_during(std::span<const BookingSummary> bookings, const DepartmentPolicy& policy, Date day,
                                  HalfDay half, Instant now) {
  const SlotTimes slot = slot_times(policy, half);
  const Instant start = to_instant(day, slot.start);
  const Instant end = to_instant(day, slot.end);
  const auto found = std::find_if(bookings.begin(), bookings.end(), [&](const BookingSummary& b) {
    return holds_desk(b, now) && overlaps(b.booking, start, end);
  });
  return found == bookings.end() ? nullptr : &*found;
}

}  // namespace

std::optional<PlanOffer> plan_offer(const Workday& planned, std::span<const BookingSummary> bookings,
                                    const DepartmentPolicy& policy, Date today, Instant now) {
  if (planned.kind != WorkdayKind::planned || plan_day_refusal(planned)) return std::nullopt;
  if (date::sys_days{planned.date} < date::sys_days{today}) return std::nullopt;
  const BookingSummary* touched = desk_during(bookings, policy, planned.date, planned.half, now);
  if (planned.mode != WorkMode::office) {
    if (touched == nullptr) return std::nullopt;
    return PlanOffer{PlanOffer::Kind::cancel_booking, planned.date, planned.half, touched->booking.id,
                     touched->resource_name};
  }
  if (touched != nullptr) return std::nullopt;
  const auto upcoming = std::count_if(bookings.begin(), bookings.end(),
                                      [&](const BookingSummary& b) { return is_active(b.booking.state) && b.booking.end > now; });
  if (booking_date_problem(policy, today, planned.date, static_cast<int>(upcoming))) return std::nullopt;
  return PlanOffer{PlanOffer::Kind::book_usual, planned.date, planned.half, {}, {}};
}

bool offer_still_open(const PlanOffer& offer, std::span<const BookingSummary> bookings,
                      const DepartmentPolicy& policy, Instant now) {
  if (offer.kind == PlanOffer::Kind::book_usual) return desk_during(bookings, policy, offer.day, offer.half, now) == nullptr;
  return std::any_of(bookings.begin(), bookings.end(),
                     [&](const BookingSummary& b) { return b.booking.id == offer.booking_id && holds_desk(b, now); });
}

}  // namespace stellwerk::client
