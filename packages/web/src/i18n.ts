/**
 * Words on screen. `t('key', params)` looks a key up in the merged message table (locales/index.ts)
 * in the current language; `pick({ 'zh-CN': …, en: … })` does the same for a text that travels with
 * data (route titles, role labels from core).
 */
import { interpolate, type Locale } from '@yishi/core';
import { messages, type MessageKey } from './locales/index.js';
import { currentLocale } from './state/preferences.js';

export type { MessageKey };
export type Localised = Readonly<Record<Locale, string>>;

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const entry: Localised = messages[key];
  return interpolate(entry[currentLocale()], params);
}

export function pick(text: Localised): string {
  return text[currentLocale()];
}
