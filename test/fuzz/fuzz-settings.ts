/** A fixed seed by default, so a failure reproduces; FUZZ_SEED and FUZZ_RUNS override it and the run count. */
function fromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  return value;
}

export const FUZZ_SEED = fromEnv('FUZZ_SEED', 20261124);
/** Requests per operation in the OpenAPI document. */
export const FUZZ_RUNS = fromEnv('FUZZ_RUNS', 60);
