/**
 * Finding a unit of the roll by typing its number, then choosing it — the paper-ballot and the
 * in-person proxy forms on the management page share it. The caller keeps what was typed and chosen.
 */
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import type { RollEntry } from '@yishi/core';
import { html } from 'lit';
import { t } from '../../i18n.js';

export interface UnitFinder {
  roll: readonly RollEntry[];
  /** Which entries may be chosen (units not voted yet, units of owners …). */
  eligible: (entry: RollEntry) => boolean;
  search: string;
  unit: string;
  label: string;
  error: string | undefined;
  onSearch: (typed: string) => void;
  onChoose: (voterKey: string) => void;
}

/** At most 50 matches are listed: typing more of the number narrows them. */
export function unitFinder(f: UnitFinder) {
  const typed = f.search.trim();
  const matches = f.roll.filter((e) => f.eligible(e) && (!typed || e.label.includes(typed))).slice(0, 50);
  return html`<sl-input
      size="large"
      label=${t('paper.search')}
      .value=${f.search}
      @sl-input=${(e: Event) => f.onSearch((e.target as HTMLInputElement).value)}
    ></sl-input>
    <sl-select
      size="large"
      name="unit"
      label=${f.label}
      value=${f.unit}
      placeholder="—"
      hoist
      required
      help-text=${f.error ?? ''}
      @sl-change=${(e: Event) => f.onChoose((e.target as HTMLSelectElement).value as string)}
    >
      ${matches.map((e) => html`<sl-option value=${e.voterKey}>${e.label}</sl-option>`)}
    </sl-select>`;
}
