export * from './accounts.js';
export * from './accounts.schema.js';
export * from './accounts.errors.js';
export * from './accounts.contract.js';
