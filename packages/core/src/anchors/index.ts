export * from './anchors.js';
export * from './anchors.schema.js';
export * from './anchors.contract.js';
