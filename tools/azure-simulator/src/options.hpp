// Command line of mensor-azure-sim.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "simulator.hpp"

namespace mensor::sim {

struct CommandLine {
  uint16_t port = 0;
  std::string port_file;
  std::string world_file;
  uint64_t seed = 0;
  int64_t token_lifetime = 3600;
  std::vector<ClientRegistration> clients;  // Empty: the default sim-client-id.
  // --client-cert id:pem-path and --federated-credential id,issuer,subject: attach to the client
  // of that id, registering it (without a secret) when --client did not.
  std::vector<std::pair<std::string, std::string>> client_certificates;
  std::vector<std::pair<std::string, FederatedCredential>> federated_credentials;
  std::string identity_header = "sim-identity-header";
  std::string arc_key_directory;
  int64_t arm_read_budget = 12000;
  int64_t batch_budget = 1'000'000;
  int64_t latency_ms = 0;
  int64_t estate = 0;
  int64_t estate_entities = 0;  // > 0: a generated world of this many resources (World::Generate)
  std::vector<std::string> regions = {"westeurope"};
  bool help = false;
};

// Accepts "--flag value" and "--flag=value". Throws std::invalid_argument.
CommandLine ParseCommandLine(const std::vector<std::string>& arguments);
std::string UsageText();
// Loads the world file, if any. Throws std::runtime_error.
SimulatorOptions ToSimulatorOptions(const CommandLine& command_line);

}  // namespace mensor::sim
