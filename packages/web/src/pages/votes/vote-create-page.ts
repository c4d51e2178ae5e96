/**
 * Staff create a vote: the question, the kind, the options, who votes (the compound or one
 * building), the rule (for art. 278 the matter 1–9; the thresholds follow from it) and the closing
 * time. `?proposalId=` starts it from a qualified proposal, `?agendaItemId=` from a meeting's agenda
 * item (the meetings pages can link here). The server's words about a field are shown under it.
 */
import {
  ART278_MATTERS,
  ART278_MATTER_LABELS,
  COMPARISONS,
  VOTE_KINDS,
  compoundEndpoints,
  formatBuildingName,
  isSingleChoice,
  VOTE_PERIOD_DEFAULTS,
  proposalEndpoints,
  voteEndpoints,
  voteTimelineEndpoints,
  type BodyInput,
  type Fraction,
  type VoteKind,
  type VoteRule,
} from '@yishi/core';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { navigate } from '../../app/router.js';
import { focusFirstProblem } from '../../components/accounts/account-form.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { choiceField } from '../../components/forms/choice-field.js';
import { fieldProblem, nativeField } from '../../components/forms/native-field.js';
import { inputField, textareaField } from '../../components/forms/form-field.js';
import { WriteController } from '../../controllers/write-controller.js';
import { pick, t } from '../../i18n.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { beijingLocalValue, dropVoteDraft, outsideQuietHours, readVoteDraft, saveVoteDraft } from './vote-create-defaults.js';

type RuleKind = VoteRule['kind'];
const RULE_KINDS = ['art278', 'simple_majority', 'custom'] as const satisfies readonly RuleKind[];
/** Up to this many choices drawn as radio rows, more in a select. */
const FEW_CHOICES = 4;
const BASES = ['area_and_heads', 'ballots'] as const satisfies ReadonlyArray<Extract<VoteRule, { kind: 'custom' }>['basis']>;
type Field = 'title' | 'description' | 'kind' | 'options' | 'maxChoices' | 'buildingId' | 'rule' | 'closesAt' | 'sourceId';
const FIELDS: readonly Field[] = ['title', 'description', 'kind', 'options', 'maxChoices', 'buildingId', 'rule', 'closesAt', 'sourceId'];
/** Refusals about one field, said under it. */
const FIELD_OF_CODE: Partial<Record<string, Field>> = {
  vote_close_before_open: 'closesAt',
  vote_building_mismatch: 'buildingId',
  vote_source_not_found: 'sourceId',
};

/** The option of a select that is one of `values`, or the first of them. */
function oneOf<T extends string>(values: readonly T[], value: string): T {
  return values.find((v) => v === value) ?? values[0]!;
}

/** What the selects hold (kept here: a select made anew after a language switch starts from it). */
interface Picked {
  kind: string;
  scope: string;
  rule: string;
  matter: string;
  basis: string;
  comparison: string;
}

@customElement('yishi-vote-create-page')
export class VoteCreatePage extends YishiElement {
  static override styles = [YishiElement.styles, buttonStyles, nativeFieldStyles];
  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private picked: Picked = { kind: 'yes_no', scope: 'compound', rule: 'art278', matter: '9', basis: 'area_and_heads', comparison: 'more_than' };
  @state() private buildings: Array<{ id: string; name: string }> = [];
  @state() private proposal: { id: string; title: string } | null = null;
  /** Owners on the compound's roll (the overview's count), named when asked to confirm an opening. */
  @state() private owners: number | null = null;
  /** Units per building, named instead when only one building votes. */
  private unitCounts = new Map<string, number>();
  /** Opening now texts every owner: asked first, in words, with how many (the form stays as typed). */
  @state() private askOpen = false;
  /** The compound's notice period: an art. 278 vote opens no sooner after its notice. */
  @state() private noticeDays = VOTE_PERIOD_DEFAULTS.noticeDays;
  private readonly agendaItemId = new URLSearchParams(location.search).get('agendaItemId');
  private readonly write = new WriteController<Field>(this);

