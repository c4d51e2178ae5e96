/**
 * A resident reports a concern online (码上反映), reached from the board's QR code or link, with
 * up to four photos, and sees the concerns they reported with progress, deadline and sign-off
 * number — and rates them there. Photos are made small on the phone (shrink-photo.ts) and sent one
 * by one as they are chosen, so a file that is not a photo is refused at once, beside the photo
 * field; the server strips their metadata. The urgency options say what each promises, and the
 * confirmation says the same deadline the item got. Staff words are explained in plain sentences.
 *
 * Offline (issue 19) the page still opens; what the resident types is kept on this device as a draft (restored when
 * the page opens again, dropped once sent), and the page says that sending needs the network: a report is never
 * queued to go later by itself. The photos need the network too (each is sent as it is chosen).
 *
 * Its fields, select, checkbox and buttons are native: a resident reports from a phone, and the page
 * loads no Shoelace.
 */
import {
  ACTION_ITEM_VIEWERS,
  CONCERN_PHOTO_MAX_COUNT,
  CONCERN_ROLES,
  RESPONSE_LEVELS,
  RESPONSE_LEVEL_LABELS,
  actionItemEndpoints,
  type ConcernView,
} from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import type { FieldErrors } from '../../api/field-errors.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderEmpty, renderLoad } from '../../components/common/load-state.js';
import { renderStaleNote, staleNoteStyles } from '../../components/common/stale-note.js';
import {
  badgeStyles,
  dueText,
  labelled,
  missingFields,
  overdueBadge,
  statusBadge,
  statusExplained,
  triageBadge,
} from '../../components/action-items/action-item-badges.js';
import '../../components/action-items/photo-picker.js';
import { renderMore } from '../../components/common/load-more.js';
import { PagedController } from '../../controllers/paged-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { formatDate, formatDateTime } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { pageOrKept } from '../../offline/kept-answer.js';
import { OnlineController } from '../../offline/online-controller.js';
import { currentMe, holdsRoleAt } from '../../state/session.js';
import { choiceField } from '../../components/forms/choice-field.js';
import { fieldProblem, nativeField } from '../../components/forms/native-field.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';

type Field = 'title' | 'description' | 'location' | 'urgency' | 'photoIds';
/** The typed fields kept as a draft on this device. */
const DRAFT_FIELDS = ['title', 'description', 'location'] as const;
type Draft = Partial<Record<(typeof DRAFT_FIELDS)[number], string>>;
const DRAFT_SAVE_MS = 400;
const offlineCopies = () => import('../../offline/snapshots.js');

