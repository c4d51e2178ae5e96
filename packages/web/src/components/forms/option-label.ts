/**
 * The words of a select's option, re-read after a language switch. Shoelace's sl-select keeps the
 * label of the chosen option as it was when chosen, and reads it again only when the option's
 * content is replaced, not when its text changes in place; keyed by the language, the content is
 * replaced on a switch. Use for every option whose words come from the locale tables.
 */
import { html, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { currentLocale } from '../../state/preferences.js';

export function optionLabel(text: string): TemplateResult {
  return html`${keyed(currentLocale(), text)}`;
}
