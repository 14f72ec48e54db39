#include "storage_queue.hpp"

#include <mensor/resources/fields.hpp>

#include <array>
#include <charconv>

namespace mensor::resources {
namespace {

constexpr const char* kAccountKey = "accountName";
constexpr const char* kQueueKey = "queueName";
constexpr const char* kSasKey = "sasToken";
constexpr const char* kRawValueKey = "rawValue";
constexpr const char* kEnvironmentKey = "environmentVariable";
constexpr std::string_view kMessageCount = "MessageCount";
constexpr std::string_view kTimeSpentInQueue = "TimeSpentInQueue";
// The Storage service version the requests speak (Queue_GetProperties, Peek Messages).
constexpr const char* kStorageVersion = "2018-03-28";

// Property names: what Describe keeps for Collect.
constexpr std::string_view kAccountProperty = "accountName";
constexpr std::string_view kQueueProperty = "queueName";
constexpr std::string_view kSasEnvironmentProperty = "sasTokenEnvironmentVariable";
constexpr std::string_view kSasRawProperty = "sasTokenRawValue";

bool IsSupportedMetric(std::string_view name) {
  return EqualsIgnoreCase(name, kMessageCount) || EqualsIgnoreCase(name, kTimeSpentInQueue);
}

// The token in effect now: a non-blank environment variable wins over the raw value, as in
// Promitor (re-read on every use so a rotated token is picked up).
std::string CurrentSasToken(const sdk::CollectRequest& request) {
  std::string token;
  if (auto variable = request.Property(kSasEnvironmentProperty); variable && !variable->empty()) {
    token = sdk::host::Env(std::string(*variable).c_str()).value_or("");
  }
  const bool blank = token.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank) token = std::string(request.Property(kSasRawProperty).value_or(""));
  while (!token.empty() && token.front() == '?') token.erase(token.begin());
  return token;
}

// The Storage error code of an answer: the x-ms-error-code header, else <Code> of the XML body.
std::string StorageErrorCode(const sdk::HttpResponse& response) {
  if (auto header = response.Header("x-ms-error-code")) return *header;
  const size_t begin = response.body.find("<Code>");
  const size_t end = response.body.find("</Code>");
  if (begin != std::string::npos && end != std::string::npos && end > begin) {
    return response.body.substr(begin + 6, end - begin - 6);
  }
  return "";
}

mensor_status StatusFor(int http_status) {
  switch (http_status) {
    case 401:
      return MENSOR_E_UNAUTHENTICATED;
    case 403:
      return MENSOR_E_PERMISSION_DENIED;
    case 404:
      return MENSOR_E_NOT_FOUND;
    case 429:
    case 503:
      return MENSOR_E_THROTTLED;
    default:
      return http_status >= 500 ? MENSOR_E_UNAVAILABLE : MENSOR_E_INTERNAL;
  }
}

// Sends without ever putting the SAS token into an error message (the SDK's messages name the
// URL).
sdk::HttpResponse Send(sdk::Call& call, const std::string& url, const std::string& sas,
                       std::string_view what) {
  sdk::HttpRequest request;
  request.url = url + "&" + sas;
  request.headers = {{"x-ms-version", kStorageVersion}};
  try {
    return sdk::HttpSend(call, request, {"x-ms-approximate-messages-count", "x-ms-error-code"});
  } catch (const sdk::Error& error) {
    throw sdk::Error(error.code(),
                     std::string(what) + " failed: " + std::string(sdk::StatusName(error.code())));
  }
}

}  // namespace

const sdk::Schema& StorageQueue::ConfigSchema() {
  static const sdk::Schema sas{
      sdk::Key::String(kRawValueKey).Secret().Describe("The SAS token itself"),
      sdk::Key::String(kEnvironmentKey).Describe("Environment variable holding the SAS token"),
  };
  static const sdk::Schema schema{
      sdk::Key::String(kAccountKey).Required().Describe("Name of the storage account"),
      sdk::Key::String(kQueueKey).Required().Describe("Name of the queue"),
      sdk::Key::Object(kSasKey, sas).Required().Describe("SAS token with read access"),
  };
  return schema;
}

