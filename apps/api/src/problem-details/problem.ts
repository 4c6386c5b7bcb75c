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

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const problem = (status: number, code: string, detail: string, extra: Partial<ProblemDetails> = {}): ProblemDetails => ({
  type: problemType(code),
  title: STATUS_TITLES[status] ?? 'Error',
  status,
  detail,
  code,
  ...extra,
});
