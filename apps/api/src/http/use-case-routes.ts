import type { QueryName } from '@lacak/domain';

/** The HTTP route of each use case the access matrix names beside the commands: routes live in the API, not in the domain. */
export const QUERY_ROUTES: { readonly [useCase in QueryName]: string } = {
  'list-complaints': 'GET /complaints',
  'get-complaint': 'GET /complaints/{id}',
  'get-complaint-history': 'GET /complaints/{id}/history',
  'replay-complaint': 'GET /complaints/{id}/as-of',
  'get-complaint-changes': 'GET /complaints/{id}/changes',
  'export-complaints': 'GET /complaints/export',
  'list-agencies': 'GET /agencies',
  'get-agency-stats': 'GET /agencies/{id}/stats',
  'list-audit-events': 'GET /audit/events',
  'list-sla-policies': 'GET /sla-policies',
  'read-reporter-identity': 'GET /complaints/{id}/reporter-identity',
  'erase-reporter-identity': 'POST /complaints/{id}/reporter-identity/erase',
  'rebuild-projections': 'POST /admin/projections/rebuild',
  'read-metrics': 'GET /metrics',
  'get-holiday-calendar': 'GET /calendar/holidays/{year}',
  'publish-holiday-calendar': 'POST /calendar/holidays/{year}',
  'sign-tree-head': 'POST /audit/tree-heads',
  'export-dossier': 'GET /complaints/{id}/dossier',
  'prove-log-consistency': 'GET /audit/consistency',
  'get-monev-indicators': 'GET /monev/indicators',
  'get-monev-ranking': 'GET /monev/rankings',
  'get-monev-snapshot': 'GET /monev/periods/{period}/snapshots/{node}',
  'close-monev-period': 'POST /monev/periods/{period}/close',
  'list-monev-exceptions': 'GET /monev/exceptions',
};
