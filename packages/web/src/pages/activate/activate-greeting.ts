/**
 * The greeting once an activation or invitation code is found, or an SMS code checked: the person by
 * masked name, their place, what they were granted, and until when the code holds.
 */
import { ROLE_LABELS, type ActivationLookup, type Role } from '@yishi/core';
import { html, nothing } from 'lit';
import { formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';

export function renderGreeting(l: ActivationLookup, way: 'code' | 'sms' = 'code') {
  const place = [l.compoundName, l.units.join('、')].filter(Boolean).join(' ');
  const roles = l.grants.map((g) => `${g.placeLabel} · ${g.role in ROLE_LABELS ? pick(ROLE_LABELS[g.role as Role]) : g.role}`).join('、');
  return html`<div class="card greeting">
    <p class="hello">${t('activate.hello', { name: l.phoneTail ? t('activate.nameWithTail', { name: l.name, tail: l.phoneTail }) : l.name })}</p>
    ${place ? html`<p class="place">${place}</p>` : nothing}
    ${l.kind === 'invitation' && roles ? html`<p class="granted">${t('activate.granted', { roles })}</p>` : nothing}
    ${l.kind === 'reset' ? html`<p class="reset">${t('activate.resetNote')}</p>` : nothing}
    <p class="muted">${t(way === 'sms' ? 'activate.smsValidUntil' : 'activate.validUntil', { date: formatDateTime(l.expiresAt) })}</p>
    <p class="muted">${t('activate.notYou')}</p>
  </div>`;
}
