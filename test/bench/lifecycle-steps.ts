/** The environment variable naming the JSON file of complaint ids: a worker thread gets a copy of the environment, not arguments. */
export const LIFECYCLE_WORK_ENV = 'LACAK_BENCH_LIFECYCLE_WORK';

/** Which run a request is built for (warm-up or measure): a `setupRequest` that uses up complaints keeps the two apart. */
export const HTTP_LOAD_PHASE_ENV = 'LACAK_BENCH_PHASE';

/** The lifecycle run's commands, in the order each complaint goes through them. */
export const LIFECYCLE_STEPS = ['verify', 'dispose', 'accept', 'respond'] as const;
