/**
 * Every value of an API enum, in the order the console offers them: the type check fails when the API
 * adds, renames or drops one (`everyValueOf<Status>()([...])`).
 */
export const everyValueOf =
  <T extends string>() =>
  <const A extends readonly T[]>(values: A & ([Exclude<T, A[number]>] extends [never] ? unknown : { missing: Exclude<T, A[number]> })): A =>
    values;