  private get kind(): VoteKind {
    return oneOf(VOTE_KINDS, this.picked.kind);
  }
  private get ruleKind(): RuleKind {
    return oneOf(RULE_KINDS, this.picked.rule);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const compoundId = this.params.compoundId ?? '';
    // What the form offers: the compound's buildings, and the proposal it starts from. Reads, not writes:
    // a failure only leaves the choice out (the server checks what is sent anyway).
    void api.call(compoundEndpoints.overview, { params: { compoundId } }).then(
      (o) => {
        this.buildings = o.buildings;
        this.owners = o.stats.owners;
        this.unitCounts = new Map(o.buildings.map((b) => [b.id, b.unitCount]));
      },
      () => undefined,
    );
    void api.call(voteTimelineEndpoints.settings, { params: { compoundId } }).then(
      (s) => (this.noticeDays = s.periods.noticeDays),
      () => undefined,
    );
    const proposalId = new URLSearchParams(location.search).get('proposalId');
    if (proposalId) {
      void api.call(proposalEndpoints.get, { params: { proposalId } }).then(
        (p) => (this.proposal = p.proposal),
        () => undefined,
      );
    }
  }

  /** The question typed before leaving the form (Back), put back. */
  override firstUpdated(): void {
    const draft = readVoteDraft(this.params.compoundId ?? '');
    if (!draft) return;
    for (const name of ['title', 'description'] as const) {
      const control = this.renderRoot.querySelector<HTMLInputElement | HTMLTextAreaElement>(`form [name="${name}"]`);
      if (control && draft[name]) control.value = draft[name];
    }
  }

  /** The question asked: the focus goes to its answer, read first by a screen reader. */
  override updated(changed: Map<string, unknown>): void {
    if (changed.has('askOpen') && this.askOpen) this.renderRoot.querySelector<HTMLButtonElement>('[role="alertdialog"] button')?.focus();
  }

  override render() {
    // An art. 278 vote opens after its notice period (announced today, say): proposed opening (out of quiet hours, when
    // its SMS would wait until morning) and a week of voting after it.
    const statutory = this.ruleKind === 'art278';
    const opening = outsideQuietHours(new Date(Date.now() + this.noticeDays * 86_400_000 + 3_600_000));
    const opensOn = beijingLocalValue(opening);
    const inAWeek = beijingLocalValue(new Date((statutory ? opening.getTime() : Date.now()) + 7 * 86_400_000));
    const e = this.write.fieldErrors;
    return html`<h1>${t('votes.create')}</h1>
      ${this.proposal ? html`<p class="lead">${t('votes.form.source', { title: this.proposal.title })}</p>` : nothing}
      <form class="fields" @submit=${this.submit} @input=${this.edited} novalidate>
        ${this.input('title', t('votes.form.title'), { maxlength: 120, value: this.proposal?.title ?? '', error: e.title })}
        ${this.textarea('description', t('votes.form.description'), { rows: 3, error: e.description })}
        ${this.select(
          'kind',
          t('votes.form.kind'),
          VOTE_KINDS.map((k) => [k, t(`votes.kind.${k}`)]),
        )}
        ${
          this.kind === 'yes_no'
            ? nothing
            : html`${this.textarea('options', t('votes.form.options'), { rows: 4, error: e.options })}
              ${isSingleChoice(this.kind) ? nothing : this.input('maxChoices', t('votes.form.maxChoices'), { type: 'number', min: 1, max: 50, value: '1', error: e.maxChoices })}`
        }
        ${this.select(
          'scope',
          t('votes.form.scope'),
          [['compound', t('votes.form.wholeCompound')], ...this.buildings.map((b) => [b.id, t('votes.form.buildingOnly', { name: b.name })] as const)],
          e.buildingId,
        )}
        ${this.select(
          'rule',
          t('votes.form.rule'),
          RULE_KINDS.map((k) => [k, t(`votes.rule.${k}`)]),
          e.rule,
        )}
        ${this.ruleKind === 'custom' ? this.renderCustomRule() : nothing}
        ${
          this.ruleKind === 'art278'
            ? this.select(
                'matter',
                t('votes.form.matter'),
                ART278_MATTERS.map((m) => [String(m), `${m}. ${pick(ART278_MATTER_LABELS[m])}`]),
              )
            : nothing
        }
        ${
          statutory
            ? html`<div class="alert"><p>${t('timeline.createHint', { days: this.noticeDays, time: opensOn.replace('T', ' ') })}</p></div>
                ${this.input('opensAt', t('timeline.opensAt'), { type: 'datetime-local', value: opensOn })}`
            : nothing
        }
        ${this.input('closesAt', t('votes.form.closesAt'), { type: 'datetime-local', value: inAWeek, error: e.closesAt })}
        <label class="check"><input type="checkbox" name="secret" checked />${t('votes.form.secret')}</label>
        ${statutory ? nothing : html`<label class="check"><input type="checkbox" name="openNow" checked />${t('votes.form.opensNow')}</label>`}
        ${this.write.error || e.sourceId ? html`<div class="alert danger form-error"><p role="alert">${this.write.error ?? e.sourceId}</p></div>` : nothing}
        ${this.askOpen ? this.renderAskOpen() : html`<div><button type="submit" class="button primary">${t('votes.form.submit')}</button></div>`}
      </form>`;
  }

