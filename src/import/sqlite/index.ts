/** `strata import sqlite`: read a SQLite file, write its PostgreSQL schema, copy its data. */
export { openSqlite, readSchema, parseIsoDate, type SqliteSchema, type SqliteTable } from './read.js';
export { importSchema, writeImportedSchema, dependencyOrder, type ImportedSchema, type Review } from './schema.js';
export { loadData, MisfitError, type Misfit, type TableLoad } from './load.js';
export { affinity, decideColumn, convert, plainDecimal } from './types.js';
