// A client certificate and its private key, from a PEM file (certificate and key together) or a
// PKCS#12 (.pfx/.p12) file, and RS256 signing with it (OpenSSL).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace mensor::service_principal {

/// \brief A loaded certificate with its RSA private key. Never copies the key out.
/// Thread-compatible (const use from several threads is safe).
class ClientCertificate {
 public:
  /// \brief Reads `path`: PEM when it holds "-----BEGIN", else PKCS#12. `password` decrypts an
  /// encrypted PEM key or the PKCS#12 file (empty = none). Throws sdk::ConfigError naming the
  /// file and the problem (no certificate, no key, key not RSA, key not matching the
  /// certificate, wrong password); the password never appears in messages.
  static ClientCertificate Load(const std::string& path, const std::string& password);

  /// \brief Entra's `x5t`: base64url of the SHA-1 digest of the DER certificate.
  const std::string& x5t() const { return x5t_; }
  /// \brief Hex SHA-1 thumbprint, as the Azure portal shows it (for logs).
  const std::string& thumbprint_hex() const { return thumbprint_hex_; }

  /// \brief RSASSA-PKCS1-v1_5 SHA-256 signature of `data` (raw bytes). Throws sdk::Error.
  std::string SignRs256(std::string_view data) const;

 private:
  struct Key;
  std::shared_ptr<const Key> key_;
  std::string x5t_;
  std::string thumbprint_hex_;
};

}  // namespace mensor::service_principal
