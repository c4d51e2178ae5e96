/**
 * Words on screen. `t('key', params)` looks a key up in the current language; `pick({ 'zh-CN': …, en: … })`
 * does the same for a text that travels with data (route titles, role labels from core).
 *
 * The words come per feature and per language (build/split-strings.ts): a module that names a
 * feature's keys imports that feature's locale module, which calls `loadStrings` and waits, at its
 * top level, for the current language's words. `switchLocale` loads the other language's words of
 * every feature loaded so far, then switches.
 */
import { interpolate, type Locale } from '@yishi/core';
import type { MessageKey } from './locales/index.js';
import { currentLocale, setLocale } from './state/preferences.js';

export type { MessageKey };
export type Localised = Readonly<Record<Locale, string>>;

type Words = Record<string, string>;
type Loaders = Readonly<Record<Locale, () => Promise<{ default: Words }>>>;

const words: Record<Locale, Words> = { 'zh-CN': {}, en: {} };
const features = new Map<string, Loaders>();
const loading = new Map<string, Promise<void>>();

function loadFeature(feature: string, locale: Locale): Promise<void> {
  const id = `${feature}:${locale}`;
  let done = loading.get(id);
  if (!done) {
    const loaders = features.get(feature);
    if (!loaders) throw new Error(`no strings registered for ${feature}`);
    done = loaders[locale]().then((module) => void Object.assign(words[locale], module.default));
    // A failed download (offline) may be tried again by the next switch.
    done.catch(() => loading.delete(id));
    loading.set(id, done);
  }
  return done;
}

/** Registers a feature's words and loads them in the current language (called by the generated locale modules). */
export function loadStrings(feature: string, loaders: Loaders): Promise<void> {
  features.set(feature, loaders);
  return loadFeature(feature, currentLocale());
}

/** Loads the words of every feature loaded so far in `locale`, then switches the page to it. */
export async function switchLocale(locale: Locale): Promise<void> {
  await Promise.all([...features.keys()].map((feature) => loadFeature(feature, locale)));
  setLocale(locale);
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = words[currentLocale()][key];
  if (text === undefined) {
    console.error(`No words for ${key}: its feature's locale module is not imported (build/split-strings.ts)`);
    return key;
  }
  return interpolate(text, params);
}

export function pick(text: Localised): string {
  return text[currentLocale()];
}
