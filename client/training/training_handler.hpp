// Applies Training's intents (an enrolment, a completion: each queued as a local change; the list's
// filter) and
// loads Training's part of ClientData: the courses and the person's enrolments.
#pragma once

#include <set>
#include <string>

#include "handler_context.hpp"
#include "stellwerk/sync/local_store.hpp"
#include "training/training_intents.hpp"

namespace stellwerk::client {

void handle(HandlerContext& context, const Enroll& intent);
void handle(HandlerContext& context, const CompleteCourse& intent);
void handle(HandlerContext& context, const ToggleMandatoryOnly& intent);

// On the worker thread, from the store's training subject: courses, enrolments, and which
// enrolments wait to be sent (`pending`: the outbox's pending entities).
void load_training(const store::TrainingCache& store, const std::set<std::string>& pending, ClientData& data);

}  // namespace stellwerk::client
