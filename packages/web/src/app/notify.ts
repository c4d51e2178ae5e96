/**
 * A notice at the top of the page ("已保存", a refusal), drawn natively: no Shoelace comes with
 * the first save. Text only (textContent). A notice goes by itself after `duration` ms, but not
 * while the pointer is on it or it holds the focus (time enough to read: WCAG 2.2.1), and its
 * close button removes it at once. Screen readers hear it from a polite live region made once; a
 * danger notice is an alert, heard at once. The shell (app/yishi-app.ts) holds them just below its
 * header, so that they never cover its switches; a page without the shell has them at the top.
 */
import { t } from '../i18n.js';

type Variant = 'primary' | 'success' | 'neutral' | 'warning' | 'danger';

const STACK_ID = 'yishi-toasts';
/** The shell's slot for the notices, under its header. */
export const NOTICES_SLOT = 'notices';

/** The live region the notices go into, and whether it was there before (a new region is not heard at once). */
function stack(): { element: HTMLElement; fresh: boolean } {
  const found = document.getElementById(STACK_ID);
  if (found) return { element: found, fresh: false };
  const element = Object.assign(document.createElement('div'), { id: STACK_ID, className: 'toast-stack' });
  element.setAttribute('aria-live', 'polite');
  const shell = document.querySelector('yishi-app');
  if (shell) element.slot = NOTICES_SLOT;
  (shell ?? document.body).append(element);
  return { element, fresh: true };
}

export function notify(message: string, variant: Variant = 'primary', duration = 5000): void {
  const toast = Object.assign(document.createElement('div'), { className: `toast ${variant}` });
  if (variant === 'danger') toast.setAttribute('role', 'alert');
  const text = Object.assign(document.createElement('p'), { textContent: message });
  const close = Object.assign(document.createElement('button'), { type: 'button', className: 'toast-close', textContent: '×' });
  close.setAttribute('aria-label', t('shell.dismiss'));
  toast.append(text, close);

  let timer: ReturnType<typeof setTimeout> | undefined;
  const remove = () => {
    clearTimeout(timer);
    toast.remove();
  };
  const wait = () => {
    clearTimeout(timer);
    timer = setTimeout(remove, duration);
  };
  const hold = () => clearTimeout(timer);
  toast.addEventListener('pointerenter', hold);
  toast.addEventListener('pointerleave', wait);
  toast.addEventListener('focusin', hold);
  toast.addEventListener('focusout', wait);
  close.addEventListener('click', remove);

  const { element, fresh } = stack();
  const show = () => {
    element.append(toast);
    wait();
  };
  // A region made just now: its first notice a moment later, so that it is announced.
  if (fresh) setTimeout(show, 100);
  else show();
}
