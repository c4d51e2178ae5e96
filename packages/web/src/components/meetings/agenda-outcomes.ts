/**
 * The frozen agenda of a meeting, with an outcome per item where its kind records them (a council):
 * agreed (by which parties), deferred, put to an owners' vote, or turned into an action item. Runners
 * record outcomes; recorders can put an item on the hall screen. Each item shows its linked concerns
 * and proposals by title (agenda-links.ts).
 *
 * The meeting room's page, on a phone at 9 pm: native buttons, choices and fields (button-styles.ts,
 * native-field-styles.ts), no Shoelace.
 */
import {
  OUTCOME_LABELS,
  PARTIES,
  agreementOf,
  meetingEndpoints,
  meetingKind,
  memberDecisionCount,
  recordingOpen,
  type AgendaItemView,
  type MeetingView,
  type OutcomeKind,
  type Party,
} from '@yishi/core';
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { formErrorStyles } from '../forms/form-errors.js';
import { fieldProblem, nativeField } from '../forms/native-field.js';
import { WriteController } from '../../controllers/write-controller.js';
import { pick, t } from '../../i18n.js';
import { currentLocale } from '../../state/preferences.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { tagStyles } from '../../styles/tag-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { syncModal } from '../common/modal.js';
import './agenda-links.js';
import { announceMeetingChanged, partyLabel, partyList } from './meeting-ui.js';
import { LISTING_DIALOG_ID, renderListingConfirm } from './outcome-listing-confirm.js';

interface Draft {
  outcome: OutcomeKind;
  parties: ReadonlySet<Party>;
  /** A members' decision: the attendance ids of the members who agreed. */
  members: ReadonlySet<string>;
  note: string;
  unit: string;
}

type Field = 'outcome' | 'agreedParties' | 'agreedMembers' | 'note' | 'responsibleUnit';

@customElement('yishi-agenda-outcomes')
export class AgendaOutcomes extends YishiElement {
  static override styles = [
    YishiElement.styles,
    tagStyles,
    formErrorStyles,
    buttonStyles,
    nativeFieldStyles,
    css`
      ol {
        list-style: none;
        padding: 0;
        display: grid;
        gap: var(--yishi-gap);
      }
      .outcome {
        font-weight: 600;
      }
      .outcome.passed {
        color: var(--yishi-ok-text);
      }
      .outcome.failed {
        color: var(--yishi-danger-text);
      }
      form.fields {
        margin-top: 0.75rem;
      }
      .parties {
        display: grid;
        gap: 0.25rem;
        border: 0;
        margin: 0;
        padding: 0;
      }
      .parties legend {
        font-weight: 600;
        padding: 0;
        margin-bottom: 0.25rem;
      }
      dl.listing dt {
        font-weight: 600;
      }
      dl.listing dd {
        margin: 0 0 0.5rem;
        white-space: pre-wrap;
      }
      textarea.input {
        min-height: 5.5rem;
        padding-block: 0.6rem;
        line-height: 1.5;
        resize: vertical;
      }
    `,
  ];

