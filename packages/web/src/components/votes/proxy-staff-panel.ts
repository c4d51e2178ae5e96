/**
 * Staff, on the vote's management page of an owners' vote: every proxy authorisation (委托投票) with
 * its form photo and how it was confirmed, a revoke button (a dialog says a proxy ballot already cast
 * is withdrawn), and the form for an authorisation an owner brought in person — confirmed at once,
 * recorded with the staff member, after a confirmation dialog.
 */
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import { proxyEndpoints, type ProxyView, type VoteProxies, type VoteView } from '@yishi/core';
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

type Asking = { kind: 'revoke'; proxy: ProxyView } | { kind: 'record'; unitIds: string[]; principalPhone: string; proxyPhone: string; formPhotoId: string };

@customElement('yishi-proxy-staff-panel')
export class ProxyStaffPanel extends YishiElement {
  static override styles = [
    YishiElement.styles,
    formStyles,
    css`
      form.card,
      .card {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 0.75rem;
      }
      fieldset {
        min-width: 0;
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
  private readonly write = new WriteController<'unitIds' | 'principalPhone' | 'proxyPhone' | 'formPhotoId'>(this);
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
    const form = this.renderRoot.querySelector('form');
    const typed = [...(form?.querySelectorAll<HTMLInputElement>('sl-input') ?? [])].some((i) => i.value !== '');
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
              <sl-button size="large" variant="danger" outline @click=${() => (this.asking = { kind: 'revoke', proxy: p })}>${t('proxy.revoke')}</sl-button>
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
      <sl-input
        size="large"
        name="principal"
        type="tel"
        inputmode="numeric"
        maxlength="11"
        required
        label=${t('proxyStaff.principalPhone')}
        help-text=${errors.principalPhone ?? ''}
      ></sl-input>
      ${unitFinder({
        finder: this.finder,
        eligible: (e) => !e.developerHeld,
        search: this.search,
        unit: this.unit,
        label: t('proxyStaff.units'),
        error: errors.unitIds,
        onSearch: (typed) => (this.search = typed),
        onChoose: (key) => (this.unit = key),
      })}
      <sl-input
        size="large"
        name="proxy"
        type="tel"
        inputmode="numeric"
        maxlength="11"
        required
        label=${t('proxy.phone')}
        help-text=${errors.proxyPhone ?? t('proxy.phoneHelp')}
      ></sl-input>
      <yishi-photo-picker
        legend=${t('proxy.form')}
        max="1"
        .upload=${(file: Blob) => api.upload(proxyEndpoints.uploadPhoto, { params: { voteId: v.vote.id }, file, contentType: 'image/jpeg' })}
        .error=${errors.formPhotoId ?? null}
      ></yishi-photo-picker>
      ${this.write.error && !this.asking ? html`<p class="form-error" role="alert">${this.write.error}</p>` : nothing}
      <div><sl-button size="large" variant="primary" type="submit">${t('proxyStaff.submit')}</sl-button></div>
    </form>`;
  }

  private renderDialog() {
    const a = this.asking;
    const label = a ? t(a.kind === 'revoke' ? 'proxy.revokeTitle' : 'proxyStaff.confirmTitle') : '';
    return html`<sl-dialog label=${label} ?open=${a !== null} @sl-after-hide=${(e: Event) => e.target === e.currentTarget && (this.asking = null)}>
      ${a ? html`<p><strong>${t(a.kind === 'revoke' ? 'proxy.revokeWarn' : 'proxyStaff.confirmWarn')}</strong></p>` : nothing}
      ${this.write.error && a ? html`<p class="form-error" role="alert">${this.write.error}</p>` : nothing}
      <sl-button slot="footer" size="large" @click=${() => (this.asking = null)}>${t('proxy.cancel')}</sl-button>
      <sl-button slot="footer" size="large" variant=${a?.kind === 'revoke' ? 'danger' : 'primary'} ?loading=${this.write.busy} @click=${() => this.go()}
        >${a?.kind === 'revoke' ? t('proxy.revoke') : t('proxyStaff.submit')}</sl-button
      >
    </sl-dialog>`;
  }

  /** Reads the form and asks for a confirmation. */
  private ask(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const value = (name: string) => (form.querySelector<HTMLInputElement>(`sl-input[name=${name}]`)?.value ?? '').trim();
    const unit = this.finder.find(this.unit);
    const formPhotoId = form.querySelector<PhotoPicker>('yishi-photo-picker')?.ids[0] ?? '';
    this.write.clear();
    if (!unit || !formPhotoId) {
      this.write.fieldErrors = unit ? { formPhotoId: t('proxy.needPhoto') } : { unitIds: t('proxy.needUnit') };
      return;
    }
    this.asking = { kind: 'record', unitIds: [unit.voterKey], principalPhone: value('principal'), proxyPhone: value('proxy'), formPhotoId };
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
            { fields: ['unitIds', 'principalPhone', 'proxyPhone', 'formPhotoId'], errorAs: 'inline' },
          );
    if (!ok) return;
    this.asking = null;
    this.done = a.kind === 'revoke' ? t('proxy.revoked') : t('proxyStaff.done');
    const form = this.renderRoot.querySelector('form');
    for (const input of form?.querySelectorAll<HTMLInputElement>('sl-input') ?? []) input.value = '';
    this.search = '';
    this.unit = '';
    form?.querySelector<PhotoPicker>('yishi-photo-picker')?.clear();
    await this.load.reload();
    this.dispatchEvent(new CustomEvent('proxy-changed', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-proxy-staff-panel': ProxyStaffPanel;
  }
}
