// mensor-azure-sim: see options.cpp for the command line and simulator.h for what it serves.
#include <boost/asio/signal_set.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "options.hpp"
#include "server.hpp"

namespace {

// Written to a temporary name and renamed, so a polling test never reads a half-written port.
void WritePortFile(const std::string& path, uint16_t port) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << port << "\n";
    if (!out) throw std::runtime_error("cannot write port file '" + temporary + "'");
  }
  std::filesystem::rename(temporary, path);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace mensor::sim;
  CommandLine command_line;
  try {
    command_line = ParseCommandLine(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    std::cerr << "mensor-azure-sim: " << e.what() << "\n" << UsageText();
    return 2;
  }
  if (command_line.help) {
    std::cout << UsageText();
    return 0;
  }
  try {
    Simulator simulator(ToSimulatorOptions(command_line));
    HttpServer server(simulator, "127.0.0.1", command_line.port);
    boost::asio::signal_set signals(server.context(), SIGINT, SIGTERM);
    signals.async_wait([&server](const boost::system::error_code&, int) { server.Stop(); });
    if (!command_line.port_file.empty()) WritePortFile(command_line.port_file, server.port());
    std::cout << "listening on 127.0.0.1:" << server.port() << std::endl;
    server.Run();
  } catch (const std::exception& e) {
    std::cerr << "mensor-azure-sim: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
