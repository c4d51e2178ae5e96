/**
 * The visitor's two display preferences, kept on this device: the interface language and elder
 * mode (长辈版: large text, roomy lines, big tap targets). Both apply at once to the whole page (the
 * `lang` attribute and the `elder` class on <html>) and notify elements that render words.
 */
import { DEFAULT_LOCALE, type Locale } from '@yishi/core';

const LOCALE_KEY = 'yishi.locale';
const ELDER_KEY = 'yishi.elder';
export const PREFERENCES_CHANGED = 'yishi-preferences-changed';

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode or storage disabled: the preference lasts for this page only.
  }
}

function cookieLocale(): Locale | null {
  if (typeof document === 'undefined') return null;
  const match = /(?:^|;\s*)yishi_locale=([^;]+)/.exec(document.cookie);
  const value = match?.[1];
  return value === 'en' || value === 'zh-CN' ? value : null;
}

function initialLocale(): Locale {
  const stored = readStorage(LOCALE_KEY);
  if (stored === 'en' || stored === 'zh-CN') return stored;
  return cookieLocale() ?? DEFAULT_LOCALE;
}

let locale: Locale = initialLocale();
let elder = readStorage(ELDER_KEY) === '1';

const events = new EventTarget();

function apply(): void {
  if (typeof document === 'undefined') return; // imported by a unit test in Node
  const root = document.documentElement;
  root.lang = locale;
  root.classList.toggle('elder', elder);
}
apply();

export function currentLocale(): Locale {
  return locale;
}

export function isElderMode(): boolean {
  return elder;
}

/** Switches the language on this device; the caller also tells the server (PUT /api/me/locale). */
export function setLocale(next: Locale): void {
  if (next === locale) return;
  locale = next;
  writeStorage(LOCALE_KEY, next);
  // The server reads the choice from this cookie to name the page's words in it (the API's answer sets it too, once it arrives).
  if (typeof document !== 'undefined') document.cookie = `yishi_locale=${next}; path=/; max-age=${365 * 86_400}; samesite=lax`;
  apply();
  events.dispatchEvent(new Event(PREFERENCES_CHANGED));
}

export function setElderMode(on: boolean): void {
  if (on === elder) return;
  elder = on;
  writeStorage(ELDER_KEY, on ? '1' : '0');
  apply();
  events.dispatchEvent(new Event(PREFERENCES_CHANGED));
}

export function onPreferencesChange(listener: () => void): () => void {
  events.addEventListener(PREFERENCES_CHANGED, listener);
  return () => events.removeEventListener(PREFERENCES_CHANGED, listener);
}

const LOGIN_WAY_KEY = 'yishi.loginWay';
export type LoginWay = 'password' | 'sms';

/** How someone last logged in (or chose to, activating) on this device: the login page opens on that way. */
export function lastLoginWay(): LoginWay {
  return readStorage(LOGIN_WAY_KEY) === 'sms' ? 'sms' : 'password';
}

export function rememberLoginWay(way: LoginWay): void {
  writeStorage(LOGIN_WAY_KEY, way);
}
