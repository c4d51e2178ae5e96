export * from './notifications.js';
export * from './notifications.schema.js';
export * from './notifications.contract.js';
export * from './notifications.errors.js';
