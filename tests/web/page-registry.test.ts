/**
 * The page registry and what hangs off it: each page's title, the home page's actions. The registry is
 * read as text (tests/support/pages.ts).
 */
import { describe, expect, test } from 'vitest';
import { matchPath } from '../../packages/web/src/app/router.js';
import { shellMessages } from '../../packages/web/src/locales/shell.js';
import { HOME_ACTIONS } from '../../packages/web/src/pages/home/home-actions.js';
import { registeredPages } from '../support/pages.js';

const routes = registeredPages();

describe('the page registry', () => {
  test('every title belongs to a page of the registry (or the page for no match), one page to each tag', () => {
    expect(routes.length).toBeGreaterThan(30);
    const tags = routes.map((route) => route.tag);
    expect(new Set(tags).size).toBe(tags.length);
    expect(
      Object.keys(shellMessages)
        .filter((key) => key.startsWith('title.'))
        .sort(),
    ).toEqual([...tags, 'yishi-not-found-page'].map((tag) => `title.${tag.replace(/^yishi-(.*)-page$/, '$1')}`).sort());
  });

  test('each home action opens the page registered at its path, not one matched before it', () => {
    for (const action of HOME_ACTIONS) {
      const sample = action.path.replace(':compoundId', 'c1');
      expect(routes.find((route) => matchPath(route.path, sample))?.path, action.path).toBe(action.path);
    }
  });
});
