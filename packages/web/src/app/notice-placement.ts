/**
 * Where the notice of app/notify.ts stands, so that it never hides what the reader needs: at the bottom
 * of the window above the safe area, and lifted above any bar a page holds at its bottom edge
 * (`keepNoticesClearOf`: the agenda's undo bar). While a notice shows, the page gets room at its end
 * (`--yishi-notice-room`, by which the shell's main pads its bottom) so that nothing is out of reach
 * under it, and a control that has or gets the focus under it is scrolled up above it: the field the
 * keyboard is in, the button just pressed, stay in sight. Measured again on scroll, resize and focus.
 *
 * While a modal dialog is open, all outside it is inert: drawn under it, deaf to taps and left out of what
 * a screen reader reads. So the notices' live region stands in the topmost open dialog then (with the notice
 * styles, which a dialog in a shadow root does not see from the document), above the dialog's own buttons,
 * and goes back to its place in the shell when the dialog closes; a notice showing when a dialog opens moves in.
 * Every dialog of the app opens through components/common/modal.ts, which keeps the list of those open.
 */
import { MODAL_OPENED, openModals } from '../components/common/modal.js';
import noticeStyles from '../styles/notices.css?inline';

/** Space kept between the notice and a bar or a focused control under it, in px. */
const GAP = 8;
const bars = new Set<Element>();
let shown: { stack: HTMLElement; toast: HTMLElement } | null = null;
/** The open dialog the notices stand in, if any (the app opens dialogs modal: components/common/modal.ts), and their place in the shell. */
let dialog: HTMLDialogElement | null = null;
let home: Element | null = null;
let frame = 0;
/** Whether the next placing also scrolls the focused control into sight: on showing and on a focus change, never on the reader's own scrolling. */
let reveal = false;

/** A bar held at the bottom of the window (position: sticky/fixed): notices stand above it while it is there. */
export function keepNoticesClearOf(bar: Element): void {
  bars.add(bar);
  if (shown) schedule();
}

/**
 * The notices' region into the topmost open modal dialog, or back to the shell when none is open (or the one
 * it stood in has gone). True if it moved: a live region just put somewhere is not heard at once, so its next
 * notice waits a moment.
 */
export function houseNotices(stack: HTMLElement): boolean {
  home ??= stack.parentElement;
  const open = topDialog();
  const place = open ?? home;
  if (!place || stack.parentElement === place) return false;
  dialog = open;
  if (open) {
    // A dialog in a shadow root does not see the document's styles.
    if (open.getRootNode() !== document && !open.querySelector(':scope > style.notice-styles')) {
      open.append(Object.assign(document.createElement('style'), { className: 'notice-styles', textContent: noticeStyles }));
    }
    open.addEventListener('close', () => stack.parentElement === open && houseNotices(stack) && schedule(), { once: true });
  }
  place.append(stack);
  return true;
}

/** The open dialog on top: the one with the keyboard if several are open (a modal one keeps it in itself), else the latest. */
function topDialog(): HTMLDialogElement | null {
  const open = openModals.filter((d) => d.open && d.isConnected);
  const focused: Element[] = [];
  for (let at = document.activeElement; at; at = at.shadowRoot?.activeElement ?? null) focused.push(at);
  return open.find((d) => focused.some((element) => d.contains(element))) ?? open.at(-1) ?? null;
}

/** A dialog opened while a notice shows: the notice moves into it, where it can be read, tapped and heard. */
function rehouse(): void {
  if (shown && houseNotices(shown.stack)) schedule();
}

/** A notice has just been shown in `stack`. */
export function placeNotice(stack: HTMLElement, toast: HTMLElement): void {
  // Where a notice shown before this module came is housed now.
  houseNotices(stack);
  if (!shown) {
    addEventListener('scroll', schedule, { passive: true });
    addEventListener('resize', schedule);
    addEventListener(MODAL_OPENED, rehouse);
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
  removeEventListener(MODAL_OPENED, rehouse);
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
  // In a dialog, the page's bars are under it: the dialog's own row of buttons, held at its bottom (.dialog .actions in
  // styles/native-field-styles.ts), is what the notice stands above.
  for (const bar of dialog ? dialog.querySelectorAll('.actions') : bars) {
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
  // A dialog scrolls inside itself.
  if (by > 0) (dialog ?? window).scrollBy({ top: by, behavior: 'instant' });
}
