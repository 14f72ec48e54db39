// The Entra endpoint's client assertions: certificate JWTs (signature, x5t, aud/iss/sub, time)
// and federated tokens (issuer, subject, audience), with a key pair made at test time.
#include "client_assertion.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "entra.hpp"
#include "test_support.hpp"

namespace mensor::sim {
namespace {

using testing::FixedNow;

constexpr const char* kTenant = "tenant-1";
constexpr const char* kHost = "127.0.0.1:4444";
const std::string kEndpoint = std::string("http://") + kHost + "/" + kTenant + "/oauth2/v2.0/token";

// A throwaway RSA key and its self-signed certificate.
class KeyPair {
 public:
  KeyPair() {
    key_ = EVP_RSA_gen(2048);
    cert_ = X509_new();
    X509_set_version(cert_, 2);
    X509_gmtime_adj(X509_getm_notBefore(cert_), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert_), 3600);
    X509_set_pubkey(cert_, key_);
    X509_set_issuer_name(cert_, X509_get_subject_name(cert_));
    X509_sign(cert_, key_, EVP_sha256());
  }
  ~KeyPair() {
    X509_free(cert_);
    EVP_PKEY_free(key_);
  }
  std::string CertificatePem() const {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert_);
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<size_t>(length));
    BIO_free(bio);
    return pem;
  }
  std::string Sign(const std::string& input) const {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    size_t length = 0;
    EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key_);
    EVP_DigestSign(ctx, nullptr, &length, reinterpret_cast<const unsigned char*>(input.data()),
                   input.size());
    std::string signature(length, '\0');
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &length,
                   reinterpret_cast<const unsigned char*>(input.data()), input.size());
    EVP_MD_CTX_free(ctx);
    signature.resize(length);
    return signature;
  }

 private:
  EVP_PKEY* key_ = nullptr;
  X509* cert_ = nullptr;
};

const KeyPair& Registered() {
  static const KeyPair pair;
  return pair;
}

std::string Assertion(const KeyPair& keys, nlohmann::json header, nlohmann::json claims) {
  const std::string input = Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(claims.dump());
  return input + "." + Base64UrlEncode(keys.Sign(input));
}

nlohmann::json Header() {
  const Certificate certificate = ParseCertificatePem(Registered().CertificatePem());
  return {{"alg", "RS256"}, {"typ", "JWT"}, {"x5t", Base64UrlEncode(certificate.sha1_thumbprint)}};
}

nlohmann::json Claims() {
  const int64_t now = FixedNow().time_since_epoch().count();
  return {{"aud", kEndpoint}, {"iss", "cert-app"}, {"sub", "cert-app"},
          {"jti", "j-1"},     {"nbf", now},        {"exp", now + 600}};
}

class ClientAssertionTest : public ::testing::Test {
 protected:
  ClientAssertionTest()
      : issuer_("key", std::chrono::seconds(3600)),
        entra_(
            issuer_,
            {ClientRegistration{
                 "cert-app", "", {ParseCertificatePem(Registered().CertificatePem())}, {}},
             ClientRegistration{"wi-app",
                                "",
                                {},
                                {{std::string(kSimOidcIssuer), "system:serviceaccount:ns:sa"}}}}) {}

  SimResponse Post(const std::string& client_id, const std::string& assertion,
                   const std::string& type = std::string(kJwtBearerAssertionType)) {
    FieldList headers;
    headers.Add("Content-Type", "application/x-www-form-urlencoded");
    headers.Add("Host", kHost);
    const std::string body = "client_id=" + client_id +
                             "&scope=https%3A%2F%2Fmanagement.azure.com%2F.default"
                             "&grant_type=client_credentials&client_assertion_type=" +
                             util::PercentEncode(type) + "&client_assertion=" + assertion;
    return entra_.Handle(
        SimRequest::Make("POST", std::string("/") + kTenant + "/oauth2/v2.0/token", headers, body),
        kTenant, FixedNow());
  }
  int Code(const SimResponse& response) { return response.JsonBody()["error_codes"][0]; }

  TokenIssuer issuer_;
  EntraEndpoint entra_;
};

TEST_F(ClientAssertionTest, ValidCertificateAssertionGetsAToken) {
  const auto response = Post("cert-app", Assertion(Registered(), Header(), Claims()));
  ASSERT_EQ(response.status, 200) << response.body;
  ASSERT_EQ(entra_.accepted().size(), 1u);
  EXPECT_EQ(entra_.accepted()[0].kind, "certificate");
  EXPECT_EQ(entra_.accepted()[0].jti, "j-1");
}

