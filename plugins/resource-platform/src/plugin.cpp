// Entry points of libmensor-plugin-platform.so: Azure IoT, Key Vault and Cognitive Services
// resource types.
#include <mensor/resources/named_resource.hpp>
#include <mensor/sdk.hpp>

namespace mensor::resources {
namespace {

struct IoTHubSpec {
  static constexpr sdk::TypeInfo kInfo{"IoTHub", "Microsoft.Devices/IotHubs", "Azure IoT hub"};
  static constexpr const char* kKey = "ioTHubName";
  static constexpr const char* kWhat = "IoT hub";
};
struct DeviceProvisioningServiceSpec {
  static constexpr sdk::TypeInfo kInfo{"DeviceProvisioningService",
                                       "Microsoft.Devices/provisioningServices",
                                       "Azure Device Provisioning Service"};
  static constexpr const char* kKey = "deviceProvisioningServiceName";
  static constexpr const char* kWhat = "Device Provisioning Service";
};
struct KeyVaultSpec {
  static constexpr sdk::TypeInfo kInfo{"KeyVault", "Microsoft.KeyVault/vaults", "Azure key vault"};
  static constexpr const char* kKey = "vaultName";
  static constexpr const char* kWhat = "key vault";
};
struct CognitiveServicesAccountSpec {
  static constexpr sdk::TypeInfo kInfo{"CognitiveServicesAccount",
                                       "Microsoft.CognitiveServices/accounts",
                                       "Azure Cognitive Services account"};
  static constexpr const char* kKey = "cognitiveServicesAccountName";
  static constexpr const char* kWhat = "Cognitive Services account";
};

}  // namespace
}  // namespace mensor::resources

MENSOR_PLUGIN("platform", "0.2.0", "Azure IoT, Key Vault and Cognitive Services resource types",
              mensor::resources::NamedResource<mensor::resources::IoTHubSpec>,
              mensor::resources::NamedResource<mensor::resources::DeviceProvisioningServiceSpec>,
              mensor::resources::NamedResource<mensor::resources::KeyVaultSpec>,
              mensor::resources::NamedResource<mensor::resources::CognitiveServicesAccountSpec>);
