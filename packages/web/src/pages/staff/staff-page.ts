/**
 * Staff and roles (工作人员和授权): grant a role at a place — the place first, then only the roles the
 * API says I may grant there, then the person (name and phone; party and organisation for a
 * four-party representative). A person without an account gets an invitation that is shown ONCE:
 * its link to copy, its QR code to scan, its expiry and the words to say. Below: the grants grouped
 * by place (pending people marked, with a fresh invitation for them), revoking after a
 * confirmation that names person, role and place, and the record of grants and revocations.
 */
import { PHONE_FIELD_LENGTH, cleanPhone } from '../../format/clean-phone.js';
import '../../components/accounts/code-handover.js';
import '../../components/accounts/staff-grants.js';
import { grantRecordStyles, renderGrantRecord } from '../../components/accounts/grant-record.js';
import { placeKey, roleText } from '../../components/accounts/staff-grants.js';
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
import { renderFormError } from '../../components/accounts/account-form.js';
import { syncModal } from '../../components/common/modal.js';
import { focusControl } from '../../components/forms/form-errors.js';
import { fieldProblem, nativeField } from '../../components/forms/native-field.js';
import { inputField } from '../../components/forms/form-field.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';

type Place = StaffOverview['places'][number];
/** The form's fields in the order they are shown (the focus goes to the first refused). */
const FIELDS = ['place', 'role', 'name', 'phone', 'party', 'organisation', 'title'] as const;

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
    // The server's order stands: the compound, then its buildings and its grids in number order (2栋 before 10栋,
    // 第二网格 before 第十网格), which a comparison of the labels here would undo (by pinyin 第二 comes before 第一).
    groups.push({ label: compound?.label ?? members[0]!.label, places: members });
  }
  return groups;
}

