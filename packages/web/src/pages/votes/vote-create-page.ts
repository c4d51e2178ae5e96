/**
 * Staff create a vote: the question, the kind, the options, who votes (the compound or one
 * building), the rule (for art. 278 the matter 1–9; the thresholds follow from it) and the closing
 * time. `?proposalId=` starts it from a qualified proposal, `?agendaItemId=` from a meeting's agenda
 * item (the meetings pages can link here).
 */
import '@shoelace-style/shoelace/dist/components/input/input.js';
import '@shoelace-style/shoelace/dist/components/textarea/textarea.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import '@shoelace-style/shoelace/dist/components/checkbox/checkbox.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/alert/alert.js';
import { ART278_MATTERS, ART278_MATTER_LABELS } from '@yishi/core';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, isApiError } from '../../api/client.js';
import { navigate } from '../../app/router.js';
import { PreferencesController } from '../../controllers/preferences-controller.js';
import { pick, t } from '../../i18n.js';
import { pageStyles } from '../../styles/page-styles.js';

type Kind = 'yes_no' | 'single_choice' | 'multiple_choice' | 'election';

@customElement('yishi-vote-create-page')
export class VoteCreatePage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      form {
        display: grid;
        gap: 1rem;
        max-width: 36rem;
      }
    `,
  ];
  @property({ attribute: false }) params: Record<string, string> = {};
  @state() private kind: Kind = 'yes_no';
  @state() private ruleKind: 'art278' | 'simple_majority' | 'custom' = 'art278';
  @state() private buildings: Array<{ id: string; name: string }> = [];
  @state() private proposal: { id: string; title: string } | null = null;
  @state() private error = '';
  private agendaItemId = new URLSearchParams(location.search).get('agendaItemId');
  @state() private busy = false;
  private readonly prefs = new PreferencesController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    const compoundId = this.params.compoundId ?? '';
    void api.get<{ buildings: Array<{ id: string; name: string }> }>(`/api/compounds/${encodeURIComponent(compoundId)}`).then((o) => (this.buildings = o.buildings));
    const proposalId = new URLSearchParams(location.search).get('proposalId');
    if (proposalId) void api.get<{ proposal: { id: string; title: string } }>(`/api/proposals/${encodeURIComponent(proposalId)}`).then((p) => (this.proposal = p.proposal));
  }

  override render() {
    const inAWeek = new Date(Date.now() + 7 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16);
    return html`<h1>${t('votes.create')}</h1>
      ${this.proposal ? html`<p class="lead">${t('votes.form.source', { title: this.proposal.title })}</p>` : nothing}
      <form @submit=${this.submit}>
        <sl-input name="title" label=${t('votes.form.title')} required maxlength="120" value=${this.proposal?.title ?? ''}></sl-input>
        <sl-textarea name="description" label=${t('votes.form.description')} maxlength="4000"></sl-textarea>
        <sl-select name="kind" label=${t('votes.form.kind')} value=${this.kind} @sl-change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as Kind)}>
          ${(['yes_no', 'single_choice', 'multiple_choice', 'election'] as const).map((k) => html`<sl-option value=${k}>${t(`votes.kind.${k}`)}</sl-option>`)}
        </sl-select>
        ${this.kind === 'yes_no'
          ? nothing
          : html`<sl-textarea name="options" label=${t('votes.form.options')} required rows="4"></sl-textarea>
              ${this.kind === 'multiple_choice' || this.kind === 'election'
                ? html`<sl-input name="maxChoices" type="number" min="1" max="50" value="1" label=${t('votes.form.maxChoices')}></sl-input>`
                : nothing}`}
        <sl-select name="scope" label=${t('votes.form.scope')} value="compound">
          <sl-option value="compound">${t('votes.form.wholeCompound')}</sl-option>
          ${this.buildings.map((b) => html`<sl-option value=${b.id}>${t('votes.form.buildingOnly', { name: b.name })}</sl-option>`)}
        </sl-select>
        <sl-select name="rule" label=${t('votes.form.rule')} value=${this.ruleKind} @sl-change=${(e: Event) => (this.ruleKind = (e.target as HTMLSelectElement).value as 'art278' | 'simple_majority' | 'custom')}>
          <sl-option value="art278">${t('votes.rule.art278')}</sl-option>
          <sl-option value="simple_majority">${t('votes.rule.simple_majority')}</sl-option>
          <sl-option value="custom">${t('votes.rule.custom')}</sl-option>
        </sl-select>
        ${this.ruleKind === 'custom'
          ? html`<sl-select name="basis" label=${t('votes.form.basis')} value="area_and_heads">
                <sl-option value="area_and_heads">${t('votes.form.basisAreaHeads')}</sl-option>
                <sl-option value="ballots">${t('votes.form.basisBallots')}</sl-option>
              </sl-select>
              <sl-input name="participation" label=${t('votes.form.participation')} placeholder="2/3" pattern="\\d+/\\d+"></sl-input>
              <sl-input name="approval" label=${t('votes.form.approval')} required value="1/2" pattern="\\d+/\\d+"></sl-input>
              <sl-select name="comparison" label=${t('votes.form.comparison')} value="more_than">
                <sl-option value="more_than">${t('votes.form.moreThan')}</sl-option>
                <sl-option value="at_least">${t('votes.form.atLeast')}</sl-option>
              </sl-select>`
          : nothing}
        ${this.ruleKind === 'art278'
          ? html`<sl-select name="matter" label=${t('votes.form.matter')} value="9">
              ${ART278_MATTERS.map((m) => html`<sl-option value=${String(m)}>${m}. ${pick(ART278_MATTER_LABELS[m])}</sl-option>`)}
            </sl-select>`
          : nothing}
        <sl-input name="closesAt" type="datetime-local" label=${t('votes.form.closesAt')} required value=${inAWeek}></sl-input>
        <sl-checkbox name="secret" checked>${t('votes.form.secret')}</sl-checkbox>
        <sl-checkbox name="openNow" checked>${t('votes.form.opensNow')}</sl-checkbox>
        ${this.error ? html`<sl-alert variant="danger" open><span role="alert">${this.error}</span></sl-alert>` : nothing}
        <sl-button type="submit" variant="primary" size="large" ?loading=${this.busy}>${t('votes.form.submit')}</sl-button>
      </form>`;
  }

  private value(name: string): string {
    const el = this.renderRoot.querySelector(`[name="${name}"]`) as (HTMLElement & { value?: string; checked?: boolean }) | null;
    return el?.value ?? '';
  }
  private checked(name: string): boolean {
    return !!(this.renderRoot.querySelector(`[name="${name}"]`) as { checked?: boolean } | null)?.checked;
  }

  private fraction(text: string): { num: number; den: number } | null {
    const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
    return match ? { num: Number(match[1]), den: Number(match[2]) } : null;
  }

  private rule() {
    if (this.ruleKind === 'art278') return { kind: 'art278', matter: Number(this.value('matter') || 9) };
    if (this.ruleKind === 'simple_majority') return { kind: 'simple_majority' };
    return {
      kind: 'custom',
      basis: this.value('basis') || 'area_and_heads',
      participation: this.fraction(this.value('participation')),
      approval: this.fraction(this.value('approval')) ?? { num: 1, den: 2 },
      approvalComparison: this.value('comparison') || 'more_than',
    };
  }

  private async submit(event: Event) {
    event.preventDefault();
    this.busy = true;
    this.error = '';
    const compoundId = this.params.compoundId ?? '';
    // datetime-local is Beijing wall-clock time.
    const closesAt = new Date(`${this.value('closesAt')}:00+08:00`).toISOString();
    const scope = this.value('scope');
    const body = {
      title: this.value('title'),
      description: this.value('description'),
      kind: this.kind,
      options: this.kind === 'yes_no' ? [] : this.value('options').split('\n').map((s) => s.trim()).filter(Boolean),
      maxChoices: Number(this.value('maxChoices') || 1),
      buildingId: scope === 'compound' ? null : scope,
      rule: this.rule(),
      secret: this.checked('secret'),
      opensAt: this.checked('openNow') ? new Date().toISOString() : null,
      closesAt,
      ...(this.proposal ? { sourceKind: 'proposal', sourceId: this.proposal.id } : {}),
      ...(!this.proposal && this.agendaItemId ? { sourceKind: 'agenda_item', sourceId: this.agendaItemId } : {}),
    };
    try {
      const { id } = await api.post<{ id: string }>(`/api/compounds/${encodeURIComponent(compoundId)}/votes`, body);
      navigate(`/votes/${id}/manage`);
    } catch (error) {
      this.error = isApiError(error) ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }
}
