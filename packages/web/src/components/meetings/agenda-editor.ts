/**
 * The live agenda of a meeting, co-edited over Yjs: items (title, presenting party, time box,
 * notes, linked concerns and proposals — agenda-links.ts) that several committee members add,
 * reorder and edit at once, with who is here and which item they are on. Reordering changes an
 * item's `order` (never delete + re-insert), so two people moving items at the same time cannot
 * duplicate or lose one. See core's agenda-doc.ts.
 *
 * Removing an item offers undo (a Yjs UndoManager that tracks removals only, so it never takes back
 * typing or other members' edits). Items removed while the offer shows join it: the bar counts them
 * and one tap brings all of them back, each in its place; a new offer starts empty.
 *
 * When another member starts the meeting the server freezes the agenda: the editor turns read-only at
 * once, says so, hands back any edit of mine that missed the freeze (core's agendaHandBack) and fires
 * `agenda-frozen` with it for the page.
 *
 * Its buttons and fields are native (no Shoelace): committee members co-edit from their phones.
 */
import { AGENDA_ITEMS_KEY, PARTIES, agendaDocumentName, agendaHandBack, orderBetween, readAgendaSnapshot, type AgendaHandBackEntry } from '@yishi/core';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ref } from 'lit/directives/ref.js';
import * as Y from 'yjs';
import { keepNoticesClearOf } from '../../app/notice-placement.js';
import { commonRefusalKey, YjsDocController } from '../../controllers/yjs-doc-controller.js';
import { t } from '../../i18n.js';
import { currentMe } from '../../state/session.js';
import { YishiElement } from '../base/yishi-element.js';
import { agendaEditorStyles } from './agenda-editor-styles.js';
import '../common/collab-status.js';
import { partyLabel } from './meeting-ui.js';
import { nativeField } from '../forms/native-field.js';
import './agenda-frozen-notice.js';
import { MAX_LINKS } from './agenda-link-targets.js';
import './agenda-links.js';
import type { YTextField } from './ytext-field.js';
import './ytext-field.js';

type ItemMap = Y.Map<unknown>;

/** The transaction origin of a removal: the undo manager tracks these and nothing else. */
const REMOVAL = Symbol('agenda-removal');

/** What `agenda-frozen` carries: the edits of mine the frozen agenda lacks (empty when none). */
export interface AgendaFrozenDetail {
  handBack: AgendaHandBackEntry[];
}

const snapshotOf = (doc: Y.Doc) => readAgendaSnapshot(doc.getArray(AGENDA_ITEMS_KEY).toJSON());

function newItemId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return Array.from(bytes, (b) => '0123456789abcdefghjkmnpqrstvwxyz'[b & 31]).join('');
}

@customElement('yishi-agenda-editor')
export class AgendaEditor extends YishiElement {
  static override styles = [YishiElement.styles, ...agendaEditorStyles];

  @property() meetingId = '';
  /** The meeting's compound: its concerns and proposals are what an item can link. */
  @property() compoundId = '';
  /** Whether the page thinks I may edit (the server decides in the end and drops what it refuses). */
  @property({ type: Boolean }) editable = false;

  private readonly live = new YjsDocController(
    this,
    () => (this.meetingId ? agendaDocumentName(this.meetingId) : null),
    () => {
      const me = currentMe();
      return me ? { name: me.displayName } : null;
    },
    (mine, frozen) => this.frozen(agendaHandBack(snapshotOf(mine), snapshotOf(frozen))),
  );
  /** My edits that missed the freeze. */
  @state() private handBack: AgendaHandBackEntry[] = [];
  /** The titles of the items I removed while undo is offered, oldest first (empty: no offer). */
  @state() private removed: string[] = [];
  private undo: Y.UndoManager | null = null;

  private frozen(handBack: AgendaHandBackEntry[]): void {
    this.handBack = handBack;
    this.endOffer();
    this.dispatchEvent(new CustomEvent<AgendaFrozenDetail>('agenda-frozen', { detail: { handBack }, bubbles: true, composed: true }));
  }

  /** The undo manager of the current document (a new one when the document changes). */
  private undoManager(doc: Y.Doc): Y.UndoManager {
    if (this.undo?.doc !== doc) {
      this.undo?.destroy();
      this.undo = new Y.UndoManager(doc.getArray<ItemMap>(AGENDA_ITEMS_KEY), { trackedOrigins: new Set([REMOVAL]), captureTimeout: 0 });
    }
    return this.undo;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.undo?.destroy();
    this.undo = null;
  }

