#include "options.hpp"

#include <charconv>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace mensor::sim {

namespace {

template <typename Int>
Int ParseInt(const std::string& flag, const std::string& text, Int min, Int max) {
  Int value{};
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || value < min || value > max) {
    throw std::invalid_argument(flag + ": expected an integer in [" + std::to_string(min) + ", " +
                                std::to_string(max) + "], got '" + text + "'");
  }
  return value;
}

ClientRegistration& ClientNamed(std::vector<ClientRegistration>& clients, const std::string& id) {
  for (auto& client : clients) {
    if (EqualsIgnoreCase(client.client_id, id)) return client;
  }
  clients.push_back(ClientRegistration{id, "", {}, {}});
  return clients.back();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read '" + path + "'");
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace

std::string UsageText() {
  return "usage: mensor-azure-sim [--port N] [--port-file F] [--world F] [--seed N]\n"
         "                        [--token-lifetime S] [--client id:secret]...\n"
         "                        [--client-cert id:cert.pem]...\n"
         "                        [--federated-credential id,issuer,subject]...\n"
         "                        [--identity-header H] [--arc-key-dir D]\n"
         "                        [--arm-read-budget N] [--batch-budget N] [--latency-ms N]\n"
         "                        [--estate N] [--estate-entities N] [--regions r1,...]\n"
         "Simulates IMDS, the App Service identity endpoint, Entra ID client credentials and\n"
         "the Azure Monitor ARM metrics API on 127.0.0.1. Control API under /_sim/.\n";
}

CommandLine ParseCommandLine(const std::vector<std::string>& arguments) {
  CommandLine result;
  for (size_t i = 0; i < arguments.size(); ++i) {
    std::string flag = arguments[i];
    std::string value;
    bool has_value = false;
    if (const auto equals = flag.find('='); flag.starts_with("--") && equals != std::string::npos) {
      value = flag.substr(equals + 1);
      flag = flag.substr(0, equals);
      has_value = true;
    }
    if (flag == "--help" || flag == "-h") {
      result.help = true;
      continue;
    }
    if (!has_value) {
      if (i + 1 >= arguments.size()) throw std::invalid_argument(flag + ": missing value");
      value = arguments[++i];
    }
    if (flag == "--port") {
      result.port = ParseInt<uint16_t>(flag, value, 0, 65535);
    } else if (flag == "--port-file") {
      result.port_file = value;
    } else if (flag == "--world") {
      result.world_file = value;
    } else if (flag == "--seed") {
      result.seed = ParseInt<uint64_t>(flag, value, 0, UINT64_MAX);
    } else if (flag == "--token-lifetime") {
      result.token_lifetime = ParseInt<int64_t>(flag, value, 1, 31'536'000);
    } else if (flag == "--client") {
      const auto colon = value.find(':');
      if (colon == std::string::npos || colon == 0 || colon + 1 == value.size()) {
        throw std::invalid_argument("--client: expected id:secret, got '" + value + "'");
      }
      result.clients.push_back({value.substr(0, colon), value.substr(colon + 1), {}, {}});
    } else if (flag == "--client-cert") {
      const auto colon = value.find(':');
      if (colon == std::string::npos || colon == 0 || colon + 1 == value.size()) {
        throw std::invalid_argument("--client-cert: expected id:path-to-cert.pem, got '" + value +
                                    "'");
      }
      result.client_certificates.emplace_back(value.substr(0, colon), value.substr(colon + 1));
    } else if (flag == "--federated-credential") {
      const auto parts = Split(value, ',');
      if (parts.size() != 3 || parts[0].empty() || parts[1].empty() || parts[2].empty()) {
        throw std::invalid_argument(
            "--federated-credential: expected client-id,issuer,subject, got '" + value + "'");
      }
      result.federated_credentials.emplace_back(parts[0], FederatedCredential{parts[1], parts[2]});
    } else if (flag == "--arc-key-dir") {
      if (value.empty()) throw std::invalid_argument("--arc-key-dir: must not be empty");
      result.arc_key_directory = value;
    } else if (flag == "--identity-header") {
      if (value.empty()) throw std::invalid_argument("--identity-header: must not be empty");
      result.identity_header = value;
    } else if (flag == "--arm-read-budget") {
      result.arm_read_budget = ParseInt<int64_t>(flag, value, 1, 1'000'000'000);
    } else if (flag == "--batch-budget") {
      result.batch_budget = ParseInt<int64_t>(flag, value, 1, 1'000'000'000);
    } else if (flag == "--latency-ms") {
      result.latency_ms = ParseInt<int64_t>(flag, value, 0, 600'000);
    } else if (flag == "--estate") {
      result.estate = ParseInt<int64_t>(flag, value, 1, 1'000'000);
    } else if (flag == "--estate-entities") {
      result.estate_entities = ParseInt<int64_t>(flag, value, 0, 10'000);
    } else if (flag == "--regions") {
      result.regions.clear();
      for (auto& region : Split(value, ',')) {
        if (Trim(region).empty()) throw std::invalid_argument("--regions: empty region name");
        result.regions.push_back(ToLower(Trim(region)));
      }
    } else {
      throw std::invalid_argument("unknown option '" + flag + "'");
    }
  }
  return result;
}

SimulatorOptions ToSimulatorOptions(const CommandLine& command_line) {
  SimulatorOptions options;
  options.seed = command_line.seed;
  options.token_lifetime = std::chrono::seconds(command_line.token_lifetime);
  if (!command_line.clients.empty()) options.clients = command_line.clients;
  for (const auto& [id, path] : command_line.client_certificates) {
    try {
      ClientNamed(options.clients, id).certificates.push_back(ParseCertificatePem(ReadFile(path)));
    } catch (const std::exception& e) {
      throw std::runtime_error("--client-cert " + id + ":" + path + ": " + e.what());
    }
  }
  for (const auto& [id, credential] : command_line.federated_credentials) {
    ClientNamed(options.clients, id).federated.push_back(credential);
  }
  options.identity_header = command_line.identity_header;
  options.arc_key_directory = command_line.arc_key_directory;
  options.arm_read_budget = command_line.arm_read_budget;
  options.batch_budget = command_line.batch_budget;
  options.latency = std::chrono::milliseconds(command_line.latency_ms);
  if (command_line.estate > 0 && !command_line.world_file.empty()) {
    throw std::runtime_error("--estate and --world are exclusive");
  }
  if (command_line.estate > 0) {
    options.world = World::Generate(command_line.seed, size_t(command_line.estate),
                                    command_line.regions, size_t(command_line.estate_entities));
  } else if (!command_line.world_file.empty()) {
    options.world = World::FromFile(command_line.world_file, command_line.seed);
  }
  return options;
}

}  // namespace mensor::sim
