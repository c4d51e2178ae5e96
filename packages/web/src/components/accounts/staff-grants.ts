/**
 * The staff page's grants, by place (工作人员和授权): a filter, the CSV export, each grant with its
 * pending mark, and for those I may revoke, a fresh invitation and revoking after a confirmation that
 * names person, role and place. The page shows the invitation: this element asks for it with
 * `yishi-reissue` (the grant in detail), and tells it with `yishi-grants-changed` after a revoke.
 */
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import { PARTY_LABELS, ROLE_LABELS, staffEndpoints, toCsv, type GrantView } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { saveFile } from '../../api/file-download.js';
import { WriteController } from '../../controllers/write-controller.js';
import { formatDate } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { formStyles } from '../../styles/form-styles.js';
import { YishiElement } from '../base/yishi-element.js';

/** A place as the staff page keys it (its kind and id). */
export const placeKey = (p: { kind: string; id: string }) => `${p.kind}:${p.id}`;
/** Places from the widest down, as the list and the page's place picker order them. */
export const KIND_ORDER = ['subdistrict', 'community', 'compound', 'building', 'grid'];
/** Names in the order people expect (2栋 before 10栋). */
export const byLabel = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true });

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
    formStyles,
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
        margin-top: 0.5rem;
      }
      .list-tools {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 0.5rem 1rem;
        margin-bottom: 1rem;
      }
      .list-tools sl-input {
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
    const ordered = [...shown].sort(
      (a, b) =>
        Math.min(KIND_ORDER.indexOf(a.scopeKind), 2) - Math.min(KIND_ORDER.indexOf(b.scopeKind), 2) ||
        byLabel(a.placeLabel, b.placeLabel) ||
        KIND_ORDER.indexOf(a.scopeKind) - KIND_ORDER.indexOf(b.scopeKind) ||
        byLabel(a.name, b.name),
    );
    for (const g of ordered)
      groups.set(placeKey({ kind: g.scopeKind, id: g.scopeId }), [...(groups.get(placeKey({ kind: g.scopeKind, id: g.scopeId })) ?? []), g]);
    const pending = all.filter((g) => g.pending).length;
    return html`<h2 id="grants-heading">${t('admin.staff.listHeading')}</h2>
      <p class="muted">${t('admin.staff.listSummary', { count: all.length, pending })}</p>
      ${
        all.length === 0
          ? html`<p class="state state-empty">${t('admin.staff.noGrants')}</p>`
          : html`<div class="list-tools">
                <sl-input
                  type="search"
                  label=${t('admin.staff.filter')}
                  placeholder=${t('admin.staff.filterPlaceholder')}
                  .value=${this.filter}
                  @sl-input=${(ev: Event) => (this.filter = (ev.target as HTMLInputElement).value)}
                  clearable
                ></sl-input>
                <sl-button @click=${() => this.exportGrants(all)}>${t('admin.staff.export')}</sl-button>
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
                  ? html`<sl-button class="reissue" ?loading=${this.reissuing === g.id} @click=${() => this.emit('yishi-reissue', g)}
                      >${t('admin.staff.reissue')}<span class="visually-hidden"> · ${g.name}</span></sl-button
                    >`
                  : nothing
              }
              <sl-button
                variant="default"
                class="revoke"
                @click=${() => {
                  this.revokeError = '';
                  this.revoking = g;
                }}
                >${t('admin.staff.revoke')}<span class="visually-hidden"> · ${g.name} · ${pick(ROLE_LABELS[g.role])}</span></sl-button
              >
            </div>`
          : nothing
      }
    </li>`;
  }

  private renderRevoke() {
    const g = this.revoking;
    return html`<sl-dialog
      class="revoke-dialog"
      label=${t('admin.staff.revokeTitle')}
      ?open=${g !== null}
      @sl-after-hide=${(ev: Event) => {
        if (ev.target === ev.currentTarget) this.revoking = null;
      }}
    >
      ${
        g
          ? html`<p>${t('admin.staff.revokeBody', { name: g.name, place: g.placeLabel, role: roleText(g) })}</p>
              <p class="muted">${t('admin.staff.revokeRecorded')}</p>
              ${this.revokeError ? html`<sl-alert variant="danger" open><p role="alert">${this.revokeError}</p></sl-alert>` : nothing}`
          : nothing
      }
      <sl-button slot="footer" @click=${() => (this.revoking = null)}>${t('admin.cancel')}</sl-button>
      <sl-button slot="footer" variant="danger" class="confirm-revoke" ?loading=${this.write.busy} @click=${this.revoke}
        >${t('admin.staff.revokeConfirm')}</sl-button
      >
    </sl-dialog>`;
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
