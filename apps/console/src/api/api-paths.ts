/**
 * The API's top-level paths, which the console's own routes never use: the dev server forwards them to
 * the API, and the API answers console routes with the console's page.
 */
export const API_PATH_PREFIXES = [
  '/admin',
  '/agencies',
  '/audit',
  '/auth',
  '/calendar',
  '/complaints',
  '/docs',
  '/evaluations',
  '/health',
  '/metrics',
  '/monev',
  '/openapi.json',
  '/public',
  '/sla-policies',
  '/track',
] as const;
