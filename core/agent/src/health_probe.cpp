#include "mensor/agent/health_probe.hpp"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "mensor/agent/logging.hpp"
#include "mensor/config/runtime_loader.hpp"
#include "mensor/net/http_client.hpp"

namespace mensor::agent {
namespace {

// A wildcard bind is probed through loopback; a specific address is probed where it listens.
std::string ProbeHost(const std::string& bind_address) {
  if (bind_address.empty() || bind_address == "0.0.0.0") return "127.0.0.1";
  if (bind_address == "::" || bind_address == "[::]") return "[::1]";
  if (bind_address.find(':') != std::string::npos && bind_address.front() != '[') {
    return "[" + bind_address + "]";
  }
  return bind_address;
}

}  // namespace

int ProbeHealth(const AgentOptions& options, const HealthProbeOptions& probe) {
  SetUpLogging(spdlog::level::err);
  const auto runtime_path = options.config_folder / "runtime.yaml";
  std::error_code ec;
  if (!std::filesystem::exists(runtime_path, ec)) {
    fmt::print(stderr, "mensor health: {} not found\n", runtime_path.string());
    return kExitNoRuntimeFile;
  }
  // The running agent refused a broken file at start-up; the port is all that matters here.
  config::Diagnostics ignored;
  const auto runtime =
      config::LoadRuntimeConfig(runtime_path.string(), options.environment, ignored);
  const auto url = fmt::format("http://{}:{}/api/v1/health?includeDependencies={}",
                               ProbeHost(runtime.server.bind_address), runtime.server.http_port,
                               probe.include_dependencies ? "true" : "false");

  net::ClientOptions client_options;
  client_options.connect_timeout = std::chrono::seconds(2);
  client_options.max_response_bytes = 1024 * 1024;
  net::HttpClient client(client_options);
  net::ClientRequest request;
  request.url = url;
  request.headers.emplace_back("Accept", "application/json");
  request.timeout = std::chrono::seconds(5);
  const auto response = client.Send(std::move(request));
  if (response.status == 0) {
    fmt::print(stderr, "mensor health: {}: {}\n", url, response.error);
    return kExitFailure;
  }
  fmt::print("{} {}\n{}\n", url, response.status, response.body);
  return response.status == 200 ? kExitOk : kExitFailure;
}

}  // namespace mensor::agent
