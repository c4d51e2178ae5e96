/**
 * Form helpers for browser tests: which control has the keyboard focus (through the shadow roots
 * of the app and the page), and a control found by its name.
 */
import type { Locator, Page } from 'playwright-core';

/** The `name` of the control that has focus, or its tag. */
export function focusedControl(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return '';
    return el.getAttribute('name') ?? el.tagName.toLowerCase();
  });
}

/** The element that has focus, as its tag and words (`BUTTON 签到`); `BODY …` when the page has it. */
export function focusedElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return `${el?.tagName} ${el?.textContent?.trim()}`;
  });
}

/**
 * A form control by its name attribute, inside the given page element, with its words: the native
 * field's `.field` holding the control, its label and its problem (components/forms/native-field.ts).
 */
export function control(page: Page, pageTag: string, name: string): Locator {
  return page.locator(`${pageTag} .field:has([name="${name}"])`);
}
