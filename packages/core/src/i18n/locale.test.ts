import { describe, expect, it } from 'vitest';
import { errorMessage } from './error-messages.js';
import { pickLocale } from './locale.js';

describe('pickLocale', () => {
  it('defaults to Simplified Chinese', () => {
    expect(pickLocale(undefined)).toBe('zh-CN');
    expect(pickLocale('fr-FR')).toBe('zh-CN');
  });
  it('follows the preferred language by weight', () => {
    expect(pickLocale('en')).toBe('en');
    expect(pickLocale('en-US,en;q=0.9')).toBe('en');
    expect(pickLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(pickLocale('zh;q=0.5,en;q=0.8')).toBe('en');
  });
});

describe('errorMessage', () => {
  it('fills parameters in both languages', () => {
    expect(errorMessage('login_locked', 'zh-CN', { minutes: 15 })).toBe('登录失败次数过多，请 15 分钟后再试');
    expect(errorMessage('login_locked', 'en', { minutes: 15 })).toContain('15 minutes');
  });
});
