/**
 * The pool configuration rendered from the project config: the committed reference files
 * (ops/pgbouncer) are what strata.config.json renders, the rules follow tenancy.roles, and
 * a wrong `pool` section is a config error.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, type TenancyConfig } from '../../src/config/index.js';
import { StrataError } from '../../src/core/diagnostic.js';
import { POOL_DEFAULTS, poolConfigFrom, projectPoolFiles, renderPoolFiles, stalePoolFiles, writePoolFiles } from '../../src/pool/index.js';
import { PROJECT_ROOT } from '../helpers/server.js';

const tenancy: TenancyConfig = { column: 'tenant_id', roles: ['web', 'reporting'], settings: { tenant: 'my.tenant' } };

describe('strata pool config', () => {
  it('the committed ops/pgbouncer files are what the project config renders (run `strata pool config` when this fails)', async () => {
    const { files, dir } = projectPoolFiles(await loadConfig(PROJECT_ROOT));
    expect(path.relative(PROJECT_ROOT, dir)).toBe('ops/pgbouncer');
    expect(await stalePoolFiles(dir, files, PROJECT_ROOT)).toEqual([]);
  });

  it('reports a missing or edited file as stale', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'strata-pool-'));
    try {
      const files = renderPoolFiles(POOL_DEFAULTS, tenancy);
      expect((await stalePoolFiles(dir, files, dir)).map((d) => d.subject)).toEqual(['pgbouncer.ini', 'pg_hba.conf', 'postgresql.tls.conf']);
      expect(await writePoolFiles(dir, files)).toHaveLength(3);
      await writeFile(path.join(dir, 'pg_hba.conf'), files['pg_hba.conf'].replace('reject', 'trust'));
      const stale = await stalePoolFiles(dir, files, dir);
      expect(stale.map((d) => [d.code, d.subject])).toEqual([['pool.stale', 'pg_hba.conf']]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("pg_hba.conf refuses the config's roles without TLS before any rule could accept them", () => {
    const hba = renderPoolFiles(POOL_DEFAULTS, tenancy)['pg_hba.conf'];
    const rules = hba.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(/\s+/));
    expect(rules[1]).toEqual(['hostnossl', 'all', '+web,+reporting', 'all', 'reject']);
    expect(rules[2]).toEqual(['hostssl', 'all', '+web,+reporting', 'all', 'scram-sha-256']);
    // Nothing over TCP is accepted without TLS, for any role.
    expect(rules.filter((r) => r[0] === 'host' || r[0] === 'hostnossl').every((r) => r.at(-1) === 'reject')).toBe(true);
    expect(() => renderPoolFiles(POOL_DEFAULTS, { ...tenancy, roles: ['Web Role'] })).toThrow(/plain lower-case identifier/);
  });

  it('pgbouncer.ini pools in transaction mode and requires TLS on both sides, with the sizes from the config', () => {
    const pool = poolConfigFrom({ database: 'planning', listenPort: 7432, defaultPoolSize: 8, serverTlsSslmode: 'verify-ca' });
    const ini = renderPoolFiles(pool, tenancy)['pgbouncer.ini'];
    const setting = (k: string) => new RegExp(`^${k} = (.*)$`, 'm').exec(ini)?.[1];
    expect(setting('pool_mode')).toBe('transaction');
    expect(setting('client_tls_sslmode')).toBe('require');
    expect(setting('server_tls_sslmode')).toBe('verify-ca');
    expect(setting('listen_port')).toBe('7432');
    expect(setting('default_pool_size')).toBe('8');
    expect(setting('auth_type')).toBe('scram-sha-256');
    expect(setting('planning')).toBe('host=localhost port=5432 dbname=planning');
  });

  it('a wrong pool section is a config error', () => {
    const err = (raw: unknown) => {
      try {
        poolConfigFrom(raw);
      } catch (e) {
        return e instanceof StrataError ? e.diagnostic.code + ': ' + e.message : String(e);
      }
      return 'accepted';
    };
    expect(err({ listenPort: 'x' })).toMatch(/^config\.invalid: "pool": "listenPort" must be a positive integer/);
    expect(err({ poolMode: 'session' })).toMatch(/unknown key "poolMode"/);
    expect(err({ serverTlsSslmode: 'disable' })).toMatch(/must be one of require, verify-ca, verify-full/);
    expect(err({ files: { authFile: 3 } })).toMatch(/"files\.authFile" must be a path/);
  });
});
