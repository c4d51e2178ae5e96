import { describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_STAFF_VERSION, PRIVACY_NOTICE_VERSION, privacyNoticeAudience, privacyNoticeVersion } from './accounts.js';

describe('whose privacy notice an activation shows and records', () => {
  it('an owner reads the residents’ notice, a staff member with no flat the staff’s, a building head owning a flat both', () => {
    expect(privacyNoticeAudience({ units: ['1栋1单元301'], grants: [] })).toBe('resident');
    expect(privacyNoticeAudience({ units: [], grants: [] })).toBe('resident');
    expect(privacyNoticeAudience({ units: [], grants: [{ role: 'station_chief' }] })).toBe('staff');
    expect(privacyNoticeAudience({ units: ['2栋1单元101'], grants: [{ role: 'building_head' }] })).toBe('both');
  });

  it('records the version of each notice shown', () => {
    expect(privacyNoticeVersion('resident')).toBe(PRIVACY_NOTICE_VERSION);
    expect(privacyNoticeVersion('staff')).toBe(PRIVACY_NOTICE_STAFF_VERSION);
    expect(privacyNoticeVersion('both')).toBe(`${PRIVACY_NOTICE_VERSION}+${PRIVACY_NOTICE_STAFF_VERSION}`);
  });
});
