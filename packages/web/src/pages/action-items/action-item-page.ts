/**
 * One action item. Staff see the whole record and the next step: dated progress (public), resolving
 * with evidence, changing the triage colour, and the numbered sign-off behind a confirmation dialog
 * (the number appears once the ledger has it). The resident who raised it — or any owner/resident
 * for items from meetings — rates the outcome here.
 */
import '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import '@shoelace-style/shoelace/dist/components/checkbox/checkbox.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import '@shoelace-style/shoelace/dist/components/radio-group/radio-group.js';
import '@shoelace-style/shoelace/dist/components/radio/radio.js';
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import { COMPOUND_STAFF, RATINGS, SOURCE_LABELS, TRIAGE_LEVELS, type ActionItemSourceKind, type Rating, type Triage } from '@yishi/core';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, isApiError } from '../../api/client.js';
import { notify } from '../../app/notify.js';
import { renderLoad } from '../../components/common/load-state.js';
import { badgeStyles, dueText, overdueBadge, ratingLabel, statusBadge, triageBadge, triageLabel, type ActionItemUpdate, type ActionItemView } from '../../components/action-items/action-item-badges.js';
import { LoadController } from '../../controllers/load-controller.js';
import { PreferencesController } from '../../controllers/preferences-controller.js';
import { formatDateTime } from '../../format/format.js';
import { pick, t, type MessageKey } from '../../i18n.js';
import { currentMe, rolesAt } from '../../state/session.js';
import { pageStyles } from '../../styles/page-styles.js';

const MAX_PHOTO_BYTES = 300 * 1024;

@customElement('yishi-action-item-page')
export class ActionItemPage extends LitElement {
  static override styles = [
    pageStyles,
    badgeStyles,
    css`
      .badges {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-bottom: 1rem;
      }
      dl.facts {
        display: grid;
        grid-template-columns: minmax(6rem, auto) 1fr;
        gap: 0.4rem 1rem;
        margin: 0;
      }
      dl.facts dt {
        color: var(--yishi-muted);
      }
      dl.facts dd {
        margin: 0;
        white-space: pre-wrap;
      }
      ol.timeline {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      ol.timeline li {
        border-left: 3px solid var(--yishi-border);
        padding: 0.25rem 0 0.75rem 0.9rem;
      }
      .when {
        color: var(--yishi-muted);
        font-size: 0.9375rem;
      }
      form {
        display: grid;
        gap: 0.75rem;
      }
      .signed {
        font-size: 1.25rem;
      }
      img.photo {
        max-width: 10rem;
        max-height: 10rem;
        border-radius: var(--yishi-radius);
        margin: 0.25rem 0.25rem 0 0;
      }
    `,
  ];

  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private busy = false;
  @state() private confirming = false;
  @state() private justSigned: string | null = null;
  @state() private photos: string[] = [];
  private readonly prefs = new PreferencesController(this);
  private readonly item = new LoadController<ActionItemView>(
    this,
    (signal) => api.get<ActionItemView>(`/api/action-items/${encodeURIComponent(this.params.itemId ?? '')}`, signal),
    () => [this.params.itemId],
  );

  override render() {
    return renderLoad(this.item, (item) => this.renderItem(item));
  }

