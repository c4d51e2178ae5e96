/**
 * Staff, on the vote's management page of an owners' vote: every proxy authorisation (委托投票) with
 * its form photo and how it was confirmed, a revoke button (a dialog says a proxy ballot already cast
 * is withdrawn), and the form for an authorisation an owner brought in person — confirmed at once,
 * recorded with the staff member, after a confirmation dialog. Its fields, buttons and dialog are
 * native (no Shoelace); a refusal is said under each field it is about, the focus on the first.
 */
import { PHONE_FIELD_LENGTH, cleanPhone } from '../../format/clean-phone.js';
import { proxyEndpoints, type ProxyView, type VoteProxies, type VoteView } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { PagedController } from '../../controllers/paged-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { t } from '../../i18n.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import '../action-items/photo-picker.js';
import { chosenUnit, RollFinder, unitFinder } from './unit-finder.js';
import type { PhotoPicker } from '../action-items/photo-picker.js';
import { YishiElement } from '../base/yishi-element.js';
import { renderMore } from '../common/load-more.js';
import { renderLoad } from '../common/load-state.js';
import { syncModal } from '../common/modal.js';
import { focusControl } from '../forms/form-errors.js';
import { textField } from '../forms/text-field.js';

type Asking = { kind: 'revoke'; proxy: ProxyView } | { kind: 'record'; unitIds: string[]; principalPhone: string; proxyPhone: string; formPhotoId: string };
type Field = 'principalPhone' | 'unitIds' | 'proxyPhone' | 'formPhotoId';
/** The form's fields in the order they are shown (the focus goes to the first refused). */
const FIELDS: readonly Field[] = ['principalPhone', 'unitIds', 'proxyPhone', 'formPhotoId'];

