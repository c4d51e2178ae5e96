/**
 * A native `<dialog>` kept open while the page's state says so: shown modal (the browser keeps focus
 * in it, Esc closes it, what is behind is inert) or closed. Call from `updated()`; the dialog's
 * `close` event tells the page when the reader closed it.
 */
export function syncModal(root: ParentNode, id: string, open: boolean): void {
  const dialog = root.querySelector<HTMLDialogElement>(`#${id}`);
  if (!dialog || dialog.open === open) return;
  if (open) dialog.showModal();
  else dialog.close();
}
