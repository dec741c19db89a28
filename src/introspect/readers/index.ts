import type { KindReader } from '../context.js';
import { schemasReader, extensionsReader } from './schemas.js';
import { enumsReader } from './enums.js';
import { collationsReader } from './collations.js';
import { tablesReader, sequencesReader, columnsReader, constraintsReader, indexesReader } from './relations.js';
import { viewsReader, materializedViewIndexesReader } from './views.js';
import { functionsReader } from './functions.js';
import { triggersReader, eventTriggersReader } from './triggers.js';
import { domainsReader, compositeTypesReader, rangeTypesReader } from './usertypes.js';
import { rowSecurityReader, policiesReader } from './security.js';
import { privilegesReader, defaultPrivilegesReader } from './privileges.js';
import { unmanagedReader } from './unmanaged.js';
import { replicaIdentityReader } from './table-options.js';
import { rulesReader } from './rules.js';
import { statisticsReader } from './statistics.js';
import { publicationsReader, publicationTablesReader } from './publications.js';
import { foreignDataWrappersReader, foreignServersReader } from './foreign.js';
import { accessMethodsReader } from './access-methods.js';
import { foreignTablesReader, userMappingsReader } from './foreign-tables.js';
import { subscriptionsReader } from './subscriptions.js';
import { extensionMembersReader } from './extension-members.js';
import { tsParsersReader, tsTemplatesReader, tsDictionariesReader, tsConfigurationsReader } from './text-search.js';
import { operatorsReader, operatorFamiliesReader, operatorClassesReader, operatorMembersReader } from './operators.js';
import { castsReader, conversionsReader } from './casts.js';
import { languagesReader, transformsReader } from './languages.js';

/**
 * Every reader, in the order they run. Add a kind by adding a reader here; each
 * reader is one query, so the number of queries is bounded by the number of kinds.
 */
export const READERS: readonly KindReader[] = [
  schemasReader,
  extensionsReader,
  extensionMembersReader,
  collationsReader,
  enumsReader,
  domainsReader,
  compositeTypesReader,
  rangeTypesReader,
  tablesReader,
  // Before columns and constraints: they find their relation by its address.
  foreignTablesReader,
  sequencesReader,
  columnsReader,
  constraintsReader,
  indexesReader,
  replicaIdentityReader,
  functionsReader,
  foreignDataWrappersReader,
  foreignServersReader,
  userMappingsReader,
  accessMethodsReader,
  languagesReader,
  transformsReader,
  castsReader,
  conversionsReader,
  operatorsReader,
  operatorFamiliesReader,
  operatorClassesReader,
  operatorMembersReader,
  tsParsersReader,
  tsTemplatesReader,
  tsDictionariesReader,
  tsConfigurationsReader,
  viewsReader,
  materializedViewIndexesReader,
  triggersReader,
  eventTriggersReader,
  rulesReader,
  statisticsReader,
  publicationsReader,
  publicationTablesReader,
  subscriptionsReader,
  rowSecurityReader,
  policiesReader,
  // Privileges last: they sit on objects every reader above adds.
  defaultPrivilegesReader,
  privilegesReader,
  // Last: it reports what no reader above modelled.
  unmanagedReader,
];
