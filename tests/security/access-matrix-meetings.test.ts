// The access matrix (./access-matrix.ts) for the role-checked routes about meetings, action items and the ledger.
import { accessMatrix } from './access-matrix.js';

accessMatrix('meetings');
