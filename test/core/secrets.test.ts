/** The secrets codec (pure): which options are secret, connection strings read and redacted, placeholders filled. */
import { describe, expect, it } from 'vitest';
import {
  formatConninfo,
  isSecretOption,
  parseConninfo,
  redactConninfo,
  secretName,
  secretsNeeded,
  substituteSecrets,
} from '../../src/core/secrets.js';

describe('secrets', () => {
  it('knows secret option names, and not flags or plain settings', () => {
    for (const k of ['password', 'passfile', 'sslpassword', 'sslkey', 'scram_client_key', 'Api_Key', 'aws_secret_access_key', 'token']) expect(isSecretOption(k), k).toBe(true);
    for (const k of ['password_required', 'user', 'host', 'keys_only', 'table_name', 'sslmode']) expect(isSecretOption(k), k).toBe(false);
  });

  it('names secrets as environment variables', () => {
    expect(secretName('my-server', 'PUBLIC', 'password')).toBe('STRATA_SECRET_MY_SERVER_PUBLIC_PASSWORD');
    expect(secretName('Sub"1', 'password')).toBe('STRATA_SECRET_SUB_1_PASSWORD');
  });

  it('reads keyword/value and URI connection strings and redacts their secrets', () => {
    expect(parseConninfo(`host=a port = 5 password='it''s' dbname=x\\ y`)).toBeNull();
    expect(parseConninfo(`host=a port = 5 password='it\\'s x' dbname=x\\ y`)).toEqual([
      ['host', 'a'],
      ['port', '5'],
      ['password', "it's x"],
      ['dbname', 'x y'],
    ]);
    expect(parseConninfo('postgresql://rep:p%40ss@[::1]:5433,h2/app?sslmode=require')).toEqual([
      ['user', 'rep'],
      ['password', 'p@ss'],
      ['host', '::1,h2'],
      ['port', '5433,'],
      ['dbname', 'app'],
      ['sslmode', 'require'],
    ]);
    expect(redactConninfo("password='s e c' host=h dbname=d")).toBe('dbname=d host=h password=<secret>');
    expect(redactConninfo('not a conninfo')).toBe('<secret>');
    expect(formatConninfo([['host', 'a b']], () => null)).toBe("host='a b'");
  });

  it('fills placeholders only in the statements that may carry them, quoted for where they sit', () => {
    const um = `CREATE USER MAPPING FOR app SERVER s OPTIONS (password '\${STRATA_SECRET_S_APP_PASSWORD}')`;
    expect(secretsNeeded(um, 'CreateUserMappingStmt')).toEqual(['STRATA_SECRET_S_APP_PASSWORD']);
    expect(substituteSecrets(um, 'CreateUserMappingStmt', () => "o'k\\")).toBe(`CREATE USER MAPPING FOR app SERVER s OPTIONS (password 'o''k\\')`);
    const sub = `ALTER SUBSCRIPTION s CONNECTION 'host=h password=\${STRATA_SECRET_S_PASSWORD}'`;
    expect(substituteSecrets(sub, 'AlterSubscriptionStmt', () => "a b'c")).toBe(`ALTER SUBSCRIPTION s CONNECTION 'host=h password=''a b\\''c'''`);
    const fn = `CREATE FUNCTION f() RETURNS text LANGUAGE sql RETURN '\${STRATA_SECRET_X}'`;
    expect(secretsNeeded(fn, 'CreateFunctionStmt')).toEqual([]);
    expect(substituteSecrets(fn, 'CreateFunctionStmt', () => 'no')).toBe(fn);
  });
});
