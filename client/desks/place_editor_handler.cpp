// The floor-plan editor's intents (facility admins). A saved or removed place, and a floor's new
// drawing, are queued through the outbox like every other change and announced in a notice with
// the server's answer; the cache shows it at once, and the changes feed takes it to everybody else.
#include <expected>
#include <fstream>

#include <fmt/format.h>

#include "desks/desks_handler.hpp"
#include "notices.hpp"
#include "stellwerk/core/floor_drawing.hpp"
#include "stellwerk/core/place_edit.hpp"
#include "stellwerk/sync/local_changes.hpp"

namespace stellwerk::client {
namespace {

bool may_edit_places(const AppState& state) {
  return state.session.signed_in && state.data.me && has_role(*state.data.me, Role::facility_admin);
}

const Floor* floor_of(const AppState& state, const Id& floor_id) {
  for (const Building& building : state.data.buildings) {
    for (const Floor& floor : building.floors) {
      if (floor.id == floor_id) return &floor;
    }
  }
  return nullptr;
}

// A path as file managers copy it may come with spaces or quotes around it.
std::string bare_path(std::string_view path) {
  const auto first = path.find_first_not_of(" \t\"'");
  if (first == std::string_view::npos) return {};
  return std::string{path.substr(first, path.find_last_not_of(" \t\"'") - first + 1)};
}

// The file's bytes when they are a drawing core accepts; reads one byte more than the limit, so a
// larger file is told apart from a broken one without reading all of it.
std::expected<std::string, DrawingFileProblem> read_drawing_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return std::unexpected(DrawingFileProblem::unreadable);
  std::string bytes(kMaxDrawingBytes + 1, '\0');
  file.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (file.bad()) return std::unexpected(DrawingFileProblem::unreadable);
  bytes.resize(static_cast<std::size_t>(file.gcount()));
  if (bytes.size() > kMaxDrawingBytes) return std::unexpected(DrawingFileProblem::too_large);
  if (!inspect_drawing(bytes)) return std::unexpected(DrawingFileProblem::not_a_drawing);
  return bytes;
}

}  // namespace

void handle(HandlerContext& context, const SavePlace& intent) {
  const Floor* floor = floor_of(context.state, intent.place.floor_id);
  if (!may_edit_places(context.state) || floor == nullptr || place_refusal(intent.place, *floor)) return;
  context.queue_awaited(ChangeKind::place_edit, intent.place.name, [place = intent.place](store::LocalStore& store) {
    sync::queue_place_edit(store, place);
    return mutation_of(store, store::resource_key(place.id));
  });
}

void handle(HandlerContext& context, const AskPlaceRemoval& intent) {
  if (!may_edit_places(context.state)) return;
  context.worker.post([id = intent.resource_id, now = now_of(context.state)](store::LocalStore* store) -> UiUpdate {
    if (store == nullptr) return {};
    const int ahead = store->bookings_ahead(id, now);
    return [id, ahead](AppState& state) { state.desks.removal = PlaceRemovalQuestion{id, ahead}; };
  });
}

void handle(HandlerContext& context, const RemovePlace& intent) {
  DesksState& desks = context.state.desks;
  desks.removal.reset();
  if (!may_edit_places(context.state)) return;
  if (desks.selected == intent.resource_id) desks.selected.clear();
  std::string name = intent.resource_id;
  for (const Resource& r : desks.resources) {
    if (r.id == intent.resource_id) name = r.name;
  }
  context.queue_awaited(ChangeKind::place_removal, std::move(name),
                        [intent](store::LocalStore& store) {
                          sync::queue_place_removal(store, intent.resource_id, intent.release_bookings);
                          return mutation_of(store, store::resource_key(intent.resource_id));
                        });
}

void handle(HandlerContext& context, const KeepPlace&) { context.state.desks.removal.reset(); }

void handle(HandlerContext& context, const UploadDrawing& intent) {
  const Floor* floor = floor_of(context.state, intent.floor_id);
  if (!may_edit_places(context.state) || floor == nullptr) return;
  context.state.desks.drawing_problem.reset();
  context.worker.post([floor_id = intent.floor_id, path = bare_path(intent.path),
                       name = floor->name](store::LocalStore* store) -> UiUpdate {
    if (store == nullptr) return {};
    auto image = read_drawing_file(path);
    if (!image) return [problem = image.error()](AppState& state) { state.desks.drawing_problem = problem; };
    const std::int64_t mutation = sync::queue_floor_drawing(*store, floor_id, std::move(*image));
    return [mutation, name](AppState& state) {
      state.requests.sync_soon = true;
      announce_queued(state, ChangeKind::floor_drawing, name, mutation);
    };
  });
  context.reload();
}

}  // namespace stellwerk::client
