/** The shapes the vote endpoints answer with (see packages/server/src/services/vote-views.service.ts). */
import type { TallyResult } from '@yishi/core';

export interface VoteSummary {
  id: string;
  compoundId: string;
  buildingId: string | null;
  buildingName: string | null;
  title: string;
  description: string;
  kind: 'yes_no' | 'single_choice' | 'multiple_choice' | 'election';
  electorateKind: 'owners' | 'residents';
  options: Array<{ id: string; label: string }>;
  maxChoices: number;
  ruleText: { 'zh-CN': string; en: string };
  secret: boolean;
  status: 'draft' | 'open' | 'closed';
  opensAt: string | null;
  closesAt: string;
  openedAt: string | null;
  closedAt: string | null;
  closedOnTime: boolean;
  sourceKind: string;
  sourceId: string | null;
}

export interface Turnout {
  electorate: { voters: number; heads: number; areaCenti: number };
  participation: { ballots: number; paperBallots: number; heads: number; areaCenti: number };
}

export interface MyVoter {
  voterKey: string;
  label: string;
  voted: boolean;
  receiptCode: string | null;
  castAt: string | null;
  channel: string | null;
}

export interface VoteView {
  vote: VoteSummary;
  turnout: Turnout | null;
  result: TallyResult | null;
  mine: MyVoter[];
  canManage: boolean;
}
