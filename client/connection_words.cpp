// connection_problem(): one sentence per transport error kind (checked against the enum's COUNT)
// and per class of HTTP status.
#include "connection_words.hpp"

#include <array>

#include <fmt/format.h>

#include "stellwerk/core/i18n.hpp"
#include "stellwerk/core/tr_noop.hpp"

namespace stellwerk::client {
namespace {

using i18n::tr;

constexpr std::array kTransportTexts{
    // invalid_url
    STELLWERK_TR_NOOP("The server address is not valid. Enter it as https://name or http://name:port."),
    // insecure_refused
    STELLWERK_TR_NOOP("The server address must begin with https://; plain http:// is only allowed on this computer."),
    // resolve_failed
    STELLWERK_TR_NOOP("The server's name was not found. Check the server address and the network connection."),
    // connect_failed
    STELLWERK_TR_NOOP("The server does not answer. It may be down, or the address or port may be wrong."),
    // timed_out
    STELLWERK_TR_NOOP("The server took too long to answer."),
    // tls_failed
    STELLWERK_TR_NOOP("The secure connection to the server failed: its certificate is not trusted."),
    // pin_mismatch
    STELLWERK_TR_NOOP("The server's key is not the one this computer expects. Ask your IT department."),
    // too_large
    STELLWERK_TR_NOOP("The server's answer was too large."),
    // connection_lost
    STELLWERK_TR_NOOP("The connection to the server was lost."),
};
static_assert(kTransportTexts.size() == static_cast<std::size_t>(net::TransportErrorKind::COUNT));

}  // namespace

std::string connection_problem(const sync::Failure& failure) {
  if (failure.transport) return tr(kTransportTexts[static_cast<std::size_t>(*failure.transport)]);
  const int status = failure.http_status;
  if (status >= 300 && status < 400) {
    return fmt::format(fmt::runtime(tr("The server answered with a redirect (HTTP {}). Check the server address.")), status);
  }
  if (status >= 500 || status == 429 || status == 408) {
    return fmt::format(fmt::runtime(tr("The server has a problem at the moment (HTTP {}).")), status);
  }
  if (status != 0) return fmt::format(fmt::runtime(tr("The server answered with an error (HTTP {}).")), status);
  return tr("The server's answer could not be read.");
}

}  // namespace stellwerk::client