@customElement('yishi-concern-page')
export class ConcernPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    badgeStyles,
    staleNoteStyles,
    css`
      ul.mine {
        list-style: none;
        padding: 0 1rem;
        margin: 0;
      }
      ul.mine li {
        padding: 0.75rem 0;
        border-top: 1px solid var(--yishi-border);
      }
      ul.mine li:first-child {
        border-top: 0;
      }
      ul.mine a {
        display: inline-flex;
        align-items: center;
        min-height: var(--yishi-tap);
        font-weight: 600;
      }
      .explained {
        margin: 0.25rem 0 0;
        color: var(--yishi-muted);
      }
      .hint {
        color: var(--yishi-muted);
        margin: 0.25rem 0 0;
      }
      form.fields > .button {
        justify-self: start;
      }
      textarea.input {
        min-height: 7rem;
      }
      .offline-draft {
        margin: 0;
        padding: 0.5rem 0.75rem;
        border-left: 4px solid var(--sl-color-warning-600, #d97706);
        background: var(--sl-color-warning-50, #fffbeb);
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) params: Record<string, string> = {};
  /** The concern just reported (its deadline said in words above the form). */
  @state() private submitted: ConcernView | null = null;
  @state() private errors: FieldErrors<Field> = {};
  /** How many photos are chosen, and whether some are still being sent (told by the photo picker). */
  @state() private photoCount = 0;
  @state() private photosBusy = false;
  @state() private photoError: string | null = null;
  /** Offline, the form says sending needs the network (the draft is kept either way). */
  private readonly connection = new OnlineController(this);
  private draftTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly write = new WriteController<Field>(this);
  /** When the list of my concerns shown was saved on this device; null when it is the server's answer. */
  @state() private mineSavedAt: Date | null = null;
  private readonly mine = new PagedController<ConcernView>(
    this,
    (after, signal) => this.myConcerns(after, signal),
    () => [this.compoundId],
  );

  /**
   * Whether I may report here: the page is the residents' (owners and tenants of this compound). Anyone else
   * (staff who opened it from an address) is told so and led to the action items, rather than shown a form
   * the server refuses and a list it forbids.
   */
  private get mayReport(): boolean {
    return holdsRoleAt(this.compoundId, CONCERN_ROLES);
  }

  /** My concerns; the first page is kept on this device, so offline the page shows them as last seen. */
  private async myConcerns(after: string | undefined, signal: AbortSignal) {
    if (!this.mayReport) return { items: [], next: null };
    const fetch = () => api.call(actionItemEndpoints.myConcerns, { params: { compoundId: this.compoundId }, query: { after }, signal });
    const { value, savedAt } = await pageOrKept(`concerns/${this.compoundId}`, after, fetch);
    if (after === undefined) this.mineSavedAt = savedAt;
    return value;
  }

  private get compoundId(): string {
    return this.params.compoundId ?? '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.draftTimer);
  }

  protected override async firstUpdated(): Promise<void> {
    const userId = currentMe()?.userId;
    if (!userId) return;
    const kept = await offlineCopies()
      .then((copies) => copies.readSnapshot<Draft>(userId, this.draftKey))
      .catch(() => undefined);
    if (!kept) return;
    for (const name of DRAFT_FIELDS) {
      const control = this.control(name);
      // Never over what was typed meanwhile.
      if (control && kept.value[name] && !control.value) control.value = kept.value[name];
    }
  }

  private get draftKey(): string {
    return `concern-draft/${this.compoundId}`;
  }

  /** A field edited: kept as a draft, and its problem, if it had one, forgotten (the others' stay until the next try). */
  private edited(event: Event): void {
    this.keepDraft();
    const name = (event.target as HTMLInputElement).name as Field;
    if (this.errors[name]) this.errors = { ...this.errors, [name]: undefined };
  }

  /** Keeps what is typed on this device (a moment after the last key), so a lost signal loses nothing. */
  private keepDraft(): void {
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => {
      const userId = currentMe()?.userId;
      if (!userId) return;
      const draft: Draft = Object.fromEntries(DRAFT_FIELDS.map((name) => [name, String(this.control(name)?.value ?? '')]));
      void offlineCopies()
        .then((copies) => copies.saveSnapshot(userId, this.draftKey, draft))
        .catch(() => undefined);
    }, DRAFT_SAVE_MS);
  }

  private dropDraft(): void {
    clearTimeout(this.draftTimer);
    const userId = currentMe()?.userId;
    if (!userId) return;
    void offlineCopies()
      .then((copies) => copies.dropSnapshot(userId, this.draftKey))
      .catch(() => undefined);
  }

  override render() {
    const e = this.errors;
    if (!this.mayReport)
      return html`<h1>${t('concern.heading')}</h1>
        <div class="alert"><p>${t('concern.residentsOnly')}</p></div>
        ${
          holdsRoleAt(this.compoundId, ACTION_ITEM_VIEWERS)
            ? html`<p><a class="link-button" href=${`/compounds/${this.compoundId}/action-items`}>${t('concern.toActionItems')}</a></p>`
            : nothing
        }`;
    return html`<h1>${t('concern.heading')}</h1>
      <p class="lead">${t('concern.intro')}</p>
      ${this.write.error ? html`<div class="alert danger"><p role="alert">${this.write.error}</p></div>` : nothing}
      ${this.submitted && !this.write.error ? html`<div class="alert success"><p role="status">${this.confirmation(this.submitted)}</p></div>` : nothing}
      <form class="card fields" @submit=${(ev: Event) => void this.submit(ev)} @input=${(ev: Event) => this.edited(ev)} novalidate>
        <fieldset class="sending" ?disabled=${this.write.busy}>
          ${nativeField(
            'title',
            t('concern.title'),
            html`<input class="input" id="title" name="title" maxlength="120" ${fieldProblem('title', e.title)} />`,
            e.title,
          )}
          ${nativeField(
            'description',
            t('concern.description'),
            html`<textarea
              class="input"
              id="description"
              name="description"
              rows="4"
              maxlength="4000"
              ${fieldProblem('description', e.description)}
            ></textarea>`,
            e.description,
          )}
          ${nativeField(
            'location',
            t('concern.location'),
            html`<input class="input" id="location" name="location" maxlength="120" ${fieldProblem('location', e.location)} />`,
            e.location,
          )}
          ${choiceField({
            name: 'urgency',
            legend: t('concern.urgency'),
            choices: [{ value: 'none', label: t('concern.notUrgent') }, ...RESPONSE_LEVELS.map((l) => ({ value: l, label: pick(RESPONSE_LEVEL_LABELS[l]) }))],
            initial: 'none',
            error: e.urgency,
            hint: t('concern.urgencyHelp'),
          })}
          ${this.renderPhotos()} ${this.connection.online ? nothing : html`<p class="offline-draft" role="status">${t('concern.offline')}</p>`}
          <button
            type="submit"
            class="button primary"
            ?disabled=${this.write.busy || this.photosBusy || !this.connection.online}
            aria-busy=${this.write.busy ? 'true' : 'false'}
          >
            ${t('concern.submit')}
          </button>
        </fieldset>
      </form>
      <h2>${t('concern.mine')}</h2>
      ${renderStaleNote(this.mineSavedAt && { savedAt: this.mineSavedAt })}
      ${renderLoad(this.mine, () =>
        this.mine.items.length === 0
          ? renderEmpty(t('concern.noneYet'))
          : html`<ul class="mine card">
              ${this.mine.items.map(
                (i) =>
                  html`<li class=${i.overdue ? 'is-overdue' : ''}>
                    <a href=${`/action-items/${i.id}`}>${i.title}</a><br />
                    ${triageBadge(i.triage)} ${statusBadge(i.status)} ${overdueBadge(i.overdue)} ${labelled(t('ai.colDue'), dueText(i))}
                    ${i.signOffNumber ? html` · <span class="number">${i.signOffNumber}</span>` : nothing}
                    ${i.photos.length > 0 ? html` · ${t('concern.photoCount', { count: i.photos.length })}` : nothing}
                    <p class="explained">${statusExplained(i.status)}</p>
                  </li>`,
              )}
            </ul>`,
      )}
      ${renderMore(this.mine)}`;
  }

  private renderPhotos() {
    return html`<yishi-photo-picker
      legend=${t('concern.photos', { max: CONCERN_PHOTO_MAX_COUNT })}
      help=${t('concern.photosHelp')}
      max=${CONCERN_PHOTO_MAX_COUNT}
      limitMessage=${t('concern.photoLimit', { max: CONCERN_PHOTO_MAX_COUNT })}
      .upload=${(file: Blob) =>
        api.upload(actionItemEndpoints.uploadConcernPhoto, { params: { compoundId: this.compoundId }, file, contentType: 'image/jpeg' })}
      .error=${this.photoError}
      @yishi-photos-change=${(ev: CustomEvent<{ count: number; busy: boolean }>) => {
        this.photoCount = ev.detail.count;
        this.photosBusy = ev.detail.busy;
      }}
    >
      ${
        this.photoCount > 0
          ? html`<label class="check"><input type="checkbox" name="photosPublic" />${t('concern.photosPublic')}</label>
              <p class="hint">${t('concern.photosPublicHelp')}</p>`
          : nothing
      }
    </yishi-photo-picker>`;
  }

  /** What the resident was promised, in the same terms as the deadline the item got. */
  private confirmation(concern: ConcernView): string {
    const r = concern.response;
    if (!r?.onSiteBy || !r.resolveBy) return t('concern.submittedCalm', { days: concern.deadlineWorkdays, date: formatDate(concern.dueDate) });
    const times = { onSite: formatDateTime(r.onSiteBy), resolve: formatDateTime(r.resolveBy), date: formatDate(concern.dueDate) };
    return r.resolveKind === 'plan' ? t('concern.submittedPlan', times) : t('concern.submittedUrgent', times);
  }

  private get picker() {
    return this.renderRoot.querySelector('yishi-photo-picker');
  }

  private control(name: string): (HTMLElement & { value?: unknown; checked?: boolean }) | null {
    return this.renderRoot.querySelector<HTMLElement & { value?: unknown; checked?: boolean }>(`[name="${name}"]`);
  }

  private value(name: string): string {
    return String(this.control(name)?.value ?? '').trim();
  }

  /** The chosen radio's value among those named `name`. */
  private chosen(name: string): string | undefined {
    return this.renderRoot.querySelector<HTMLInputElement>(`input[type="radio"][name="${name}"]:checked`)?.value;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    // Taken now: once the event has been dispatched, its target (in a shadow root) is cleared.
    const form = event.target as HTMLFormElement;
    this.submitted = null;
    const values = { title: this.value('title'), description: this.value('description') };
    this.errors = missingFields(values, ['title', 'description']);
    if (Object.keys(this.errors).length > 0) return;
    const created = await this.write.run(
      () =>
        api.call(actionItemEndpoints.reportConcern, {
          params: { compoundId: this.compoundId },
          body: {
            ...values,
            location: this.value('location'),
            urgency: RESPONSE_LEVELS.find((l) => l === this.chosen('urgency')) ?? null,
            photoIds: this.picker?.ids ?? [],
            photosPublic: this.control('photosPublic')?.checked === true,
          },
        }),
      { fields: ['title', 'description', 'location', 'urgency', 'photoIds'], errorAs: 'inline' },
    );
    this.errors = this.write.fieldErrors;
    if (this.errors.photoIds) this.photoError = this.errors.photoIds;
    if (!created) return;
    this.submitted = created;
    this.dropDraft();
    form.reset();
    for (const name of ['title', 'description', 'location']) {
      const control = this.control(name);
      if (control) control.value = '';
    }
    this.picker?.clear();
    this.photoError = null;
    await this.mine.reload({ quiet: true });
  }
}
