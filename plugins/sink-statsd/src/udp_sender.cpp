#include "udp_sender.hpp"

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace mensor::statsd {

UdpSender::UdpSender(std::string host, int port) : host_(std::move(host)), port_(port) {}

UdpSender::~UdpSender() { Close(); }

void UdpSender::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

std::string UdpSender::Connect() {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(port_);
  if (int rc = ::getaddrinfo(host_.c_str(), port.c_str(), &hints, &found); rc != 0) {
    return "cannot resolve " + host_ + ": " + ::gai_strerror(rc);
  }
  std::string error = "no address for " + host_;
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      error = std::string("socket: ") + std::strerror(errno);
      continue;
    }
    if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
      fd_ = fd;
      error.clear();
      break;
    }
    error = std::string("connect: ") + std::strerror(errno);
    ::close(fd);
  }
  ::freeaddrinfo(found);
  return error;
}

std::string UdpSender::Send(const std::string& payload) {
  if (fd_ < 0) {
    if (std::string error = Connect(); !error.empty()) return error;
  }
  const ssize_t sent = ::send(fd_, payload.data(), payload.size(), MSG_NOSIGNAL);
  if (sent == static_cast<ssize_t>(payload.size())) return "";
  const std::string error = sent < 0 ? std::strerror(errno) : "short write";
  Close();
  return "sending to " + host_ + ":" + std::to_string(port_) + " failed: " + error;
}

}  // namespace mensor::statsd