void StorageQueue::Validate(const sdk::Config& config, const sdk::MetricInfo& metric,
                            sdk::Call& call) {
  RequireNonEmpty(config, call, kAccountKey, "storage account");
  RequireNonEmpty(config, call, kQueueKey, "queue");
  if (auto sas = config.Child(kSasKey)) {
    const auto raw = NonEmpty(*sas, kRawValueKey);
    const auto variable = NonEmpty(*sas, kEnvironmentKey);
    if (!raw && !variable) {
      call.ReportError(kSasKey,
                       "Either 'environmentVariable' or 'rawValue' must be supplied for a secret.");
    } else if (raw && variable) {
      call.ReportWarning(kSasKey, "Secret with environment variable '" + *variable +
                                      "' also has a rawValue provided.");
    }
  }
  if (!IsSupportedMetric(metric.azure_metric_name)) {
    call.ReportError(nullptr, "Invalid metric name '" + std::string(metric.azure_metric_name) +
                                  "' for StorageQueue; expected MessageCount or TimeSpentInQueue");
  }
  if (!metric.dimensions.empty()) {
    call.ReportError(nullptr,
                     "StorageQueue metrics have no dimensions; remove 'dimensions' from "
                     "metric '" +
                         std::string(metric.name) + "'");
  }
}

void StorageQueue::Describe(const sdk::Config& config, const sdk::MetricInfo&,
                            sdk::Target& target) {
  const std::string account = config.RequireString(kAccountKey);
  const std::string queue = config.RequireString(kQueueKey);
  target.SetProviderPath("Microsoft.Storage/storageAccounts/" + account + "/queueServices");
  target.SetInstanceName(account);
  target.AddLabel("queue_name", queue);
  target.SetProperty(kAccountProperty, account);
  target.SetProperty(kQueueProperty, queue);
  if (auto sas = config.Child(kSasKey)) {
    if (auto variable = NonEmpty(*sas, kEnvironmentKey)) {
      target.SetProperty(kSasEnvironmentProperty, *variable);
    }
    if (auto raw = NonEmpty(*sas, kRawValueKey)) target.SetProperty(kSasRawProperty, *raw);
  }
}

std::string StorageQueue::QueueUrl(std::string_view suffix, std::string_view account,
                                   std::string_view queue) {
  while (!suffix.empty() && (suffix.back() == '/' || suffix.back() == ' ')) suffix.remove_suffix(1);
  while (!suffix.empty() && (suffix.front() == '.' || suffix.front() == ' ')) {
    suffix.remove_prefix(1);
  }
  if (suffix.starts_with("http://") || suffix.starts_with("https://")) {
    return std::string(suffix) + "/" + std::string(account) + "/" + std::string(queue);
  }
  return "https://" + std::string(account) + ".queue." + std::string(suffix) + "/" +
         std::string(queue);
}

std::optional<std::chrono::system_clock::time_point> StorageQueue::ParseRfc1123(
    std::string_view text) {
  // "Fri, 09 Oct 2009 21:04:30 GMT"
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (text.size() != 29 || text.substr(25) != " GMT") return std::nullopt;
  const auto number = [&](size_t at, size_t length) -> std::optional<int> {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data() + at, text.data() + at + length, value);
    if (error != std::errc() || end != text.data() + at + length) return std::nullopt;
    return value;
  };
  const auto day = number(5, 2), year = number(12, 4), hour = number(17, 2), minute = number(20, 2),
             second = number(23, 2);
  int month = 0;
  while (month < 12 && kMonths[month] != text.substr(8, 3)) ++month;
  if (!day || !year || !hour || !minute || !second || month == 12) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*year),
                                         std::chrono::month(static_cast<unsigned>(month + 1)),
                                         std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok() || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
  return std::chrono::sys_days(date) + std::chrono::hours(*hour) + std::chrono::minutes(*minute) +
         std::chrono::seconds(*second);
}

