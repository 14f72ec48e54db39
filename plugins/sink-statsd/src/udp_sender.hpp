// A connected UDP socket to the StatsD daemon.
#pragma once

#include <string>

namespace mensor::statsd {

/// Resolves host:port (IPv4 or IPv6) lazily and sends datagrams. After a failure the next Send
/// resolves again, so a daemon whose address changes (a Kubernetes Service) is found again.
/// Not thread-safe (one sink worker uses it).
class UdpSender {
 public:
  UdpSender(std::string host, int port);
  ~UdpSender();
  UdpSender(const UdpSender&) = delete;
  UdpSender& operator=(const UdpSender&) = delete;

  /// Sends one datagram; returns an empty string on success, else what went wrong.
  std::string Send(const std::string& payload);

 private:
  std::string Connect();
  void Close();

  std::string host_;
  int port_;
  int fd_ = -1;
};

}  // namespace mensor::statsd
