import { describe, expect, it } from 'vitest';
import { formatReceiptCode, normaliseReceiptCode } from './receipt.js';
import { receiptCodeSchema } from './votes.schema.js';

describe('receipt codes', () => {
  it('formats 12 random bytes as three groups of four unambiguous symbols', () => {
    const code = formatReceiptCode(Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 31]));
    expect(code).toBe('0123-4567-89AZ');
    expect(receiptCodeSchema.safeParse(code).success).toBe(true);
  });
  it('reads back what a person typed: lower case, spaces, O for zero, I or L for one', () => {
    expect(normaliseReceiptCode(' o123 4567 89az ')).toBe('0123-4567-89AZ');
    expect(normaliseReceiptCode('abcd-efgh-jkmI')).toBe('ABCD-EFGH-JKM1');
  });
});
