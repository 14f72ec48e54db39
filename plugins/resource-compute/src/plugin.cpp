// Entry points of libmensor-plugin-compute.so: Azure compute and container resource types.
#include <mensor/resources/named_resource.hpp>
#include <mensor/sdk.hpp>

namespace mensor::resources {
namespace {

struct VirtualMachineSpec {
  static constexpr sdk::TypeInfo kInfo{"VirtualMachine", "Microsoft.Compute/virtualMachines",
                                       "Azure virtual machine"};
  static constexpr const char* kKey = "virtualMachineName";
  static constexpr const char* kWhat = "virtual machine";
};
struct VirtualMachineScaleSetSpec {
  static constexpr sdk::TypeInfo kInfo{"VirtualMachineScaleSet",
                                       "Microsoft.Compute/virtualMachineScaleSets",
                                       "Azure virtual machine scale set"};
  static constexpr const char* kKey = "scaleSetName";
  static constexpr const char* kWhat = "virtual machine scale set";
};
struct ContainerInstanceSpec {
  static constexpr sdk::TypeInfo kInfo{
      "ContainerInstance", "Microsoft.ContainerInstance/containerGroups", "Azure container group"};
  static constexpr const char* kKey = "containerGroup";
  static constexpr const char* kWhat = "container group";
};
struct ContainerRegistrySpec {
  static constexpr sdk::TypeInfo kInfo{
      "ContainerRegistry", "Microsoft.ContainerRegistry/registries", "Azure container registry"};
  static constexpr const char* kKey = "registryName";
  static constexpr const char* kWhat = "container registry";
};
struct KubernetesServiceSpec {
  static constexpr sdk::TypeInfo kInfo{
      "KubernetesService", "Microsoft.ContainerService/managedClusters", "Azure AKS cluster"};
  static constexpr const char* kKey = "clusterName";
  static constexpr const char* kWhat = "AKS cluster";
};

}  // namespace
}  // namespace mensor::resources

MENSOR_PLUGIN("compute", "0.2.0", "Azure compute and container resource types",
              mensor::resources::NamedResource<mensor::resources::VirtualMachineSpec>,
              mensor::resources::NamedResource<mensor::resources::VirtualMachineScaleSetSpec>,
              mensor::resources::NamedResource<mensor::resources::ContainerInstanceSpec>,
              mensor::resources::NamedResource<mensor::resources::ContainerRegistrySpec>,
              mensor::resources::NamedResource<mensor::resources::KubernetesServiceSpec>);
