import { describe, expect, it } from 'vitest';
import { type DomainError } from '@yishi/core';
import { assertPasswordAllowed } from './password-policy.js';

function codeOf(password: string, phone?: string): string | null {
  try {
    assertPasswordAllowed(password, { phone });
    return null;
  } catch (error) {
    return (error as DomainError).code;
  }
}

describe('the password policy', () => {
  it('wants at least eight characters', () => {
    expect(codeOf('Qz7!')).toBe('password_too_short');
    expect(codeOf('秋天的银杏')).toBe('password_too_short');
  });

  it('refuses the commonest passwords, Chinese favourites included', () => {
    for (const common of ['12345678', 'password', 'qwertyuiop', '11111111', '1qaz2wsx', 'iloveyou', '88888888', '87654321', 'abcdefgh']) {
      expect(codeOf(common), common).toBe('password_too_common');
    }
  });

  it('refuses a password that holds the phone number', () => {
    expect(codeOf('13800000001', '13800000001')).toBe('password_contains_phone');
    expect(codeOf('wjg13800000001', '13800000001')).toBe('password_contains_phone');
  });

  it('takes a pass phrase or a personal mix', () => {
    expect(codeOf('yinxing-2026-qiutian')).toBeNull();
    expect(codeOf('银杏叶落满了小区的路')).toBeNull();
    expect(codeOf('Wjg301fangzi')).toBeNull();
  });
});
