export * from './notifications.js';
export * from './notification-specs.js';
export * from './notification-time.js';
export * from './notification-robots.js';
export * from './delivery-outcomes.js';
export * from './notifications.schema.js';
export * from './notifications.contract.js';
export * from './notifications.errors.js';