@customElement('yishi-proxy-staff-panel')
export class ProxyStaffPanel extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    css`
      form.card,
      .card {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 0.75rem;
      }
      form.card {
        gap: 1rem;
      }
      .card > p,
      .card > h3 {
        margin: 0;
      }
      .dialog p {
        margin: 0 0 1rem;
      }
      ul.proxies {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 0.75rem;
      }
      img {
        max-width: 10rem;
        height: auto;
        border: 1px solid var(--yishi-border);
        border-radius: var(--yishi-radius);
      }
    `,
  ];
  @property({ attribute: false }) view: VoteView | null = null;
  @state() private asking: Asking | null = null;
  @state() private done = '';
  @state() private search = '';
  @state() private unit = '';
  /** The phones typed (kept here: the form is drawn anew when the list reloads). */
  @state() private principalPhone = '';
  @state() private proxyPhone = '';
  private readonly write = new WriteController<Field>(this);
  private readonly finder = new RollFinder(
    this,
    () => this.view,
    (v) => v.vote.electorateKind === 'owners' && (v.vote.status === 'announced' || v.vote.status === 'open'),
  );
  /** The vote's authorisations a page at a time (a big compound may have hundreds). */
  private readonly load = new PagedController<ProxyView, VoteProxies>(
    this,
    (after, signal) => api.call(proxyEndpoints.list, { params: { voteId: this.view?.vote.id ?? '' }, query: { after }, signal }),
    () => [this.view?.vote.id],
  );

  /** Whether an authorisation is being recorded (the page holds its live refresh meanwhile). */
  get editing(): boolean {
    const form = this.renderRoot.querySelector('form.card');
    const typed = this.principalPhone !== '' || this.proxyPhone !== '' || this.search !== '';
    return (
      this.asking !== null || typed || this.unit !== '' || (form?.querySelector<PhotoPicker>('yishi-photo-picker')?.ids.length ?? 0) > 0 || this.write.busy
    );
  }

  override render() {
    const v = this.view;
    if (!v || v.vote.electorateKind !== 'owners' || v.vote.status === 'draft') return nothing;
    const live = v.vote.status === 'announced' || v.vote.status === 'open';
    return renderLoad(
      this.load,
      ({ inForce }) =>
        html`<section aria-labelledby="proxy-staff-heading">
          <h2 id="proxy-staff-heading">${t('proxyStaff.heading', { count: inForce })}</h2>
          ${this.done ? html`<p role="status"><strong>${this.done}</strong></p>` : nothing}
          ${
            this.load.items.length === 0
              ? html`<p class="muted">${t('proxyStaff.empty')}</p>`
              : html`<ul class="proxies">
                    ${this.load.items.map((p) => this.renderProxy(p, live))}
                  </ul>
                  ${renderMore(this.load)}`
          }
          ${live ? this.renderForm(v) : nothing} ${this.renderDialog()}
        </section>`,
    );
  }

  private renderProxy(p: ProxyView, live: boolean) {
    const units = p.units.map((u) => u.label).join('、');
    return html`<li class="card">
      <p><strong>${t('proxyStaff.line', { units, principal: p.principalName, proxy: p.proxyName })}</strong></p>
      <p>${t(`proxy.status.${p.status}`)}${p.confirmedVia === 'in_person' ? html` · ${t('proxy.inPerson')}` : nothing}</p>
      <img src=${p.formPhoto.url} alt=${t('proxy.form')} width=${p.formPhoto.width} height=${p.formPhoto.height} />
      ${
        live && p.status !== 'revoked'
          ? html`<div>
              <button type="button" class="button danger" @click=${() => this.askRevoke(p)}>${t('proxy.revoke')}</button>
            </div>`
          : nothing
      }
    </li>`;
  }

  private renderForm(v: VoteView) {
    const errors = this.write.fieldErrors;
    return html`<form class="card" novalidate @submit=${(e: Event) => this.ask(e)}>
      <h3>${t('proxyStaff.inPersonHeading')}</h3>
      <p class="muted">${t('proxyStaff.inPersonIntro')}</p>
      ${textField({
        name: 'principalPhone',
        label: t('proxyStaff.principalPhone'),
        value: this.principalPhone,
        error: errors.principalPhone,
        type: 'tel',
        inputmode: 'numeric',
        maxlength: PHONE_FIELD_LENGTH,
        onInput: (value) => {
          this.principalPhone = value;
          this.write.clearField('principalPhone');
        },
      })}
      ${unitFinder({
        finder: this.finder,
        eligible: (e) => !e.developerHeld,
        name: 'unitIds',
        search: this.search,
        unit: this.unit,
        label: t('proxyStaff.units'),
        error: errors.unitIds,
        onSearch: (typed) => (this.search = typed),
        onChoose: (key) => {
          this.unit = key;
          this.write.clearField('unitIds');
        },
      })}
      ${textField({
        name: 'proxyPhone',
        label: t('proxy.phone'),
        value: this.proxyPhone,
        error: errors.proxyPhone,
        hint: t('proxy.phoneHelp'),
        type: 'tel',
        inputmode: 'numeric',
        maxlength: PHONE_FIELD_LENGTH,
        onInput: (value) => {
          this.proxyPhone = value;
          this.write.clearField('proxyPhone');
        },
      })}
      <yishi-photo-picker
        legend=${t('proxy.form')}
        max="1"
        .upload=${(file: Blob) => api.upload(proxyEndpoints.uploadPhoto, { params: { voteId: v.vote.id }, file, contentType: 'image/jpeg' })}
        .error=${errors.formPhotoId ?? null}
        @yishi-photos-change=${() => this.write.clearField('formPhotoId')}
      ></yishi-photo-picker>
      ${this.write.error && !this.asking ? html`<p class="form-error" role="alert">${this.write.error}</p>` : nothing}
      <div><button type="submit" class="button primary">${t('proxyStaff.submit')}</button></div>
    </form>`;
  }

  private renderDialog() {
    const a = this.asking;
    const revoke = a?.kind === 'revoke';
    const title = a ? t(revoke ? 'proxy.revokeTitle' : 'proxyStaff.confirmTitle') : '';
    return html`<dialog class="dialog" id="proxy-staff-dialog" aria-labelledby="proxy-staff-dialog-title" @close=${() => (this.asking = null)}>
      <h2 id="proxy-staff-dialog-title">${title}</h2>
      ${a ? html`<p><strong>${t(revoke ? 'proxy.revokeWarn' : 'proxyStaff.confirmWarn')}</strong></p>` : nothing}
      ${this.write.error && a ? html`<p class="form-error" role="alert">${this.write.error}</p>` : nothing}
      <div class="actions">
        <button type="button" class="button" @click=${() => (this.asking = null)}>${t('proxy.cancel')}</button>
        <button
          type="button"
          class="button ${revoke ? 'danger' : 'primary'}"
          ?disabled=${this.write.busy}
          aria-busy=${this.write.busy ? 'true' : 'false'}
          @click=${() => this.go()}
        >
          ${revoke ? t('proxy.revoke') : t('proxyStaff.submit')}
        </button>
      </div>
    </dialog>`;
  }

  protected override updated(): void {
    syncModal(this.renderRoot, 'proxy-staff-dialog', this.asking !== null);
  }

  private askRevoke(proxy: ProxyView) {
    this.write.clear();
    this.asking = { kind: 'revoke', proxy };
  }

  /** Moves the focus to the first field a refusal is about (the photo picker's button for the photo). */
  private async focusFirst(): Promise<void> {
    const first = FIELDS.find((f) => this.write.fieldErrors[f]);
    if (!first) return;
    if (first !== 'formPhotoId') return focusControl(this, first);
    await this.updateComplete;
    this.renderRoot.querySelector<PhotoPicker>('yishi-photo-picker')?.shadowRoot?.querySelector<HTMLInputElement>('input[type=file]')?.focus();
  }

  /** Reads the form and asks for a confirmation. */
  private ask(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    // What the select shows is what is sent (a unit chosen, then typed away, is no longer shown).
    const unit = this.finder.find(chosenUnit(form, 'unitIds'));
    const formPhotoId = form.querySelector<PhotoPicker>('yishi-photo-picker')?.ids[0] ?? '';
    this.write.clear();
    if (!unit || !formPhotoId) {
      this.write.fieldErrors = { unitIds: unit ? undefined : t('proxy.needUnit'), formPhotoId: formPhotoId ? undefined : t('proxy.needPhoto') };
      void this.focusFirst();
      return;
    }
    this.asking = {
      kind: 'record',
      unitIds: [unit.voterKey],
      principalPhone: cleanPhone(this.principalPhone),
      proxyPhone: cleanPhone(this.proxyPhone),
      formPhotoId,
    };
  }

  private async go() {
    const a = this.asking;
    const voteId = this.view?.vote.id ?? '';
    if (!a) return;
    const ok =
      a.kind === 'revoke'
        ? await this.write.run(() => api.call(proxyEndpoints.revoke, { params: { voteId, proxyId: a.proxy.id } }), { errorAs: 'inline' })
        : await this.write.run(
            () =>
              api.call(proxyEndpoints.createInPerson, {
                params: { voteId },
                body: { unitIds: a.unitIds, principalPhone: a.principalPhone, proxyPhone: a.proxyPhone, formPhotoId: a.formPhotoId },
              }),
            { fields: FIELDS, errorAs: 'inline' },
          );
    if (!ok) {
      // A problem about a field of the form: the dialog closes on it, and the focus goes to it.
      if (a.kind === 'record' && FIELDS.some((f) => this.write.fieldErrors[f])) {
        this.asking = null;
        void this.focusFirst();
      }
      return;
    }
    this.asking = null;
    this.done = a.kind === 'revoke' ? t('proxy.revoked') : t('proxyStaff.done');
    // The form starts blank after a proxy recorded from it; a revoke (from the list) leaves a form half filled in as it is.
    if (a.kind === 'record') {
      this.principalPhone = '';
      this.proxyPhone = '';
      this.search = '';
      this.unit = '';
      this.renderRoot.querySelector('form.card')?.querySelector<PhotoPicker>('yishi-photo-picker')?.clear();
    }
    await this.load.reload({ quiet: true });
    this.dispatchEvent(new CustomEvent('proxy-changed', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-proxy-staff-panel': ProxyStaffPanel;
  }
}
