/**
 * The proxy panel's actions (components/votes/proxy-panel.ts shows them): the authorisations an
 * owner has given, each with who voted for each unit (the proxy's receipt too), the SMS code that
 * confirms a new one, and revoking (a dialog says a proxy ballot already cast is withdrawn; the phone's
 * Back closes it); the units a proxy votes for (proxy-held.ts); and the form to authorise someone by
 * phone for some units with a photo of the signed form.
 *
 * Fetched only for an owner who has given or holds a proxy (core's proxyPanelParts; the server then
 * names this module in the page's HTML), or who opens the form: most owners only vote (issue 18).
 *
 * Fires `proxy-refresh` when the authorisations changed (the panel reads them again; the page too on
 * a revocation, `proxy-changed`, as a withdrawn proxy ballot changes the count) and `proxy-form-closed`
 * when the form is sent or cancelled.
 */
import { PHONE_FIELD_LENGTH, cleanPhone } from '../../format/clean-phone.js';
import { proxyEndpoints, type MyProxies, type ProxyView, type VoteView } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { WriteController } from '../../controllers/write-controller.js';
import { t } from '../../i18n.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import type { PhotoPicker } from '../action-items/photo-picker.js';
import { YishiElement } from '../base/yishi-element.js';
import { DialogHistory } from '../common/dialog-history.js';
import { syncModal } from '../common/modal.js';
import './proxy-held.js';

/** Readies the form to authorise a proxy: its photo picker, fetched on the first opening. */
export async function readyAuthoriseForm(): Promise<void> {
  await import('../action-items/photo-picker.js');
}

