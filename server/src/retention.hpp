// How long the server keeps what people did: `[retention]` in server.toml
// (docs/configuration.md, docs/privacy.md). The maintenance thread deletes what is older on its
// own, at least once a minute, and tells each person's devices through the changes feed so that
// their local stores forget it too.
#pragma once

namespace stellwerk::server {

// At most this many records of each kind are deleted per maintenance pass (about once a minute), so
// that the first pass over years of data never holds the database's writer, and with it everybody's
// bookings, for long; the rest follows in the next passes.
inline constexpr int kRetentionBatch = 2000;

struct RetentionOptions {
  // After a booking ended. A department's policy (`retention_days`) may keep its bookings shorter,
  // never longer.
  int bookings_days = 365;
  // Day plans (office, remote, absent) and remote-share approvals, after their day or month.
  int plans_days = 365;
  // Working-time records of remote days, after their day. Two years: the German Working Hours Act
  // (§ 16 (2) ArbZG) asks to keep records of time worked beyond eight hours that long.
  int working_times_days = 730;
};

}  // namespace stellwerk::server
