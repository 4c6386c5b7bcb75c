export * from './attachment-store';
export * from './attachment-content';
export * from './file-attachment-store';
export * from './gridfs-attachment-store';
