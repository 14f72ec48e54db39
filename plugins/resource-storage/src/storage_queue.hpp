// StorageQueue: message count and age of a Storage queue, read from the Storage data plane.
#pragma once

#include <mensor/sdk.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace mensor::resources {

/// \brief Resource type `StorageQueue` (promitor-compat.md §3.5). Not Azure Monitor metrics:
/// Collect reads the queue with its SAS token (`sasToken.environmentVariable`, re-read at every
/// scrape, else `sasToken.rawValue`): `MessageCount` is the approximate message count of
/// `GET {queue}?comp=metadata`, `TimeSpentInQueue` the seconds since the oldest (peeked)
/// message was inserted, 0 for an empty queue. The account host is
/// `https://{account}.queue.{storage suffix of the cloud}`; a suffix with a scheme
/// (`http://127.0.0.1:10001`) addresses an emulator path-style, `{suffix}/{account}/{queue}`.
/// resource_uri is `Microsoft.Storage/storageAccounts/{account}/queueServices` (a label only);
/// label `queue_name`. Stateless (T3).
class StorageQueue final : public sdk::ResourceType {
 public:
  static constexpr sdk::TypeInfo kInfo{"StorageQueue",
                                       "Microsoft.Storage/storageAccounts/queueServices",
                                       "Azure Storage queue (data plane, SAS token)"};
  static const sdk::Schema& ConfigSchema();
  static void Validate(const sdk::Config& config, const sdk::MetricInfo& metric, sdk::Call& call);
  static void Describe(const sdk::Config& config, const sdk::MetricInfo& metric,
                       sdk::Target& target);
  static void Collect(const sdk::CollectRequest& request, sdk::Call& call,
                      sdk::Collector& collector);

  /// `https://{account}.queue.{suffix}/{queue}`, or path-style for a suffix with a scheme.
  static std::string QueueUrl(std::string_view suffix, std::string_view account,
                              std::string_view queue);
  /// InsertionTime of the first message of a peek answer; nullopt for an empty queue. Throws
  /// sdk::Error for XML it cannot read.
  static std::optional<std::chrono::system_clock::time_point> OldestInsertionTime(
      std::string_view xml);
  /// RFC 1123 ("Fri, 09 Oct 2009 21:04:30 GMT"); nullopt when malformed.
  static std::optional<std::chrono::system_clock::time_point> ParseRfc1123(std::string_view text);
};

}  // namespace mensor::resources