  private renderItem(item: ActionItemView) {
    const staff = item.view === 'staff';
    const updates = item.updates ?? item.progress ?? [];
    return html`<h1>${item.title}</h1>
      <div class="badges ${item.overdue ? 'is-overdue' : ''}">
        ${triageBadge(item.triage)} ${statusBadge(item.status)} ${overdueBadge(item.overdue)}
        ${item.signOffNumber ? html`<span class="badge number" data-sign-off-number>${item.signOffNumber}</span>` : nothing}
      </div>
      ${this.justSigned ? html`<sl-alert variant="success" open><p role="status" class="signed">${t('ai.signedOff', { number: this.justSigned })}</p></sl-alert>` : nothing}
      ${item.suggestedTriage && staff ? html`<sl-alert variant="warning" open><p>${t('ai.suggestEscalate', { level: triageLabel(item.suggestedTriage) })}</p></sl-alert>` : nothing}
      <section class="card">
        <dl class="facts">
          <dt>${t('ai.source')}</dt>
          <dd>${pick(SOURCE_LABELS[item.source.kind as ActionItemSourceKind] ?? { 'zh-CN': item.source.kind, en: item.source.kind })}</dd>
          <dt>${t('ai.listedAt')}</dt>
          <dd>${formatDateTime(item.listedAt)}</dd>
          <dt>${t('ai.colDue')}</dt>
          <dd class=${item.overdue ? 'is-overdue' : ''}>${t('ai.deadline', { days: item.deadlineWorkdays, date: '' })}${dueText(item)} ${overdueBadge(item.overdue)}</dd>
          <dt>${t('ai.colUnit')}</dt>
          <dd>${pick(item.responsibleUnitLabel)}</dd>
          ${staff ? html`<dt>${t('ai.handler')}</dt><dd>${item.handlerName || t('ai.none')}</dd>` : nothing}
          <dt>${t('ai.measures')}</dt>
          <dd>${item.measures || t('ai.none')}</dd>
          ${item.description ? html`<dt>${t('ai.description')}</dt><dd>${item.description}</dd>` : nothing}
          ${item.signOffNumber && item.signedOffAt
            ? html`<dt>${t('ai.signOffHeading')}</dt>
                <dd><span class="number">${item.signOffNumber}</span> · ${t('ai.signedOffBy', { name: item.signedOffBy ?? '', time: formatDateTime(item.signedOffAt) })}<br />${item.resolution}</dd>`
            : nothing}
          ${item.reopenCount > 0 ? html`<dt>${t('ai.update.reopened')}</dt><dd>${t('ai.reopened', { count: item.reopenCount })}</dd>` : nothing}
        </dl>
      </section>
      ${item.response ? this.renderResponse(item) : nothing}
      <h2>${t('ai.progress')}</h2>
      ${updates.length === 0 ? html`<p class="muted">${t('ai.noProgress')}</p>` : html`<ol class="timeline">${updates.map((u) => this.renderUpdate(u))}</ol>`}
      <h2>${t('ai.ratings')}</h2>
      <p>${t('ai.ratingCounts', { s: item.ratingSummary.satisfied, b: item.ratingSummary.basically_satisfied, d: item.ratingSummary.dissatisfied })}</p>
      ${staff ? this.renderStaffSteps(item) : this.renderRating(item)}`;
  }

  private renderResponse(item: ActionItemView) {
    const r = item.response!;
    const met = (value: boolean | null) => (value === null ? nothing : html` · <strong>${value ? t('ai.met') : t('ai.missed')}</strong>`);
    return html`<section class="card">
      <h2>${t('ai.response')}</h2>
      ${r.onSiteBy ? html`<p>${t('ai.onSiteBy', { time: formatDateTime(r.onSiteBy) })}${met(r.onSiteMet)}</p>` : nothing}
      ${r.resolveBy ? html`<p>${t('ai.resolveBy', { time: formatDateTime(r.resolveBy) })}${met(r.resolveMet)}</p>` : nothing}
    </section>`;
  }

  private renderUpdate(u: ActionItemUpdate) {
    const kind = `ai.update.${u.kind}` as MessageKey;
    let extra: unknown = nothing;
    if (u.kind === 'triage' && u.from && u.to) extra = html` ${triageLabel(u.from as Triage)} → ${triageLabel(u.to as Triage)}`;
    if (u.kind === 'signed_off' && u.to) extra = html` <span class="number">${u.to}</span>`;
    if (u.kind === 'rated' && u.to) extra = html` ${ratingLabel(u.to as Rating)}`;
    return html`<li>
      <div class="when">${formatDateTime(u.at)} · <strong>${t(kind)}</strong>${extra}${u.author ? html` · ${u.author}` : nothing}</div>
      ${u.text ? html`<div>${u.text}</div>` : nothing}
      ${u.photos.map((p) => html`<img class="photo" src=${p} alt="" />`)}
    </li>`;
  }

