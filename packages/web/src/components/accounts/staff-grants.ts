/**
 * The staff page's grants, by place (工作人员和授权): a filter, the CSV export, each grant with its
 * pending mark, and for those I may revoke, a fresh invitation and revoking after a confirmation that
 * names person, role and place. The page shows the invitation: this element asks for it with
 * `yishi-reissue` (the grant in detail), and tells it with `yishi-grants-changed` after a revoke.
 */
import { PARTY_LABELS, ROLE_LABELS, staffEndpoints, toCsv, type GrantView } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { saveFile } from '../../api/file-download.js';
import { WriteController } from '../../controllers/write-controller.js';
import { formatDate } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { tagStyles } from '../../styles/tag-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { syncModal } from '../common/modal.js';

/** A place as the staff page keys it (its kind and id). */
export const placeKey = (p: { kind: string; id: string }) => `${p.kind}:${p.id}`;

/** A role as people read it: the role, then the party, organisation and title when there are. */
export function roleText(g: Pick<GrantView, 'role' | 'party' | 'organisation' | 'title'>): string {
  const parts = [pick(ROLE_LABELS[g.role])];
  if (g.party) parts.push(pick(PARTY_LABELS[g.party]));
  if (g.organisation) parts.push(g.organisation);
  if (g.title) parts.push(g.title);
  return parts.join(' · ');
}

