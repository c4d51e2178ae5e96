/**
 * "需要您处理的事项" on the home page: what needs the person logged in (GET /api/me/home), each
 * entry a link to the page where it is done. Owners and residents: open votes their units have not
 * voted in — and the flats other owners authorised them to vote for (委托代投) —, their concerns and where they stand, their evening-talk questions and the answers, outcomes waiting for their rating. Staff: today's
 * meetings, minutes to publish with the time left, items resolved and waiting for their sign-off, action
 * items overdue or due today, items given to their unit (grid, community) that nobody has started, votes closing soon with their turnout against the participation threshold.
 * Nothing to do is said in words.
 */
import { QUESTION_STATUS_LABELS, homeEndpoints, meetingKind, type Home } from '@yishi/core';
import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { LoadController } from '../../controllers/load-controller.js';
import { formatDate, formatDateTime, formatTime } from '../../format/format.js';
import { pick, t, type MessageKey } from '../../i18n.js';
import { badgeStyles, overdueBadge, statusBadge, statusExplained, triageBadge } from '../action-items/action-item-badges.js';
import { YishiElement } from '../base/yishi-element.js';
import { renderLoad } from '../common/load-state.js';

type List<T> = { total: number; entries: T[] };
type Owner = NonNullable<Home['owner']>;
type Staff = NonNullable<Home['staff']>;

/** Punctuation in the reader's language. */
const LIST_SEPARATOR = { 'zh-CN': '、', en: ', ' } as const;
const COLON = { 'zh-CN': '：', en: ': ' } as const;
const COUNT = { 'zh-CN': '（{n}）', en: ' ({n})' } as const;

/** Flats by their labels: all of them while few, else the first two and how many in all ("3栋1单元101、3栋1单元102 等 3 户"). */
function unitList(units: ReadonlyArray<{ label: string }>): string {
  const labels = units.map((u) => u.label);
  if (labels.length <= 3) return labels.join(pick(LIST_SEPARATOR));
  return t('home.todo.unitsMore', { units: labels.slice(0, 2).join(pick(LIST_SEPARATOR)), count: labels.length });
}

/** The flats I may vote for as a proxy, by the owner who authorised me (in the order first listed). */
function byPrincipal<U extends { principalName: string }>(units: readonly U[]): Array<[string, U[]]> {
  const groups = new Map<string, U[]>();
  for (const unit of units) groups.set(unit.principalName, [...(groups.get(unit.principalName) ?? []), unit]);
  return [...groups.entries()];
}

@customElement('yishi-home-todo')
export class HomeTodo extends YishiElement {
  static override styles = [
    YishiElement.styles,
    badgeStyles,
    css`
      :host {
        margin-bottom: var(--yishi-gap);
      }
      .todo {
        border: 2px solid var(--yishi-brand);
      }
      h2 {
        margin-top: 0;
      }
      section + section {
        margin-top: 1.25rem;
      }
      ul.entries {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      ul.entries > li {
        padding: 0.6rem 0;
        border-top: 1px solid var(--yishi-border);
      }
      .entry-title {
        display: inline-flex;
        align-items: center;
        min-height: var(--yishi-tap);
        font-weight: 600;
        font-size: 1.05rem;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.6rem;
        align-items: center;
        color: var(--yishi-muted);
      }
      .meta p,
      p.line {
        margin: 0.15rem 0;
      }
      .warn {
        color: var(--yishi-danger-text);
        font-weight: 600;
      }
      .ok {
        color: var(--yishi-ok-text);
        font-weight: 600;
      }
      .tag-today {
        color: var(--yishi-warning-text);
      }
      ul.progress {
        list-style: none;
        margin: 0.25rem 0 0;
        padding: 0;
      }
      ul.progress li {
        display: grid;
        grid-template-columns: 1.25em 1fr;
        gap: 0 0.35rem;
      }
      .link-button {
        margin-top: 0.35rem;
      }
      /* A long question or answer: three lines here, the whole on the meeting page. */
      .clamp {
        display: -webkit-box;
        -webkit-box-orient: vertical;
        -webkit-line-clamp: 3;
        line-clamp: 3;
        overflow: hidden;
      }
    `,
  ];

  private readonly data = new LoadController(this, (signal) => api.call(homeEndpoints.get, { signal }));

  override render() {
    return html`<section class="card todo" aria-labelledby="todo-heading">
      <h2 id="todo-heading">${t('home.todo.heading')}</h2>
      ${renderLoad(this.data, (home) => this.renderHome(home))}
    </section>`;
  }

