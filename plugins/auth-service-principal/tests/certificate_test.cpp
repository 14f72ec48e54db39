// Certificate loading (PEM, encrypted PEM, PFX) and the RS256 client assertion it signs.
#include <gtest/gtest.h>
#include <mensor/sdk/error.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "certificate.hpp"
#include "jwt.hpp"
#include "test_certificate.hpp"

namespace mensor::service_principal {
namespace {

std::string Base64UrlDecode(std::string_view text) {
  std::string standard(text);
  for (char& c : standard) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (standard.size() % 4 != 0) standard.push_back('=');
  std::string out(standard.size(), '\0');
  const int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                     reinterpret_cast<const unsigned char*>(standard.data()),
                                     static_cast<int>(standard.size()));
  out.resize(static_cast<size_t>(length) - (standard.size() - text.size()));
  return out;
}

class CertificateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "mensor-cert-XXXXXX").string();
    dir_ = mkdtemp(pattern.data());
    cert_ = std::make_unique<testing::TestCertificate>(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string ConfigErrorOf(const std::string& path, const std::string& password) {
    try {
      ClientCertificate::Load(path, password);
    } catch (const sdk::ConfigError& error) {
      return error.what();
    }
    return "no error";
  }

  std::string dir_;
  std::unique_ptr<testing::TestCertificate> cert_;
};

TEST_F(CertificateTest, AssertionIsAnRs256JwtWithX5tAndEntrasClaims) {
  ClientCertificate certificate = ClientCertificate::Load(cert_->WritePem("c.pem"), "");
  const std::string endpoint = "https://login.microsoftonline.com/t/oauth2/v2.0/token";
  const std::string jwt = BuildClientAssertion(certificate, "app-1", endpoint, 1700000000);
  const size_t first = jwt.find('.');
  const size_t second = jwt.find('.', first + 1);
  ASSERT_NE(second, std::string::npos);
  const auto header = nlohmann::json::parse(Base64UrlDecode(jwt.substr(0, first)));
  const auto claims =
      nlohmann::json::parse(Base64UrlDecode(jwt.substr(first + 1, second - first - 1)));
  EXPECT_EQ(header["alg"], "RS256");
  EXPECT_EQ(header["typ"], "JWT");
  EXPECT_EQ(Base64UrlDecode(header["x5t"].get<std::string>()), cert_->Sha1OfDer());
  EXPECT_EQ(claims["aud"], endpoint);
  EXPECT_EQ(claims["iss"], "app-1");
  EXPECT_EQ(claims["sub"], "app-1");
  EXPECT_EQ(claims["nbf"], 1700000000);
  EXPECT_EQ(claims["exp"], 1700000600);
  EXPECT_EQ(claims["jti"].get<std::string>().size(), 36u);
  EXPECT_TRUE(cert_->Verify(jwt.substr(0, second), Base64UrlDecode(jwt.substr(second + 1))));
  EXPECT_NE(BuildClientAssertion(certificate, "app-1", endpoint, 1700000000), jwt)
      << "each assertion gets a fresh jti";
}

TEST_F(CertificateTest, EncryptedPemAndPfxNeedTheirPassword) {
  const std::string pem = cert_->WritePem("enc.pem", "pem-pass");
  EXPECT_EQ(ClientCertificate::Load(pem, "pem-pass").thumbprint_hex().size(), 40u);
  EXPECT_NE(ConfigErrorOf(pem, "wrong").find("no readable private key"), std::string::npos);
  const std::string pfx = cert_->WritePfx("c.pfx", "pfx-pass");
  const ClientCertificate from_pfx = ClientCertificate::Load(pfx, "pfx-pass");
  EXPECT_EQ(Base64UrlDecode(from_pfx.x5t()), cert_->Sha1OfDer());
  const std::string message = ConfigErrorOf(pfx, "not-the-pfx-pass");
  EXPECT_NE(message.find("PKCS#12"), std::string::npos);
  EXPECT_EQ(message.find("not-the-pfx-pass"), std::string::npos);
}

TEST_F(CertificateTest, ProblemsNameTheFile) {
  EXPECT_NE(ConfigErrorOf(dir_ + "/missing.pem", "").find("missing.pem"), std::string::npos);
  const std::string only_cert = cert_->WriteCertificateOnly("only.pem");
  EXPECT_NE(ConfigErrorOf(only_cert, "").find("no readable private key"), std::string::npos);
  std::ofstream(dir_ + "/junk.pfx") << "definitely not a certificate";
  EXPECT_NE(ConfigErrorOf(dir_ + "/junk.pfx", "").find("neither PEM nor PKCS#12"),
            std::string::npos);
  // Another key beside this certificate.
  testing::TestCertificate other(dir_);
  const std::string mixed = dir_ + "/mixed.pem";
  {
    std::ofstream out(mixed);
    std::ifstream a(cert_->WriteCertificateOnly("a.pem"));
    std::ifstream b(other.WritePem("b.pem"));
    out << a.rdbuf();
    std::string line;
    bool in_key = false;
    while (std::getline(b, line)) {
      if (line.find("BEGIN PRIVATE KEY") != std::string::npos) in_key = true;
      if (in_key) out << line << "\n";
    }
  }
  EXPECT_NE(ConfigErrorOf(mixed, "").find("does not belong to the certificate"), std::string::npos);
}

TEST(Base64Url, NoPaddingUrlAlphabet) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
}

}  // namespace
}  // namespace mensor::service_principal
