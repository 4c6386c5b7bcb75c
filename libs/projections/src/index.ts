export * from './projection';
export * from './runner/projection-runner';
export * from './runner/projector';
export * from './complaints/complaint-document';
export * from './complaints/complaint-projection';
export * from './audit-trail/audit-trail-projection';
export * from './agency-stats/agency-stats-projection';
