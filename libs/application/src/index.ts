export * from './ids';
export * from './complaint-stream';
export * from './errors';
export * from './complaint-command.service';
export * from './identity-access.service';
export * from './holiday-calendar.service';
export * from './request-fingerprint';
export * from './pending-identity-sweep';
