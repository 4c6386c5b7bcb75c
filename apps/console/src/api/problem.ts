import type { components } from './schema';

export type ProblemBody = components['schemas']['ProblemDetailsBody'];

/** An API answer that was not a success: the problem details the API sent, or what the network said. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: Partial<ProblemBody> & { code?: string },
  ) {
    super(body.detail ?? body.title ?? `HTTP ${status}`);
  }

  get code(): string {
    return this.body.code ?? (this.status === 0 ? 'NETWORK' : `HTTP_${this.status}`);
  }
}

export const isProblem = (error: unknown, status?: number): error is ApiProblem =>
  error instanceof ApiProblem && (status === undefined || error.status === status);
