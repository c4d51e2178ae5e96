/**
 * Form helpers for browser tests: which control has the keyboard focus (through the shadow roots
 * of the app, the page and the Shoelace control), and a control found by its name.
 */
import type { Locator, Page } from 'playwright-core';

/** The `name` of the control that has focus (a Shoelace control is named by its host), or its tag. */
export function focusedControl(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return '';
    const root = el.getRootNode();
    const host = root instanceof ShadowRoot && root.host.tagName.startsWith('SL-') ? root.host : el;
    return host.getAttribute('name') ?? host.tagName.toLowerCase();
  });
}

/**
 * A form control by its name attribute, inside the given page element, with its words: a Shoelace
 * control (`sl-input[name="phone"]`, its label and help text inside it), or a native field's
 * `.field` holding the control, its label and its problem (components/forms/native-field.ts).
 */
export function control(page: Page, pageTag: string, name: string): Locator {
  return page.locator(`${pageTag} :is(sl-input, sl-checkbox, sl-radio-group)[name="${name}"], ${pageTag} .field:has([name="${name}"])`);
}
