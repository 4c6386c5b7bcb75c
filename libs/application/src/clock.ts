/** Where command times come from: the wall clock in production; tests and the demo seed move it. */
export interface Clock {
  now(): Date;
}
