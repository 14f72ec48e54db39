// Test-only: a fresh RSA key and self-signed certificate made with OpenSSL at test time, written
// as PEM (certificate + key), PFX, and the certificate alone. No key material is committed.
#pragma once

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace mensor::service_principal::testing {

class TestCertificate {
 public:
  explicit TestCertificate(const std::string& dir, int bits = 2048) : dir_(dir) {
    key_ = EVP_RSA_gen(bits);
    cert_ = X509_new();
    X509_set_version(cert_, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert_), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert_), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert_), 3600);
    X509_set_pubkey(cert_, key_);
    X509_NAME* name = X509_get_subject_name(cert_);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("mensor-test"), -1, -1, 0);
    X509_set_issuer_name(cert_, name);
    if (X509_sign(cert_, key_, EVP_sha256()) == 0) throw std::runtime_error("X509_sign");
  }
  ~TestCertificate() {
    X509_free(cert_);
    EVP_PKEY_free(key_);
  }

  // Certificate then key; with a password the key is encrypted (AES-256-CBC).
  std::string WritePem(const std::string& name, const std::string& password = "") const {
    const std::string path = dir_ + "/" + name;
    FILE* f = std::fopen(path.c_str(), "w");
    PEM_write_X509(f, cert_);
    if (password.empty()) {
      PEM_write_PrivateKey(f, key_, nullptr, nullptr, 0, nullptr, nullptr);
    } else {
      PEM_write_PrivateKey(f, key_, EVP_aes_256_cbc(),
                           reinterpret_cast<const unsigned char*>(password.data()),
                           static_cast<int>(password.size()), nullptr, nullptr);
    }
    std::fclose(f);
    return path;
  }
  std::string WriteCertificateOnly(const std::string& name) const {
    const std::string path = dir_ + "/" + name;
    FILE* f = std::fopen(path.c_str(), "w");
    PEM_write_X509(f, cert_);
    std::fclose(f);
    return path;
  }
  std::string WritePfx(const std::string& name, const std::string& password) const {
    const std::string path = dir_ + "/" + name;
    PKCS12* p12 = PKCS12_create(password.c_str(), "mensor", key_, cert_, nullptr, 0, 0, 0, 0, 0);
    FILE* f = std::fopen(path.c_str(), "wb");
    i2d_PKCS12_fp(f, p12);
    std::fclose(f);
    PKCS12_free(p12);
    return path;
  }

  bool Verify(const std::string& data, const std::string& signature) const {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key_);
    const int ok = EVP_DigestVerify(
        ctx, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
        reinterpret_cast<const unsigned char*>(data.data()), data.size());
    EVP_MD_CTX_free(ctx);
    return ok == 1;
  }

  std::string Sha1OfDer() const {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    X509_digest(cert_, EVP_sha1(), digest, &length);
    return std::string(reinterpret_cast<char*>(digest), length);
  }

 private:
  std::string dir_;
  EVP_PKEY* key_ = nullptr;
  X509* cert_ = nullptr;
};

}  // namespace mensor::service_principal::testing
