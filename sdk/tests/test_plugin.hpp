// Classes of the in-process test plugin (test_plugin.cpp).
#pragma once

#include <mensor/sdk.hpp>

#include <mutex>
#include <string>

namespace sdktest {

// Validate behaviour is chosen by the `mode` key, to exercise exception translation.
class Thrower final : public mensor::sdk::ResourceType {
 public:
  static constexpr mensor::sdk::TypeInfo kInfo{"Thrower", "Microsoft.Test/things", "test"};
  static const mensor::sdk::Schema& ConfigSchema();
  static void Validate(const mensor::sdk::Config&, const mensor::sdk::MetricInfo&,
                       mensor::sdk::Call&);
  static void Describe(const mensor::sdk::Config&, const mensor::sdk::MetricInfo&,
                       mensor::sdk::Target&);
};

// Uses the Describe overload that receives the Call.
class CallDescribe final : public mensor::sdk::ResourceType {
 public:
  static constexpr mensor::sdk::TypeInfo kInfo{"CallDescribe", "Microsoft.Test/calls", "test"};
  static constexpr uint32_t kFlags = MENSOR_FLAG_CONCURRENT;
  static const mensor::sdk::Schema& ConfigSchema();
  static void Validate(const mensor::sdk::Config&, const mensor::sdk::MetricInfo&,
                       mensor::sdk::Call&) {}
  static void Describe(const mensor::sdk::Config&, const mensor::sdk::MetricInfo&,
                       mensor::sdk::Call&, mensor::sdk::Target&);
};

class TestAuth final : public mensor::sdk::AuthMode {
 public:
  static constexpr mensor::sdk::TypeInfo kInfo{"TestAuth", "", "test"};
  static const mensor::sdk::Schema& ConfigSchema();
  explicit TestAuth(mensor::sdk::InitContext& ctx);
  mensor::sdk::Token GetToken(mensor::sdk::Call& call, std::string_view scope) override;

 private:
  std::string client_id_;
  std::string token_url_;
};

// Renders the last batch as text and serves it on `path`.
class TestSink final : public mensor::sdk::Sink {
 public:
  static constexpr mensor::sdk::TypeInfo kInfo{"TestSink", "", "test"};
  static const mensor::sdk::Schema& ConfigSchema();
  explicit TestSink(mensor::sdk::InitContext& ctx);
  void Start(mensor::sdk::Call& call) override;
  void Write(mensor::sdk::Call& call, const mensor::sdk::Batch& batch) override;
  void Stop() override;

 private:
  std::string path_;
  std::mutex mu_;
  std::string text_;
  std::string scope_;
};

}  // namespace sdktest
