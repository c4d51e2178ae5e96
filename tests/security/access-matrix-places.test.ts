// The access matrix (./access-matrix.ts) for the role-checked routes about places, accounts and everything else.
import { accessMatrix } from './access-matrix.js';

accessMatrix('places');
