/**
 * The voting flow of the vote page, one screen at a time: (which unit, or all of them with the same
 * choice →) choose → confirm → the receipt codes, shown big, one per unit, and which of my units
 * are still to vote. Only an owner who starts voting needs it, so the page loads it (code, styles and
 * words) when voting starts instead of on every visit (issue 18: the voting page stays light on a
 * phone). The page keeps the state and does the casting; this module draws the screens, and its
 * history (vote-flow-history.ts) gives each screen an entry, so the phone's Back goes back one screen.
 */
import { isSingleChoice, type BallotReceipt, type MyVoter, type VoteView } from '@yishi/core';
import { css, html, nothing, type TemplateResult } from 'lit';
import { bigChoiceStyles } from '../../components/votes/ballot-button-styles.js';
import { bracketed, colon } from '../../components/votes/vote-words.js';
import { t } from '../../i18n.js';

export type Step = 'overview' | 'unit' | 'choose' | 'confirm' | 'done';

export { FlowHistory } from './vote-flow-history.js';

/** What the flow reads from the vote page and asks of it. */
export interface FlowHost {
  readonly step: Step;
  /** The units (or the person, in a residents' poll) this round of voting is for. */
  voters: MyVoter[];
  choices: string[];
  receipts: BallotReceipt[];
  /** The choices the receipts are for, as cast. */
  readonly castChoices: readonly string[];
  readonly write: { readonly error: string | undefined | null; readonly busy: boolean };
  /** Offline a ballot cannot be cast (it counts only once the server confirms it): the confirm button waits, with words. */
  readonly online: boolean;
  begin(among: readonly MyVoter[]): void;
  pickVoters(voters: MyVoter[]): void;
  /** From the choice on to the confirm screen. */
  next(): void;
  /** The confirm screen's 返回: to the choice, as the phone's Back. */
  back(): void;
  toggle(id: string, single: boolean, max: number): void;
  cast(v: VoteView): Promise<void>;
  backToVote(): void;
  renderMyUnits(mine: readonly MyVoter[]): TemplateResult;
  renderError(): TemplateResult;
}

export const flowStyles = css`
  ${bigChoiceStyles}
  .question {
    font-size: 1.5rem;
    line-height: 1.45;
    font-weight: 700;
    margin: 0.5rem 0 1rem;
  }
  .mark {
    display: inline-block;
    width: 1.6rem;
    text-align: center;
  }
  .confirm-choice {
    font-size: 1.75rem;
    font-weight: 700;
    padding: 1rem;
    border: 2px solid var(--yishi-brand);
    border-radius: var(--yishi-radius);
    background: var(--yishi-surface);
    margin: 0.75rem 0;
  }
  .receipt {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, monospace;
    /* As big as a phone's width allows for the 14 characters on one line, elder mode included; never under 28 px. */
    font-size: clamp(28px, calc((100vw - 4.5rem) / 9.4), 2rem);
    font-weight: 700;
    letter-spacing: 0.06em;
    text-align: center;
    padding: 1rem 0.5rem;
    border: 3px dashed var(--yishi-ok-text);
    border-radius: var(--yishi-radius);
    background: var(--yishi-surface);
    margin: 0.75rem 0;
    overflow-wrap: anywhere;
  }
  .done-heading {
    color: var(--yishi-ok-text);
  }
  .unit-status {
    font-weight: 400;
    color: var(--yishi-muted);
  }
  .big-choice.all-units {
    border-color: var(--yishi-brand);
  }
  .hint {
    margin: -0.4rem 0 0.4rem;
    color: var(--yishi-muted);
    font-size: 1rem;
  }
  .your-choice {
    font-size: 1.25rem;
    font-weight: 700;
  }
  .receipt-for {
    margin: 0.75rem 0 0;
    font-weight: 700;
  }
  .confirm-units {
    margin: 0;
    padding-left: 1.25rem;
    font-size: 1.25rem;
    font-weight: 600;
  }
`;

