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
import '../../components/accounts/staff-grants.js';
import { grantRecordStyles, renderGrantRecord } from '../../components/accounts/grant-record.js';
import { KIND_ORDER, byLabel, placeKey, roleText } from '../../components/accounts/staff-grants.js';
import {
  PARTIES,
  PARTY_LABELS,
  ROLE_LABELS,
  grantInputSchema,
  staffEndpoints,
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
import { notify } from '../../app/notify.js';
import { renderLoad } from '../../components/common/load-state.js';
import { LoadController } from '../../controllers/load-controller.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { pick, t } from '../../i18n.js';
import { optionLabel } from '../../components/forms/option-label.js';
import { formStyles } from '../../styles/form-styles.js';

type Place = StaffOverview['places'][number];

interface Handover {
  name: string;
  role: StaffRole;
  placeLabel: string;
  invitation: Invitation;
  /** A fresh invitation for someone invited before (the earlier link stopped working). */
  again: boolean;
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
    grantRecordStyles,
    css`
      .grant-form {
        max-width: 40rem;
      }
      .role-help {
        margin: -0.5rem 0 0;
        font-size: 0.9375rem;
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
  @state() private handover: Handover | null = null;
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
      ${renderLoad(this.overview, (o) => this.renderOverview(o))} ${this.renderHandover()}`;
  }

  private renderOverview(o: StaffOverview) {
    return html`${o.places.length === 0 ? html`<p class="state state-empty">${t('admin.staff.nothingToGrant')}</p>` : this.renderForm(o)}
      <section class="staff-list" aria-labelledby="grants-heading">
        <yishi-staff-grants
          .grants=${o.grants}
          reissuing=${this.reissuing}
          @yishi-reissue=${(ev: CustomEvent<GrantView>) => this.reissue(ev.detail)}
          @yishi-grants-changed=${() => void this.overview.reload()}
        ></yishi-staff-grants>
        ${renderGrantRecord(o.events)}
      </section>`;
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
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-staff-page': StaffPage;
  }
}