  /**
   * The items' titles as the document has them now, in order: what publishing the notice or opening the
   * meeting will write. Null until the document has content to show (then nobody knows yet).
   */
  agendaTitles(): string[] | null {
    const doc = this.live.doc;
    if (!doc || !this.live.synced) return null;
    return snapshotOf(doc).map((item) => item.title);
  }

  private items(): ItemMap[] {
    const doc = this.live.doc;
    if (!doc) return [];
    const array = doc.getArray<ItemMap>(AGENDA_ITEMS_KEY).toArray();
    return array
      .map((m, index) => ({ m, index, order: typeof m.get('order') === 'number' ? (m.get('order') as number) : index }))
      .sort((a, b) => a.order - b.order || a.index - b.index)
      .map((x) => x.m);
  }

  private async addItem(): Promise<void> {
    const doc = this.live.doc;
    if (!doc) return;
    const items = this.items();
    const last = items.at(-1)?.get('order');
    const item = new Y.Map<unknown>();
    const id = newItemId();
    doc.transact(() => {
      item.set('id', id);
      item.set('title', new Y.Text(''));
      item.set('party', '');
      item.set('minutes', 15);
      item.set('order', orderBetween(typeof last === 'number' ? last : undefined, undefined));
      item.set('notes', new Y.Text(''));
      item.set('links', new Y.Array<string>());
      doc.getArray<ItemMap>(AGENDA_ITEMS_KEY).push([item]);
    });
    // The new item's title takes the cursor, once it and its text box are drawn.
    this.requestUpdate();
    await this.updateComplete;
    const field = this.shadowRoot?.querySelector<YTextField>(`[data-item="${id}"] yishi-ytext-field`);
    await field?.updateComplete;
    field?.focus();
  }

  private move(item: ItemMap, direction: -1 | 1): void {
    const items = this.items();
    const index = items.indexOf(item);
    const target = index + direction;
    if (target < 0 || target >= items.length) return;
    const orderOf = (i: number) => {
      const v = items[i]?.get('order');
      return typeof v === 'number' ? v : undefined;
    };
    const next = direction < 0 ? orderBetween(orderOf(target - 1), orderOf(target)) : orderBetween(orderOf(target), orderOf(target + 1));
    item.set('order', next);
  }

  private async removeItem(item: ItemMap): Promise<void> {
    const doc = this.live.doc;
    if (!doc) return;
    const array = doc.getArray<ItemMap>(AGENDA_ITEMS_KEY);
    const index = array.toArray().indexOf(item);
    if (index < 0) return;
    const title = item.get('title');
    const undo = this.undoManager(doc);
    // A removal the last offer was closed on is not brought back by this one's undo.
    if (this.removed.length === 0) undo.clear();
    this.removed = [...this.removed, (title instanceof Y.Text ? title.toString().trim() : '') || t('agenda.untitled')];
    doc.transact(() => array.delete(index, 1), REMOVAL);
    // The pressed button is gone with its item: the keyboard lands on the offer to undo.
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('.undo-bar .undo')?.focus();
  }

  private async undoRemoval(): Promise<void> {
    const doc = this.live.doc;
    if (!doc) return;
    const before = new Set(this.items().map((m) => m.get('id')));
    // Every removal of this offer, newest first, so each goes back where it was.
    const undo = this.undoManager(doc);
    while (undo.canUndo()) undo.undo();
    this.endOffer();
    const back = this.items().find((m) => !before.has(m.get('id')));
    await this.updateComplete;
    if (back) this.shadowRoot?.querySelector<HTMLElement>(`[data-item="${String(back.get('id'))}"] yishi-ytext-field`)?.focus();
  }

  /** Closes the undo offer: what it held can no longer be undone. */
  private endOffer(): void {
    this.removed = [];
    this.undo?.clear();
  }

  private async dismissRemoval(): Promise<void> {
    this.endOffer();
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('.add-item')?.focus();
  }

  /** The item's links, a shared list (created if a client left it out). */
  private linksOf(item: ItemMap): Y.Array<string> {
    const links = item.get('links');
    if (links instanceof Y.Array) return links as Y.Array<string>;
    const fresh = new Y.Array<string>();
    item.set('links', fresh);
    return fresh;
  }

