/**
 * Who came to an evening talk, which nobody signs in to one by one: roughly how many residents came
 * (a number the worker counts in the room) and the cadres and department staff present, by name with
 * their organisation ("李明 · 社区居委会"). Everyone sees what was noted; whoever runs the talk or edits
 * its agenda notes it, from the talk's day until after it closes, on a phone in the hall: native fields
 * and buttons, the count checked here before it is sent against core's bounds, which the server holds
 * too (a bad number is said under the field, in words). No zod and no error table on the meeting page
 * (bundle budget), so the checks are written out. The minutes' 参会人员 is written from these.
 *
 * Each change needs the server's answer (no outbox): offline, the buttons wait and the form says so.
 * A saved change answers the meeting as it is afterwards; the page reloads it (`meeting-changed`).
 * 移除 asks nothing first: its notice offers 撤销, which notes the same cadre again (name, party and
 * organisation; the list is in name order, so the row comes back where it was). The pressed button
 * goes with its row, so the keyboard lands on 撤销; after an undo, on the row's 移除 again.
 */
import { MAX_RESIDENT_COUNT, attendanceNoteOpen, meetingEndpoints, type AttendanceView, type MeetingView } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { WriteController } from '../../controllers/write-controller.js';
import { formatDate } from '../../format/format.js';
import { t } from '../../i18n.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { focusControl } from '../forms/form-errors.js';
import { textField } from '../forms/text-field.js';
import { announceMeetingChanged } from './meeting-ui.js';
import { peopleListStyles } from './people-list-styles.js';

type CadreField = 'name' | 'organisation';
const CADRE_FIELDS: readonly CadreField[] = ['name', 'organisation'];

/**
 * The count as typed: digits (full-width ones too, from a Chinese keyboard) become a number, nothing
 * becomes null (not counted); anything else (words, a sign, a fraction) is `invalid`.
 */
export function readResidentCount(typed: string): number | null | 'invalid' {
  const raw = typed.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (raw === '') return null;
  return /^\d+$/.test(raw) ? Number(raw) : 'invalid';
}

