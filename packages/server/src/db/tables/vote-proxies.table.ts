import type { PaperEntryStatus, ProxyStatus } from '@yishi/core';
import type { Selectable } from 'kysely';

/** An owner's authorisation of another person for one vote (委托投票); see migration 20270102110000_proxies_paper. */
export interface VoteProxyTable {
  id: string;
  vote_id: string;
  principal_person_id: string;
  proxy_person_id: string;
  proxy_user_id: string;
  form_photo_id: string;
  status: ProxyStatus;
  created_by_user_id: string;
  created_at: string;
  sms_code_id: string | null;
  confirmed_via: 'sms' | 'in_person' | null;
  confirmed_by_user_id: string | null;
  confirmed_at: string | null;
  revoked_by_user_id: string | null;
  revoked_at: string | null;
}

/** The units an authorisation covers. */
export interface VoteProxyUnitTable {
  proxy_id: string;
  vote_id: string;
  unit_id: string;
  label: string;
  withdrawn_receipt_code: string | null;
}

/** A paper slip entered by one staff member, pending until a second confirms (it becomes a ballot) or rejects it. */
export interface PaperBallotEntryTable {
  id: string;
  vote_id: string;
  voter_key: string;
  unit_id: string | null;
  person_id: string | null;
  voter_label: string;
  choices_json: string;
  slip_number: string;
  photo_id: string;
  status: PaperEntryStatus;
  entered_by_user_id: string;
  entered_at: string;
  reviewed_by_user_id: string | null;
  reviewed_at: string | null;
  reject_reason: string | null;
  receipt_code: string | null;
}

export type VoteProxyRow = Selectable<VoteProxyTable>;
export type PaperBallotEntryRow = Selectable<PaperBallotEntryTable>;
