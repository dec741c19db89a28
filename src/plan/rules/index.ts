/**
 * The rule table: one entry per object kind. `RuleTable` is keyed by every kind of
 * the model, so adding a kind without rules does not compile.
 */
import type { RuleTable } from '../types.js';
import { schemaRules, extensionRules } from './schema.js';
import { enumRules } from './enum.js';
import { collationRules } from './collation.js';
import { sequenceRules, sequenceOwnerRules } from './sequence.js';
import { tableRules } from './table.js';
import { columnRules } from './column.js';
import { constraintRules, indexRules } from './constraint.js';
import { viewRules, materializedViewRules } from './view.js';
import { functionRules } from './function.js';
import { triggerRules, eventTriggerRules } from './trigger.js';
import { rowSecurityRules, policyRules } from './security.js';
import { domainRules, compositeTypeRules, rangeTypeRules } from './usertype.js';
import { privilegeRules, defaultPrivilegeRules, ownerRules } from './privilege.js';
import { replicaIdentityRules } from './replica-identity.js';
import { ruleRules } from './rule.js';
import { statisticsRules } from './statistics.js';
import { publicationRules, publicationTableRules } from './publication.js';
import { foreignDataWrapperRules, foreignServerRules } from './foreign.js';
import { accessMethodRules } from './access-method.js';
import { foreignTableRules, userMappingRules, withForeignColumns } from './foreign-table.js';
import { subscriptionRules } from './subscription.js';
import { extensionMemberRules, withExtensionMembership } from './extension-member.js';
import { tsParserRules, tsTemplateRules, tsDictionaryRules, tsConfigurationRules } from './text-search.js';
import { operatorRules, operatorFamilyRules, operatorClassRules } from './operator.js';
import { castRules, conversionRules } from './cast.js';
import { languageRules, transformRules } from './language.js';
import { withPartitionAttach, withPartitionColumns, withPartitionedIndexes } from './partition.js';

export const RULES: RuleTable = withExtensionMembership({
  schema: schemaRules,
  extension: extensionRules,
  enum: enumRules,
  collation: collationRules,
  sequence: sequenceRules,
  sequence_owner: sequenceOwnerRules,
  table: withPartitionAttach(tableRules),
  column: withForeignColumns(withPartitionColumns(columnRules)),
  constraint: constraintRules,
  index: withPartitionedIndexes(indexRules),
  view: viewRules,
  materialized_view: materializedViewRules,
  function: functionRules,
  trigger: triggerRules,
  event_trigger: eventTriggerRules,
  rule: ruleRules,
  statistics: statisticsRules,
  publication: publicationRules,
  publication_table: publicationTableRules,
  foreign_data_wrapper: foreignDataWrapperRules,
  foreign_server: foreignServerRules,
  access_method: accessMethodRules,
  user_mapping: userMappingRules,
  foreign_table: foreignTableRules,
  subscription: subscriptionRules,
  extension_member: extensionMemberRules,
  ts_parser: tsParserRules,
  ts_template: tsTemplateRules,
  ts_dictionary: tsDictionaryRules,
  ts_configuration: tsConfigurationRules,
  operator: operatorRules,
  operator_family: operatorFamilyRules,
  operator_class: operatorClassRules,
  cast: castRules,
  conversion: conversionRules,
  language: languageRules,
  transform: transformRules,
  row_security: rowSecurityRules,
  replica_identity: replicaIdentityRules,
  policy: policyRules,
  domain: domainRules,
  composite_type: compositeTypeRules,
  range_type: rangeTypeRules,
  privilege: privilegeRules,
  default_privilege: defaultPrivilegeRules,
  owner: ownerRules,
});
