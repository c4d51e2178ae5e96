/**
 * Whether a tap lands where the reader means it to: what is drawn topmost at the centre of an element
 * (document.elementFromPoint, followed into shadow roots), so a notice or a bar over it is caught.
 */
import type { Locator } from 'playwright-core';

/** What a tap at the centre of `target` would hit, as a short description when it is not `target` itself (or inside it); null when it is. */
export function coveredBy(target: Locator): Promise<string | null> {
  return target.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return 'outside the window';
    let hit: Element | null = document.elementFromPoint(x, y);
    while (hit?.shadowRoot) {
      const inner = hit.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === hit) break;
      hit = inner;
    }
    if (hit && (hit === element || element.contains(hit) || element.shadowRoot?.contains(hit))) return null;
    return hit
      ? `${hit.tagName.toLowerCase()}${hit.className ? `.${String(hit.className).split(' ').join('.')}` : ''}: ${hit.textContent?.trim().slice(0, 40)}`
      : 'nothing';
  });
}
