/**
 * Paper ballots with four eyes, on the vote's management page. One staff member enters a slip: the
 * unit (found by typing its number), the choice on the slip, its number and a photo of the signed
 * slip — a pending entry that does not count. The "待复核" list shows each pending slip with its photo
 * to a second staff member, who confirms it (a dialog asks to check the photo once more) or rejects it
 * with a reason; the one who entered it sees it marked as theirs and cannot review it.
 */
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/checkbox/checkbox.js';
import '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/radio-group/radio-group.js';
import '@shoelace-style/shoelace/dist/components/radio/radio.js';
import '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import { proxyEndpoints, voteEndpoints, type PaperEntries, type PaperEntry, type VoteView } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { PagedController } from '../../controllers/paged-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { t } from '../../i18n.js';
import { formStyles } from '../../styles/form-styles.js';
import '../action-items/photo-picker.js';
import { RollFinder, unitFinder } from './unit-finder.js';
import type { PhotoPicker } from '../action-items/photo-picker.js';
import { YishiElement } from '../base/yishi-element.js';
import { renderMore } from '../common/load-more.js';
import { renderLoad } from '../common/load-state.js';

type Reviewing = { entry: PaperEntry; action: 'confirm' | 'reject' };

@customElement('yishi-paper-ballots-panel')
export class PaperBallotsPanel extends YishiElement {
  static override styles = [
    YishiElement.styles,
    formStyles,
    css`
      form.card,
      .entry {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 0.75rem;
      }
      fieldset {
        min-width: 0;
      }
      ul.entries {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 1rem;
      }
      .entry img {
        width: 100%;
        max-width: 20rem;
        height: auto;
        border: 1px solid var(--yishi-border);
        border-radius: var(--yishi-radius);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ];
  @property({ attribute: false }) view: VoteView | null = null;
  @state() private search = '';
  @state() private unit = '';
  @state() private saved = '';
  @state() private reviewing: Reviewing | null = null;
  private readonly write = new WriteController<'unitId' | 'slipNumber' | 'photoId' | 'choices' | 'reason'>(this);
  private readonly finder = new RollFinder(
    this,
    () => this.view,
    (v) => v.vote.status === 'open',
  );
  /** The entries waiting for a second staff member, a page at a time (newest first). */
  private readonly load = new PagedController<PaperEntry, PaperEntries>(
    this,
    (after, signal) => api.call(proxyEndpoints.paperEntries, { params: { voteId: this.view?.vote.id ?? '' }, query: { after, status: 'pending' }, signal }),
    () => [this.view?.vote.id],
  );

  /** Whether a slip is being entered or reviewed (the page holds its live refresh meanwhile, so nothing typed is lost). */
  get editing(): boolean {
    const form = this.renderRoot.querySelector('form');
    const typed = [...(form?.querySelectorAll<HTMLInputElement>('sl-input[name=slip]') ?? [])].some((i) => i.value !== '');
    const photo = (form?.querySelector<PhotoPicker>('yishi-photo-picker')?.ids.length ?? 0) > 0;
    return this.reviewing !== null || this.unit !== '' || this.search !== '' || typed || photo || this.write.busy;
  }

  override render() {
    const v = this.view;
    if (!v || v.vote.status === 'draft') return nothing;
    return renderLoad(this.load, (p) => {
      const pending = this.load.items;
      return html`${v.vote.status === 'open' ? this.renderEntry(v) : nothing}
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">${t('paper.review', { count: p.pending })}</h2>
          ${
            pending.length === 0
              ? html`<p class="muted">${t('paper.reviewEmpty')}</p>`
              : html`<ul class="entries">
                    ${pending.map((e) => this.renderPending(e, v.vote.status === 'open'))}
                  </ul>
                  ${renderMore(this.load)}`
          }
        </section>
        ${this.renderDialog()}`;
    });
  }

  private renderEntry(v: VoteView) {
    const errors = this.write.fieldErrors;
    const single = v.vote.maxChoices === 1;
    return html`<h2>${t('paper.heading')}</h2>
      <form class="card" novalidate @submit=${(e: Event) => this.enter(e, v)}>
        <p class="muted">${t('paper.intro')}</p>
        ${unitFinder({
          finder: this.finder,
          eligible: (e) => !e.voted,
          search: this.search,
          unit: this.unit,
          label: t('paper.unit'),
          error: errors.unitId,
          onSearch: (typed) => (this.search = typed),
          onChoose: (key) => (this.unit = key),
        })}
        ${
          single
            ? html`<sl-radio-group size="large" name="choice" label=${t('paper.choice')} required help-text=${errors.choices ?? ''}>
                ${v.vote.options.map((o) => html`<sl-radio value=${o.id}>${o.label}</sl-radio>`)}
              </sl-radio-group>`
            : html`<fieldset>
                <legend>${t('paper.choice')}</legend>
                ${v.vote.options.map((o) => html`<sl-checkbox size="large" name="choice" value=${o.id}>${o.label}</sl-checkbox>`)}
              </fieldset>`
        }
        <sl-input size="large" name="slip" label=${t('paper.slip')} maxlength="40" required help-text=${errors.slipNumber ?? ''}></sl-input>
        <yishi-photo-picker
          legend=${t('paper.photo')}
          help=${t('paper.photoHelp')}
          max="1"
          .upload=${(file: Blob) => api.upload(proxyEndpoints.uploadPhoto, { params: { voteId: v.vote.id }, file, contentType: 'image/jpeg' })}
          .error=${errors.photoId ?? null}
        ></yishi-photo-picker>
        ${this.write.error && !this.reviewing ? html`<p class="form-error" role="alert">${this.write.error}</p>` : nothing}
        <div><sl-button size="large" variant="primary" type="submit" ?loading=${this.write.busy}>${t('paper.submit')}</sl-button></div>
        ${this.saved ? html`<p role="status"><strong>${this.saved}</strong></p>` : nothing}
      </form>`;
  }

  private renderPending(e: PaperEntry, open: boolean) {
    return html`<li class="card entry">
      <p><strong>${e.voterLabel}</strong></p>
      <img src=${e.photo.url} alt=${t('paper.photoAlt', { unit: e.voterLabel, slip: e.slipNumber })} width=${e.photo.width} height=${e.photo.height} />
      <p>${t('paper.line', { slip: e.slipNumber, choices: e.choiceLabels.join('、'), by: e.enteredBy })}</p>
      ${
        e.enteredByMe
          ? html`<p class="muted">${t('paper.mine')}</p>`
          : html`<div class="actions">
              ${open ? html`<sl-button size="large" variant="primary" @click=${() => this.start(e, 'confirm')}>${t('paper.confirm')}</sl-button>` : nothing}
              <sl-button size="large" @click=${() => this.start(e, 'reject')}>${t('paper.reject')}</sl-button>
            </div>`
      }
    </li>`;
  }

  private renderDialog() {
    const r = this.reviewing;
    const e = r?.entry;
    const label = e ? t(r.action === 'confirm' ? 'paper.confirmTitle' : 'paper.rejectTitle', { unit: e.voterLabel }) : '';
    return html`<sl-dialog label=${label} ?open=${r !== null} @sl-after-hide=${(ev: Event) => ev.target === ev.currentTarget && (this.reviewing = null)}>
      ${
        e && r
          ? r.action === 'confirm'
            ? html`<p><strong>${t('paper.confirmWarn', { choices: e.choiceLabels.join('、'), slip: e.slipNumber })}</strong></p>`
            : html`<sl-textarea
                  size="large"
                  name="reason"
                  required
                  maxlength="200"
                  rows="3"
                  label=${t('paper.reason')}
                  help-text=${this.write.fieldErrors.reason ?? ''}
                ></sl-textarea>
                <p>${t('paper.rejectWarn')}</p>`
          : nothing
      }
      ${this.write.error && r ? html`<p class="form-error" role="alert">${this.write.error}</p>` : nothing}
      <sl-button slot="footer" size="large" @click=${() => (this.reviewing = null)}>${t('paper.cancel')}</sl-button>
      <sl-button slot="footer" size="large" variant=${r?.action === 'reject' ? 'danger' : 'primary'} ?loading=${this.write.busy} @click=${() => this.review()}
        >${r?.action === 'reject' ? t('paper.reject') : t('paper.confirm')}</sl-button
      >
    </sl-dialog>`;
  }

  private start(entry: PaperEntry, action: Reviewing['action']) {
    this.write.clear();
    this.reviewing = { entry, action };
  }

  private async enter(e: Event, v: VoteView) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const choices =
      v.vote.maxChoices === 1
        ? [(form.querySelector('sl-radio-group') as HTMLInputElement | null)?.value ?? ''].filter(Boolean)
        : [...form.querySelectorAll('sl-checkbox')].filter((c) => c.checked).map((c) => c.value);
    const slip = form.querySelector<HTMLInputElement>('sl-input[name=slip]');
    const picker = form.querySelector<PhotoPicker>('yishi-photo-picker');
    const voter = v.vote.electorateKind === 'residents' ? { personId: this.unit } : { unitId: this.unit };
    this.saved = '';
    const entered = await this.write.run(
      () =>
        api.call(voteEndpoints.enterPaperBallot, {
          params: { voteId: v.vote.id },
          body: { ...voter, choices, slipNumber: slip?.value.trim() ?? '', photoId: picker?.ids[0] ?? '' },
        }),
      {
        fields: ['unitId', 'slipNumber', 'photoId', 'choices'],
        fieldOfCode: { paper_slip_required: 'slipNumber', paper_photo_required: 'photoId' },
        errorAs: 'inline',
      },
    );
    if (!entered) return;
    this.saved = t('paper.entered', { unit: entered.voterLabel });
    this.unit = '';
    this.search = '';
    if (slip) slip.value = '';
    picker?.clear();
    await this.load.reload();
  }

  private async review() {
    const r = this.reviewing;
    if (!r) return;
    const params = { voteId: this.view?.vote.id ?? '', entryId: r.entry.id };
    let message: string | undefined;
    if (r.action === 'confirm') {
      const receipt = await this.write.run(() => api.call(proxyEndpoints.confirmPaper, { params }), { errorAs: 'inline' });
      if (receipt) message = t('paper.confirmed', { code: receipt.receiptCode });
    } else {
      const reason = this.renderRoot.querySelector<HTMLTextAreaElement>('sl-dialog sl-textarea')?.value.trim() ?? '';
      const ok = await this.write.run(() => api.call(proxyEndpoints.rejectPaper, { params, body: { reason } }), { fields: ['reason'], errorAs: 'inline' });
      if (ok) message = t('paper.rejected');
    }
    if (!message) return;
    this.reviewing = null;
    this.saved = message;
    await this.load.reload();
    this.dispatchEvent(new CustomEvent('paper-changed', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-paper-ballots-panel': PaperBallotsPanel;
  }
}
