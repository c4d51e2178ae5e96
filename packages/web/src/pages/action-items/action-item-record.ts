/** An action item's record, as its page shows it (action-item-page.ts): its facts, the resident's photos, the promised response, the timeline. */
import { RATINGS, SOURCE_LABELS, TRIAGE_LEVELS, type ActionItemDetail, type ActionItemUpdateView } from '@yishi/core';
import { html, nothing } from 'lit';
import { dueText, overdueBadge, ratingLabel, triageLabel } from '../../components/action-items/action-item-badges.js';
import { formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';

/** What the item is: where it comes from, when it is due, who does it, its measures, its sign-off. */
export function renderFacts(item: ActionItemDetail) {
  return html`<section class="card facts-card">
    <dl class="facts">
      <dt>${t('ai.source')}</dt>
      <dd>${pick(SOURCE_LABELS[item.source.kind])}</dd>
      <dt>${t('ai.listedAt')}</dt>
      <dd>${formatDateTime(item.listedAt)}</dd>
      <dt>${t('ai.colDue')}</dt>
      <dd class=${item.overdue ? 'is-overdue' : ''}>
        ${
          item.deadlineWorkdays === 0 && item.response?.resolveBy
            ? html`${t('ai.deadlineUrgent', { time: formatDateTime(item.response.resolveBy) })}`
            : html`${t('ai.deadline', { days: item.deadlineWorkdays, date: '' })}${dueText(item)}`
        }
        ${overdueBadge(item.overdue)}
      </dd>
      <dt>${t('ai.colUnit')}</dt>
      <dd>${pick(item.responsibleUnitLabel)}</dd>
      ${
        item.view === 'staff'
          ? html`<dt>${t('ai.handler')}</dt>
              <dd>${item.handlerName || t('ai.none')}</dd>`
          : nothing
      }
      <dt>${t('ai.measures')}</dt>
      <dd class="typed">${item.measures || t('ai.none')}</dd>
      ${
        item.description
          ? html`<dt>${t('ai.description')}</dt>
              <dd class="typed">${item.description}</dd>`
          : nothing
      }
      ${
        item.signOffNumber && item.signedOffAt
          ? html`<dt>${t('ai.signOffHeading')}</dt>
              <dd>
                <span class="number">${item.signOffNumber}</span> ·
                ${t('ai.signedOffBy', { name: item.signedOffBy ?? '', time: formatDateTime(item.signedOffAt) })}<br /><span class="typed"
                  >${item.resolution}</span
                >
              </dd>`
          : nothing
      }
      ${
        item.reopenCount > 0
          ? html`<dt>${t('ai.update.reopened')}</dt>
              <dd>${t('ai.reopened', { count: item.reopenCount })}</dd>`
          : nothing
      }
    </dl>
  </section>`;
}

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
