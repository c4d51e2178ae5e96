export { attachCollab, collabHubFor, COLLAB_PATH, recheckLiveAccess, type AttachedCollab } from './attach.js';
export { CloseCode } from './close-codes.js';
export { CollabHub, DEFAULT_COLLAB_OPTIONS, type CollabOptions } from './hub.js';
export { COLLAB_DOCUMENT_KINDS, type CollabDocumentKind } from './registry.js';
export { compactDocument, loadStoredDocument, storeNewDocument } from './persistence.js';
