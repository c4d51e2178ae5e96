/**
 * Staff and roles (工作人员和授权): grant a role at a place — the place first, then only the roles the
 * API says I may grant there, then the person (name and phone; party and organisation for a
 * four-party representative). A person without an account gets an invitation that is shown ONCE:
 * its link to copy, its QR code to scan, its expiry and the words to say. Below: the grants grouped
 * by place (pending people marked, with a fresh invitation for them), revoking after a
 * confirmation that names person, role and place, and the record of grants and revocations.
 */
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import '@shoelace-style/shoelace/dist/components/divider/divider.js';
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import '../../components/accounts/code-handover.js';
import {
  PARTIES,
  PARTY_LABELS,
  ROLE_LABELS,
  grantInputSchema,
  staffEndpoints,
  toCsv,
  type GrantView,
  type Invitation,
  type Party,
  type StaffOverview,
  type StaffRole,
} from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { api } from '../../api/client.js';
import { WriteController } from '../../controllers/write-controller.js';
import type { FieldErrors } from '../../api/field-errors.js';
import { schemaFieldErrors } from '../../api/schema-field-errors.js';
import { saveFile } from '../../api/file-download.js';
import { notify } from '../../app/notify.js';
import { renderLoad } from '../../components/common/load-state.js';
import { LoadController } from '../../controllers/load-controller.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { formatDate, formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { optionLabel } from '../../components/forms/option-label.js';
import { formStyles } from '../../styles/form-styles.js';

type Place = StaffOverview['places'][number];
type GrantEvent = StaffOverview['events'][number];

interface Handover {
  name: string;
  role: StaffRole;
  placeLabel: string;
  invitation: Invitation;
  /** A fresh invitation for someone invited before (the earlier link stopped working). */
  again: boolean;
}

const placeKey = (p: { kind: string; id: string }) => `${p.kind}:${p.id}`;
const KIND_ORDER = ['subdistrict', 'community', 'compound', 'building', 'grid'];
const byLabel = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true });

function roleText(g: Pick<GrantView, 'role' | 'party' | 'organisation' | 'title'>): string {
  const parts = [pick(ROLE_LABELS[g.role])];
  if (g.party) parts.push(pick(PARTY_LABELS[g.party]));
  if (g.organisation) parts.push(g.organisation);
  if (g.title) parts.push(g.title);
  return parts.join(' · ');
}

/** The picker's groups: the subdistrict and its communities, then each compound with its buildings and grids. */
function placeGroups(places: Place[]): Array<{ label: string; places: Place[] }> {
  const top = places.filter((p) => p.compoundId === null);
  const compounds = new Map<string, Place[]>();
  for (const p of places) if (p.compoundId) compounds.set(p.compoundId, [...(compounds.get(p.compoundId) ?? []), p]);
  const groups = top.length > 0 ? [{ label: t('admin.staff.groupTop'), places: top }] : [];
  for (const [compoundId, members] of compounds) {
    const compound = members.find((p) => p.kind === 'compound' && p.id === compoundId);
    members.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || byLabel(a.label, b.label));
    groups.push({ label: compound?.label ?? members[0]!.label, places: members });
  }
  return groups;
}

