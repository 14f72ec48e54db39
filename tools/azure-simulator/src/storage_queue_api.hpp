// Azure Storage queue data plane, path-style as emulators serve it:
//   GET|HEAD /storage/{account}/{queue}?comp=metadata&<SAS>   -> 200,
//   x-ms-approximate-messages-count GET /storage/{account}/{queue}/messages?peekonly=true&<SAS> ->
//   QueueMessagesList XML
// (azure-apis.md §8). The SAS must carry sv, sp with read ('r'), a future se and the account's
// signature; errors are Storage's XML <Error> bodies with x-ms-error-code.
#pragma once

#include <optional>
#include <string_view>

#include "data_plane_world.hpp"
#include "http_types.hpp"

namespace mensor::sim {

inline constexpr std::string_view kStoragePathPrefix = "/storage/";

class StorageQueueApi {
 public:
  explicit StorageQueueApi(const DataPlaneWorld& world) : world_(world) {}

  static bool Matches(std::string_view path) { return path.starts_with(kStoragePathPrefix); }
  SimResponse Handle(const SimRequest& request, TimePoint now) const;

 private:
  const DataPlaneWorld& world_;
};

}  // namespace mensor::sim
