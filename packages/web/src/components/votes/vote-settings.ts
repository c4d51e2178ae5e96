/**
 * The compound's owners'-assembly vote periods (notice, roll check, 询异, proxy cap), the rule profile
 * in words for everyone, and a form for the compound's organisers (limits from VOTE_PERIOD_LIMITS;
 * the notice never under 15 days). `<yishi-vote-settings compound-id=…>` on the votes page.
 */
import { voteTimelineEndpoints, type VotePeriods, type VoteSettings } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { LoadController } from '../../controllers/load-controller.js';
import { WriteController } from '../../controllers/write-controller.js';
import { pick, t } from '../../i18n.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { focusFirstProblem } from '../accounts/account-form.js';
import { fieldProblem, nativeField } from '../forms/native-field.js';
import { renderLoad } from '../common/load-state.js';

const KEYS = ['noticeDays', 'rollCheckDays', 'objectionDays', 'proxyCap'] as const satisfies ReadonlyArray<keyof VotePeriods>;

@customElement('yishi-vote-settings')
export class VoteSettingsSection extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    nativeFieldStyles,
    css`
      .grid {
        display: grid;
        gap: 0.75rem;
        grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
      }
    `,
  ];

  @property({ attribute: 'compound-id' }) compoundId = '';
  private readonly write = new WriteController<keyof VotePeriods>(this);
  private readonly load = new LoadController(
    this,
    (signal) => api.call(voteTimelineEndpoints.settings, { params: { compoundId: this.compoundId }, signal }),
    () => [this.compoundId],
  );

  override render() {
    return html`<section class="card" aria-labelledby="vote-settings-heading">
      <h2 id="vote-settings-heading">${t('timeline.settings')}</h2>
      ${renderLoad(this.load, (s) => this.renderSettings(s))}
    </section>`;
  }

  private renderSettings(s: VoteSettings) {
    const e = this.write.fieldErrors;
    return html`<p>${pick(s.profile)}</p>
      ${s.custom ? nothing : html`<p class="muted">${t('timeline.settingsDefaults')}</p>`}
      ${
        s.canManage
          ? html`<form class="fields" @submit=${(ev: Event) => this.save(ev)} novalidate>
              <div class="grid">
                ${KEYS.map((k) =>
                  nativeField(
                    k,
                    t(`timeline.${k}`),
                    html`<input
                      class="input"
                      id=${k}
                      name=${k}
                      type="number"
                      inputmode="numeric"
                      min=${s.limits[k].min}
                      max=${s.limits[k].max}
                      value=${String(s.periods[k])}
                      @input=${() => this.write.clearField(k)}
                      ${fieldProblem(k, e[k], `${s.limits[k].min}–${s.limits[k].max}`)}
                    />`,
                    e[k],
                    `${s.limits[k].min}–${s.limits[k].max}`,
                  ),
                )}
              </div>
              <div>
                <button type="submit" class="button primary" ?disabled=${this.write.busy} aria-busy=${this.write.busy ? 'true' : 'false'}>
                  ${t('timeline.save')}
                </button>
              </div>
            </form>`
          : nothing
      }`;
  }

  private async save(ev: Event) {
    ev.preventDefault();
    const value = (k: string) => Number(this.renderRoot.querySelector<HTMLInputElement>(`[name="${k}"]`)?.value ?? '');
    const body = { noticeDays: value('noticeDays'), rollCheckDays: value('rollCheckDays'), objectionDays: value('objectionDays'), proxyCap: value('proxyCap') };
    const saved = await this.write.run(() => api.call(voteTimelineEndpoints.changeSettings, { params: { compoundId: this.compoundId }, body }), {
      success: t('timeline.saved'),
      fields: KEYS,
    });
    if (saved) await this.load.refresh();
    else focusFirstProblem(this, this.write, KEYS);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-vote-settings': VoteSettingsSection;
  }
}