/** The screen of the flow the page is at (any step but the overview). */
export function renderFlow(page: FlowHost, v: VoteView) {
  const { vote } = v;
  const units = page.voters.map((m) => m.label).join('、');
  if (page.step === 'unit') {
    return html`<h1 tabindex="-1">${vote.title}</h1>
      <p class="question" id="which-unit">${t('votes.whichUnit', { count: v.mine.length })}</p>
      <div class="big-choices" role="group" aria-labelledby="which-unit">
        <button class="big-choice all-units" aria-describedby="all-units-hint" @click=${() => page.pickVoters([...v.mine])}>
          <span>${t('votes.allUnits', { count: v.mine.length })}</span>
        </button>
        <p class="hint" id="all-units-hint">${t('votes.allUnitsHint')}</p>
        ${v.mine.map(
          (m) =>
            html`<button class="big-choice" @click=${() => page.pickVoters([m])}>
              <span>${m.label}<span class="unit-status">${bracketed(m.voted ? t('votes.unitVoted') : t('votes.unitNotVoted'))}</span></span>
            </button>`,
        )}
      </div>
      <div class="nav"><button class="button" @click=${() => page.backToVote()}>${t('votes.backToVote')}</button></div>`;
  }
  if (page.step === 'choose') {
    const single = isSingleChoice(vote.kind);
    return html`<p class="progress">${t('votes.step', { n: 1 })} · ${t('votes.votingFor', { units })}</p>
      <h1 class="question" id="question" tabindex="-1">${vote.title}</h1>
      <p>${single ? t('votes.chooseOne') : t('votes.chooseUpTo', { max: vote.maxChoices })}</p>
      <div class="big-choices" role=${single ? 'radiogroup' : 'group'} aria-labelledby="question">
        ${vote.options.map((o) => {
          const on = page.choices.includes(o.id);
          return html`<button
            class="big-choice"
            role=${single ? 'radio' : 'checkbox'}
            aria-checked=${on ? 'true' : 'false'}
            @click=${() => page.toggle(o.id, single, vote.maxChoices)}
          >
            <span class="mark" aria-hidden="true">${on ? '●' : '○'}</span>${o.label}
          </button>`;
        })}
      </div>
      <div class="nav">
        <button class="button primary" ?disabled=${page.choices.length === 0} @click=${() => page.next()}>${t('votes.next')}</button>
        <button class="button" @click=${() => page.backToVote()}>${t('votes.backToVote')}</button>
      </div>`;
  }
  if (page.step === 'confirm') {
    const labels = vote.options.filter((o) => page.choices.includes(o.id)).map((o) => o.label);
    const several = page.voters.length > 1;
    return html`<p class="progress">${t('votes.step', { n: 2 })}</p>
      <h1 tabindex="-1">${t('votes.confirmHeading')}</h1>
      <p>${vote.title}</p>
      ${
        several
          ? html`<p>${t('votes.confirmForAll', { count: page.voters.length })}</p>
              <ul class="confirm-units">
                ${page.voters.map((m) => html`<li>${m.label}</li>`)}
              </ul>`
          : html`<p>${t('votes.confirmFor', { unit: units })}</p>`
      }
      <p class="confirm-choice">${labels.join('、')}</p>
      ${several ? html`<p class="muted">${t('votes.allUnitsHint')}</p>` : nothing} ${renderReplacing(page.voters)}
      ${page.write.error ? page.renderError() : nothing}
      <div class="nav">
        ${page.online ? nothing : html`<p class="alert warning" role="status"><strong>${t('votes.needsNetwork')}</strong></p>`}
        <button
          class="button primary"
          aria-busy=${page.write.busy ? 'true' : 'false'}
          ?disabled=${page.write.busy || !page.online}
          @click=${() => page.cast(v)}
        >
          ${t('votes.confirmCast')}
        </button>
        <button class="button" ?disabled=${page.write.busy} @click=${() => page.back()}>${t('votes.back')}</button>
      </div>`;
  }
  return renderDone(page, v);
}

/** Before the irreversible tap: which units' ballots this one replaces, a paper slip staff entered above all. */
function renderReplacing(voters: readonly MyVoter[]) {
  const paper = voters.filter((m) => m.voted && m.channel === 'paper');
  const earlier = voters.filter((m) => m.voted && m.channel !== 'paper');
  const units = (list: readonly MyVoter[]) => list.map((m) => m.label).join('、');
  return html`${paper.length > 0 ? html`<p class="alert warning" role="note">${t('votes.replacesPaper', { unit: units(paper) })}</p>` : nothing}
  ${earlier.length > 0 ? html`<p class="muted">${t('votes.replacesBallot', { unit: units(earlier) })}</p>` : nothing}`;
}

/** The end of the flow: a receipt per unit just voted for, and every one of my units' status — with a way on to the ones still to vote. */
function renderDone(page: FlowHost, v: VoteView) {
  const { vote } = v;
  const cast = new Map(page.receipts.map((r) => [r.voterKey, r]));
  const mine = v.mine.map((m) => {
    const r = cast.get(m.voterKey);
    return r ? { ...m, voted: true, receiptCode: r.receiptCode, castAt: r.castAt, channel: 'online' as const } : m;
  });
  const notVoted = mine.filter((m) => !m.voted);
  const several = page.receipts.length > 1;
  return html`<p class="progress">${t('votes.step', { n: 3 })}</p>
    <h1 class="done-heading" tabindex="-1">✓ ${several ? t('votes.doneHeadingAll', { count: page.receipts.length }) : t('votes.doneHeading')}</h1>
    <p>${vote.title}</p>
    <p class="your-choice">
      ${t('votes.yourChoice', {
        choice: vote.options
          .filter((o) => page.castChoices.includes(o.id))
          .map((o) => o.label)
          .join(t('votes.choiceSeparator')),
      })}
    </p>
    ${page.receipts.map(
      (r) =>
        html`<p class="receipt-for">${t('votes.receiptFor', { unit: r.voterLabel })}</p>
          <p class="receipt" aria-label=${`${t('votes.receiptFor', { unit: r.voterLabel })}${colon()}${r.receiptCode}`}>${r.receiptCode}</p>
          <yishi-receipt-position .position=${r.logPosition} hint></yishi-receipt-position>
          ${r.replaced ? html`<p class="muted">${t('votes.receiptReplaced')}</p>` : nothing}`,
    )}
    <p>${several ? t('votes.doneIntroAll') : t('votes.receiptIntro')}</p>
    ${mine.length > 1 ? page.renderMyUnits(mine) : nothing}
    ${notVoted.length > 0 ? html`<p class="still-to-vote" role="status"><strong>${notVoted.map((m) => t('votes.unitStillToVote', { unit: m.label })).join('；')}</strong></p>` : nothing}
    <p class="muted">${t('votes.doneChange')}</p>
    <div class="nav">
      ${
        notVoted.length === 1
          ? html`<button class="button primary" @click=${() => page.begin(notVoted)}>${t('votes.voteFor', { unit: notVoted[0]!.label })}</button>`
          : notVoted.length > 1
            ? html`<button class="button primary" @click=${() => page.begin(notVoted)}>${t('votes.continue', { count: notVoted.length })}</button>`
            : nothing
      }
      <button class="button" @click=${() => page.backToVote()}>${t('votes.backToVote')}</button>
    </div>`;
}
