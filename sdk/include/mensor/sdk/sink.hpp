// Metric sinks: instances that receive batches (and may serve them over HTTP).
#pragma once

#include <mensor/abi.h>
#include <mensor/sdk/batch.hpp>
#include <mensor/sdk/call.hpp>
#include <mensor/sdk/detail/str.hpp>
#include <mensor/sdk/error.hpp>
#include <mensor/sdk/init_context.hpp>
#include <mensor/sdk/logger.hpp>
#include <mensor/sdk/route.hpp>
#include <mensor/sdk/schema.hpp>
#include <mensor/sdk/type_info.hpp>

#include <concepts>
#include <exception>
#include <functional>
#include <list>
#include <string>
#include <string_view>

namespace mensor::sdk {

/// \brief Base of sink classes. A subclass provides
/// \code
///   static constexpr TypeInfo kInfo{"prometheusScrapingEndpoint", "", "description"};
///   static const Schema& ConfigSchema();
///   explicit Ctor(InitContext& ctx) : Sink(ctx) { ... }   // may throw ConfigError / Error
/// \endcode
/// Lifecycle: ctor -> Start (control thread, may RegisterRoute) -> Write* (worker threads, one
/// at a time unless kFlags has MENSOR_FLAG_CONCURRENT) -> Stop (joins the sink's threads) -> dtor.
/// Route handlers run on host HTTP threads, concurrently with Write: the subclass synchronises
/// the state they share.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void Start(Call& /*call*/) {}
  /// May block but must honour the call's deadline and cancellation (T4).
  virtual void Write(Call& call, const Batch& batch) = 0;
  virtual void Stop() {}

  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;

 protected:
  explicit Sink(InitContext& ctx) : ctx_(ctx.raw()), logger_(ctx.raw()) {}

  /// Serves GET `path` via host->http_route; valid from Start on, the route lives until Stop.
  /// Throws Error (MENSOR_E_CONFIG if the path is taken). Control thread only (T1).
  void RegisterRoute(std::string_view path,
                     std::function<void(const RouteRequest&, RouteReply&)> handler) {
    // std::list: the handler's address is the route's user_data and must never move.
    handlers_.push_back(std::move(handler));
    mensor_status status =
        host::Api().http_route(ctx_, detail::ToStr(path), &Sink::Dispatch, &handlers_.back());
    if (status != MENSOR_OK) {
      handlers_.pop_back();
      throw Error(status, "registering route '" + std::string(path) +
                              "' failed: " + std::string(StatusName(status)));
    }
  }

  const Logger& logger() const { return logger_; }
  mensor_host_ctx* host_ctx() const { return ctx_; }

 private:
  using Handler = std::function<void(const RouteRequest&, RouteReply&)>;

  static void Dispatch(void* user_data, const mensor_http_request_view* request,
                       mensor_http_reply* reply) noexcept {
    RouteReply out(reply);
    try {
      (*static_cast<Handler*>(user_data))(RouteRequest::FromC(request), out);
    } catch (const std::exception& e) {
      try {
        out.Set(500, "text/plain; charset=utf-8", e.what());
      } catch (...) {
      }
    } catch (...) {
      try {
        out.Set(500, "text/plain; charset=utf-8", "internal error");
      } catch (...) {
      }
    }
  }

  mensor_host_ctx* ctx_;
  Logger logger_;
  std::list<Handler> handlers_;
};

template <class T>
concept SinkClass =
    std::derived_from<T, Sink> && std::constructible_from<T, InitContext&> && requires {
  { T::kInfo } -> std::convertible_to<TypeInfo>;
  { T::ConfigSchema() } -> std::convertible_to<const Schema&>;
};

}  // namespace mensor::sdk
