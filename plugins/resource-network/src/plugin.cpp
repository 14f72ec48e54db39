// Entry points of libmensor-plugin-network.so: Azure networking resource types.
#include <mensor/resources/named_resource.hpp>
#include <mensor/sdk.hpp>

namespace mensor::resources {
namespace {

struct ApplicationGatewaySpec {
  static constexpr sdk::TypeInfo kInfo{
      "ApplicationGateway", "Microsoft.Network/applicationGateways", "Azure application gateway"};
  static constexpr const char* kKey = "applicationGatewayName";
  static constexpr const char* kWhat = "application gateway";
};
struct AzureFirewallSpec {
  static constexpr sdk::TypeInfo kInfo{"AzureFirewall", "Microsoft.Network/azureFirewalls",
                                       "Azure Firewall"};
  static constexpr const char* kKey = "azureFirewallName";
  static constexpr const char* kWhat = "Azure Firewall";
};
struct DnsZoneSpec {
  static constexpr sdk::TypeInfo kInfo{"DnsZone", "Microsoft.Network/dnszones", "Azure DNS zone"};
  static constexpr const char* kKey = "zoneName";
  static constexpr const char* kWhat = "DNS zone";
};
struct ExpressRouteCircuitSpec {
  static constexpr sdk::TypeInfo kInfo{"ExpressRouteCircuit",
                                       "Microsoft.Network/expressRouteCircuits",
                                       "Azure ExpressRoute circuit"};
  static constexpr const char* kKey = "expressRouteCircuitName";
  static constexpr const char* kWhat = "ExpressRoute circuit";
};
struct LoadBalancerSpec {
  static constexpr sdk::TypeInfo kInfo{"LoadBalancer", "Microsoft.Network/loadBalancers",
                                       "Azure load balancer"};
  static constexpr const char* kKey = "loadBalancerName";
  static constexpr const char* kWhat = "load balancer";
};
struct NatGatewaySpec {
  static constexpr sdk::TypeInfo kInfo{"NatGateway", "Microsoft.Network/natGateways",
                                       "Azure NAT gateway"};
  static constexpr const char* kKey = "natGatewayName";
  static constexpr const char* kWhat = "NAT gateway";
};
struct NetworkGatewaySpec {
  static constexpr sdk::TypeInfo kInfo{"NetworkGateway", "Microsoft.Network/virtualNetworkGateways",
                                       "Azure virtual network gateway"};
  static constexpr const char* kKey = "networkGatewayName";
  static constexpr const char* kWhat = "virtual network gateway";
};
struct NetworkInterfaceSpec {
  static constexpr sdk::TypeInfo kInfo{"NetworkInterface", "Microsoft.Network/networkInterfaces",
                                       "Azure network interface"};
  static constexpr const char* kKey = "networkInterfaceName";
  static constexpr const char* kWhat = "network interface";
};
struct PublicIpAddressSpec {
  static constexpr sdk::TypeInfo kInfo{"PublicIpAddress", "Microsoft.Network/publicIPAddresses",
                                       "Azure public IP address"};
  static constexpr const char* kKey = "publicIpAddressName";
  static constexpr const char* kWhat = "public IP address";
};
struct TrafficManagerSpec {
  static constexpr sdk::TypeInfo kInfo{"TrafficManager", "Microsoft.Network/trafficmanagerprofiles",
                                       "Azure Traffic Manager profile"};
  static constexpr const char* kKey = "name";
  static constexpr const char* kWhat = "Traffic Manager profile";
};
struct VirtualNetworkSpec {
  static constexpr sdk::TypeInfo kInfo{"VirtualNetwork", "Microsoft.Network/virtualNetworks",
                                       "Azure virtual network"};
  static constexpr const char* kKey = "virtualNetworkName";
  static constexpr const char* kWhat = "virtual network";
};

}  // namespace
}  // namespace mensor::resources

MENSOR_PLUGIN("network", "0.2.0", "Azure networking resource types",
              mensor::resources::NamedResource<mensor::resources::ApplicationGatewaySpec>,
              mensor::resources::NamedResource<mensor::resources::AzureFirewallSpec>,
              mensor::resources::NamedResource<mensor::resources::DnsZoneSpec>,
              mensor::resources::NamedResource<mensor::resources::ExpressRouteCircuitSpec>,
              mensor::resources::NamedResource<mensor::resources::LoadBalancerSpec>,
              mensor::resources::NamedResource<mensor::resources::NatGatewaySpec>,
              mensor::resources::NamedResource<mensor::resources::NetworkGatewaySpec>,
              mensor::resources::NamedResource<mensor::resources::NetworkInterfaceSpec>,
              mensor::resources::NamedResource<mensor::resources::PublicIpAddressSpec>,
              mensor::resources::NamedResource<mensor::resources::TrafficManagerSpec>,
              mensor::resources::NamedResource<mensor::resources::VirtualNetworkSpec>);