  private renderStaffSteps(item: ActionItemView) {
    const roles = rolesAt(item.compoundId);
    const maySign = roles.some((r) => (COMPOUND_STAFF as readonly string[]).includes(r));
    if (item.status === 'signed_off') return nothing;
    if (item.status === 'resolved') {
      return html`<h2>${t('ai.signOffHeading')}</h2>
        <section class="card">
          ${item.evidence ? html`<p><strong>${t('ai.evidence')}</strong>：${item.evidence}</p>` : nothing}
          ${(item.evidencePhotos ?? []).map((p) => html`<img class="photo" src=${p} alt="" />`)}
          ${maySign
            ? html`<form @submit=${(e: Event) => this.askSignOff(e)}>
                  <sl-textarea name="resolution" label=${t('ai.resolution')} required rows="3"></sl-textarea>
                  <sl-button type="submit" variant="primary" size="large">${t('ai.signOff')}</sl-button>
                </form>
                <sl-dialog label=${t('ai.signOffConfirmTitle')} ?open=${this.confirming} @sl-after-hide=${() => (this.confirming = false)}>
                  <p>${t('ai.signOffConfirm', { name: currentMe()?.displayName ?? '' })}</p>
                  <sl-button slot="footer" @click=${() => (this.confirming = false)}>${t('ai.cancel')}</sl-button>
                  <sl-button slot="footer" variant="primary" ?loading=${this.busy} @click=${() => void this.signOff(item)}>${t('ai.confirm')}</sl-button>
                </sl-dialog>
                <form @submit=${(e: Event) => this.submit(e, item, 'return', (f) => ({ reason: f.reason }))}>
                  <sl-textarea name="reason" label=${t('ai.returnReason')} required rows="2"></sl-textarea>
                  <sl-button type="submit">${t('ai.returnItem')}</sl-button>
                </form>`
            : nothing}
        </section>`;
    }
    return html`<h2>${t('ai.addProgress')}</h2>
      <form class="card" @submit=${(e: Event) => this.submit(e, item, 'progress', (f) => ({ text: f.text, onSite: f.onSite === 'on' }))}>
        <sl-textarea name="text" label=${t('ai.progressText')} required rows="2"></sl-textarea>
        ${item.urgency ? html`<sl-checkbox name="onSite" value="on">${t('ai.onSite')}</sl-checkbox>` : nothing}
        <sl-button type="submit" ?loading=${this.busy}>${t('ai.save')}</sl-button>
      </form>
      <h2>${t('ai.resolve')}</h2>
      <form class="card" @submit=${(e: Event) => this.submit(e, item, 'resolve', (f) => ({ evidence: f.evidence, photos: this.photos }))}>
        <sl-textarea name="evidence" label=${t('ai.evidence')} required rows="3"></sl-textarea>
        <label>${t('ai.photos')} <input type="file" accept="image/png,image/jpeg,image/webp" multiple @change=${(e: Event) => void this.readPhotos(e)} /></label>
        <sl-button type="submit" variant="primary" ?loading=${this.busy}>${t('ai.resolve')}</sl-button>
      </form>
      <h2>${t('ai.triageChange')}</h2>
      <form class="card" @submit=${(e: Event) => this.submit(e, item, 'triage', (f) => ({ to: f.to, reason: f.reason }))}>
        <sl-select name="to" label=${t('ai.triageTo')} value=${TRIAGE_LEVELS.find((l) => l !== item.triage) ?? 'yellow'}>
          ${TRIAGE_LEVELS.filter((l) => l !== item.triage).map((l) => html`<sl-option value=${l}>${triageLabel(l)}</sl-option>`)}
        </sl-select>
        <sl-textarea name="reason" label=${t('ai.triageReason')} required rows="2"></sl-textarea>
        <sl-button type="submit" ?loading=${this.busy}>${t('ai.save')}</sl-button>
      </form>`;
  }