@customElement('yishi-staff-page')
export class StaffPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    formStyles,
    css`
      .grant-form {
        max-width: 40rem;
      }
      .role-help {
        margin: -0.5rem 0 0;
        font-size: 0.9375rem;
      }
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
      .handover-intro {
        margin-top: 0;
      }
      .once {
        margin: 1rem 0 0;
      }
      .card > h2:first-child {
        margin-top: 0;
      }
      /* One line per event: the table scrolls sideways on a phone rather than breaking names. */
      table.events td {
        white-space: nowrap;
      }
      sl-select::part(listbox) {
        max-height: min(60vh, 28rem);
      }
      sl-select small {
        display: block;
        padding: 0.5rem 0.75rem 0.25rem;
        color: var(--yishi-muted);
        font-size: 0.875rem;
        font-weight: 600;
      }
    `,
  ];

  @state() private place = '';
  @state() private chosenRole: StaffRole | '' = '';
  @state() private party: Party | '' = '';
  @state() private errors: FieldErrors = {};
  @state() private filter = '';
  @state() private handover: Handover | null = null;
  @state() private revoking: GrantView | null = null;
  @state() private revokeError = '';
  @state() private reissuing = '';
  /** Bumped after a grant: the person's fields start empty again (place and role stay). */
  @state() private personKey = 0;
  private readonly write = new WriteController<'name' | 'phone' | 'role' | 'party' | 'organisation' | 'title'>(this);
  private readonly overview = new LoadController<StaffOverview>(this, async (signal) => {
    const overview = await api.call(staffEndpoints.overview, { signal });
    this.preselect(overview);
    return overview;
  });

  /** `?place=compound:<id>` (from the home page's checklist) opens the form at that place. */
  private preselect(overview: StaffOverview): void {
    if (this.place) return;
    const wanted = new URLSearchParams(location.search).get('place');
    const found = overview.places.find((p) => placeKey(p) === wanted) ?? (overview.places.length === 1 ? overview.places[0] : undefined);
    if (found) this.choosePlace(found);
  }

  private choosePlace(place: Place | undefined): void {
    this.place = place ? placeKey(place) : '';
    const roles = place?.roles ?? [];
    if (!roles.includes(this.chosenRole as StaffRole)) this.chosenRole = roles.length === 1 ? roles[0]! : '';
    this.errors = {};
  }

  override render() {
    return html`<h1>${t('admin.staff.heading')}</h1>
      <p class="lead">${t('admin.staff.intro')}</p>
      ${renderLoad(this.overview, (o) => this.renderOverview(o))} ${this.renderHandover()} ${this.renderRevoke()}`;
  }

  private renderOverview(o: StaffOverview) {
    return html`${o.places.length === 0 ? html`<p class="state state-empty">${t('admin.staff.nothingToGrant')}</p>` : this.renderForm(o)}
      <section class="staff-list" aria-labelledby="grants-heading">${this.renderGrants(o)} ${this.renderEvents(o.events)}</section>`;
  }

  // Granting

  private renderForm(o: StaffOverview) {
    const place = o.places.find((p) => placeKey(p) === this.place);
    const roles = place?.roles ?? [];
    const e = this.errors;
    return html`<section class="card grant-form" aria-labelledby="grant-heading">
      <h2 id="grant-heading">${t('admin.staff.grantHeading')}</h2>
      <form class="fields" @submit=${(ev: Event) => this.grant(ev, o)} novalidate>
        <sl-select
          name="place"
          label=${t('admin.staff.place')}
          placeholder=${t('admin.staff.placePlaceholder')}
          value=${this.place}
          help-text=${e.place ?? t('admin.staff.placeHelp')}
          class=${e.place ? 'invalid' : ''}
          @sl-change=${(ev: Event) => this.choosePlace(o.places.find((p) => placeKey(p) === (ev.target as HTMLSelectElement).value))}
        >
          ${placeGroups(o.places).map(
            (group, i) =>
              html`${i > 0 ? html`<sl-divider></sl-divider>` : nothing}<small>${group.label}</small>
                ${group.places.map((p) => html`<sl-option value=${placeKey(p)}>${optionLabel(p.kind === 'compound' ? t('admin.staff.wholeCompound', { name: p.label }) : p.label)}</sl-option>`)}`,
          )}
        </sl-select>
        <sl-select
          name="role"
          label=${t('admin.staff.role')}
          placeholder=${place ? t('admin.staff.rolePlaceholder') : t('admin.staff.roleFirstPlace')}
          value=${this.chosenRole}
          ?disabled=${!place}
          class=${e.role ? 'invalid' : ''}
          help-text=${e.role ?? ''}
          @sl-change=${(ev: Event) => {
            this.chosenRole = (ev.target as HTMLSelectElement).value as StaffRole;
            this.errors = {};
          }}
        >
          ${roles.map((role) => html`<sl-option value=${role}>${optionLabel(pick(ROLE_LABELS[role]))}</sl-option>`)}
        </sl-select>
        ${this.chosenRole ? html`<p class="role-help muted">${t(`admin.staff.roleHelp.${this.chosenRole}`)}</p>` : nothing}
        ${keyed(
          this.personKey,
          html`${this.input('name', t('admin.staff.name'), { placeholder: t('admin.staff.namePlaceholder'), autocomplete: 'name', maxlength: 30 })}
          ${this.input('phone', t('admin.staff.phone'), { type: 'tel', inputmode: 'numeric', autocomplete: 'tel', maxlength: 11, placeholder: '13800000000', help: t('admin.staff.phoneHelp') })}
          ${
            this.chosenRole === 'party_rep'
              ? html`<sl-select
                    name="party"
                    label=${t('admin.staff.party')}
                    placeholder=${t('admin.staff.partyPlaceholder')}
                    value=${this.party}
                    class=${e.party ? 'invalid' : ''}
                    help-text=${e.party ?? ''}
                    @sl-change=${(ev: Event) => (this.party = (ev.target as HTMLSelectElement).value as Party)}
                  >
                    ${PARTIES.map((p) => html`<sl-option value=${p}>${optionLabel(pick(PARTY_LABELS[p]))}</sl-option>`)}
                  </sl-select>
                  ${this.input('organisation', t('admin.staff.organisation'), { placeholder: t('admin.staff.organisationPlaceholder'), maxlength: 60 })}`
              : nothing
          }
          ${this.input('title', t('admin.staff.jobTitle'), { placeholder: t('admin.staff.jobTitlePlaceholder'), maxlength: 40 })}`,
        )}
        ${e[''] ? html`<sl-alert class="form-error" variant="danger" open><p role="alert">${e['']}</p></sl-alert>` : nothing} ${this.fieldErrorSummary()}
        <div>
          <sl-button type="submit" variant="primary" size="large" ?loading=${this.write.busy} ?disabled=${!place}>${t('admin.staff.grantButton')}</sl-button>
        </div>
      </form>
    </section>`;
  }

  private input(
    name: string,
    label: string,
    options: { type?: string; inputmode?: string; autocomplete?: string; maxlength: number; placeholder?: string; help?: string },
  ) {
    const error = this.errors[name];
    return html`<sl-input
      name=${name}
      type=${options.type ?? 'text'}
      label=${label}
      inputmode=${options.inputmode ?? 'text'}
      autocomplete=${options.autocomplete ?? 'off'}
      maxlength=${options.maxlength}
      placeholder=${options.placeholder ?? ''}
      help-text=${error ?? options.help ?? ''}
      class=${error ? 'invalid' : ''}
    ></sl-input>`;
  }

  /** Field problems read out once for screen readers (each is also shown under its field). */
  private fieldErrorSummary() {
    const fields = Object.entries(this.errors).filter(([field]) => field !== '');
    if (fields.length === 0) return nothing;
    return html`<p class="visually-hidden" role="alert">${fields.map(([, message]) => message).join('；')}</p>`;
  }

  private value(name: string): string {
    return (this.renderRoot.querySelector<HTMLInputElement>(`form [name="${name}"]`)?.value ?? '').trim();
  }

  private async grant(event: Event, o: StaffOverview): Promise<void> {
    event.preventDefault();
    if (this.write.busy) return;
    const place = o.places.find((p) => placeKey(p) === this.place);
    if (!place) return void (this.errors = { place: t('admin.staff.placeRequired') });
    if (!this.chosenRole) return void (this.errors = { role: t('admin.staff.roleRequired') });
    const parsed = grantInputSchema.safeParse({
      name: this.value('name'),
      phone: this.value('phone'),
      role: this.chosenRole,
      party: this.chosenRole === 'party_rep' ? this.party || null : null,
      organisation: this.chosenRole === 'party_rep' ? this.value('organisation') || null : null,
      title: this.value('title') || null,
    });
    if (!parsed.success) return void (this.errors = schemaFieldErrors(parsed.error.issues));
    this.errors = {};
    const result = await this.write.run(() => api.call(staffEndpoints.grant, { params: { scopeKind: place.kind, scopeId: place.id }, body: parsed.data }), {
      fields: ['name', 'phone', 'role', 'party', 'organisation', 'title'],
      fieldOfCode: { phone_name_conflict: 'phone' },
      errorAs: 'inline',
    });
    if (!result) {
      this.errors = { ...this.write.fieldErrors, ...(this.write.error ? { '': this.write.error } : {}) };
      return;
    }
    const { grant, invitation } = result;
    if (invitation) {
      this.handover = { name: grant.name, role: grant.role, placeLabel: grant.placeLabel || place.label, invitation, again: false };
    } else {
      notify(t('admin.staff.grantedActive', { name: grant.name, role: roleText(grant), place: grant.placeLabel || place.label }), 'success', 8000);
    }
    this.personKey++;
    this.party = '';
    void this.overview.reload();
  }

  // The invitation, shown once

  private renderHandover() {
    const h = this.handover;
    return html`<sl-dialog
      class="handover"
      label=${h ? t('admin.staff.handoverTitle', { name: h.name }) : ''}
      ?open=${h !== null}
      @sl-request-close=${(ev: CustomEvent<{ source: string }>) => {
        // The link is shown once: only the buttons close it, never a stray tap beside it.
        if (ev.detail.source === 'overlay') ev.preventDefault();
      }}
      @sl-after-hide=${(ev: Event) => {
        if (ev.target === ev.currentTarget) this.handover = null;
      }}
    >
      ${
        h
          ? html`<p class="handover-intro">
                ${
                  h.again
                    ? t('admin.staff.handoverAgain', { name: h.name })
                    : t('admin.staff.handoverIntro', { name: h.name, place: h.placeLabel, role: pick(ROLE_LABELS[h.role]) })
                }
              </p>
              <yishi-code-handover
                .link=${h.invitation.link}
                .expiresAt=${h.invitation.expiresAt}
                .say=${t('admin.staff.say')}
                .qrLabel=${t('admin.staff.qrAlt', { name: h.name })}
                copyable
              ></yishi-code-handover>
              <p class="once muted">${t('admin.staff.shownOnce')}</p>`
          : nothing
      }
      <sl-button slot="footer" variant="primary" @click=${() => (this.handover = null)}>${t('admin.staff.handoverDone')}</sl-button>
    </sl-dialog>`;
  }

  private async reissue(g: GrantView): Promise<void> {
    this.reissuing = g.id;
    const invitation = await this.write.run(() => api.call(staffEndpoints.reinvite, { params: { grantId: g.id } }));
    this.reissuing = '';
    if (invitation) this.handover = { name: g.name, role: g.role, placeLabel: g.placeLabel, invitation, again: true };
    else void this.overview.reload();
  }

  // The grants, by place

  private renderGrants(o: StaffOverview) {
    const needle = this.filter.trim().toLowerCase();
    const matches = (g: GrantView) => needle === '' || [g.name, g.phone ?? '', g.placeLabel, roleText(g)].some((text) => text.toLowerCase().includes(needle));
    const shown = o.grants.filter(matches);
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
    const pending = o.grants.filter((g) => g.pending).length;
    return html`<h2 id="grants-heading">${t('admin.staff.listHeading')}</h2>
      <p class="muted">${t('admin.staff.listSummary', { count: o.grants.length, pending })}</p>
      ${
        o.grants.length === 0
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
                <sl-button @click=${() => this.exportGrants(o.grants)}>${t('admin.staff.export')}</sl-button>
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
                  ? html`<sl-button class="reissue" ?loading=${this.reissuing === g.id} @click=${() => this.reissue(g)}
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
    void this.overview.reload();
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

  // The record

  private renderEvents(events: GrantEvent[]) {
    return html`<h2 id="events-heading">${t('admin.staff.eventsHeading')}</h2>
      ${
        events.length === 0
          ? html`<p class="state state-empty">${t('admin.staff.noEvents')}</p>`
          : html`<div class="table-wrap" role="region" aria-labelledby="events-heading" tabindex="0">
              <table class="events">
                <thead>
                  <tr>
                    <th scope="col">${t('admin.staff.colWhen')}</th>
                    <th scope="col">${t('admin.staff.colAction')}</th>
                    <th scope="col">${t('admin.staff.colName')}</th>
                    <th scope="col">${t('admin.staff.colRole')}</th>
                    <th scope="col">${t('admin.staff.colPlace')}</th>
                    <th scope="col">${t('admin.staff.colBy')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${events.map(
                    (e) =>
                      html`<tr>
                        <td class="when">${formatDateTime(e.at)}</td>
                        <td>${e.action === 'grant' ? t('admin.staff.actionGrant') : t('admin.staff.actionRevoke')}</td>
                        <td>${e.name}</td>
                        <td>${roleText({ role: e.role, party: e.party, organisation: e.organisation, title: null })}</td>
                        <td>${e.placeLabel}</td>
                        <td>${e.byName ?? t('admin.staff.bySetup')}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-staff-page': StaffPage;
  }
}
