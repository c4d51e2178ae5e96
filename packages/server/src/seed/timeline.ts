/**
 * The demo's past, in the order it happened. Two seeds write to the action-item ledger (the action
 * items' own steps, and the meetings that list items from their outcomes and questions), and the
 * ledger numbers its entries as they are written: each seed adds its events here with their time,
 * and they run together in time order, so the ledger's sequence and its times agree.
 */
export class SeedTimeline {
  private readonly events: Array<{ at: number; order: number; run: () => Promise<unknown> }> = [];

  /** `run` happens at `at`; events at the same moment keep the order they were added in. */
  add(at: Date, run: () => Promise<unknown>): void {
    this.events.push({ at: at.getTime(), order: this.events.length, run });
  }

  async run(): Promise<void> {
    const ordered = [...this.events].sort((a, b) => a.at - b.at || a.order - b.order);
    this.events.length = 0;
    for (const event of ordered) await event.run();
  }
}
