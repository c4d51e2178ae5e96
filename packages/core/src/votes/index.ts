export * from './fraction.js';
export * from './heads.js';
export * from './rules.js';
export * from './tally.js';
export * from './receipt.js';
export * from './votes.schema.js';
export * from './votes.errors.js';
export * from './yes-no.js';