  private renderHome(home: Home) {
    const sections = [...(home.owner ? this.ownerSections(home.owner) : []), ...(home.staff ? this.staffSections(home.staff) : [])];
    if (sections.length === 0) return html`<p class="state state-empty" data-empty>${t('home.todo.none')}</p>`;
    return sections;
  }

  /** A section with its heading, or nothing when its list is empty. */
  private section<T>(id: string, heading: MessageKey, list: List<T>, entry: (item: T) => TemplateResult, after: unknown = nothing) {
    if (list.total === 0) return null;
    return html`<section aria-labelledby=${`todo-${id}`} data-section=${id}>
      <h3 id=${`todo-${id}`}>${t(heading)}${pick(COUNT).replace('{n}', String(list.total))}</h3>
      <ul class="entries">
        ${list.entries.map((item) => html`<li>${entry(item)}</li>`)}
      </ul>
      ${list.total > list.entries.length ? html`<p class="muted">${t('home.todo.more', { total: list.total, shown: list.entries.length })}</p>` : nothing}
      ${after}
    </section>`;
  }

  private ownerSections(owner: Owner): TemplateResult[] {
    return [
      this.section(
        'ballots',
        'home.todo.ballots',
        owner.ballots,
        (b) =>
          html`<a class="entry-title" href=${`/votes/${b.voteId}`}>${b.title}</a>
            <div class="meta">
              <p>${b.compoundName}</p>
              <p>${t('home.todo.closes', { time: formatDateTime(b.closesAt), left: pick(b.timeLeft.label) })}</p>
            </div>
            ${b.notVoted.length > 0 ? html`<p class="line warn">${t('home.todo.notVoted', { units: unitList(b.notVoted) })}</p>` : nothing}
            ${byPrincipal(b.proxyFor).map(
              ([principal, units]) => html`<p class="line warn" data-proxy>${t('home.todo.proxyFor', { units: unitList(units), principal })}</p>`,
            )}
            ${
              b.notVoted.length > 0
                ? html`<a class="link-button primary" href=${`/votes/${b.voteId}`}>${t('home.todo.vote')}</a>`
                : // Only flats held as proxy: straight to the proxy panel, at the foot of the vote page (proxy-panel.ts).
                  html`<a class="link-button primary" href=${`/votes/${b.voteId}#proxy`}>${t('home.todo.voteAsProxy')}</a>`
            }`,
      ),
      this.section(
        'concerns',
        'home.todo.concerns',
        owner.concerns,
        (c) =>
          html`<a class="entry-title" href=${`/action-items/${c.itemId}`}>${c.title}</a>
            <div class="meta">
              ${statusBadge(c.status)} ${overdueBadge(c.overdue)}
              ${c.awaitsMyRating ? html`<span class="badge warn">${t('home.todo.awaitsRating')}</span>` : nothing}
              <span>${t('home.todo.dueOn', { date: formatDate(c.dueDate) })}</span>
            </div>
            <p class="line">${statusExplained(c.status)}</p>`,
      ),
      // Questions from an evening talk: before, the asker heard nothing of one until it became an action item.
      this.section(
        'questions',
        'home.todo.questions',
        owner.questions,
        (q) =>
          html`<a class="entry-title" href=${`/meetings/${q.meetingId}`}
              ><span class="clamp">${t('home.todo.questionNumber', { number: q.number })}${pick(COLON)}${q.text}</span></a
            >
            <div class="meta">
              <span class=${q.status === 'raised' ? 'badge' : 'badge ok'}>${pick(QUESTION_STATUS_LABELS[q.status])}</span>
              <span>${q.meetingTitle}</span>
              <span>${t('home.todo.askedAt', { time: formatDateTime(q.askedAt) })}</span>
            </div>
            ${q.answer ? html`<p class="line clamp">${t('home.todo.answer')}${pick(COLON)}${q.answer}</p>` : nothing}`,
      ),
      this.section(
        'rate',
        'home.todo.toRate',
        owner.toRate,
        (r) =>
          html`<a class="entry-title" href=${`/action-items/${r.itemId}`}>${r.title}</a>
            <div class="meta">
              <p>${r.compoundName}${r.mine ? html` · ${t('home.todo.yourConcern')}` : nothing}</p>
              <p>${t('home.todo.signedOff', { number: r.signOffNumber })}</p>
            </div>
            <a class="link-button primary" href=${`/action-items/${r.itemId}`}>${t('home.todo.rate')}</a>`,
      ),
    ].filter((s) => s !== null);
  }