  /** The confirmation of an opening: what it does and whom it reaches, as the compound's roll tells. */
  private renderAskOpen() {
    const unitCount = this.picked.scope === 'compound' ? undefined : this.unitCounts.get(this.picked.scope);
    const name = this.buildings.find((b) => b.id === this.picked.scope)?.name;
    const building = name === undefined ? undefined : formatBuildingName(name);
    const question =
      building && unitCount !== undefined
        ? t('votes.form.confirmOpenBuilding', { building, count: unitCount })
        : this.owners !== null
          ? t('votes.form.confirmOpen', { count: this.owners })
          : t('votes.form.confirmOpenAll');
    return html`<div class="card" role="alertdialog" aria-labelledby="ask-open">
      <p id="ask-open"><strong>${question}</strong></p>
      <div class="actions">
        <button type="submit" class="button primary" ?disabled=${this.write.busy} aria-busy=${this.write.busy ? 'true' : 'false'}>
          ${t('votes.form.confirmOpenYes')}
        </button>
        <button type="button" class="button" @click=${() => (this.askOpen = false)}>${t('votes.form.confirmOpenNo')}</button>
      </div>
    </div>`;
  }

  private renderCustomRule() {
    return html`${this.select('basis', t('votes.form.basis'), [
      ['area_and_heads', t('votes.form.basisAreaHeads')],
      ['ballots', t('votes.form.basisBallots')],
    ])}
    ${this.input('participation', t('votes.form.participation'), { placeholder: '2/3' })} ${this.input('approval', t('votes.form.approval'), { value: '1/2' })}
    ${this.select('comparison', t('votes.form.comparison'), [
      ['more_than', t('votes.form.moreThan')],
      ['at_least', t('votes.form.atLeast')],
    ])}`;
  }

  /**
   * A choice of the form, kept in `picked` so that a redraw (a language switch) keeps it: radio rows
   * when there are a few, every choice read whole (elder mode, a phone); a select for many (the
   * matters of art. 278, a compound's buildings).
   */
  private select(name: keyof Picked, label: string, options: ReadonlyArray<readonly [string, string]>, error?: string) {
    const choose = (value: string) => (this.picked = { ...this.picked, [name]: value });
    if (options.length <= FEW_CHOICES)
      return choiceField({
        name,
        legend: label,
        choices: options.map(([value, words]) => ({ value, label: words })),
        initial: this.picked[name],
        error,
        onChange: choose,
      });
    return nativeField(
      name,
      label,
      html`<select class="input" id=${name} name=${name} @change=${(ev: Event) => choose((ev.target as HTMLSelectElement).value)} ${fieldProblem(name, error)}>
        ${options.map(([value, words]) => html`<option value=${value} .selected=${value === this.picked[name]}>${words}</option>`)}
      </select>`,
      error,
    );
  }

  /** A one-line field; its first value from `value`, then the reader's. */
  private input(
    name: string,
    label: string,
    o: { type?: 'number' | 'datetime-local'; value?: string; maxlength?: number; min?: number; max?: number; placeholder?: string; error?: string } = {},
  ) {
    return inputField({ name, label, ...o });
  }

