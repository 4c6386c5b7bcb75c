/** RFC 9457 problem details, the body of every error response. */
export interface ProblemDetails {
  /** A URI reference naming the problem type; relative to the API. */
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Machine-readable code, stable across releases. */
  code: string;
  correlationId?: string;
  /** For validation problems: each bad field and what is wrong with it. */
  errors?: { field: string; messages: string[] }[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const problemType = (code: string): string => `/problems/${code.toLowerCase().replace(/_/g, '-')}`;
