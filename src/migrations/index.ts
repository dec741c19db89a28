export {
  NO_TRANSACTION_DIRECTIVE,
  NO_TRANSACTION_HEADER,
  isNonTransactional,
  nextVersion,
  parseMigrationFileName,
  readMigrationDir,
  type Migration,
  type MigrationDir,
  type MigrationFile,
} from './directory.js';
export {
  ATLAS_SUM_FILE,
  checkAtlasSum,
  computeAtlasSum,
  formatAtlasSum,
  hashFiles,
  parseAtlasSum,
  sumFlavour,
  writeAtlasSum,
  type AtlasSum,
  type AtlasSumEntry,
  type AtlasSumFlavour,
} from './atlas-sum.js';
export { splitStatements, type SplitStatement } from './split.js';
export { atlasSource, writeAtlasSource, ATLAS_SOURCE_DELIMITER } from './atlas-source.js';
export { formatStateHeader, readStateHeader, FROM_STATE, TO_STATE, type StateHeader } from './state-header.js';