  private renderRating(item: ActionItemView) {
    if (item.status !== 'signed_off') return nothing;
    if (item.myRating) return html`<p role="status">${t('ai.rated', { rating: ratingLabel(item.myRating.rating) })}</p>`;
    return html`<h2>${t('ai.rate')}</h2>
      <form class="card" @submit=${(e: Event) => this.submit(e, item, 'rating', (f) => ({ rating: f.rating, comment: f.comment ?? '' }))}>
        <p>${t('ai.rateIntro')}</p>
        <sl-radio-group name="rating" label=${t('ai.rate')} required>
          ${RATINGS.map((r) => html`<sl-radio value=${r}>${ratingLabel(r)}</sl-radio>`)}
        </sl-radio-group>
        <sl-textarea name="comment" label=${t('ai.rateComment')} rows="2"></sl-textarea>
        <sl-button type="submit" variant="primary" size="large" ?loading=${this.busy}>${t('ai.rateSubmit')}</sl-button>
      </form>`;
  }

  private fields(form: HTMLFormElement): Record<string, string> {
    const out: Record<string, string> = {};
    for (const el of form.querySelectorAll<HTMLElement & { name?: string; value?: unknown; checked?: boolean }>('[name]')) {
      if (!el.name) continue;
      if (el.tagName === 'SL-CHECKBOX') out[el.name] = el.checked ? 'on' : '';
      else out[el.name] = String(el.value ?? '');
    }
    return out;
  }

  private async readPhotos(e: Event): Promise<void> {
    const files = [...((e.target as HTMLInputElement).files ?? [])].slice(0, 4);
    if (files.some((f) => f.size > MAX_PHOTO_BYTES)) {
      notify(t('ai.photoTooLarge'), 'warning');
      (e.target as HTMLInputElement).value = '';
      this.photos = [];
      return;
    }
    this.photos = await Promise.all(
      files.map(
        (f) =>
          new Promise<string>((resolve, reject) => {
            const reader = new FileReader();
            reader.onload = () => resolve(String(reader.result));
            reader.onerror = () => reject(reader.error);
            reader.readAsDataURL(f);
          }),
      ),
    );
  }

  private async submit(e: Event, item: ActionItemView, step: string, body: (fields: Record<string, string>) => unknown): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const fields = this.fields(form);
    if ([...form.querySelectorAll<HTMLElement & { required?: boolean; name?: string }>('[required]')].some((el) => el.name && !fields[el.name]?.trim())) {
      notify(t('ai.required'), 'warning');
      return;
    }
    this.busy = true;
    try {
      const result = await api.post<{ reopened?: boolean }>(`/api/action-items/${item.id}/${step}`, body(fields));
      notify(step === 'rating' && result?.reopened ? t('ai.ratedReopened') : t('ai.saved'), 'success');
      this.photos = [];
      for (const el of form.querySelectorAll<HTMLElement & { value?: string }>('sl-textarea, input[type=file]')) el.value = '';
      await this.item.reload();
    } catch (error) {
      notify(isApiError(error) ? error.message : String(error), 'danger');
    } finally {
      this.busy = false;
    }
  }

  private askSignOff(e: Event): void {
    e.preventDefault();
    const resolution = this.fields(e.target as HTMLFormElement).resolution?.trim();
    if (!resolution) {
      notify(t('ai.resolution'), 'warning');
      return;
    }
    this.pendingResolution = resolution;
    this.confirming = true;
  }

  private pendingResolution = '';

  private async signOff(item: ActionItemView): Promise<void> {
    this.busy = true;
    try {
      const result = await api.post<{ signOffNumber: string }>(`/api/action-items/${item.id}/sign-off`, { resolution: this.pendingResolution });
      this.confirming = false;
      this.justSigned = result.signOffNumber;
      await this.item.reload();
    } catch (error) {
      notify(isApiError(error) ? error.message : String(error), 'danger');
    } finally {
      this.busy = false;
    }
  }
}

