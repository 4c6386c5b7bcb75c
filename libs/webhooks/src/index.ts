export * from './address-policy';
export * from './guarded-dispatcher';
export * from './webhook-secrets';
export * from './endpoint-directory';
export * from './webhook-delivery-source';
export * from './webhook-channel';
