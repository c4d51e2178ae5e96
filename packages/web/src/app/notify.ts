/**
 * A notice ("已保存", a refusal, "已移除：李明 · 撤销"), drawn natively: no Shoelace comes with the first
 * save. Text only (textContent). One at a time, at the bottom of the window, clear of bottom bars and
 * of the focused control (app/notice-placement.ts), so a run of changes never piles notices over what
 * the reader is reading or about to tap: a newer notice replaces the one showing, and the same words
 * again show a count ("已保存 ×2"), so a second save is seen to have happened.
 *
 * It goes by itself after a time scaled to its words (half as long again in elder mode; never less than
 * the `duration` asked for, nor ten seconds with an action), but not while the pointer is on it or it
 * holds the focus (time enough to read: WCAG 2.2.1); its close button and Escape remove it at once.
 * Screen readers hear it from a polite live region made once, the focus staying where it is (while a modal
 * dialog is open, the region stands in it: all outside a modal dialog is inert and unheard); a danger
 * notice is an alert, heard at once. An action ("撤销") is a button in it: `focusAction` puts the
 * keyboard there when the control pressed went with what it removed, and `returnFocus` says where the
 * keyboard goes if the notice goes while holding it.
 */
import { t } from '../i18n.js';
import type * as NoticePlacementModule from './notice-placement.js';

type NoticePlacement = typeof NoticePlacementModule;

/**
 * Where a notice stands (app/notice-placement.ts), loaded with the first notice rather than with every page's first
 * load (issue 18: the shell stays light): until it is here, a notice stands where the stylesheet puts it, at the bottom.
 */
let placement: NoticePlacement | undefined;
const placing = () => import('./notice-placement.js').then((module) => (placement = module));

type Variant = 'primary' | 'success' | 'neutral' | 'warning' | 'danger';

export interface NoticeOptions {
  /** The least time it shows, in ms (its words may ask for more). */
  duration?: number;
  /** A button in the notice ("撤销"); the notice goes when it is pressed. */
  action?: { label: string; run: () => void };
  /** The keyboard goes to the action at once (the control that was pressed is gone). */
  focusAction?: boolean;
  /** Where the keyboard goes when the notice goes while holding it (closed, replaced), except by its action. */
  returnFocus?: () => HTMLElement | null | undefined;
}

const STACK_ID = 'yishi-toasts';
/** The shell's slot for the notices. */
export const NOTICES_SLOT = 'notices';
/** The least time a notice with an action shows: long enough to reach its button. */
const ACTION_MS = 10_000;

/** The notice showing, if any. */
let current: { toast: HTMLElement; message: string; variant: Variant; count: number; remove: (byAction?: boolean) => void } | null = null;

/**
 * How long a notice takes to read, unhurried: 2 s to notice it, then a quarter second per Chinese
 * character and 60 ms per other character (about 4 characters or 3 English words a second); at least
 * 5 s, at most 20 s; half as long again in elder mode.
 */
export function readingTime(message: string, elder: boolean): number {
  let ms = 2000;
  for (const char of message) ms += /\p{Script=Han}/u.test(char) ? 250 : 60;
  return Math.min(20_000, Math.max(5000, ms)) * (elder ? 1.5 : 1);
}

/** The live region the notices go into (made once; it stands in an open modal dialog while one is open). */
let region: HTMLElement | undefined;

/** The live region, and whether it was made just now (a new region is not heard at once). */
function stack(): { element: HTMLElement; fresh: boolean } {
  if (region) return { element: region, fresh: false };
  const element = (region = Object.assign(document.createElement('div'), { id: STACK_ID, className: 'toast-stack' }));
  element.setAttribute('aria-live', 'polite');
  const shell = document.querySelector('yishi-app');
  if (shell) element.slot = NOTICES_SLOT;
  (shell ?? document.body).append(element);
  // Into an open dialog before its first notice, so that the notice is heard.
  void placing().then(
    (module) => module.houseNotices(element),
    () => undefined,
  );
  // Escape closes the notice, unless a dialog has the keyboard (Escape is the dialog's then).
  addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.defaultPrevented || !current) return;
    if (event.composedPath().some((node) => node instanceof HTMLDialogElement)) return;
    current.remove();
  });
  return { element, fresh: true };
}

export function notify(message: string, variant: Variant = 'primary', options: number | NoticeOptions = {}): void {
  const { duration = 0, action, focusAction = false, returnFocus } = typeof options === 'number' ? { duration: options } : options;
  const toast = Object.assign(document.createElement('div'), { className: `toast ${variant}` });
  if (variant === 'danger') toast.setAttribute('role', 'alert');
  const text = Object.assign(document.createElement('p'), { textContent: message });
  const close = Object.assign(document.createElement('button'), { type: 'button', className: 'toast-close', textContent: '×' });
  close.setAttribute('aria-label', t('shell.dismiss'));
  const actionButton = action && Object.assign(document.createElement('button'), { type: 'button', className: 'toast-action', textContent: action.label });
  toast.append(text, ...(actionButton ? [actionButton] : []), close);

  let timer: ReturnType<typeof setTimeout> | undefined;
  let time = duration;
  const remove = (byAction = false) => {
    clearTimeout(timer);
    if (!toast.isConnected) return;
    const held = toast.contains(document.activeElement);
    toast.remove();
    if (current?.toast === toast) {
      current = null;
      placement?.releaseNoticePlace();
    }
    if (held && !byAction) returnFocus?.()?.focus();
  };
  const wait = () => {
    clearTimeout(timer);
    timer = setTimeout(remove, time);
  };
  const hold = () => clearTimeout(timer);
  toast.addEventListener('pointerenter', hold);
  toast.addEventListener('pointerleave', wait);
  toast.addEventListener('focusin', hold);
  toast.addEventListener('focusout', (event) => {
    if (!toast.contains(event.relatedTarget as Node | null)) wait();
  });
  close.addEventListener('click', () => remove());
  actionButton?.addEventListener('click', () => {
    remove(true);
    action?.run();
  });

  const { element, fresh } = stack();
  const show = () => {
    // The same words again: one notice, counted, so that the second time is seen to have happened.
    const count = !action && current?.message === message && current.variant === variant ? current.count + 1 : 1;
    if (count > 1) {
      // Seen, not said: a screen reader hears the words again, which is what happened.
      const counted = Object.assign(document.createElement('span'), { className: 'toast-count', textContent: ` ×${count}` });
      counted.setAttribute('aria-hidden', 'true');
      text.append(counted);
    }
    const heldFocus = current?.toast.contains(document.activeElement) ?? false;
    current?.remove();
    current = { toast, message, variant, count, remove };
    time = Math.max(duration, readingTime(message, document.documentElement.classList.contains('elder')), action ? ACTION_MS : 0);
    element.append(toast);
    if (placement) placement.placeNotice(element, toast);
    else
      void placing().then(
        (module) => current?.toast === toast && module.placeNotice(element, toast),
        () => undefined,
      );
    wait();
    if (actionButton && (focusAction || heldFocus)) actionButton.focus({ preventScroll: true });
  };
  // A region made or moved (into a dialog opened since, or out of one) just now: its notice a moment later, so that it is heard.
  if (placement?.houseNotices(element) || fresh) setTimeout(show, 100);
  else show();
}