@customElement('yishi-talk-attendance')
export class TalkAttendance extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    peopleListStyles,
    css`
      :host {
        display: block;
      }
      .summary {
        font-weight: 600;
      }
      form {
        display: grid;
        gap: 0.75rem;
        margin: 0.75rem 0;
      }
      .staff {
        margin: 0.5rem 0;
      }
      h3 {
        margin: 1rem 0 0.25rem;
      }
    `,
  ];

  @property({ attribute: false }) view!: MeetingView;
  /** The page's word on the network: offline, nothing here can be sent. */
  @property({ type: Boolean }) online = true;
  @state() private count = '';
  @state() private cadre: Record<CadreField, string> = { name: '', organisation: '' };
  private readonly countWrite = new WriteController<'residents'>(this);
  private readonly cadreWrite = new WriteController<CadreField>(this);
  /** A cadre brought back by 撤销: their row's 移除 gets the keyboard once the reloaded meeting shows it. */
  private restored: { name: string; organisation: string } | null = null;
  /** The count last shown, so that a reloaded meeting refills the field unless the worker is typing another. */
  private shownCount: number | null | undefined;

  /** The count, or null; a meeting kept on this device before counts existed has none. */
  private get residentCount(): number | null {
    return this.view.residentCount ?? null;
  }

  protected override willUpdate(): void {
    if (this.residentCount !== this.shownCount) {
      this.shownCount = this.residentCount;
      this.count = this.residentCount === null ? '' : String(this.residentCount);
    }
  }

  protected override updated(): void {
    const back = this.restored;
    if (!back) return;
    const index = this.view.attendance.findIndex((a) => a.name === back.name && a.organisation === back.organisation);
    if (index < 0) return;
    this.restored = null;
    this.renderRoot.querySelectorAll<HTMLButtonElement>('ul.staff li button')[index]?.focus();
  }

  override render() {
    const v = this.view;
    const staff = v.attendance;
    const editable = v.permissions.attendance && attendanceNoteOpen(v.meeting, new Date());
    const notYet = v.permissions.attendance && v.meeting.status === 'scheduled' && !editable;
    return html`
      <h2>${t('talkAttendance.heading')}</h2>
      ${v.permissions.attendance ? html`<p class="muted">${t('talkAttendance.help')}</p>` : nothing}
      <p class="summary" role="status">
        ${
          staff.length === 0 && this.residentCount === null
            ? t('talkAttendance.nothing')
            : `${this.residentCount === null ? t('talkAttendance.noResidents') : t('talkAttendance.residents', { count: this.residentCount })} · ${t('talkAttendance.staffCount', { count: staff.length })}`
        }
      </p>
      ${notYet ? html`<p class="muted" role="note">${t('talkAttendance.from', { date: formatDate(v.meeting.startsAt) })}</p>` : nothing}
      ${editable && !this.online ? html`<p class="alert" role="status">${t('talkAttendance.offline')}</p>` : nothing}
      ${editable ? this.renderCountForm() : nothing}
      <h3 id="staff-heading" tabindex="-1">${t('talkAttendance.staffHeading')}</h3>
      ${
        staff.length === 0
          ? html`<p class="muted">${t('talkAttendance.noStaff')}</p>`
          : html`<ul class="staff people card">
              ${staff.map(
                (a) =>
                  html`<li>
                    <span><strong>${a.name}</strong>${a.organisation ? ` · ${a.organisation}` : ''}</span>
                    ${
                      editable
                        ? html`<button
                            class="button"
                            aria-label=${t('talkAttendance.removeLabel', { name: a.name })}
                            ?disabled=${this.cadreWrite.busy || !this.online}
                            @click=${() => this.removeCadre(a)}
                          >
                            ${t('talkAttendance.remove')}
                          </button>`
                        : nothing
                    }
                  </li>`,
              )}
            </ul>`
      }
      ${editable ? this.renderCadreForm() : nothing}
    `;
  }

  private renderCountForm() {
    const write = this.countWrite;
    return html`<form @submit=${(e: Event) => this.saveCount(e)} novalidate>
      ${textField({
        name: 'residents',
        label: t('talkAttendance.countLabel'),
        value: this.count,
        inputmode: 'numeric',
        maxlength: 8,
        hint: t('talkAttendance.countHint'),
        error: write.fieldErrors.residents,
        onInput: (value) => {
          this.count = value;
          write.clearField('residents');
        },
      })}
      <div>
        <button type="submit" class="button primary" ?disabled=${write.busy || !this.online} aria-busy=${write.busy ? 'true' : 'false'}>
          ${t('talkAttendance.saveCount')}
        </button>
      </div>
    </form>`;
  }

  private renderCadreForm() {
    const write = this.cadreWrite;
    return html`<form @submit=${(e: Event) => this.addCadre(e)} novalidate>
      ${CADRE_FIELDS.map((name) =>
        textField({
          name,
          label: t(name === 'name' ? 'talkAttendance.name' : 'talkAttendance.organisation'),
          value: this.cadre[name],
          maxlength: name === 'name' ? 40 : 60,
          error: write.fieldErrors[name],
          onInput: (value) => {
            this.cadre = { ...this.cadre, [name]: value };
            write.clearField(name);
          },
        }),
      )}
      <div>
        <button type="submit" class="button primary" ?disabled=${write.busy || !this.online} aria-busy=${write.busy ? 'true' : 'false'}>
          ${t('talkAttendance.add')}
        </button>
      </div>
    </form>`;
  }

  private async saveCount(e: Event): Promise<void> {
    e.preventDefault();
    const residents = readResidentCount(this.count);
    if (residents === 'invalid') return this.refuse(this.countWrite, 'residents', t('talkAttendance.countInvalid'));
    if (residents !== null && residents > MAX_RESIDENT_COUNT)
      return this.refuse(this.countWrite, 'residents', t('talkAttendance.countTooLarge', { max: MAX_RESIDENT_COUNT }));
    const done = await this.countWrite.run(
      () => api.call(meetingEndpoints.setResidentCount, { params: { meetingId: this.view.meeting.id }, body: { residents } }),
      {
        success: residents === null ? t('talkAttendance.countCleared') : t('talkAttendance.countSaved', { count: residents }),
        fields: ['residents'],
        errorAs: 'inline',
      },
    );
    if (done) announceMeetingChanged(this);
  }

  private async addCadre(e: Event): Promise<void> {
    e.preventDefault();
    const body = { name: this.cadre.name.trim(), organisation: this.cadre.organisation.trim() };
    if (body.name === '') return this.refuse(this.cadreWrite, 'name', t('talkAttendance.nameRequired'));
    const done = await this.cadreWrite.run(() => api.call(meetingEndpoints.addAttendee, { params: { meetingId: this.view.meeting.id }, body }), {
      success: t('talkAttendance.added', { name: body.name }),
      fields: CADRE_FIELDS,
    });
    if (!done) return;
    // The next one, at once: a talk's cadres are noted one after another as they arrive.
    this.cadre = { name: '', organisation: '' };
    announceMeetingChanged(this);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#name')?.focus();
  }

  private async removeCadre(cadre: AttendanceView): Promise<void> {
    const done = await this.cadreWrite.run(
      () => api.call(meetingEndpoints.removeAttendee, { params: { meetingId: this.view.meeting.id, attendanceId: cadre.id } }),
      {
        success: t('talkAttendance.removed', { name: cadre.name }),
        successNotice: {
          action: { label: t('talkAttendance.undoRemove'), run: () => void this.restoreCadre(cadre) },
          focusAction: true,
          returnFocus: () => this.renderRoot.querySelector<HTMLElement>('#staff-heading'),
        },
      },
    );
    if (done) announceMeetingChanged(this);
  }

  /** 撤销: the cadre noted again as they were. */
  private async restoreCadre(cadre: AttendanceView): Promise<void> {
    const body = { name: cadre.name, party: cadre.party, organisation: cadre.organisation };
    this.restored = { name: cadre.name, organisation: cadre.organisation };
    const done = await this.cadreWrite.run(() => api.call(meetingEndpoints.addAttendee, { params: { meetingId: this.view.meeting.id }, body }), {
      success: t('talkAttendance.restored', { name: cadre.name }),
    });
    if (done) announceMeetingChanged(this);
    else this.restored = null;
  }

  /** A problem found before sending: said under its field, which gets the focus; nothing is sent. */
  private refuse<F extends string>(write: WriteController<F>, field: F, problem: string): Promise<void> {
    write.refuse(field, problem);
    return focusControl(this, field);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-talk-attendance': TalkAttendance;
  }
}