  private staffSections(staff: Staff): TemplateResult[] {
    // Links to each compound's full list when not every item fits here.
    const compounds = [...new Map(staff.dueItems.entries.map((i) => [i.compoundId, i.compoundName])).entries()];
    const allItems =
      staff.dueItems.total > staff.dueItems.entries.length
        ? html`<div class="actions">
            ${compounds.map(([id, name]) => html`<a class="link-button" href=${`/compounds/${id}/action-items`}>${t('home.todo.allOverdue', { compound: name })}</a>`)}
          </div>`
        : nothing;
    // Most pressing first: today's meetings, then minutes (a 3-day deadline set by the rules, which a long list
    // of overdue items pushed two screens down on a phone), then items waiting for a sign-off, the items due, and
    // votes closing.
    return [
      this.section(
        'meetings',
        'home.todo.meetingsToday',
        staff.meetingsToday,
        (m) =>
          html`<a class="entry-title" href=${`/meetings/${m.meetingId}`}>${formatTime(m.startsAt)} ${m.title}</a>
            <div class="meta">
              <p>${pick(meetingKind(m.kind).label)} · ${m.compoundName} · ${m.place}</p>
              ${m.status === 'in_session' ? html`<span class="badge ok">${t('home.todo.inSession')}</span>` : nothing}
            </div>`,
      ),
      this.section(
        'minutes',
        'home.todo.minutes',
        staff.minutes,
        (m) =>
          html`<a class="entry-title" href=${`/meetings/${m.meetingId}/minutes`}>${pick(meetingKind(m.kind).label)}${pick(COLON)}${m.title}</a>
            <div class="meta">
              <p>${m.compoundName} · ${t('home.todo.heldAt', { time: formatDateTime(m.heldAt) })}</p>
            </div>
            <p class=${m.timeLeft.overdue ? 'line warn' : 'line'}>
              ${t('home.todo.publishBy', { deadline: formatDateTime(m.deadline), left: pick(m.timeLeft.label) })}
            </p>
            <a class="link-button primary" href=${`/meetings/${m.meetingId}/minutes`}>${t('home.todo.writeMinutes')}</a>`,
      ),
      // Resolved work waits for the station's numbered sign-off: nobody else moves it on.
      this.section(
        'sign-off',
        'home.todo.toSignOff',
        staff.toSignOff,
        (i) =>
          html`<a class="entry-title" href=${`/action-items/${i.itemId}`}>${i.title}</a>
            <div class="meta">
              <p>${i.compoundName} · ${t('home.todo.resolvedAt', { time: formatDateTime(i.resolvedAt) })}</p>
            </div>
            <a class="link-button primary" href=${`/action-items/${i.itemId}`}>${t('home.todo.signOff')}</a>`,
      ),
      this.section(
        'due',
        'home.todo.dueItems',
        staff.dueItems,
        (i) =>
          html`<a class="entry-title" href=${`/action-items/${i.itemId}`}>${i.title}</a>
            <div class="meta">
              ${i.overdue ? overdueBadge(true) : html`<span class="badge tag-today">${t('home.todo.dueToday')}</span>`} ${triageBadge(i.triage)}
              <span>${t('home.todo.dueOn', { date: formatDate(i.dueDate) })}</span>
              <span>${i.compoundName}</span>
            </div>`,
        allItems,
      ),
      // New work for the grid or the community: the notice of it scrolls away in the bell; here it stays until started.
      this.section(
        'new',
        'home.todo.newItems',
        staff.newItems,
        (i) =>
          html`<a class="entry-title" href=${`/action-items/${i.itemId}`}>${i.title}</a>
            <div class="meta">
              ${triageBadge(i.triage)}
              <span>${t('home.todo.givenTo', { unit: pick(i.responsibleUnitLabel) })}</span>
              <span>${t('home.todo.dueOn', { date: formatDate(i.dueDate) })}</span>
              <span>${i.compoundName}</span>
            </div>`,
      ),
      this.section(
        'votes',
        'home.todo.votesClosing',
        staff.votesClosing,
        (v) =>
          html`<a class="entry-title" href=${`/votes/${v.voteId}`}>${v.title}</a>
            <div class="meta">
              <p>${v.compoundName}</p>
              <p>${t('home.todo.closes', { time: formatDateTime(v.closesAt), left: pick(v.timeLeft.label) })}</p>
            </div>
            <p class="line">${v.progress.some((p) => p.threshold) ? t('home.todo.turnout') : t('home.todo.turnoutPlain')}</p>
            <ul class="progress">
              ${v.progress.map(
                (p) => html`<li class=${p.reached ? 'ok' : 'warn'}><span aria-hidden="true">${p.reached ? '✓' : '○'}</span><span>${pick(p.text)}</span></li>`,
              )}
            </ul>`,
      ),
    ].filter((s) => s !== null);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-home-todo': HomeTodo;
  }
}
