export * from './board.schema.js';
export * from './board.contract.js';