@customElement('yishi-staff-grants')
export class StaffGrants extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    tagStyles,
    css`
      .place-group h3 {
        margin-bottom: 0.25rem;
      }
      ul.grants {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .grant {
        padding: 0.75rem 0;
        border-top: 1px solid var(--yishi-border);
      }
      .grant:first-child {
        border-top: 0;
        padding-top: 0.25rem;
      }
      .grant p {
        margin: 0;
      }
      .grant .who {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 0.5rem;
        font-size: 1.05rem;
      }
      .grant .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-top: 0.5rem;
      }
      .dialog p {
        margin: 0 0 1rem;
      }
      .list-tools {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 0.5rem 1rem;
        margin-bottom: 1rem;
      }
      .list-tools .field {
        flex: 1 1 16rem;
      }
    `,
  ];

  @property({ attribute: false }) grants: GrantView[] = [];
  /** The grant whose fresh invitation the page is asking for: its button spins meanwhile. */
  @property() reissuing = '';
  @state() private filter = '';
  @state() private revoking: GrantView | null = null;
  @state() private revokeError = '';
  private readonly write = new WriteController(this);

  override render() {
    return html`${this.renderGrants()} ${this.renderRevoke()}`;
  }

  private emit(type: 'yishi-reissue' | 'yishi-grants-changed', detail: GrantView | null): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  private renderGrants() {
    const all = this.grants;
    const needle = this.filter.trim().toLowerCase();
    const matches = (g: GrantView) => needle === '' || [g.name, g.phone ?? '', g.placeLabel, roleText(g)].some((text) => text.toLowerCase().includes(needle));
    const shown = all.filter(matches);
    const groups = new Map<string, GrantView[]>();
    // The server's order stands: by place as people count them (2栋 before 10栋, 第一网格 before 第二网格,
    // each compound followed by its buildings and grids), which a comparison of the labels here would undo.
    for (const g of shown)
      groups.set(placeKey({ kind: g.scopeKind, id: g.scopeId }), [...(groups.get(placeKey({ kind: g.scopeKind, id: g.scopeId })) ?? []), g]);
    const pending = all.filter((g) => g.pending).length;
    return html`<h2 id="grants-heading">${t('admin.staff.listHeading')}</h2>
      <p class="muted">${t('admin.staff.listSummary', { count: all.length, pending })}</p>
      ${
        all.length === 0
          ? html`<p class="state state-empty">${t('admin.staff.noGrants')}</p>`
          : html`<div class="list-tools">
                <div class="field">
                  <label class="label" for="grant-filter">${t('admin.staff.filter')}</label>
                  <input
                    class="input"
                    type="search"
                    id="grant-filter"
                    autocomplete="off"
                    placeholder=${t('admin.staff.filterPlaceholder')}
                    .value=${this.filter}
                    @input=${(ev: Event) => (this.filter = (ev.target as HTMLInputElement).value)}
                  />
                </div>
                <button type="button" class="button export" @click=${() => this.exportGrants(all)}>${t('admin.staff.export')}</button>
              </div>
              ${shown.length === 0 ? html`<p class="state state-empty">${t('admin.staff.noMatch')}</p>` : nothing}
              ${[...groups.values()].map((grants) => this.renderGroup(grants))}`
      }`;
  }

  private renderGroup(grants: GrantView[]) {
    const first = grants[0]!;
    const id = `g-${first.scopeKind}-${first.scopeId}`;
    return html`<section class="card place-group" aria-labelledby=${id}>
      <h3 id=${id}>${first.placeLabel}</h3>
      <ul class="grants">
        ${grants.map((g) => this.renderGrant(g))}
      </ul>
    </section>`;
  }

  private renderGrant(g: GrantView) {
    const granted = g.grantedAt
      ? g.grantedBy
        ? t('admin.staff.grantedOnBy', { date: formatDate(g.grantedAt), by: g.grantedBy })
        : t('admin.staff.grantedOn', { date: formatDate(g.grantedAt) })
      : '';
    return html`<li class="grant" data-grant=${g.id}>
      <p class="who">
        <strong>${g.name}</strong>
        ${g.pending ? html`<span class="tag waiting">${t('admin.staff.pending')}</span>` : nothing}
      </p>
      <p>${roleText(g)}</p>
      <p class="muted">${[g.phone, granted].filter(Boolean).join(' · ')}</p>
      ${g.pending ? html`<p class="muted">${t('admin.staff.pendingHelp')}</p>` : nothing}
      ${
        g.mayRevoke
          ? html`<div class="actions">
              ${
                g.pending
                  ? html`<button
                      type="button"
                      class="button reissue"
                      ?disabled=${this.reissuing === g.id}
                      aria-busy=${this.reissuing === g.id ? 'true' : 'false'}
                      @click=${() => this.emit('yishi-reissue', g)}
                    >
                      ${t('admin.staff.reissue')}<span class="visually-hidden"> · ${g.name}</span>
                    </button>`
                  : nothing
              }
              <button
                type="button"
                class="button revoke"
                @click=${() => {
                  this.revokeError = '';
                  this.revoking = g;
                }}
              >
                ${t('admin.staff.revoke')}<span class="visually-hidden"> · ${g.name} · ${pick(ROLE_LABELS[g.role])}</span>
              </button>
            </div>`
          : nothing
      }
    </li>`;
  }

  private renderRevoke() {
    const g = this.revoking;
    return html`<dialog class="dialog revoke-dialog" id="revoke-dialog" aria-labelledby="revoke-title" @close=${() => (this.revoking = null)}>
      <h2 id="revoke-title">${t('admin.staff.revokeTitle')}</h2>
      ${
        g
          ? html`<p>${t('admin.staff.revokeBody', { name: g.name, place: g.placeLabel, role: roleText(g) })}</p>
              <p class="muted">${t('admin.staff.revokeRecorded')}</p>
              ${this.revokeError ? html`<p class="form-error" role="alert">${this.revokeError}</p>` : nothing}`
          : nothing
      }
      <div class="actions">
        <button type="button" class="button" @click=${() => (this.revoking = null)}>${t('admin.cancel')}</button>
        <button
          type="button"
          class="button danger confirm-revoke"
          ?disabled=${this.write.busy}
          aria-busy=${this.write.busy ? 'true' : 'false'}
          @click=${this.revoke}
        >
          ${t('admin.staff.revokeConfirm')}
        </button>
      </div>
    </dialog>`;
  }

  protected override updated(): void {
    syncModal(this.renderRoot, 'revoke-dialog', this.revoking !== null);
  }

  private async revoke(): Promise<void> {
    const g = this.revoking;
    if (!g) return;
    this.revokeError = '';
    const done = await this.write.run(() => api.call(staffEndpoints.revoke, { params: { grantId: g.id } }).then(() => true), {
      success: t('admin.staff.revoked', { name: g.name, place: g.placeLabel, role: pick(ROLE_LABELS[g.role]) }),
      errorAs: 'inline',
    });
    if (!done) {
      this.revokeError = this.write.error ?? '';
      return;
    }
    this.revoking = null;
    this.emit('yishi-grants-changed', null);
  }

  private exportGrants(grants: GrantView[]): void {
    const header = [
      t('admin.staff.colPlace'),
      t('admin.staff.colName'),
      t('admin.staff.phone'),
      t('admin.staff.colRole'),
      t('admin.staff.colStatus'),
      t('admin.staff.colGrantedAt'),
      t('admin.staff.colBy'),
    ];
    const rows = grants.map((g) => [
      g.placeLabel,
      g.name,
      g.phone ?? '',
      roleText(g),
      g.pending ? t('admin.staff.pending') : t('admin.staff.active'),
      g.grantedAt ? formatDate(g.grantedAt) : '',
      g.grantedBy ?? '',
    ]);
    const text = toCsv([header, ...rows]);
    saveFile(new Blob([text], { type: 'text/csv;charset=utf-8' }), `${t('admin.staff.exportName')}.csv`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-staff-grants': StaffGrants;
  }
}
