/**
 * The confirmation before printing activation letters (activation-page.ts): how many letters, and by
 * masked name and flat whose earlier letter stops working, and who is left out because they hold a
 * letter printed for another building (one person, one valid letter).
 */
import type { LettersPreview } from '@yishi/core';
import { html, nothing } from 'lit';
import { t } from '../../i18n.js';

const who = (p: { name: string; units: string[] }) => `${p.name}（${p.units.join('、')}）`;

export function renderPrintConfirmBody(label: string, preview: LettersPreview) {
  return html`${
    preview.count > 0
      ? html`<p>${t('admin.activation.confirmBody', { label, count: preview.count, pages: Math.ceil(preview.count / 2) })}</p>`
      : html`<p>${t('admin.activation.confirmNone', { label })}</p>`
  }
  ${
    preview.replaced.length > 0
      ? html`<p><strong>${t('admin.activation.confirmReplaces', { count: preview.replaced.length })}</strong></p>
          <ul class="named replaced">
            ${preview.replaced.map((p) => html`<li>${who(p)}</li>`)}
          </ul>`
      : nothing
  }
  ${
    preview.kept.length > 0
      ? html`<p>${t('admin.activation.confirmKept', { count: preview.kept.length })}</p>
          <ul class="named kept">
            ${preview.kept.map((p) => html`<li>${t('admin.activation.keptFrom', { who: who(p), building: p.heldFrom })}</li>`)}
          </ul>`
      : nothing
  }
  ${preview.count > 0 ? html`<p class="muted">${t('admin.activation.confirmDeliver')}</p>` : nothing}`;
}
