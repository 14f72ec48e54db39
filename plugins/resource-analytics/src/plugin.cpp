// Entry points of libmensor-plugin-analytics.so: Azure Data Factory, Data Share, Data Explorer,
// Synapse and Power BI Embedded resource types.
#include <mensor/resources/named_resource.hpp>
#include <mensor/sdk.hpp>

#include "data_factory.hpp"
#include "synapse.hpp"

namespace mensor::resources {
namespace {

struct DataExplorerClusterSpec {
  static constexpr sdk::TypeInfo kInfo{"DataExplorerCluster", "Microsoft.Kusto/clusters",
                                       "Azure Data Explorer cluster"};
  static constexpr const char* kKey = "clusterName";
  static constexpr const char* kWhat = "Data Explorer cluster";
};
struct SynapseWorkspaceSpec {
  static constexpr sdk::TypeInfo kInfo{"SynapseWorkspace", "Microsoft.Synapse/workspaces",
                                       "Azure Synapse workspace"};
  static constexpr const char* kKey = "workspaceName";
  static constexpr const char* kWhat = "Synapse workspace";
  static constexpr const char* kNameLabel = "workspace_name";
};
struct PowerBiDedicatedSpec {
  static constexpr sdk::TypeInfo kInfo{"PowerBiDedicated", "Microsoft.PowerBIDedicated/capacities",
                                       "Azure Power BI Embedded capacity"};
  static constexpr const char* kKey = "capacityName";
  static constexpr const char* kWhat = "Power BI Embedded capacity";
};

}  // namespace
}  // namespace mensor::resources

MENSOR_PLUGIN(
    "analytics", "0.2.0",
    "Azure Data Factory, Data Share, Data Explorer, Synapse and Power BI Embedded resource types",
    mensor::resources::NamedResource<mensor::resources::DataExplorerClusterSpec>,
    mensor::resources::NamedResource<mensor::resources::PowerBiDedicatedSpec>,
    mensor::resources::DataFactory, mensor::resources::DataShare,
    mensor::resources::SynapseApacheSparkPool, mensor::resources::SynapseSqlPool,
    mensor::resources::NamedResource<mensor::resources::SynapseWorkspaceSpec>);
