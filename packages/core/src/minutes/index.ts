export * from './china-time.js';
export * from './minutes.js';
export * from './minutes-text.js';
export * from './minutes-rules.js';
export * from './minutes.schema.js';
export * from './minutes.errors.js';
