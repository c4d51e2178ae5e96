/**
 * A native `<dialog>` kept open while the page's state says so: shown modal (the browser keeps focus
 * in it, Esc closes it, what is behind is inert) or closed. Call from `updated()`; the dialog's
 * `close` event tells the page when the reader closed it.
 */
export function syncModal(root: ParentNode, id: string, open: boolean): void {
  const dialog = root.querySelector<HTMLDialogElement>(`#${id}`);
  if (!dialog || dialog.open === open) return;
  if (!open) return dialog.close();
  dialog.showModal();
  openModals.push(dialog);
  dialog.addEventListener('close', () => openModals.splice(openModals.indexOf(dialog) >>> 0, 1), { once: true });
  dispatchEvent(new Event(MODAL_OPENED));
}

/** The modal dialogs open now, the latest last (closed by the page, Esc or a form): the notices stand in the top one (app/notice-placement.ts). */
export const openModals: HTMLDialogElement[] = [];
/** The window's event when a modal dialog has opened. */
export const MODAL_OPENED = 'yishi-modal-opened';
