/**
 * Staff create a vote: the question, the kind, the options, who votes (the compound or one
 * building), the rule (for art. 278 the matter 1–9; the thresholds follow from it) and the closing
 * time. `?proposalId=` starts it from a qualified proposal, `?agendaItemId=` from a meeting's agenda
 * item (the meetings pages can link here). The server's words about a field are shown under it.
 */
import '@shoelace-style/shoelace/dist/components/input/input.js';
import { optionLabel } from '../../components/forms/option-label.js';
import '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import '@shoelace-style/shoelace/dist/components/checkbox/checkbox.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import {
  ART278_MATTERS,
  ART278_MATTER_LABELS,
  COMPARISONS,
  VOTE_KINDS,
  compoundEndpoints,
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
import { YishiElement } from '../../components/base/yishi-element.js';
import { WriteController } from '../../controllers/write-controller.js';
import { pick, t } from '../../i18n.js';
import { formStyles } from '../../styles/form-styles.js';

type RuleKind = VoteRule['kind'];
const RULE_KINDS = ['art278', 'simple_majority', 'custom'] as const satisfies readonly RuleKind[];
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
  static override styles = [YishiElement.styles, formStyles];
  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private picked: Picked = { kind: 'yes_no', scope: 'compound', rule: 'art278', matter: '9', basis: 'area_and_heads', comparison: 'more_than' };
  @state() private buildings: Array<{ id: string; name: string }> = [];
  @state() private proposal: { id: string; title: string } | null = null;
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
      (o) => (this.buildings = o.buildings),
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

  override render() {
    // An art. 278 vote opens after its notice period (announced today, say): proposed opening and a week of voting after it.
    const statutory = this.ruleKind === 'art278';
    const opensOn = new Date(Date.now() + (this.noticeDays * 86_400_000 + 3_600_000) + 8 * 3_600_000).toISOString().slice(0, 16);
    const inAWeek = new Date(Date.now() + ((statutory ? this.noticeDays : 0) + 7) * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16);
    const e = this.write.fieldErrors;
    return html`<h1>${t('votes.create')}</h1>
      ${this.proposal ? html`<p class="lead">${t('votes.form.source', { title: this.proposal.title })}</p>` : nothing}
      <form class="fields" @submit=${this.submit} novalidate>
        <sl-input
          name="title"
          label=${t('votes.form.title')}
          required
          maxlength="120"
          value=${this.proposal?.title ?? ''}
          class=${e.title ? 'invalid' : ''}
          help-text=${e.title ?? ''}
        ></sl-input>
        <sl-textarea
          name="description"
          label=${t('votes.form.description')}
          maxlength="4000"
          class=${e.description ? 'invalid' : ''}
          help-text=${e.description ?? ''}
        ></sl-textarea>
        ${this.select(
          'kind',
          t('votes.form.kind'),
          VOTE_KINDS.map((k) => [k, t(`votes.kind.${k}`)]),
        )}
        ${
          this.kind === 'yes_no'
            ? nothing
            : html`<sl-textarea
                  name="options"
                  label=${t('votes.form.options')}
                  required
                  rows="4"
                  class=${e.options ? 'invalid' : ''}
                  help-text=${e.options ?? ''}
                ></sl-textarea>
                ${
                  isSingleChoice(this.kind)
                    ? nothing
                    : html`<sl-input
                        name="maxChoices"
                        type="number"
                        min="1"
                        max="50"
                        value="1"
                        label=${t('votes.form.maxChoices')}
                        class=${e.maxChoices ? 'invalid' : ''}
                        help-text=${e.maxChoices ?? ''}
                      ></sl-input>`
                }`
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
            ? html`<sl-alert variant="primary" open><p>${t('timeline.createHint', { days: this.noticeDays, time: opensOn.replace('T', ' ') })}</p></sl-alert>
                <sl-input name="opensAt" type="datetime-local" label=${t('timeline.opensAt')} required value=${opensOn}></sl-input>`
            : nothing
        }
        <sl-input
          name="closesAt"
          type="datetime-local"
          label=${t('votes.form.closesAt')}
          required
          value=${inAWeek}
          class=${e.closesAt ? 'invalid' : ''}
          help-text=${e.closesAt ?? ''}
        ></sl-input>
        <sl-checkbox name="secret" checked>${t('votes.form.secret')}</sl-checkbox>
        ${statutory ? nothing : html`<sl-checkbox name="openNow" checked>${t('votes.form.opensNow')}</sl-checkbox>`}
        ${this.write.error || e.sourceId ? html`<sl-alert class="form-error" variant="danger" open><p role="alert">${this.write.error ?? e.sourceId}</p></sl-alert>` : nothing}
        <div>
          <sl-button type="submit" variant="primary" size="large" ?loading=${this.write.busy}>${t('votes.form.submit')}</sl-button>
        </div>
      </form>`;
  }

  private renderCustomRule() {
    return html`${this.select('basis', t('votes.form.basis'), [
        ['area_and_heads', t('votes.form.basisAreaHeads')],
        ['ballots', t('votes.form.basisBallots')],
      ])}
      <sl-input name="participation" label=${t('votes.form.participation')} placeholder="2/3" pattern="\\d+/\\d+"></sl-input>
      <sl-input name="approval" label=${t('votes.form.approval')} required value="1/2" pattern="\\d+/\\d+"></sl-input>
      ${this.select('comparison', t('votes.form.comparison'), [
        ['more_than', t('votes.form.moreThan')],
        ['at_least', t('votes.form.atLeast')],
      ])}`;
  }

  /** A select of the form; its options' words follow a language switch (optionLabel). */
  private select(name: keyof Picked, label: string, options: ReadonlyArray<readonly [string, string]>, error?: string) {
    return html`<sl-select
      name=${name}
      label=${label}
      value=${this.picked[name]}
      class=${error ? 'invalid' : ''}
      help-text=${error ?? ''}
      @sl-change=${(ev: Event) => (this.picked = { ...this.picked, [name]: (ev.target as HTMLSelectElement).value })}
    >
      ${options.map(([value, words]) => html`<sl-option value=${value}>${optionLabel(words)}</sl-option>`)}
    </sl-select>`;
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
      opensAt: this.ruleKind === 'art278' ? this.opensAt() : this.checked('openNow') ? new Date().toISOString() : null,
      // An empty or unreadable time goes as sent, for the server to name the field.
      closesAt: Number.isNaN(closesAt.getTime()) ? this.value('closesAt') : closesAt.toISOString(),
      ...source,
    };
    const created = await this.write.run(() => api.call(voteEndpoints.create, { params: { compoundId }, body }), {
      fields: FIELDS,
      fieldOfCode: FIELD_OF_CODE,
      errorAs: 'inline',
    });
    if (created) navigate(`/votes/${created.id}/manage`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-vote-create-page': VoteCreatePage;
  }
}
