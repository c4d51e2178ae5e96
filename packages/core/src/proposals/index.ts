export * from './proposals.js';
export * from './proposals.schema.js';
export * from './proposals.contract.js';
export * from './proposals.errors.js';
