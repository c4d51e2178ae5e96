export * from './dashboard.js';
export * from './dashboard.schema.js';