  @property({ attribute: false }) view!: MeetingView;
  @state() private editing: string | null = null;
  @state() private draft: Draft = { outcome: 'agreed', parties: new Set(), members: new Set(), note: '', unit: '' };
  /** The item whose outcome waits for the confirmation that lists it on the ledger. */
  @state() private confirmingList: string | null = null;
  private readonly write = new WriteController<Field>(this);

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    syncModal(this.renderRoot, LISTING_DIALOG_ID, this.confirmingList !== null);
  }

  /** A new action item goes on the append-only ledger: said what it will be, confirmed, then saved. */
  private submit(item: AgendaItemView) {
    const listing = this.draft.outcome === 'action_items' && !item.actionItemId && this.draft.unit.trim() !== '';
    if (listing) this.confirmingList = item.id;
    else void this.save(item);
  }

  private async confirmListing(item: AgendaItemView) {
    await this.save(item);
    this.confirmingList = null;
  }

  /** The parties someone signed in for: only they can be recorded as agreeing (core assertPartiesPresent). */
  private presentParties(): ReadonlySet<Party> {
    return new Set(this.view.attendance.flatMap((a) => (a.signedInAt !== null && a.party ? [a.party] : [])));
  }

  private edit(item: AgendaItemView) {
    this.write.clear();
    this.editing = item.id;
    const kinds = meetingKind(this.view.meeting.kind).outcomeKinds;
    const present = this.presentParties();
    this.draft = {
      outcome: item.outcome ?? kinds[0] ?? 'agreed',
      parties: new Set(item.agreedParties.filter((p) => present.has(p))),
      members: new Set(item.agreedMembers),
      note: item.outcomeNote,
      unit: '',
    };
  }

  private async save(item: AgendaItemView) {
    const d = this.draft;
    const saved = await this.write.run(
      () =>
        api.call(meetingEndpoints.recordOutcome, {
          params: { meetingId: this.view.meeting.id, itemId: item.id },
          body: {
            outcome: d.outcome,
            agreedParties: d.outcome === 'agreed' ? [...d.parties] : [],
            agreedMembers: d.outcome === 'members_resolved' ? [...d.members] : [],
            note: d.note,
            ...(d.unit ? { responsibleUnit: d.unit } : {}),
          },
        }),
      {
        success: t('meeting.done', { what: t('meeting.recordOutcome') }),
        fields: ['outcome', 'agreedParties', 'agreedMembers', 'note', 'responsibleUnit'],
        fieldOfCode: {
          outcome_needs_parties: 'agreedParties',
          outcome_party_absent: 'agreedParties',
          outcome_member_absent: 'agreedMembers',
          outcome_no_quorum: 'agreedMembers',
          outcome_needs_unit: 'responsibleUnit',
          outcome_listed: 'outcome',
        },
        form: { closed: () => this.editing !== item.id, notSaved: (why) => t('meeting.outcomeNotSaved', { title: item.title, why }) },
      },
    );
    if (!saved) return;
    // Only this item's form closes: on one bar of signal the next item's may have been opened meanwhile.
    if (this.editing === item.id) this.editing = null;
    announceMeetingChanged(this);
  }

  private async showOnHall(item: AgendaItemView) {
    const shown = await this.write.run(() =>
      api.call(meetingEndpoints.setHallFocus, { params: { meetingId: this.view.meeting.id }, body: { agendaItemId: item.id } }),
    );
    if (shown) announceMeetingChanged(this);
  }

  /** "达成一致" only when every party present agreed; otherwise "部分同意" (core agreementOf, as the minutes say). */
  private agreement(item: AgendaItemView) {
    return agreementOf(
      item.agreedParties,
      this.view.attendance.filter((a) => a.signedInAt !== null).map((a) => a.party),
    );
  }

  /** A members' decision: passed or not, "3 / 5 名委员同意（过半数：需 ≥ 3）", and who agreed. */
  private decisionLine(item: AgendaItemView) {
    const d = item.decision;
    if (!d) return nothing;
    const names = this.view.attendance.filter((a) => item.agreedMembers.includes(a.id)).map((a) => a.name);
    return html`<span class="outcome ${d.passed ? 'passed' : 'failed'}">${d.passed ? t('committee.passed') : t('committee.notPassed')}</span>
      <br />${memberDecisionCount(d, currentLocale())}
      <br />${names.length > 0 ? t('committee.agreedMembers', { names: names.join(t('meetings.listSeparator')) }) : t('committee.noneAgreed')}`;
  }

  private outcomeLabel(item: AgendaItemView) {
    if (item.outcome !== 'agreed' || item.agreedParties.length === 0 || this.agreement(item).reach !== 'partial') return pick(OUTCOME_LABELS[item.outcome!]);
    return t('meeting.partlyAgreed');
  }

  private agreementLine(item: AgendaItemView) {
    const { agreed, dissent } = this.agreement(item);
    return html`<br />${t('meeting.agreedBy', { parties: partyList(agreed) })}${
        dissent.length > 0 ? html`<br />${t('meeting.notAgreedBy', { parties: partyList(dissent) })}` : nothing
      }`;
  }

  override render() {
    const { view } = this;
    const { outcomes } = meetingKind(view.meeting.kind);
    const canRecord = view.permissions.run && recordingOpen(view.meeting.status) && outcomes;
    if (view.agendaItems.length === 0) return html`<p class="state-empty">${t('meeting.noAgendaItems')}</p>`;
    return html`<ol>
      ${view.agendaItems.map(
        (item) =>
          html`<li class="card">
            <h3>${item.position}. ${item.title}</h3>
            <p class="muted">
              ${[partyLabel(item.party), item.minutes ? t('meetings.durationMinutes', { minutes: item.minutes }) : ''].filter(Boolean).join(' · ')}
            </p>
            ${item.notes ? html`<p>${item.notes}</p>` : nothing}
            ${item.links.length > 0 ? html`<yishi-agenda-links .links=${item.links} label=${item.title}></yishi-agenda-links>` : nothing}
            ${
              outcomes
                ? html`<p>
                    ${t('meeting.outcomeLead')}
                    ${
                      item.outcome === 'members_resolved'
                        ? this.decisionLine(item)
                        : item.outcome
                          ? html`<span class="outcome">${this.outcomeLabel(item)}</span>`
                          : html`<span class="muted">${t('meeting.noOutcome')}</span>`
                    }
                    ${item.outcome === 'agreed' ? this.agreementLine(item) : nothing} ${item.outcomeNote ? html`<br />${item.outcomeNote}` : nothing}
                    ${item.actionItemId ? html`<br /><a href=${`/action-items/${item.actionItemId}`}>${t('meeting.actionItemLink')}</a>` : nothing}
                  </p>`
                : nothing
            }
            <div class="actions">
              ${canRecord && this.editing !== item.id ? html`<button class="button" @click=${() => this.edit(item)}>${t('meeting.recordOutcome')}</button>` : nothing}
              ${
                view.permissions.record && view.meeting.status === 'in_session'
                  ? view.meeting.hall.agendaItemId === item.id
                    ? html`<span class="muted">${t('meeting.onHall')}</span>`
                    : html`<button class="button" ?disabled=${this.write.busy} aria-busy=${this.write.busy} @click=${() => this.showOnHall(item)}>
                        ${t('meeting.showOnHall')}
                      </button>`
                  : nothing
              }
            </div>
            ${this.editing === item.id ? this.renderForm(item) : nothing}
          </li>`,
      )}
    </ol>`;
  }

  /** The members present to tick, with the rule: more than half of ALL the members, in person only. */
  private renderMembers(d: Draft) {
    const q = this.view.memberQuorum;
    const present = this.view.attendance.filter((a) => a.signedInAt !== null);
    const error = this.write.fieldErrors.agreedMembers;
    return html`<fieldset class="parties">
      <legend>${t('committee.whoAgreed')}</legend>
      ${q ? html`<p class="muted">${t('committee.ruleAll', { members: q.members, needed: q.needed })}</p>` : nothing}
      ${present.map((a) => this.tick(a.name, d.members, a.id, (members) => (this.draft = { ...d, members })))}
      ${error ? html`<p class="field-error" role="alert">${error}</p>` : nothing}
    </fieldset>`;
  }

  /** A choice ticked into one of the draft's sets (the parties or the members who agreed). */
  private tick<T>(label: string, chosen: ReadonlySet<T>, value: T, put: (next: ReadonlySet<T>) => void, disabled = false) {
    const change = (e: Event) => {
      const next = new Set(chosen);
      if ((e.target as HTMLInputElement).checked) next.add(value);
      else next.delete(value);
      put(next);
    };
    return html`<label class="check"><input type="checkbox" .checked=${chosen.has(value)} ?disabled=${disabled} @change=${change} />${label}</label>`;
  }

  /** The parties to tick as agreeing: those nobody signed in for are off, marked 未出席, with why. */
  private renderParties(d: Draft) {
    const present = this.presentParties();
    const error = this.write.fieldErrors.agreedParties;
    return html`<fieldset class="parties">
      <legend>${t('meeting.agreedParties')}</legend>
      ${PARTIES.map((p) =>
        present.has(p)
          ? this.tick(partyLabel(p), d.parties, p, (parties) => (this.draft = { ...d, parties }))
          : this.tick(t('meeting.partyAbsent', { party: partyLabel(p) }), d.parties, p, () => undefined, true),
      )}
      ${present.size < PARTIES.length ? html`<p class="muted" role="note">${t('meeting.absentCannotAgree')}</p>` : nothing}
      ${error ? html`<p class="field-error" role="alert">${error}</p>` : nothing}
    </fieldset>`;
  }

  private renderForm(item: AgendaItemView) {
    const d = this.draft;
    const errors = this.write.fieldErrors;
    const kinds = meetingKind(this.view.meeting.kind).outcomeKinds;
    return html`<form class="fields" @submit=${(e: Event) => (e.preventDefault(), this.submit(item))} novalidate>
      <fieldset class="parties">
        <legend>${t('meeting.outcome')}</legend>
        ${kinds.map(
          (k) =>
            html`<label class="check"
              ><input
                type="radio"
                name="outcome"
                value=${k}
                .checked=${d.outcome === k}
                ?disabled=${item.actionItemId !== null && k !== 'action_items'}
                @change=${() => (this.draft = { ...d, outcome: k })}
              />${pick(OUTCOME_LABELS[k])}</label
            >`,
        )}
        ${errors.outcome ? html`<p class="field-error" role="alert">${errors.outcome}</p>` : nothing}
        ${
          // Listed, it stays on the ledger: said before it is saved, and after (why the other choices are off).
          item.actionItemId
            ? html`<p class="muted" role="note">${t('meeting.outcomeListed')}</p>`
            : d.outcome === 'action_items'
              ? html`<p class="warning" role="note">${t('meeting.outcomeWillList')}</p>`
              : nothing
        }
      </fieldset>
      ${d.outcome === 'members_resolved' ? this.renderMembers(d) : nothing} ${d.outcome === 'agreed' ? this.renderParties(d) : nothing}
      ${
        d.outcome === 'action_items' && !item.actionItemId
          ? nativeField(
              'outcome-unit',
              t('meeting.responsibleUnit'),
              html`<input
                class="input"
                id="outcome-unit"
                name="responsibleUnit"
                maxlength="60"
                .value=${d.unit}
                ${fieldProblem('outcome-unit', errors.responsibleUnit)}
                @input=${(e: Event) => {
                  this.draft = { ...d, unit: (e.target as HTMLInputElement).value };
                  this.write.clearField('responsibleUnit');
                }}
              />`,
              errors.responsibleUnit,
            )
          : nothing
      }
      ${nativeField(
        'outcome-note',
        d.outcome === 'action_items' && !item.actionItemId ? t('meeting.outcomeNoteListed') : t('meeting.outcomeNote'),
        html`<textarea
          class="input"
          id="outcome-note"
          name="note"
          rows="3"
          maxlength="2000"
          .value=${d.note}
          ${fieldProblem('outcome-note', errors.note)}
          @input=${(e: Event) => {
            this.draft = { ...d, note: (e.target as HTMLTextAreaElement).value };
            this.write.clearField('note');
          }}
        ></textarea>`,
        errors.note,
      )}
      <div class="actions">
        <button class="button primary" type="submit" ?disabled=${this.write.busy} aria-busy=${this.write.busy}>${t('questions.save')}</button>
        <button class="button" type="button" @click=${() => ((this.editing = null), this.write.clear())}>${t('questions.cancel')}</button>
      </div>
      ${renderListingConfirm(
        this.confirmingList === item.id ? { title: item.title, description: d.note.trim() || item.notes || item.title, unit: d.unit.trim() } : null,
        this.write.busy,
        () => (this.confirmingList = null),
        () => void this.confirmListing(item),
      )}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-agenda-outcomes': AgendaOutcomes;
  }
}