  private textarea(name: 'description' | 'options', label: string, o: { rows: number; error?: string }) {
    return textareaField({ name, label, rows: o.rows, maxlength: 4000, error: o.error });
  }

  /** A field edited: its problem, if it had one, goes (the others' stay until the next try). */
  private edited(event: Event): void {
    const name = (event.target as HTMLInputElement).name;
    if (name === 'title' || name === 'description')
      saveVoteDraft(this.params.compoundId ?? '', { title: this.value('title'), description: this.value('description') });
    // The form changed after the question was asked: asked again at the next try.
    this.askOpen = false;
    const field = FIELDS.find((f) => f === (name === 'scope' ? 'buildingId' : name));
    if (field) this.write.clearField(field);
  }

  private value(name: string): string {
    return this.renderRoot.querySelector<HTMLInputElement>(`form [name="${name}"]`)?.value ?? '';
  }
  private checked(name: string): boolean {
    return this.renderRoot.querySelector<HTMLInputElement>(`form [name="${name}"]`)?.checked ?? false;
  }

  private fraction(text: string): Fraction | null {
    const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
    return match ? { num: Number(match[1]), den: Number(match[2]) } : null;
  }

  private rule(): BodyInput<typeof voteEndpoints.create>['rule'] {
    if (this.ruleKind === 'art278') {
      const matter = Number(this.picked.matter);
      return { kind: 'art278', matter: ART278_MATTERS.find((m) => m === matter) ?? 9 };
    }
    if (this.ruleKind === 'simple_majority') return { kind: 'simple_majority' };
    return {
      kind: 'custom',
      basis: oneOf(BASES, this.picked.basis),
      participation: this.fraction(this.value('participation')),
      approval: this.fraction(this.value('approval')) ?? { num: 1, den: 2 },
      approvalComparison: oneOf(COMPARISONS, this.picked.comparison),
    };
  }

  /** The proposed or chosen opening of an art. 278 vote (Beijing wall-clock time), or none when unreadable. */
  private opensAt(): string | null {
    const opensAt = new Date(`${this.value('opensAt')}:00+08:00`);
    return Number.isNaN(opensAt.getTime()) ? null : opensAt.toISOString();
  }

  private async submit(event: Event) {
    event.preventDefault();
    const compoundId = this.params.compoundId ?? '';
    const opensNow = this.ruleKind !== 'art278' && this.checked('openNow');
    if (opensNow && !this.askOpen) {
      this.askOpen = true;
      return;
    }
    // datetime-local is Beijing wall-clock time.
    const closesAt = new Date(`${this.value('closesAt')}:00+08:00`);
    const scope = this.picked.scope;
    const source = this.proposal
      ? { sourceKind: 'proposal' as const, sourceId: this.proposal.id }
      : this.agendaItemId
        ? { sourceKind: 'agenda_item' as const, sourceId: this.agendaItemId }
        : {};
    const body: BodyInput<typeof voteEndpoints.create> = {
      title: this.value('title'),
      description: this.value('description'),
      kind: this.kind,
      options:
        this.kind === 'yes_no'
          ? []
          : this.value('options')
              .split('\n')
              .map((s) => s.trim())
              .filter(Boolean),
      maxChoices: Number(this.value('maxChoices') || 1),
      buildingId: scope === 'compound' ? null : scope,
      rule: this.rule(),
      secret: this.checked('secret'),
      opensAt: this.ruleKind === 'art278' ? this.opensAt() : opensNow ? new Date().toISOString() : null,
      // An empty or unreadable time goes as sent, for the server to name the field.
      closesAt: Number.isNaN(closesAt.getTime()) ? this.value('closesAt') : closesAt.toISOString(),
      ...source,
    };
    const created = await this.write.run(() => api.call(voteEndpoints.create, { params: { compoundId }, body }), {
      fields: FIELDS,
      fieldOfCode: FIELD_OF_CODE,
      errorAs: 'inline',
    });
    this.askOpen = false;
    if (!created) focusFirstProblem(this, this.write, FIELDS);
    // To the new vote, unless the visitor has left this page while it was being created.
    else {
      dropVoteDraft(compoundId);
      if (this.isConnected) navigate(`/votes/${created.id}/manage`);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-vote-create-page': VoteCreatePage;
  }
}
