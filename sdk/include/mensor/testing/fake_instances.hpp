// RAII drivers for auth-mode and sink instances created through their C descriptors.
#pragma once

#include <mensor/testing/fake_host.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace mensor::testing {

/// \brief Creates an auth-mode instance like the core does and destroys it on destruction.
/// Check created() (or create_status()) before GetToken. Must not outlive its FakeHost.
class AuthModeInstance {
 public:
  struct TokenResult {
    mensor_status status;
    FakeCall call;
    FakeToken token;
  };

  AuthModeInstance(FakeHost& host, std::string_view name, std::string_view yaml)
      : host_(host), desc_(host.auth_mode(name)) {
    if (desc_ == nullptr) throw std::out_of_range("auth mode not registered: " + std::string(name));
    ctx_ = host.NewCtx(std::string(name));
    create_status_ =
        desc_->create(ctx_, host.Config(yaml, desc_->config), create_call_.raw(), &instance_);
  }
  ~AuthModeInstance() {
    if (instance_ != nullptr) desc_->destroy(instance_);
  }
  AuthModeInstance(const AuthModeInstance&) = delete;
  AuthModeInstance& operator=(const AuthModeInstance&) = delete;

  bool created() const { return create_status_ == MENSOR_OK && instance_ != nullptr; }
  mensor_status create_status() const { return create_status_; }
  const FakeCall& create_call() const { return create_call_; }
  mensor_host_ctx* ctx() const { return ctx_; }

  /// `call` lets tests preset cancellation or a deadline.
  TokenResult GetToken(std::string_view scope, FakeCall call = {}) {
    FakeToken token;
    mensor_status status =
        desc_->get_token(instance_, call.raw(), sdk::detail::ToStr(scope), token.raw());
    return {status, std::move(call), std::move(token)};
  }

 private:
  FakeHost& host_;
  const mensor_auth_mode_desc* desc_;
  mensor_host_ctx* ctx_ = nullptr;
  FakeCall create_call_;
  mensor_status create_status_ = MENSOR_E_INTERNAL;
  void* instance_ = nullptr;
};

/// \brief Creates a sink instance; Start/Write/Stop drive it; the destructor stops it (if
/// started), drops its routes and destroys it, in the core's order. Must not outlive its FakeHost.
class SinkInstance {
 public:
  struct CallResult {
    mensor_status status;
    FakeCall call;
  };

  SinkInstance(FakeHost& host, std::string_view name, std::string_view yaml)
      : host_(host), desc_(host.sink(name)) {
    if (desc_ == nullptr) throw std::out_of_range("sink not registered: " + std::string(name));
    ctx_ = host.NewCtx(std::string(name));
    create_status_ =
        desc_->create(ctx_, host.Config(yaml, desc_->config), create_call_.raw(), &instance_);
  }
  ~SinkInstance() {
    if (instance_ == nullptr) return;
    if (started_ && !stopped_) Stop();
    desc_->destroy(instance_);
  }
  SinkInstance(const SinkInstance&) = delete;
  SinkInstance& operator=(const SinkInstance&) = delete;

  bool created() const { return create_status_ == MENSOR_OK && instance_ != nullptr; }
  mensor_status create_status() const { return create_status_; }
  const FakeCall& create_call() const { return create_call_; }
  mensor_host_ctx* ctx() const { return ctx_; }

  CallResult Start(FakeCall call = {}) {
    started_ = true;
    mensor_status status = desc_->start ? desc_->start(instance_, call.raw()) : MENSOR_OK;
    return {status, std::move(call)};
  }
  CallResult Write(const FakeBatch& batch, FakeCall call = {}) {
    mensor_status status = desc_->write(instance_, call.raw(), batch.raw());
    return {status, std::move(call)};
  }
  CallResult Write(std::vector<FakeSample> samples, std::string scope = "test-scope") {
    FakeBatch batch(std::move(samples), std::move(scope));
    return Write(batch);
  }
  void Stop() {
    stopped_ = true;
    if (desc_->stop) desc_->stop(instance_);
    host_.RemoveRoutes(ctx_);
  }

 private:
  FakeHost& host_;
  const mensor_sink_desc* desc_;
  mensor_host_ctx* ctx_ = nullptr;
  FakeCall create_call_;
  mensor_status create_status_ = MENSOR_E_INTERNAL;
  void* instance_ = nullptr;
  bool started_ = false;
  bool stopped_ = false;
};

}  // namespace mensor::testing
