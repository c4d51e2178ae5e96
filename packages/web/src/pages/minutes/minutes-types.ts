/** Shapes of the minutes API answers, as the pages read them. */
import type { MinutesHeader } from '@yishi/core';

export interface VersionRef {
  version: number;
  publishedAt: string;
  reason: string | null;
  publishedBy?: string;
}

export interface MinutesVersion {
  meetingId: string;
  version: number;
  title: string;
  header: MinutesHeader;
  body: string;
  reason: string | null;
  publishedAt: string;
  publishedBy: string;
}

export interface PublicMinutes extends MinutesVersion {
  compoundId: string;
  latestVersion: number;
  versions: VersionRef[];
}

export interface StaffMinutes {
  meeting: { id: string; compoundId: string; kind: 'four_party' | 'evening_talk'; title: string; status: string; startsAt: string; place: string };
  documentName: string;
  draft: { header: MinutesHeader; body: string; generatedAt: string; updatedAt: string } | null;
  versions: MinutesVersion[];
  deadline: string | null;
  timeLeft: { overdue: boolean; hoursLeft: number; label: Record<'zh-CN' | 'en', string> } | null;
  publishedOnTime: boolean | null;
  may: { write: boolean; publish: boolean };
}
