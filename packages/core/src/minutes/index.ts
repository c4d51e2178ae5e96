export * from './china-time.js';
export * from './minutes.js';
export * from './minutes-text.js';
export * from './minutes-rules.js';
export * from './minutes.schema.js';
export * from './minutes.errors.js';
export * from './minutes.contract.js';
// The public notice board shows the minutes beside the other features' notices; its shapes and endpoints.
export * from '../board/index.js';
