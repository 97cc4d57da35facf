// Facility admins' registry of kiosks (sync_engine.hpp: SyncEngine::kiosks and the two after it).
// Nothing here touches the store but to read the session: the registry is shown while online and
// is never cached, so a list in Settings is always what the server said a moment ago.
#include <utility>

#include <fmt/format.h>

#include "engine_parts.hpp"

namespace stellwerk::sync {
namespace {

using namespace detail;
namespace codec = store::codec;

BuildingName building_name_from(const wire::Building& w) { return BuildingName{w.id, w.name}; }

RegisteredKiosk registered_from(const wire::Kiosk& w) {
  return RegisteredKiosk{w.id, w.name, w.building_id, w.registered_at, w.last_seen_at, w.version.value_or(""), w.revoked};
}

KioskRegistryAnswer not_signed_in() {
  KioskRegistryAnswer answer;
  answer.problem = Problem{401, "unauthorized", "", ""};
  return answer;
}

}  // namespace

KioskRegistryAnswer SyncEngine::kiosks() {
  const auto session = impl_->store.session();
  if (!session || session->token.empty()) return not_signed_in();
  KioskRegistryAnswer answer;
  // Every building, not only the cached ones: the cache holds the person's own buildings, and a
  // facility admin registers kiosks anywhere in the city.
  auto buildings = impl_->get_all<wire::Building, BuildingName>(*session, "/api/v1/buildings", &building_name_from, answer);
  if (!buildings) return answer;
  auto kiosks = impl_->get_all<wire::Kiosk, RegisteredKiosk>(*session, "/api/v1/kiosks", &registered_from, answer);
  if (!kiosks) return answer;
  answer.buildings = std::move(*buildings);
  answer.kiosks = std::move(*kiosks);
  return answer;
}

KioskRegistryAnswer SyncEngine::register_kiosk(std::string_view name, const Id& building_id) {
  const auto session = impl_->store.session();
  if (!session || session->token.empty()) return not_signed_in();
  // Sent once, never retried: the server does not replay a registration (it keeps only the
  // token's hash), so a retry after an answer that got lost would register a second kiosk.
  SyncReport ignored;
  const std::string body = wire::encode(wire::KioskRegistration{std::string{name}, building_id}).dump();
  const net::HttpResult result = impl_->send(session->server_url, net::HttpRequest{"POST", "/api/v1/kiosks", body, {}},
                                             session->token, ignored, Impl::Retries::none);
  KioskRegistryAnswer answer;
  if (!result || result->status != 201) {
    refused_or_failed(result, answer);
    return answer;
  }
  try {
    auto registered = decode_answer<wire::KioskRegistered>(result->body, "kiosk registration");
    KioskRegistryAnswer listed = kiosks();
    listed.registered = registered.kiosk.id;
    listed.token = Secret{std::move(registered.token)};
    return listed;
  } catch (const codec::FieldError&) {
    answer.failure = Failure{std::nullopt, result->status};
    return answer;
  }
}

KioskRegistryAnswer SyncEngine::revoke_kiosk(const Id& kiosk_id) {
  const auto session = impl_->store.session();
  if (!session || session->token.empty()) return not_signed_in();
  SyncReport ignored;
  const net::HttpResult result = impl_->send(
      session->server_url, net::HttpRequest{"DELETE", "/api/v1/kiosks/" + codec::percent_encode(kiosk_id), "", {}},
      session->token, ignored);
  if (!result || result->status != 204) {
    KioskRegistryAnswer answer;
    refused_or_failed(result, answer);
    return answer;
  }
  return kiosks();
}

}  // namespace stellwerk::sync
