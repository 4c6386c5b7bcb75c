import { RequestValidationError } from '../problem-details/request-validation.error';

/** What a command request says about retries and concurrency, read from its headers. */
export interface CommandPreconditions {
  /** The revision the client decided on (`If-Match: "<revision>"`). */
  expectedRevision?: bigint;
  /** A client-chosen key that makes a repeated request return the first result. */
  idempotencyKey?: string;
  correlationId: string;
}

const ENTITY_TAG = /^(?:W\/)?"(\d{1,18})"$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function readPreconditions(headers: Record<string, string | string[] | undefined>, correlationId: string): CommandPreconditions {
  const problems: { field: string; messages: string[] }[] = [];
  const ifMatch = single(headers['if-match']);
  const idempotencyKey = single(headers['idempotency-key']);
  let expectedRevision: bigint | undefined;
  if (ifMatch !== undefined && ifMatch !== '*') {
    const match = ENTITY_TAG.exec(ifMatch.trim());
    if (match) expectedRevision = BigInt(match[1]);
    else problems.push({ field: 'If-Match', messages: ['If-Match must be an entity tag such as "3", as given in ETag'] });
  }
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    problems.push({ field: 'Idempotency-Key', messages: ['Idempotency-Key must be 1 to 255 visible ASCII characters'] });
  }
  if (problems.length > 0) throw new RequestValidationError(problems);
  return { expectedRevision, idempotencyKey, correlationId };
}

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

export const entityTag = (revision: bigint | number): string => `"${revision}"`;
