// Entry points of libmensor-plugin-storage.so: Azure Storage resource types (accounts, blob and
// file services, queues).
#include <mensor/resources/named_resource.hpp>
#include <mensor/sdk.hpp>

#include "storage_queue.hpp"

namespace mensor::resources {
namespace {

// Blob and file services are account-level (Promitor reads no per-container metrics): their
// resource is the account's one service, `default`.
struct BlobStorageSpec {
  static constexpr sdk::TypeInfo kInfo{"BlobStorage",
                                       "Microsoft.Storage/storageAccounts/blobServices",
                                       "Azure Storage blob service (account level)"};
  static constexpr const char* kKey = "accountName";
  static constexpr const char* kWhat = "storage account";
  static constexpr const char* kProviderType = "Microsoft.Storage/storageAccounts";
  static constexpr const char* kPathSuffix = "/blobServices/default";
};
struct FileStorageSpec {
  static constexpr sdk::TypeInfo kInfo{"FileStorage",
                                       "Microsoft.Storage/storageAccounts/fileServices",
                                       "Azure Storage file service (account level)"};
  static constexpr const char* kKey = "accountName";
  static constexpr const char* kWhat = "storage account";
  static constexpr const char* kProviderType = "Microsoft.Storage/storageAccounts";
  static constexpr const char* kPathSuffix = "/fileServices/default";
};
struct StorageAccountSpec {
  static constexpr sdk::TypeInfo kInfo{"StorageAccount", "Microsoft.Storage/storageAccounts",
                                       "Azure storage account"};
  static constexpr const char* kKey = "accountName";
  static constexpr const char* kWhat = "storage account";
};

}  // namespace
}  // namespace mensor::resources

MENSOR_PLUGIN("storage", "0.2.0",
              "Azure Storage resource types (accounts, blob and file services, queues)",
              mensor::resources::NamedResource<mensor::resources::StorageAccountSpec>,
              mensor::resources::NamedResource<mensor::resources::BlobStorageSpec>,
              mensor::resources::NamedResource<mensor::resources::FileStorageSpec>,
              mensor::resources::StorageQueue);
