// Authentication modes: instances that hand out tokens for a scope.
#pragma once

#include <mensor/sdk/call.hpp>
#include <mensor/sdk/init_context.hpp>
#include <mensor/sdk/schema.hpp>
#include <mensor/sdk/type_info.hpp>

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>

namespace mensor::sdk {

/// \brief A bearer token and its absolute expiry (host clock, Unix ns).
struct Token {
  std::string value;
  int64_t expires_unix_ns = 0;
};

/// \brief Base of auth-mode classes. A subclass provides
/// \code
///   static constexpr TypeInfo kInfo{"SystemAssignedManagedIdentity", "", "description"};
///   static const Schema& ConfigSchema();
///   explicit Ctor(InitContext&);   // may throw ConfigError / Error
/// \endcode
/// GetToken always fetches a fresh token: the host caches per (instance, scope) and serialises
/// refreshes. It may block but must honour the call's deadline and cancellation (T4).
/// Thread-safety: one call at a time per instance unless kFlags has MENSOR_FLAG_CONCURRENT (T2).
class AuthMode {
 public:
  virtual ~AuthMode() = default;
  virtual Token GetToken(Call& call, std::string_view scope) = 0;
};

template <class T>
concept AuthModeClass =
    std::derived_from<T, AuthMode> && std::constructible_from<T, InitContext&> && requires {
  { T::kInfo } -> std::convertible_to<TypeInfo>;
  { T::ConfigSchema() } -> std::convertible_to<const Schema&>;
};

}  // namespace mensor::sdk