@customElement('yishi-staff-page')
export class StaffPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    ...grantRecordStyles,
    css`
      .grant-form {
        max-width: 40rem;
      }
      .handover {
        width: min(40rem, calc(100vw - 1rem));
      }
      .handover-intro {
        margin-top: 0;
      }
      .once {
        margin: 1rem 0;
      }
      .card > h2:first-child {
        margin-top: 0;
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
          @yishi-grants-changed=${() => void this.overview.refresh()}
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
      <form class="fields" @submit=${(ev: Event) => this.grant(ev, o)} @input=${this.edited} novalidate>
        ${nativeField(
          'place',
          t('admin.staff.place'),
          html`<select
            class="input"
            id="place"
            name="place"
            @change=${(ev: Event) => this.choosePlace(o.places.find((p) => placeKey(p) === (ev.target as HTMLSelectElement).value))}
            ${fieldProblem('place', e.place, t('admin.staff.placeHelp'))}
          >
            <option value="" .selected=${!place}>${t('admin.staff.placePlaceholder')}</option>
            ${placeGroups(o.places).map(
              (group) =>
                html`<optgroup label=${group.label}>
                  ${group.places.map(
                    (p) =>
                      html`<option value=${placeKey(p)} .selected=${placeKey(p) === this.place}>
                        ${p.kind === 'compound' ? t('admin.staff.wholeCompound', { name: p.label }) : p.label}
                      </option>`,
                  )}
                </optgroup>`,
            )}
          </select>`,
          e.place,
          t('admin.staff.placeHelp'),
        )}
        ${nativeField(
          'role',
          t('admin.staff.role'),
          html`<select
            class="input"
            id="role"
            name="role"
            ?disabled=${!place}
            @change=${(ev: Event) => {
              this.chosenRole = (ev.target as HTMLSelectElement).value as StaffRole | '';
              this.clearError('role');
            }}
            ${fieldProblem('role', e.role, this.chosenRole ? t(`admin.staff.roleHelp.${this.chosenRole}`) : undefined)}
          >
            <option value="" .selected=${this.chosenRole === ''}>${place ? t('admin.staff.rolePlaceholder') : t('admin.staff.roleFirstPlace')}</option>
            ${roles.map((role) => html`<option value=${role} .selected=${role === this.chosenRole}>${pick(ROLE_LABELS[role])}</option>`)}
          </select>`,
          e.role,
          this.chosenRole ? t(`admin.staff.roleHelp.${this.chosenRole}`) : undefined,
        )}
        ${keyed(
          this.personKey,
          html`${this.input('name', t('admin.staff.name'), { placeholder: t('admin.staff.namePlaceholder'), autocomplete: 'name', maxlength: 30 })}
          ${this.input('phone', t('admin.staff.phone'), { type: 'tel', inputmode: 'numeric', autocomplete: 'tel', maxlength: PHONE_FIELD_LENGTH, placeholder: '13800000000', help: t('admin.staff.phoneHelp') })}
          ${
            this.chosenRole === 'party_rep'
              ? html`${nativeField(
                  'party',
                  t('admin.staff.party'),
                  html`<select
                    class="input"
                    id="party"
                    name="party"
                    @change=${(ev: Event) => (this.party = (ev.target as HTMLSelectElement).value as Party | '')}
                    ${fieldProblem('party', e.party)}
                  >
                    <option value="" .selected=${this.party === ''}>${t('admin.staff.partyPlaceholder')}</option>
                    ${PARTIES.map((p) => html`<option value=${p} .selected=${p === this.party}>${pick(PARTY_LABELS[p])}</option>`)}
                  </select>`,
                  e.party,
                )}
                ${this.input('organisation', t('admin.staff.organisation'), { placeholder: t('admin.staff.organisationPlaceholder'), maxlength: 60 })}`
              : nothing
          }
          ${this.input('title', t('admin.staff.jobTitle'), { placeholder: t('admin.staff.jobTitlePlaceholder'), maxlength: 40 })}`,
        )}
        ${renderFormError(e[''] ?? null)}
        <div>
          <button type="submit" class="button primary" ?disabled=${!place || this.write.busy} aria-busy=${this.write.busy ? 'true' : 'false'}>
            ${t('admin.staff.grantButton')}
          </button>
        </div>
      </form>
    </section>`;
  }

  /** A one-line field of the person; the form reads its value when it is sent. */
  private input(
    name: string,
    label: string,
    options: { type?: 'tel'; inputmode?: 'numeric'; autocomplete?: string; maxlength: number; placeholder?: string; help?: string },
  ) {
    return inputField({ name, label, ...options, error: this.errors[name], hint: options.help });
  }

  /** A field edited: its problem, if it had one, goes (the others' stay until the next try). */
  private edited(event: Event): void {
    const name = (event.target as HTMLInputElement).name;
    if (name) this.clearError(name);
  }

  private clearError(name: string): void {
    if (!this.errors[name]) return;
    const { [name]: _gone, ...rest } = this.errors;
    this.errors = rest;
  }

  /** Shows the problems, and moves the focus to the first field refused (its problem is read with it). */
  private refuse(errors: FieldErrors): void {
    this.errors = errors;
    const first = FIELDS.find((field) => errors[field]);
    if (first) void focusControl(this, first);
  }

  private value(name: string): string {
    return (this.renderRoot.querySelector<HTMLInputElement>(`form [name="${name}"]`)?.value ?? '').trim();
  }

  private async grant(event: Event, o: StaffOverview): Promise<void> {
    event.preventDefault();
    if (this.write.busy) return;
    const place = o.places.find((p) => placeKey(p) === this.place);
    if (!place) return this.refuse({ place: t('admin.staff.placeRequired') });
    if (!this.chosenRole) return this.refuse({ role: t('admin.staff.roleRequired') });
    const parsed = grantInputSchema.safeParse({
      name: this.value('name'),
      phone: cleanPhone(this.value('phone')),
      role: this.chosenRole,
      party: this.chosenRole === 'party_rep' ? this.party || null : null,
      organisation: this.chosenRole === 'party_rep' ? this.value('organisation') || null : null,
      title: this.value('title') || null,
    });
    if (!parsed.success) return this.refuse(schemaFieldErrors(parsed.error.issues));
    this.errors = {};
    const result = await this.write.run(() => api.call(staffEndpoints.grant, { params: { scopeKind: place.kind, scopeId: place.id }, body: parsed.data }), {
      fields: ['name', 'phone', 'role', 'party', 'organisation', 'title'],
      fieldOfCode: { phone_name_conflict: 'phone' },
      errorAs: 'inline',
    });
    if (!result) {
      this.refuse({ ...this.write.fieldErrors, ...(this.write.error ? { '': this.write.error } : {}) });
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
    void this.overview.refresh();
  }

  // The invitation, shown once

  private renderHandover() {
    const h = this.handover;
    // The link is shown once: only its button (or Esc) closes the dialog, never a stray tap beside it.
    return html`<dialog class="dialog handover" id="handover-dialog" aria-labelledby="handover-title" @close=${() => (this.handover = null)}>
      <h2 id="handover-title">${h ? t('admin.staff.handoverTitle', { name: h.name }) : ''}</h2>
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
      <div class="actions">
        <button type="button" class="button primary" @click=${() => (this.handover = null)}>${t('admin.staff.handoverDone')}</button>
      </div>
    </dialog>`;
  }

  protected override updated(): void {
    syncModal(this.renderRoot, 'handover-dialog', this.handover !== null);
  }

  private async reissue(g: GrantView): Promise<void> {
    this.reissuing = g.id;
    const invitation = await this.write.run(() => api.call(staffEndpoints.reinvite, { params: { grantId: g.id } }));
    this.reissuing = '';
    if (invitation) this.handover = { name: g.name, role: g.role, placeLabel: g.placeLabel, invitation, again: true };
    else void this.overview.refresh();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-staff-page': StaffPage;
  }
}