TEST_F(ClientAssertionTest, CertificateAssertionsAreCheckedLikeEntra) {
  KeyPair stranger;
  auto claims = Claims();
  EXPECT_EQ(Code(Post("cert-app", Assertion(stranger, Header(), claims))), 700027)
      << "signed by a key that is not the registered certificate's";
  auto other_x5t = Header();
  other_x5t["x5t"] = Base64UrlEncode("not-a-thumbprint-of-anything");
  EXPECT_EQ(Code(Post("cert-app", Assertion(Registered(), other_x5t, claims))), 700027);
  auto wrong_aud = Claims();
  wrong_aud["aud"] = "https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token";
  EXPECT_EQ(Code(Post("cert-app", Assertion(Registered(), Header(), wrong_aud))), 700023);
  auto wrong_sub = Claims();
  wrong_sub["sub"] = "someone-else";
  EXPECT_EQ(Code(Post("cert-app", Assertion(Registered(), Header(), wrong_sub))), 700021);
  auto expired = Claims();
  expired["exp"] = FixedNow().time_since_epoch().count() - 3600;
  EXPECT_EQ(Code(Post("cert-app", Assertion(Registered(), Header(), expired))), 700024);
  auto no_jti = Claims();
  no_jti.erase("jti");
  EXPECT_EQ(Code(Post("cert-app", Assertion(Registered(), Header(), no_jti))), 50027);
  EXPECT_EQ(Code(Post("cert-app", "not-a-jwt")), 50027);
  EXPECT_EQ(Code(Post("cert-app", Assertion(Registered(), Header(), Claims()), "urn:wrong")),
            50027);
  EXPECT_EQ(Code(Post("cert-app", Assertion(Registered(), Header(), Claims()), "")), 900144);
  EXPECT_TRUE(entra_.accepted().empty());
}

TEST_F(ClientAssertionTest, FederatedTokensMatchIssuerSubjectAndAudience) {
  std::string jti;
  const auto token =
      IssueFederatedToken(issuer_, kSimOidcIssuer, "system:serviceaccount:ns:sa",
                          kTokenExchangeAudience, FixedNow(), std::chrono::seconds(600), &jti);
  const auto response = Post("wi-app", token);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(entra_.accepted().back().kind, "federated");
  EXPECT_EQ(entra_.accepted().back().jti, jti);

  const auto other_subject =
      IssueFederatedToken(issuer_, kSimOidcIssuer, "system:serviceaccount:x:y",
                          kTokenExchangeAudience, FixedNow(), std::chrono::seconds(600), nullptr);
  EXPECT_EQ(Code(Post("wi-app", other_subject)), 70021);
  const auto other_audience =
      IssueFederatedToken(issuer_, kSimOidcIssuer, "system:serviceaccount:ns:sa", "api://other",
                          FixedNow(), std::chrono::seconds(600), nullptr);
  EXPECT_EQ(Code(Post("wi-app", other_audience)), 70021);
  const auto expired = IssueFederatedToken(
      issuer_, kSimOidcIssuer, "system:serviceaccount:ns:sa", kTokenExchangeAudience,
      FixedNow() - std::chrono::hours(2), std::chrono::seconds(600), nullptr);
  EXPECT_EQ(Code(Post("wi-app", expired)), 700024);
  const TokenIssuer forger("another-key", std::chrono::seconds(3600));
  const auto forged =
      IssueFederatedToken(forger, kSimOidcIssuer, "system:serviceaccount:ns:sa",
                          kTokenExchangeAudience, FixedNow(), std::chrono::seconds(600), nullptr);
  EXPECT_EQ(Code(Post("wi-app", forged)), 700027);
}

TEST_F(ClientAssertionTest, AnAppWithoutSecretRejectsSecrets) {
  FieldList headers;
  headers.Add("Content-Type", "application/x-www-form-urlencoded");
  const auto response = entra_.Handle(
      SimRequest::Make("POST", "/t/oauth2/v2.0/token", headers,
                       "client_id=wi-app&scope=https%3A%2F%2Fmanagement.azure.com%2F.default"
                       "&grant_type=client_credentials&client_secret="),
      "t", FixedNow());
  EXPECT_EQ(response.status, 401);
}

}  // namespace
}  // namespace mensor::sim
