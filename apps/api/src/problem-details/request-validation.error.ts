import type { ValidationError } from 'class-validator';

/** A request body, query or header failed validation; carries one entry per bad field. */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError';
  constructor(readonly errors: { field: string; messages: string[] }[]) {
    super(`Invalid request: ${errors.map((e) => e.field).join(', ')}`);
  }

  static fromValidationErrors(errors: ValidationError[]): RequestValidationError {
    const flat: { field: string; messages: string[] }[] = [];
    const walk = (error: ValidationError, prefix: string) => {
      const field = prefix ? `${prefix}.${error.property}` : error.property;
      if (error.constraints) flat.push({ field, messages: Object.values(error.constraints) });
      for (const child of error.children ?? []) walk(child, field);
    };
    errors.forEach((e) => walk(e, ''));
    return new RequestValidationError(flat);
  }
}
