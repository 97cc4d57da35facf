// One type per schema of docs/api/openapi.yaml (components.schemas), with the same name and the
// same member names: the objects the server writes and the request bodies it reads. Each type's
// Schema<T> right below it lists the members once for the codec (codec.hpp); tests/wire checks
// that these lists and the document's properties stay the same. registry.hpp lists them all.
//
// Members: a std::optional is nullable (always sent, may be null) unless listed with
// optional_field (may be left out, never null). Dates are Date ("YYYY-MM-DD"), times Instant
// (RFC 3339, written with the Europe/Berlin offset), months ("YYYY-MM") and wall times ("HH:MM")
// plain text as the document spells them.
#pragma once

#include "stellwerk/wire/types_session.hpp"
#include "stellwerk/wire/types_places.hpp"
#include "stellwerk/wire/types_plans.hpp"
#include "stellwerk/wire/types_kiosk.hpp"
#include "stellwerk/wire/types_presence.hpp"
#include "stellwerk/wire/types_work_time.hpp"