  /** Adds a link the picker chose: once, and not past MAX_LINKS (the picker says so before). */
  private addLink(item: ItemMap, link: string): void {
    const links = this.linksOf(item);
    const now = links.toArray();
    if (now.includes(link) || now.length >= MAX_LINKS) return;
    links.push([link]);
  }

  /** Removes every copy of a link (two members may have picked it at the same time). */
  private removeLink(item: ItemMap, link: string): void {
    const links = this.linksOf(item);
    this.live.doc?.transact(() => {
      for (let i = links.length - 1; i >= 0; i--) if (links.get(i) === link) links.delete(i, 1);
    });
  }

  /** The status line's sentences for this page (components/common/collab-status.ts). */
  private statusWords() {
    const refused = t(commonRefusalKey(this.live.refusal) ?? 'agenda.refused', { code: this.live.refusal ?? 0 });
    return { connected: t('agenda.connected'), connecting: t('agenda.connecting'), disconnected: t('agenda.disconnected'), refused };
  }

  override render() {
    const live = this.live;
    const items = this.items();
    const peers = live.peers();
    const canEdit = this.editable && !live.readOnly && !live.frozen && live.status !== 'refused';
    const totalMinutes = items.reduce((sum, m) => sum + (typeof m.get('minutes') === 'number' ? (m.get('minutes') as number) : 0), 0);
    const position = new Map(items.map((m, i) => [m.get('id') as string, i + 1]));
    if (live.frozen) {
      return html`<yishi-agenda-frozen-notice .handBack=${this.handBack}></yishi-agenda-frozen-notice>
        <ol class="items">
          ${items.map((item, i) => this.renderItem(item, i, items.length, false, []))}
        </ol>`;
    }
    return html`
      <yishi-collab-status
        .status=${live.status}
        .unsent=${live.unsent}
        ?syncing=${live.syncing}
        .others=${live.others()}
        .words=${this.statusWords()}
      ></yishi-collab-status>
      ${!this.editable ? html`<p class="muted">${t('agenda.readOnly')}</p>` : live.readOnly ? html`<p class="muted">${t('agenda.readOnlyLive')}</p>` : nothing}
      ${
        peers.length > 0
          ? html`<ul class="presence" aria-label=${t('agenda.present')}>
              <li style="border:0;padding:0">${t('agenda.present')}</li>
              ${peers.map(
                (p) =>
                  html`<li class="peer" style=${`--peer:${p.color}`}>
                    <span class="dot" aria-hidden="true"></span><span class="peer-name">${p.name}${p.self ? t('agenda.me') : ''}</span>
                    ${p.itemId && !p.self && position.has(p.itemId) ? html`<span class="who">${t('agenda.onItem', { n: position.get(p.itemId)! })}</span>` : nothing}
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      ${live.synced || live.status === 'refused' || live.status === 'offline' ? nothing : html`<p class="muted">${t('agenda.connecting')}</p>`}
      ${items.length === 0 && live.synced ? html`<p class="state-empty">${t('agenda.empty')}</p>` : nothing}
      <ol class="items">
        ${items.map((item, i) =>
          this.renderItem(
            item,
            i,
            items.length,
            canEdit,
            peers.filter((p) => !p.self && p.itemId === item.get('id')),
          ),
        )}
      </ol>
      ${items.length > 0 ? html`<p class="muted">${t('agenda.totalMinutes', { count: items.length, minutes: totalMinutes })}</p>` : nothing}
      <div class="undo-live" role="status">${canEdit ? this.renderUndoBar() : nothing}</div>
      ${
        canEdit && live.synced
          ? html`<div class="actions">
              <button type="button" class="button primary add-item" @click=${() => void this.addItem()}>${t('agenda.add')}</button>
            </div>`
          : nothing
      }
    `;
  }

  /**
   * The offer to undo my removals. It stands in a live region that is always there, so that its words
   * are read out when it appears and again when a second removal joins it; the undo button, which
   * takes the keyboard, is described by them too.
   */
  private renderUndoBar() {
    const removed = this.removed;
    if (removed.length === 0) return nothing;
    const message =
      removed.length === 1
        ? t('agenda.removed', { title: removed[0]! })
        : t('agenda.removedMany', {
            count: removed.length,
            titles: removed.map((title) => t('agenda.quoted', { title })).join(t('meetings.listSeparator')),
          });
    return html`<div class="undo-bar" ${ref((bar) => bar && keepNoticesClearOf(bar))}>
      <span id="undo-message">${message}</span>
      <button type="button" class="button primary undo" aria-describedby="undo-message" @click=${() => void this.undoRemoval()}>
        ${t(removed.length === 1 ? 'agenda.undoRemove' : 'agenda.undoRemoveAll')}
      </button>
      <button type="button" class="button" @click=${() => void this.dismissRemoval()}>${t('agenda.dismiss')}</button>
    </div>`;
  }

  private renderItem(item: ItemMap, index: number, count: number, canEdit: boolean, here: Array<{ color: string; name: string }>) {
    const id = String(item.get('id') ?? '');
    const title = item.get('title');
    const notes = item.get('notes');
    const party = String(item.get('party') ?? '');
    const minutes = typeof item.get('minutes') === 'number' ? (item.get('minutes') as number) : 0;
    const links = item.get('links');
    const n = index + 1;
    return html`<li
      class="card item ${here.length ? 'peer-here' : ''}"
      data-item=${id}
      style=${here.length ? `--peer:${here[0]!.color}` : ''}
      @focusin=${() => this.live.setPresence({ itemId: id })}
    >
      <div class="item-head">
        <h3>${t('agenda.item', { n })}${here.length ? html` <span class="who">${here.map((p) => p.name).join('、')}</span>` : nothing}</h3>
        ${
          canEdit
            ? html`<div class="actions">
                <button type="button" class="button compact" ?disabled=${index === 0} @click=${() => this.move(item, -1)}>${t('agenda.up')}</button>
                <button type="button" class="button compact" ?disabled=${index === count - 1} @click=${() => this.move(item, 1)}>${t('agenda.down')}</button>
                <button type="button" class="button compact remove" @click=${() => void this.removeItem(item)}>${t('agenda.remove')}</button>
              </div>`
            : nothing
        }
      </div>
      <span class="field-label" aria-hidden="true">${t('agenda.itemTitle')}</span>
      <yishi-ytext-field
        class="item-title"
        .text=${title instanceof Y.Text ? title : null}
        label=${`${t('agenda.item', { n })} ${t('agenda.itemTitle')}`}
        ?readonly=${!canEdit}
      ></yishi-ytext-field>
      <div class="row">
        ${nativeField(
          `${id}-party`,
          t('agenda.party'),
          html`<select
            class="input"
            id=${`${id}-party`}
            ?disabled=${!canEdit}
            @change=${(e: Event) => item.set('party', (e.target as HTMLSelectElement).value)}
          >
            <option value="" .selected=${party === ''}>${t('agenda.noParty')}</option>
            ${PARTIES.map((p) => html`<option value=${p} .selected=${p === party}>${partyLabel(p)}</option>`)}
          </select>`,
        )}
        ${nativeField(
          `${id}-minutes`,
          t('agenda.minutes'),
          html`<input
            class="input"
            id=${`${id}-minutes`}
            type="number"
            inputmode="numeric"
            min="0"
            max="600"
            .value=${String(minutes)}
            ?disabled=${!canEdit}
            @change=${(e: Event) => item.set('minutes', Math.max(0, Math.min(600, Number((e.target as HTMLInputElement).value) || 0)))}
          />`,
        )}
      </div>
      <span class="field-label" aria-hidden="true">${t('agenda.notes')}</span>
      <yishi-ytext-field
        multiline
        .text=${notes instanceof Y.Text ? notes : null}
        label=${`${t('agenda.item', { n })} ${t('agenda.notes')}`}
        ?readonly=${!canEdit}
      ></yishi-ytext-field>
      <div class="links">
        <yishi-agenda-links
          .links=${links instanceof Y.Array ? (links.toArray() as string[]) : []}
          .compoundId=${this.compoundId}
          ?editable=${canEdit}
          label=${t('agenda.item', { n })}
          @agenda-link-add=${(e: CustomEvent<string>) => this.addLink(item, e.detail)}
          @agenda-link-remove=${(e: CustomEvent<string>) => this.removeLink(item, e.detail)}
        ></yishi-agenda-links>
      </div>
    </li>`;
  }
}
