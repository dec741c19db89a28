/**
 * strata's test harness, for the generated suites (`strata test`) and for a
 * project's own vitest suites:
 *
 *   const h = await createHarness({ root: process.cwd(), seed: 'dev' });
 *   const db = await h.database();            // a clone of the template, < 100 ms
 *   const c = await db.client();
 *   await h.asRole(c, 'app_viewer', { tenant }, () => expectRejected(c, 'DELETE FROM projects', { sqlstate: '42501' }));
 *   await db.drop();  await h.dispose();
 */
export { createHarness, connectClient, projectSource, type Harness, type HarnessOptions, type SeedChoice, type TestDatabase } from './harness.js';
export { asRole, setContext, expectRejected, run, typedConnection, ExpectationError, type RoleContext, type Rejection } from './context.js';
export { explain, shapeOf, shapeText, type Plan, type PlanNode, type PlanShape } from './explain.js';
export { dropSharedTemplates } from './shared.js';
export { runSuites, testSettings, type RunOptions } from './run.js';
export { SUITES, counts, failedAny, summaryText, junitXml, type CaseResult, type SuiteName, type SuiteResult } from './report.js';
