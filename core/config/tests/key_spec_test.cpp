#include "mensor/config/key_spec.hpp"

#include <gtest/gtest.h>

namespace mensor::config {
namespace {

const std::vector<KeySpec> kServiceBusSchema = {
    {"namespace", ValueType::kString, true, false, std::nullopt, "Service Bus namespace"},
    {"queueName", ValueType::kString, false, false, std::nullopt, "queue"},
    {"topicName", ValueType::kString, false, false, std::nullopt, "topic"},
    {"maxAge", ValueType::kDuration, false, false, std::nullopt, "age"},
    {"count", ValueType::kInt, false, false, std::nullopt, "count"},
    {"ratio", ValueType::kDouble, false, false, std::nullopt, "ratio"},
    {"enabled", ValueType::kBool, false, false, std::nullopt, "flag"},
    {"tags", ValueType::kStringList, false, false, std::nullopt, "tags"},
    {"sasToken", ValueType::kObject, false, true, std::nullopt, "secret"},
    {"mappings", ValueType::kObjectList, false, false, std::nullopt, "objects"},
};
const std::vector<std::string> kExtra = {"subscriptionId", "resourceGroupName"};

struct KeySpecCase {
  const char* name;
  const char* yaml;
  const char* expected;
};

class KeySpecValidation : public testing::TestWithParam<KeySpecCase> {};

TEST_P(KeySpecValidation, Reports) {
  Diagnostics diagnostics;
  const YAML::Node node = YAML::Load(GetParam().yaml);
  ValidateMapping(node, "decl.yaml", kServiceBusSchema, kExtra,
                  "resource of type 'ServiceBusNamespace'", diagnostics);
  EXPECT_EQ(diagnostics.Format(), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, KeySpecValidation,
    testing::Values(
        KeySpecCase{"Valid",
                    "namespace: sb\nqueueName: q\nmaxAge: '00:10:00'\ncount: 3\nratio: 0.5\n"
                    "enabled: True\ntags: [a, b]\nsasToken: {rawValue: x}\nmappings: [{a: 1}]\n"
                    "subscriptionId: s\n",
                    ""},
        KeySpecCase{"MissingRequired", "queueName: q\n",
                    "decl.yaml:1:1: error: required key 'namespace' is missing in resource of "
                    "type 'ServiceBusNamespace'\n"},
        KeySpecCase{"NullRequiredCountsAsMissing", "namespace:\nqueueName: q\n",
                    "decl.yaml:1:1: error: required key 'namespace' is missing in resource of "
                    "type 'ServiceBusNamespace'\n"},
        KeySpecCase{"UnknownWithSuggestion", "namespace: sb\nqueuename: q\n",
                    "decl.yaml:2:1: warning: unknown key 'queuename' is ignored; did you mean "
                    "'queueName'?\n"},
        KeySpecCase{"WrongScalarTypes", "namespace: sb\ncount: many\nenabled: yes\nmaxAge: 5m\n",
                    "decl.yaml:2:8: error: 'many' is not a valid value for 'count'; expected an "
                    "integer\n"
                    "decl.yaml:3:10: error: 'yes' is not a valid value for 'enabled'; expected "
                    "true or false\n"
                    "decl.yaml:4:9: error: '5m' is not a valid value for 'maxAge'; expected a "
                    "duration like 'hh:mm:ss'\n"},
        KeySpecCase{"WrongShapes", "namespace: [a]\ntags: {a: b}\nmappings: [x]\n",
                    "decl.yaml:1:12: error: 'namespace' must be a string, not a sequence\n"
                    "decl.yaml:2:7: error: 'tags' must be a list of strings, not a mapping\n"
                    "decl.yaml:3:11: error: 'mappings' must be a list of mappings, not a "
                    "sequence\n"},
        KeySpecCase{"NotAMapping", "- a\n",
                    "decl.yaml:1:1: error: expected a mapping in resource of type "
                    "'ServiceBusNamespace', not a sequence\n"}),
    [](const auto& info) { return info.param.name; });

TEST(KeySpec, CaseInsensitiveMatchingForRuntimeSections) {
  Diagnostics diagnostics;
  const YAML::Node node = YAML::Load("NAMESPACE: sb\n");
  ValidateMapping(node, "runtime.yaml", kServiceBusSchema, {}, "", diagnostics,
                  KeyMatch::kCaseInsensitive);
  EXPECT_TRUE(diagnostics.Empty()) << diagnostics.Format();
}

}  // namespace
}  // namespace mensor::config