std::optional<std::chrono::system_clock::time_point> StorageQueue::OldestInsertionTime(
    std::string_view xml) {
  if (xml.find("<QueueMessagesList") == std::string_view::npos) {
    throw sdk::Error(MENSOR_E_INTERNAL, "the peek answer is not a QueueMessagesList");
  }
  const size_t begin = xml.find("<InsertionTime>");
  if (begin == std::string_view::npos) return std::nullopt;  // empty queue
  const size_t value = begin + std::string_view("<InsertionTime>").size();
  const size_t end = xml.find("</InsertionTime>", value);
  if (end == std::string_view::npos) {
    throw sdk::Error(MENSOR_E_INTERNAL, "the peek answer has an unterminated InsertionTime");
  }
  auto time = ParseRfc1123(xml.substr(value, end - value));
  if (!time) throw sdk::Error(MENSOR_E_INTERNAL, "the peek answer has a malformed InsertionTime");
  return time;
}

void StorageQueue::Collect(const sdk::CollectRequest& request, sdk::Call& call,
                           sdk::Collector& collector) {
  const std::string account(request.Property(kAccountProperty).value_or(""));
  const std::string queue(request.Property(kQueueProperty).value_or(""));
  if (account.empty() || queue.empty()) {
    throw sdk::Error(MENSOR_E_INVALID_ARGUMENT, "no storage account or queue was described");
  }
  if (request.storage_suffix.empty()) {
    throw sdk::Error(MENSOR_E_UNSUPPORTED, "this cloud has no storage endpoint suffix");
  }
  const std::string sas = CurrentSasToken(request);
  if (sas.empty()) {
    throw sdk::Error(MENSOR_E_UNAUTHENTICATED,
                     "No Azure Storage SAS Token is configured for queue '" + queue + "'");
  }
  const std::string queue_url = QueueUrl(request.storage_suffix, account, queue);
  const std::string where = "queue '" + queue + "' of storage account '" + account + "'";
  // Promitor first checks the queue exists; the metadata answer says so and carries the count.
  const sdk::HttpResponse metadata =
      Send(call, queue_url + "?comp=metadata", sas, "reading the metadata of " + where);
  if (metadata.status == 404) {
    throw sdk::Error(MENSOR_E_NOT_FOUND, "Azure Storage Queue '" + queue +
                                             "' was not found in "
                                             "storage account '" +
                                             account + "'");
  }
  if (metadata.status != 200) {
    const std::string code = StorageErrorCode(metadata);
    throw sdk::Error(StatusFor(metadata.status),
                     "Azure Storage answered HTTP " + std::to_string(metadata.status) +
                         (code.empty() ? "" : " " + code) + " for " + where);
  }
  if (EqualsIgnoreCase(request.azure_metric_name, kMessageCount)) {
    const std::string count = metadata.Header("x-ms-approximate-messages-count").value_or("");
    long long value = 0;
    const auto [end, error] = std::from_chars(count.data(), count.data() + count.size(), value);
    if (count.empty() || error != std::errc() || end != count.data() + count.size()) {
      throw sdk::Error(MENSOR_E_INTERNAL, "the metadata of " + where +
                                              " carries no valid x-ms-approximate-messages-count");
    }
    collector.Add(static_cast<double>(value));
    return;
  }
  if (!EqualsIgnoreCase(request.azure_metric_name, kTimeSpentInQueue)) {
    throw sdk::Error(
        MENSOR_E_CONFIG,
        "Invalid metric name '" + std::string(request.azure_metric_name) + "' for StorageQueue");
  }
  const sdk::HttpResponse peek =
      Send(call, queue_url + "/messages?peekonly=true&numofmessages=1", sas, "peeking at " + where);
  if (peek.status != 200) {
    const std::string code = StorageErrorCode(peek);
    throw sdk::Error(StatusFor(peek.status),
                     "Azure Storage answered HTTP " + std::to_string(peek.status) +
                         (code.empty() ? "" : " " + code) + " when peeking at " + where);
  }
  const auto inserted = OldestInsertionTime(peek.body);
  if (!inserted) {
    collector.Add(0.0);
    return;
  }
  const auto now = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::nanoseconds(sdk::host::NowUnixNs())));
  const double seconds = std::chrono::duration<double>(now - *inserted).count();
  collector.Add(seconds > 0 ? seconds : 0.0);
}

}  // namespace mensor::resources
