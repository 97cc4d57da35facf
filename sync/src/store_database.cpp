// The Database that a LocalStore's subjects share, and the handle they reach it through.
#include "store_database.hpp"

#include "stellwerk/sync/store/database_ref.hpp"

namespace stellwerk::store {

Database& DatabaseRef::get() const {
  if (database_ == nullptr) throw Error("this local store was moved to another LocalStore");
  return *database_;
}

void Database::atomically(const std::function<void()>& work) {
  sql::Transaction transaction{connection, sql::Transaction::Kind::immediate};
  work();
  transaction.commit();
}

}  // namespace stellwerk::store
