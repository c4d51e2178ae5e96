/**
 * The web app's pages as tests see them: the page registry (packages/web/src/routes.ts), read as text
 * as the build reads it (build/route-preloads.ts; importing it would type-check every page it loads),
 * and what is wrong in a page's words on screen.
 */
import { readFileSync } from 'node:fs';

export interface RegisteredPage {
  path: string;
  tag: string;
  /** Opens without a login (`public: true`). */
  public: boolean;
}

/** Every page of the registry, in its order. */
export function registeredPages(): RegisteredPage[] {
  const registry = readFileSync(new URL('../../packages/web/src/routes.ts', import.meta.url), 'utf8');
  return [...registry.matchAll(/\{\s*path:\s*'([^']+)',\s*tag:\s*'([^']+)'([^{}]*)\}/g)].map(([, path, tag, rest]) => ({
    path: path!,
    tag: tag!,
    public: /\bpublic:\s*true\b/.test(rest!),
  }));
}

/** A message key where words belong (`votes.title`, dotted lower-camel words): what `t()` shows for words a page did not load. */
export const MESSAGE_KEY = /(?<![\w./@-])[a-z][a-zA-Z]+\.[a-z][\w.]*[a-zA-Z](?![\w/@-])/;

/** What is wrong in a page's text: an error or a refusal, a placeholder for a missing value, a message key. */
export function readingProblems(text: string): string[] {
  const problems: string[] = [];
  // The load state's error (没能加载), a refusal for someone not allowed, or what a missing value prints as.
  const error = /.{0,40}(没能加载|页面加载失败|您没有权限|Could not load|You are not allowed|\b(undefined|NaN|null|Invalid Date)\b|\[object ).{0,40}/s.exec(
    text,
  );
  if (error) problems.push(`on screen: ${error[0]}`);
  // Addresses and file names are not keys: a link, an e-mail address, a host (qyapi.weixin.qq.com), ledger.xlsx.
  const words = text.replace(/https?:\/\/\S+|[\w.-]+@[\w.-]+|\b[\w-]+(\.[\w-]+)*\.(com|cn|net|org|xlsx|csv|pdf|zip|json|ics)\b/g, '');
  const key = MESSAGE_KEY.exec(words);
  if (key) problems.push(`a message key on screen: ${key[0]}`);
  return problems;
}
