// The access matrix (./access-matrix.ts) for the role-checked routes about votes and proposals.
import { accessMatrix } from './access-matrix.js';

accessMatrix('votes');