@customElement('yishi-proxy-actions')
export class ProxyActions extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 0.75rem;
      }
      form,
      .card {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 0.75rem;
      }
      fieldset {
        min-width: 0;
      }
      ul.units {
        margin: 0;
        padding-left: 1.25rem;
      }
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .badge {
        font-weight: 600;
      }
    `,
  ];
  @property({ attribute: false }) view: VoteView | null = null;
  @property({ attribute: false }) mine: MyProxies | null = null;
  /** The owner's units that may still be put under a proxy (core's unitsFreeForProxy, which the panel has worked out). */
  @property({ attribute: false }) free: VoteView['mine'] = [];
  /** The form to authorise a proxy is open (readyAuthoriseForm() has run). */
  @property({ type: Boolean }) authorising = false;
  /** An authorisation waiting for its SMS code, and where the code went. */
  @state() private sentTo: { id: string; phone: string } | null = null;
  @state() private revoking: ProxyView | null = null;
  @state() private done = '';
  private readonly write = new WriteController<'unitIds' | 'proxyPhone' | 'formPhotoId' | 'code'>(this);
  private readonly revokeHistory = new DialogHistory(this, { dialog: 'proxy-revoke', close: () => (this.revoking = null), busy: () => this.write.busy });

  private get voteId(): string {
    return this.view?.vote.id ?? '';
  }

  override render() {
    const v = this.view;
    const m = this.mine;
    if (!v || !m) return nothing;
    const live = v.vote.status === 'announced' || v.vote.status === 'open';
    return html`${this.done ? html`<p role="status"><strong>${this.done}</strong></p>` : nothing}
    ${m.held.length ? html`<yishi-proxy-held .view=${v} .held=${m.held} @proxy-refresh=${() => void this.refresh()}></yishi-proxy-held>` : nothing}
    ${m.given.length ? this.renderGiven(m.given, live) : nothing} ${this.authorising && live ? this.renderForm(this.free, m.cap) : nothing}
    ${this.renderRevokeDialog()}`;
  }

  private renderGiven(given: ProxyView[], live: boolean) {
    return html`<h3>${t('proxy.given')}</h3>
      ${given.map(
        (g) =>
          html`<div class="card">
            <p>
              ${t('proxy.to', { name: g.proxyName })} ·
              <span class="badge">${t(`proxy.status.${g.status}`)}</span> ${g.confirmedVia === 'in_person' ? html` · ${t('proxy.inPerson')}` : nothing}
            </p>
            <ul class="units">
              ${g.units.map(
                (u) =>
                  html`<li>
                    ${
                      u.votedBy === 'proxy'
                        ? t('proxy.unitByProxy', { unit: u.label, code: u.proxyReceiptCode ?? '' })
                        : u.votedBy === 'principal'
                          ? t('proxy.unitByPrincipal', { unit: u.label })
                          : t('proxy.unitNotVoted', { unit: u.label })
                    }
                  </li>`,
              )}
            </ul>
            ${g.status === 'pending' && live ? this.renderCode(g) : nothing}
            ${
              g.status !== 'revoked' && live
                ? html`<div><button class="button danger" @click=${() => (this.revoking = g)}>${t('proxy.revoke')}</button></div>`
                : nothing
            }
          </div>`,
      )}`;
  }

  private renderCode(g: ProxyView) {
    const sent = this.sentTo?.id === g.id ? this.sentTo : null;
    return html`<form @submit=${(e: Event) => this.confirm(e, g)}>
      ${sent ? html`<p role="status">${t('proxy.codeSent', { phone: sent.phone })}</p>` : nothing}
      ${this.textField({ name: 'code', label: t('proxy.code'), error: this.write.fieldErrors.code, inputmode: 'numeric', maxlength: 6, autocomplete: 'one-time-code' })}
      <div class="choices">
        <button class="button primary" type="submit" ?disabled=${this.write.busy} aria-busy=${this.write.busy}>${t('proxy.confirm')}</button>
        <button class="button" type="button" ?disabled=${this.write.busy} @click=${() => this.resend(g)}>${t('proxy.resend')}</button>
      </div>
    </form>`;
  }

  /** A native text field with its label and, under it, its help or its problem in words. */
  private textField(f: {
    name: string;
    label: string;
    error?: string;
    help?: string;
    type?: string;
    inputmode: string;
    maxlength: number;
    autocomplete?: string;
  }) {
    const note = f.error ?? f.help;
    return html`<label class="field">
      <span class="label">${f.label}</span>
      <input
        class="input"
        name=${f.name}
        type=${f.type ?? 'text'}
        inputmode=${f.inputmode}
        maxlength=${f.maxlength}
        autocomplete=${f.autocomplete ?? 'off'}
        required
        aria-invalid=${f.error ? 'true' : 'false'}
        aria-describedby=${note ? `${f.name}-note` : nothing}
      />
      ${note ? html`<p class=${f.error ? 'help invalid' : 'help'} id=${`${f.name}-note`}>${note}</p>` : nothing}
    </label>`;
  }

  private renderForm(free: VoteView['mine'], cap: number) {
    const errors = this.write.fieldErrors;
    return html`<form class="card" @submit=${(e: Event) => this.authorise(e)} novalidate>
      <p>${t('proxy.intro')}</p>
      <p class="muted">${t('proxy.cap', { cap })}</p>
      <fieldset>
        <legend>${t('proxy.units')}</legend>
        ${free.map((u) => html`<label class="check"><input type="checkbox" name="unit" value=${u.voterKey} ?checked=${free.length === 1} />${u.label}</label>`)}
        ${errors.unitIds ? html`<p class="form-error" role="alert">${errors.unitIds}</p>` : nothing}
      </fieldset>
      ${this.textField({ name: 'phone', label: t('proxy.phone'), error: errors.proxyPhone, help: t('proxy.phoneHelp'), type: 'tel', inputmode: 'numeric', maxlength: PHONE_FIELD_LENGTH, autocomplete: 'tel' })}
      <yishi-photo-picker
        legend=${t('proxy.form')}
        help=${t('proxy.formHelp')}
        max="1"
        .upload=${(file: Blob) => api.upload(proxyEndpoints.uploadPhoto, { params: { voteId: this.voteId }, file, contentType: 'image/jpeg' })}
        .error=${errors.formPhotoId ?? null}
      ></yishi-photo-picker>
      ${this.write.error ? html`<p class="form-error" role="alert">${this.write.error}</p>` : nothing}
      <div class="choices">
        <button class="button primary" type="submit" ?disabled=${this.write.busy} aria-busy=${this.write.busy}>${t('proxy.submit')}</button>
        <button class="button" type="button" @click=${() => this.closeForm()}>${t('proxy.cancel')}</button>
      </div>
    </form>`;
  }

  private closeForm(): void {
    this.write.fieldErrors = {};
    this.dispatchEvent(new CustomEvent('proxy-form-closed'));
  }

  /** The authorisations changed: the panel reads them again. */
  private async refresh(): Promise<void> {
    this.dispatchEvent(new CustomEvent('proxy-refresh'));
    await this.updateComplete;
  }

  private renderRevokeDialog() {
    const g = this.revoking;
    return html`<dialog class="dialog" id="revoke-dialog" aria-labelledby="revoke-title" @close=${() => (this.revoking = null)}>
      <h2 id="revoke-title">${t('proxy.revokeTitle')}</h2>
      ${
        g
          ? html`<p>${t('proxy.to', { name: g.proxyName })}：${g.units.map((u) => u.label).join('、')}</p>
              <p><strong>${t('proxy.revokeWarn')}</strong></p>`
          : nothing
      }
      <div class="actions">
        <button class="button" @click=${() => (this.revoking = null)}>${t('proxy.cancel')}</button>
        <button class="button danger" ?disabled=${this.write.busy} aria-busy=${this.write.busy} @click=${() => this.revoke()}>${t('proxy.revoke')}</button>
      </div>
    </dialog>`;
  }

  /**
   * The revoke dialog is open while its step is under way: shown modal (focus kept in it, Esc closes it)
   * and an entry in history (Back closes it), or closed. The form, once opened, has the focus in its first field.
   */
  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('authorising') && this.authorising) this.renderRoot.querySelector<HTMLInputElement>('form.card input')?.focus();
    syncModal(this.renderRoot, 'revoke-dialog', this.revoking !== null);
    this.revokeHistory.sync(this.revoking !== null);
  }

  private async authorise(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const unitIds = [...form.querySelectorAll<HTMLInputElement>('input[name=unit]')].filter((c) => c.checked).map((c) => c.value);
    const proxyPhone = cleanPhone(form.querySelector<HTMLInputElement>('input[name=phone]')?.value ?? '');
    const picker = form.querySelector<PhotoPicker>('yishi-photo-picker');
    const missing = unitIds.length === 0 ? { unitIds: t('proxy.needUnit') } : !picker?.ids[0] ? { formPhotoId: t('proxy.needPhoto') } : null;
    if (missing || !picker) {
      this.write.fieldErrors = missing ?? {};
      this.requestUpdate();
      await this.reveal('form.card [role=alert], form.card .help.invalid', 'form.card [aria-invalid=true], form.card input[name=unit]');
      return;
    }
    const sent = await this.write.run(
      () => api.call(proxyEndpoints.create, { params: { voteId: this.voteId }, body: { unitIds, proxyPhone, formPhotoId: picker.ids[0]! } }),
      { fields: ['unitIds', 'proxyPhone', 'formPhotoId'], errorAs: 'inline' },
    );
    if (!sent) {
      await this.reveal('form.card [role=alert], form.card .help.invalid', 'form.card [aria-invalid=true]');
      return;
    }
    this.sentTo = { id: sent.proxy.id, phone: sent.smsSentTo };
    this.done = '';
    this.closeForm();
    await this.refresh();
    // The next step, the code the proxy was sent, replaces the form: where the owner is looking.
    await this.reveal('input[name=code]', 'input[name=code]');
  }

  /**
   * Brings what the owner must read next into view once drawn (on a phone in elder mode a refusal
   * above the buttons, or the code field that replaced the form, was off the screen), and the focus
   * to the control it is about.
   */
  private async reveal(show: string, focus: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(show)?.scrollIntoView({ block: 'center' });
    this.renderRoot.querySelector<HTMLElement>(focus)?.focus({ preventScroll: true });
  }

  private async confirm(e: Event, g: ProxyView) {
    e.preventDefault();
    const code = ((e.target as HTMLFormElement).querySelector<HTMLInputElement>('input[name=code]')?.value ?? '').trim();
    const ok = await this.write.run(() => api.call(proxyEndpoints.confirm, { params: { voteId: this.voteId, proxyId: g.id }, body: { code } }), {
      fields: ['code'],
      fieldOfCode: { proxy_code_wrong: 'code', proxy_code_expired: 'code' },
      errorAs: 'inline',
    });
    if (!ok) return;
    this.sentTo = null;
    this.done = t('proxy.confirmed');
    await this.refresh();
  }

  private async resend(g: ProxyView) {
    const sent = await this.write.run(() => api.call(proxyEndpoints.resendCode, { params: { voteId: this.voteId, proxyId: g.id } }));
    if (sent) this.sentTo = { id: g.id, phone: sent.smsSentTo };
  }

  private async revoke() {
    const g = this.revoking;
    if (!g) return;
    const ok = await this.write.run(() => api.call(proxyEndpoints.revoke, { params: { voteId: this.voteId, proxyId: g.id } }));
    this.revoking = null;
    if (!ok) return;
    this.done = t('proxy.revoked');
    await this.refresh();
    this.dispatchEvent(new CustomEvent('proxy-changed', { bubbles: true, composed: true }));
  }
}
