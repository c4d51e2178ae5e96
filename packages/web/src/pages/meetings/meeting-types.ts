/** Shapes of the meetings API answers, as the pages read them. */
import type { MeetingKind, MeetingStatus, OutcomeKind, Party, QuestionCounts, QuestionStatus } from '@yishi/core';

export interface MeetingSummary {
  id: string;
  compoundId: string;
  kind: MeetingKind;
  title: string;
  startsAt: string;
  durationMinutes: number;
  place: string;
  status: MeetingStatus;
  agendaFrozenAt: string | null;
  documentName: string;
}

export interface AgendaItemView {
  id: string;
  docItemId: string;
  position: number;
  title: string;
  party: string;
  minutes: number;
  notes: string;
  links: string[];
  outcome: OutcomeKind | null;
  agreedParties: Party[];
  outcomeNote: string;
  actionItemId: string | null;
}

export interface MeetingView {
  meeting: MeetingSummary & { compoundName: string; hall: { agendaItemId: string | null; questionId: string | null } };
  agendaItems: AgendaItemView[];
  attendance: Array<{ id: string; userId: string | null; name: string; party: Party | null; organisation: string; invited: boolean; signedInAt: string | null }>;
  quorum: { rule: 'all_parties' | 'three_parties'; present: Party[]; missing: Party[]; reached: boolean } | null;
  questionCounts: QuestionCounts | null;
  permissions: { run: boolean; record: boolean; agenda: 'write' | 'read' | 'none'; ask: boolean };
}

export interface QuestionView {
  id: string;
  number: number;
  status: QuestionStatus;
  anonymous: boolean;
  askerName: string | null;
  buildingId: string | null;
  buildingName: string | null;
  category: string;
  text: string;
  answer: string | null;
  answeredByName: string | null;
  measures: string | null;
  mergedIntoId: string | null;
  actionItemId: string | null;
}
