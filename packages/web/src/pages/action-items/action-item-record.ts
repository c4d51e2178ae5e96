/** What has happened to an action item, as its page shows it (action-item-page.ts): the resident's photos, the promised response, the timeline. */
import { RATINGS, TRIAGE_LEVELS, type ActionItemDetail, type ActionItemUpdateView } from '@yishi/core';
import { html, nothing } from 'lit';
import { ratingLabel, triageLabel } from '../../components/action-items/action-item-badges.js';
import { formatDateTime } from '../../format/format.js';
import { t } from '../../i18n.js';

/** The photos the resident sent with the concern. */
export function renderResidentPhotos(item: ActionItemDetail) {
  if (item.photos.length === 0) return nothing;
  return html`<section class="card" aria-labelledby="photos-heading">
    <h2 id="photos-heading">${t('ai.residentPhotos')}</h2>
    <ul class="resident-photos photo-grid">
      ${item.photos.map(
        (p, i) =>
          html`<li>
            <a href=${p.url} target="_blank" rel="noopener"
              ><img src=${p.url} width=${p.width} height=${p.height} alt=${t('ai.photoAlt', { n: i + 1, title: item.title })} loading="lazy"
            /></a>
          </li>`,
      )}
    </ul>
  </section>`;
}

/** What the urgency promised (on site by, resolved or planned by) and whether it was kept. */
export function renderResponse(item: ActionItemDetail) {
  const r = item.response;
  if (!r) return nothing;
  const met = (value: boolean | null) => (value === null ? nothing : html` · <strong>${value ? t('ai.met') : t('ai.missed')}</strong>`);
  return html`<section class="card">
    <h2>${t('ai.response')}</h2>
    ${r.onSiteBy ? html`<p>${t('ai.onSiteBy', { time: formatDateTime(r.onSiteBy) })}${met(r.onSiteMet)}</p>` : nothing}
    ${
      r.resolveBy
        ? html`<p>
            ${r.resolveKind === 'plan' ? t('ai.resolvePlanBy', { time: formatDateTime(r.resolveBy) }) : t('ai.resolveBy', { time: formatDateTime(r.resolveBy) })}${met(
              r.resolveMet,
            )}
          </p>`
        : nothing
    }
  </section>`;
}

/** One step of the item's timeline: when, what, by whom, with its photos. */
export function renderUpdate(u: ActionItemUpdateView) {
  let extra: unknown = nothing;
  const triage = (value: string | null) => TRIAGE_LEVELS.find((l) => l === value);
  const rating = RATINGS.find((r) => r === u.to);
  const from = triage(u.from);
  const to = triage(u.to);
  if (u.kind === 'triage' && from && to) extra = html` ${triageLabel(from)} → ${triageLabel(to)}`;
  if (u.kind === 'signed_off' && u.to) extra = html` <span class="number">${u.to}</span>`;
  if (u.kind === 'rated' && rating) extra = html` ${ratingLabel(rating)}`;
  return html`<li>
    <div class="when">${formatDateTime(u.at)} · <strong>${t(`ai.update.${u.kind}`)}</strong>${extra}${u.author ? html` · ${u.author}` : nothing}</div>
    ${u.text ? html`<div>${u.text}</div>` : nothing} ${evidencePhotos(u.photos)}
  </li>`;
}

/** A textarea of a step form, with its problem (if any) under it. */
/** Photos attached as evidence, each opening full size. */
export function evidencePhotos(urls: readonly string[]) {
  return urls.map(
    (url, i) =>
      html`<a href=${url} target="_blank" rel="noopener"><img class="photo" src=${url} alt=${t('ai.evidencePhotoAlt', { n: i + 1 })} loading="lazy" /></a>`,
  );
}
