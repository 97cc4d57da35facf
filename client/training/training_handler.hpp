// Applies Training's intents (an enrolment, a completion: each queued as a local change; the list's
// filter; saving a certificate as files) and loads Training's part of ClientData: the courses, the
// person's enrolments and whether each certificate is genuine.
#pragma once

#include <set>
#include <string>

#include "handler_context.hpp"
#include "stellwerk/sync/local_store.hpp"
#include "training/training_intents.hpp"

namespace stellwerk::client {

void handle(HandlerContext& context, const Enroll& intent);
void handle(HandlerContext& context, const CompleteCourse& intent);
void handle(HandlerContext& context, const WithdrawEnrollment& intent);
void handle(HandlerContext& context, const FilterCourses& intent);
void handle(HandlerContext& context, const ShowTrainingList& intent);
void handle(HandlerContext& context, const ChooseCompetence& intent);
void handle(HandlerContext& context, const AssessCompetence& intent);
void handle(HandlerContext& context, const SaveCertificate& intent);

// On the worker thread: courses, enrolments, which enrolments wait to be sent (`pending`: the
// outbox's pending entities), and each certificate checked against the pinned key.
void load_training(const store::LocalStore& store, const std::set<std::string>& pending, ClientData& data);

}  // namespace stellwerk::client
