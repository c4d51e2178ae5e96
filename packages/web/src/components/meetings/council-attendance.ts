/**
 * Who attends a meeting signed in one by one: a four-party council's invited representatives by
 * party, with its quorum, or an owners' committee's members, each in person. Staff sign anyone in
 * from the meeting's day; a representative signs themself in.
 *
 * A council's runner also adds someone who came without an invitation: the station chief sitting for
 * the community, a department official who turned up on the night, the property company's stand-in.
 * They are added with their party and, from the meeting's day, signed in at once (the server's
 * `present`), so the quorum counts their party without an account or a grant made beforehand. Before
 * the day they are invited, to sign in at the door. Native fields (the meeting page carries no zod):
 * the name and the party are checked here and by the server, which says a second tap in words.
 */
import { PARTIES, meetingKind, memberQuorumText, meetingEndpoints, signInOpen, type MeetingView, type Party } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { WriteController } from '../../controllers/write-controller.js';
import { formatDate, formatDateTime, formatTime } from '../../format/format.js';
import { t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';
import { currentMe } from '../../state/session.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { choiceField } from '../forms/choice-field.js';
import { focusControl } from '../forms/form-errors.js';
import { textField } from '../forms/text-field.js';
import { announceMeetingChanged, partyLabel, partyList } from './meeting-ui.js';
import { peopleListStyles } from './people-list-styles.js';

type WalkInField = 'name' | 'party' | 'organisation';
const WALK_IN_FIELDS: readonly WalkInField[] = ['name', 'party', 'organisation'];

@customElement('yishi-council-attendance')
export class CouncilAttendance extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    peopleListStyles,
    css`
      :host {
        display: block;
      }
      .attendance {
        margin: 0;
      }
      .quorum {
        font-weight: 600;
      }
      .quorum.ok {
        color: var(--yishi-ok-text);
      }
      .quorum.no {
        color: var(--yishi-danger-text);
      }
      .signed {
        color: var(--yishi-ok-text);
      }
      .walk-in {
        margin-top: 0.75rem;
      }
      form {
        display: grid;
        gap: 0.75rem;
        margin: 0.75rem 0;
      }
      form .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ];

  @property({ attribute: false }) view!: MeetingView;
  /** The page's word on the network: offline, nothing here can be sent. */
  @property({ type: Boolean }) online = true;
  /** The walk-in form is open. */
  @state() private adding = false;
  @state() private walkIn: { name: string; party: Party | ''; organisation: string } = { name: '', party: '', organisation: '' };
  private readonly write = new WriteController(this);
  private readonly walkInWrite = new WriteController<WalkInField>(this);

  override render() {
    const v = this.view;
    const q = v.quorum;
    const mq = v.memberQuorum;
    const me = currentMe();
    const open = signInOpen(v.meeting, new Date());
    // Before the meeting's day: the list without buttons, and when they come.
    const notYet = v.meeting.status === 'scheduled' && !open && (v.permissions.record || v.attendance.some((a) => a.userId === me?.userId));
    const members = meetingKind(v.meeting.kind).members !== null;
    return html`
      <h2 id="attendance-heading" tabindex="-1">${members ? t('committee.members') : t('meeting.attendance')}</h2>
      ${members ? html`<p class="muted">${t('committee.inPerson')}</p>` : nothing}
      ${mq ? html`<p class="quorum ${mq.reached ? 'ok' : 'no'}" role="status">${memberQuorumText(mq, currentLocale())}</p>` : nothing}
      ${
        q
          ? html`<p class="quorum ${q.reached ? 'ok' : 'no'}" role="status">
                ${q.reached ? t('meeting.quorumReached') : t('meeting.quorumMissing', { parties: partyList(q.missing) })}
              </p>
              <p class="muted">${t(`meeting.quorumRule.${q.rule}`)}</p>`
          : nothing
      }
      ${notYet ? html`<p class="muted" role="note">${t('meeting.signInFrom', { date: formatDate(v.meeting.startsAt) })}</p>` : nothing}
      <ul class="attendance people card">
        ${v.attendance.map(
          (a) =>
            html`<li>
              <span><strong>${a.name}</strong>${members ? nothing : ` · ${partyLabel(a.party)}`}${a.organisation ? ` · ${a.organisation}` : ''}</span>
              <span>
                ${
                  a.signedInAt
                    ? html`<span class="signed">✓ ${t('meeting.signedIn', { time: signInTime(a.signedInAt, v.meeting.startsAt) })}</span>`
                    : html`<span class="muted">${t('meeting.notSignedIn')}</span>`
                }
                ${
                  open && (v.permissions.record || a.userId === me?.userId)
                    ? html`<button class="button" ?disabled=${this.write.busy || !this.online} @click=${() => this.signIn(a.id, !a.signedInAt)}>
                        ${a.signedInAt ? t('meeting.undoSignIn') : t('meeting.signIn')}
                      </button>`
                    : nothing
                }
              </span>
            </li>`,
        )}
      </ul>
      ${this.mayAddWalkIn() ? this.renderWalkIn(open) : nothing}
    `;
  }

  /** A council still to be held or in session, to whoever runs it. */
  private mayAddWalkIn(): boolean {
    const v = this.view;
    return v.permissions.run && meetingKind(v.meeting.kind).attendance === 'parties' && v.meeting.status !== 'closed' && v.meeting.status !== 'cancelled';
  }

  private renderWalkIn(open: boolean) {
    if (!this.adding) {
      return html`<div class="walk-in">
        <button class="button" @click=${() => this.openWalkIn()}>${t('councilWalkIn.open')}</button>
        <p class="muted">${open ? t('councilWalkIn.help') : t('councilWalkIn.helpBefore')}</p>
      </div>`;
    }
    const write = this.walkInWrite;
    return html`<form class="walk-in card" aria-labelledby="walk-in-title" @submit=${(e: Event) => this.addWalkIn(e, open)} novalidate>
      <h3 id="walk-in-title">${t('councilWalkIn.title')}</h3>
      ${textField({
        name: 'name',
        label: t('councilWalkIn.name'),
        value: this.walkIn.name,
        maxlength: 40,
        autocomplete: 'off',
        error: write.fieldErrors.name,
        onInput: (value) => {
          this.walkIn = { ...this.walkIn, name: value };
          write.clearField('name');
        },
      })}
      ${choiceField({
        name: 'party',
        legend: t('councilWalkIn.party'),
        choices: PARTIES.map((p) => ({ value: p, label: partyLabel(p) })),
        initial: this.walkIn.party,
        error: write.fieldErrors.party,
        onChange: (value) => {
          this.walkIn = { ...this.walkIn, party: value as Party };
          write.clearField('party');
        },
      })}
      ${textField({
        name: 'organisation',
        label: t('councilWalkIn.organisation'),
        value: this.walkIn.organisation,
        maxlength: 60,
        hint: t('councilWalkIn.organisationHint'),
        error: write.fieldErrors.organisation,
        onInput: (value) => {
          this.walkIn = { ...this.walkIn, organisation: value };
          write.clearField('organisation');
        },
      })}
      ${!this.online ? html`<p class="alert" role="status">${t('councilWalkIn.offline')}</p>` : nothing}
      <div class="actions">
        <button type="submit" class="button primary" ?disabled=${write.busy || !this.online} aria-busy=${write.busy ? 'true' : 'false'}>
          ${open ? t('councilWalkIn.addPresent') : t('councilWalkIn.addInvited')}
        </button>
        <button type="button" class="button" @click=${() => this.closeWalkIn()}>${t('councilWalkIn.cancel')}</button>
      </div>
    </form>`;
  }

  /** The form opens on the first party still missing for the quorum: the likeliest reason to open it. */
  private async openWalkIn(): Promise<void> {
    const missing = this.view.quorum?.missing[0];
    this.walkIn = { name: '', party: this.walkIn.party || missing || '', organisation: '' };
    this.walkInWrite.clear();
    this.adding = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#name')?.focus();
  }

  private async closeWalkIn(): Promise<void> {
    this.adding = false;
    this.walkIn = { name: '', party: '', organisation: '' };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.walk-in button')?.focus();
  }

  /** A problem found before sending: said under its field, which gets the focus (in the party's group, its first choice). */
  private refuse(field: WalkInField, problem: string): Promise<void> {
    this.walkInWrite.refuse(field, problem);
    return focusControl(this, field);
  }

  private async addWalkIn(e: Event, open: boolean): Promise<void> {
    e.preventDefault();
    const { name, party, organisation } = { ...this.walkIn, name: this.walkIn.name.trim(), organisation: this.walkIn.organisation.trim() };
    if (name === '') return this.refuse('name', t('councilWalkIn.nameRequired'));
    if (party === '') return this.refuse('party', t('councilWalkIn.partyRequired'));
    const body = { name, party, organisation, present: open };
    const said = { name, party: partyLabel(party) };
    const done = await this.walkInWrite.run(() => api.call(meetingEndpoints.addAttendee, { params: { meetingId: this.view.meeting.id }, body }), {
      success: open ? t('councilWalkIn.addedPresent', said) : t('councilWalkIn.addedInvited', said),
      fields: WALK_IN_FIELDS,
      fieldOfCode: { attendee_already_invited: 'name' },
      form: { closed: () => !this.adding, notSaved: (why) => t('councilWalkIn.notSaved', { name, why }) },
    });
    if (!done) return;
    this.adding = false;
    this.walkIn = { name: '', party: '', organisation: '' };
    announceMeetingChanged(this);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#attendance-heading')?.focus();
  }

  private async signIn(attendanceId: string, present: boolean): Promise<void> {
    const meetingId = this.view.meeting.id;
    const done = await this.write.run(() => api.call(meetingEndpoints.signIn, { params: { meetingId, attendanceId }, body: { present } }));
    if (done) announceMeetingChanged(this);
  }
}

/** When someone signed in: the time on the meeting's day, the date too on any other (a sign-in days before it). */
function signInTime(signedInAt: string, startsAt: string): string {
  return formatDate(signedInAt) === formatDate(startsAt) ? formatTime(signedInAt) : formatDateTime(signedInAt);
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-council-attendance': CouncilAttendance;
  }
}
