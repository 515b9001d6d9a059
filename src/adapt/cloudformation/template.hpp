#pragma once
#include <map>
#include <string>
#include <vector>

#include "base/diagnostic.hpp"
#include "model/value.hpp"

namespace guardrail::adapt::cloudformation {

/// What the template is evaluated with: parameter values (from the command
/// line or a parameter file; the rest take their defaults) and the pseudo
/// parameters that are known (AWS::Region, AWS::AccountId; empty: unknown).
struct Inputs {
  std::map<std::string, model::Value> parameters;
  std::string region;
  std::string account;
  /// A Serverless Framework resources file (`${file(...)}` of a
  /// serverless.yml): merged into one stack with the framework's own
  /// resources (IamRoleLambdaExecution, <Name>LambdaFunction) and the other
  /// files', so the names it does not define are those, not errors.
  bool fragment = false;
};

/// One resource of an evaluated template: its properties with every
/// intrinsic function resolved as far as the inputs allow. A `Ref` or
/// `GetAtt` of another resource is a reference value naming
/// `<address prefix><LogicalId>[.<attribute>]`.
struct TemplateResource {
  std::string logical_id;
  std::string type;             // "AWS::EC2::VPC"
  model::Value properties;      // a map
  model::Location location;     // the logical ID's key
  bool condition_unknown = false;  // its Condition could not be decided
  model::Value suppressions;       // `Metadata.guardrail.ignore` as written, or null
  /// `Properties` is one intrinsic decided at deploy (an Fn::If on a
  /// parameter, AWS::Include): what it sets is unknown, not absent.
  bool properties_unknown = false;
};

/// A nested stack whose template is a local file (`TemplateURL: ./vpc.yaml`).
struct NestedStack {
  std::string logical_id;
  std::string template_path;  // as written
  model::Value parameters;    // the evaluated `Parameters` property (a map)
  model::Location location;
};

struct Evaluated {
  std::vector<TemplateResource> resources;
  /// The first of the template's transforms that adds to it when deployed
  /// (a macro of the account, AWS::SecretsManager-2020-07-23,
  /// AWS::CodeDeployBlueGreen), or "": what the template lists is then not
  /// all it deploys. SAM's and AWS::LanguageExtensions' are read here.
  std::string macro;
  std::vector<NestedStack> nested;
  base::Diagnostics diagnostics;
};

/// Evaluates a template (YAML short forms and `Fn::` long forms alike):
/// parameters, mappings, conditions (resources whose condition is false are
/// left out), and the intrinsic functions. `address_prefix` is what resource
/// references start with ("stack.yaml#"). Problems are located errors; the
/// value concerned becomes unknown and the rest of the template is still
/// evaluated.
Evaluated evaluate_template(const model::Value& document, const Inputs& inputs, const std::string& address_prefix);

/// The template with YAML short forms (`!Ref X`) rewritten as the long forms
/// JSON templates use ({"Ref": "X"}); an unknown tag is a located error.
model::Value long_form(const model::Value& document, base::Diagnostics& diagnostics);

}  // namespace guardrail::adapt::cloudformation
