/**
 * Where the notice of app/notify.ts stands, so that it never hides what the reader needs: at the bottom
 * of the window above the safe area, and lifted above any bar a page holds at its bottom edge
 * (`keepNoticesClearOf`: the agenda's undo bar). While a notice shows, the page gets room at its end
 * (`--yishi-notice-room`, by which the shell's main pads its bottom) so that nothing is out of reach
 * under it, and a control that has or gets the focus under it is scrolled up above it: the field the
 * keyboard is in, the button just pressed, stay in sight. Measured again on scroll, resize and focus.
 */

/** Space kept between the notice and a bar or a focused control under it, in px. */
const GAP = 8;
const bars = new Set<Element>();
let shown: { stack: HTMLElement; toast: HTMLElement } | null = null;
let frame = 0;
/** Whether the next placing also scrolls the focused control into sight: on showing and on a focus change, never on the reader's own scrolling. */
let reveal = false;

/** A bar held at the bottom of the window (position: sticky/fixed): notices stand above it while it is there. */
export function keepNoticesClearOf(bar: Element): void {
  bars.add(bar);
  if (shown) schedule();
}

/** A notice has just been shown in `stack`. */
export function placeNotice(stack: HTMLElement, toast: HTMLElement): void {
  if (!shown) {
    addEventListener('scroll', schedule, { passive: true });
    addEventListener('resize', schedule);
    document.addEventListener('focusin', scheduleReveal);
  }
  shown = { stack, toast };
  reveal = true;
  place();
}

/** The notice has gone: the page's room and the lift go with it. */
export function releaseNoticePlace(): void {
  if (!shown) return;
  shown.stack.style.removeProperty('--yishi-notice-lift');
  shown = null;
  cancelAnimationFrame(frame);
  frame = 0;
  document.documentElement.style.removeProperty('--yishi-notice-room');
  removeEventListener('scroll', schedule);
  removeEventListener('resize', schedule);
  document.removeEventListener('focusin', scheduleReveal);
}

function scheduleReveal(): void {
  reveal = true;
  schedule();
}

function schedule(): void {
  if (!frame) frame = requestAnimationFrame(place);
}

function place(): void {
  frame = 0;
  if (!shown) return;
  const { stack, toast } = shown;
  const height = innerHeight;
  // Where the notice stands unlifted: the bars that reach into that band lift it above themselves.
  const lifted = Number.parseFloat(stack.style.getPropertyValue('--yishi-notice-lift')) || 0;
  const box = toast.getBoundingClientRect();
  const bandTop = box.top + lifted;
  let lift = 0;
  for (const bar of bars) {
    if (!bar.isConnected) {
      bars.delete(bar);
      continue;
    }
    const r = bar.getBoundingClientRect();
    if (r.height === 0 || r.top >= height || r.bottom <= bandTop - GAP) continue;
    lift = Math.max(lift, height - r.top);
  }
  if (lift !== lifted) stack.style.setProperty('--yishi-notice-lift', `${lift}px`);
  const top = bandTop - lift;
  document.documentElement.style.setProperty('--yishi-notice-room', `${Math.ceil(height - top + GAP)}px`);
  if (reveal) revealFocused(top);
  reveal = false;
}

/** The focused control, if the notice stands over it, scrolled up above the notice (the room at the page's end lets it). */
function revealFocused(noticeTop: number): void {
  let focused = document.activeElement;
  while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
  if (!focused || focused === document.body || shown?.toast.contains(focused)) return;
  const r = focused.getBoundingClientRect();
  // A region that has the focus (the page's main after a route change) is no control to keep in sight.
  if (r.height === 0 || r.height > innerHeight / 3 || r.bottom <= noticeTop - GAP || r.top >= innerHeight) return;
  // Not past the top of the window: a control taller than the room above the notice keeps its top in sight.
  const by = Math.min(r.bottom - noticeTop + GAP, Math.max(0, r.top - GAP));
  if (by > 0) scrollBy({ top: by, behavior: 'instant' });
}
