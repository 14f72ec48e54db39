#include "certificate.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <mensor/sdk/error.hpp>

#include <algorithm>
#include <fstream>

#include "jwt.hpp"

namespace mensor::service_principal {

struct ClientCertificate::Key {
  EVP_PKEY* pkey = nullptr;
  ~Key() { EVP_PKEY_free(pkey); }
};

namespace {

using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;
using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;
using PKeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

// Certificate files are small; a bound keeps a wrong path (a device, a huge file) harmless.
constexpr std::streamsize kMaxFileBytes = 1 << 20;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw sdk::ConfigError("Cannot read the client certificate file " + path);
  std::string content(static_cast<size_t>(kMaxFileBytes) + 1, '\0');
  in.read(content.data(), kMaxFileBytes + 1);
  content.resize(static_cast<size_t>(in.gcount()));
  if (content.size() > static_cast<size_t>(kMaxFileBytes)) {
    throw sdk::ConfigError("The client certificate file " + path + " is larger than 1 MiB");
  }
  return content;
}

BioPtr MemoryBio(const std::string& data) {
  return BioPtr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())), BIO_free);
}

// PEM password callback: the password is handed over without copying it anywhere else.
int PasswordCallback(char* buffer, int size, int, void* user) {
  const auto* password = static_cast<const std::string*>(user);
  const int length = static_cast<int>(std::min<size_t>(password->size(), size));
  std::copy_n(password->data(), length, buffer);
  return length;
}

[[noreturn]] void Fail(const std::string& path, const std::string& what) {
  ERR_clear_error();  // OpenSSL's queue would otherwise leak into later, unrelated checks
  throw sdk::ConfigError("Client certificate " + path + ": " + what);
}

void LoadPem(const std::string& path, const std::string& content, const std::string& password,
             X509Ptr& certificate, PKeyPtr& key) {
  BioPtr cert_bio = MemoryBio(content);
  certificate.reset(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
  if (!certificate) Fail(path, "no PEM certificate (-----BEGIN CERTIFICATE-----) in the file");
  BioPtr key_bio = MemoryBio(content);
  key.reset(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, PasswordCallback,
                                    const_cast<std::string*>(&password)));
  if (!key) {
    Fail(path,
         "no readable private key in the PEM file (put the key beside the certificate; "
         "an encrypted key needs its password in PROMITOR_AUTH_CERTIFICATE_PASSWORD)");
  }
}

void LoadPkcs12(const std::string& path, const std::string& content, const std::string& password,
                X509Ptr& certificate, PKeyPtr& key) {
  BioPtr bio = MemoryBio(content);
  std::unique_ptr<PKCS12, decltype(&PKCS12_free)> p12(d2i_PKCS12_bio(bio.get(), nullptr),
                                                      PKCS12_free);
  if (!p12) Fail(path, "neither PEM nor PKCS#12 (.pfx)");
  EVP_PKEY* raw_key = nullptr;
  X509* raw_cert = nullptr;
  STACK_OF(X509)* chain = nullptr;
  if (PKCS12_parse(p12.get(), password.c_str(), &raw_key, &raw_cert, &chain) != 1) {
    Fail(path,
         "cannot open the PKCS#12 file (wrong or missing password in "
         "PROMITOR_AUTH_CERTIFICATE_PASSWORD?)");
  }
  sk_X509_pop_free(chain, X509_free);
  key.reset(raw_key);
  certificate.reset(raw_cert);
  if (!certificate) Fail(path, "the PKCS#12 file holds no certificate");
  if (!key) Fail(path, "the PKCS#12 file holds no private key");
}

std::string Hex(const std::string& bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0xF]);
  }
  return out;
}

}  // namespace

ClientCertificate ClientCertificate::Load(const std::string& path, const std::string& password) {
  const std::string content = ReadFile(path);
  X509Ptr certificate(nullptr, X509_free);
  PKeyPtr key(nullptr, EVP_PKEY_free);
  if (content.find("-----BEGIN") != std::string::npos) {
    LoadPem(path, content, password, certificate, key);
  } else {
    LoadPkcs12(path, content, password, certificate, key);
  }
  if (EVP_PKEY_base_id(key.get()) != EVP_PKEY_RSA) {
    Fail(path, "the private key is not RSA (Entra client assertions are signed with RS256)");
  }
  if (X509_check_private_key(certificate.get(), key.get()) != 1) {
    Fail(path, "the private key does not belong to the certificate");
  }
  unsigned char* der = nullptr;
  const int length = i2d_X509(certificate.get(), &der);
  if (length <= 0) Fail(path, "cannot encode the certificate");
  const std::string der_bytes(reinterpret_cast<char*>(der), static_cast<size_t>(length));
  OPENSSL_free(der);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  if (EVP_Digest(der_bytes.data(), der_bytes.size(), digest, &digest_length, EVP_sha1(), nullptr) !=
      1) {
    Fail(path, "cannot compute the certificate's thumbprint");
  }
  const std::string sha1(reinterpret_cast<char*>(digest), digest_length);

  ClientCertificate loaded;
  auto holder = std::make_shared<Key>();
  holder->pkey = key.release();
  loaded.key_ = std::move(holder);
  loaded.x5t_ = Base64UrlEncode(sha1);
  loaded.thumbprint_hex_ = Hex(sha1);
  return loaded;
}

std::string ClientCertificate::SignRs256(std::string_view data) const {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  EVP_MD_CTX_free);
  size_t length = 0;
  if (!context ||
      EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key_->pkey) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &length,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    ERR_clear_error();
    throw sdk::Error(MENSOR_E_INTERNAL, "RS256 signing of the client assertion failed");
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    ERR_clear_error();
    throw sdk::Error(MENSOR_E_INTERNAL, "RS256 signing of the client assertion failed");
  }
  signature.resize(length);
  return signature;
}

}  // namespace mensor::service_principal
