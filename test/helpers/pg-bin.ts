/** `fn` with STRATA_PG_BIN set to `binDir` (unset: the embedded binaries), restored afterwards. */
export async function withPgBin<T>(binDir: string | undefined, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.STRATA_PG_BIN;
  if (binDir) process.env.STRATA_PG_BIN = binDir;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.STRATA_PG_BIN;
    else process.env.STRATA_PG_BIN = saved;
  }
}
