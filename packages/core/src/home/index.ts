export * from './home.js';
export * from './home.schema.js';
export * from './home.contract.js';
