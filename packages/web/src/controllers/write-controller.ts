/**
 * The one way a page sends a change: `await this.write.run(() => api.call(…), { success })`. It
 * keeps the page busy while the request is out (buttons show it), says success in a toast, sends
 * an expired session to the login page, and sorts a refusal: problems about a field go under that
 * field (`fieldErrors`), the rest is said once (`error`, and a toast unless the page shows it
 * inline). Pages never write try/catch/notify themselves. The control that sent the change keeps the
 * focus through it (a disabled button loses it).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError } from '../api/client.js';
import { sortApiError, type FieldErrors } from '../api/field-errors.js';
import { navigate } from '../app/router.js';
import { notify, type NoticeOptions } from '../app/notify.js';
import { forgetSession } from '../state/session.js';

export interface WriteOptions<F extends string, T = unknown> {
  /** Said in a toast when the change went through; a function gets the answer (counts known only afterwards). */
  success?: string | ((result: T) => string);
  /** The success notice's action ("撤销") and where the keyboard goes with it (app/notify.ts); a function gets the answer. */
  successNotice?: NoticeOptions | ((result: T) => NoticeOptions);
  /** The form's fields: a refusal about one of them is shown under it. */
  fields?: readonly F[];
  /** Error codes that are about one field (`compound_code_taken` → 'code'). */
  fieldOfCode?: Partial<Record<string, F>>;
  /** 'inline': the page shows `error` itself; 'toast' (default): a toast says it too. */
  errorAs?: 'inline' | 'toast';
  /**
   * For a form that may be closed before the answer comes (on one bar of signal another item's form is opened
   * meanwhile): `closed()` says so when a refusal comes back, which is then said in a toast in the words
   * `notSaved(why)` gives it, not under the fields of whichever form is open by then.
   */
  form?: { closed: () => boolean; notSaved: (why: string) => string };
}

export class WriteController<F extends string = string> implements ReactiveController {
  busy = false;
  /** What the last refusal said that belongs to no field; null after a success. */
  error: string | null = null;
  /** The last refusal's error code (`vote_closed` …), for a page that reacts to one; null after a success. */
  code: string | null = null;
  fieldErrors: FieldErrors<F> = {};

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Runs the change; answers its result, or undefined when it was refused (and said so). */
  async run<T>(action: () => Promise<T>, options: WriteOptions<F, T> = {}): Promise<T | undefined> {
    if (this.busy) return undefined;
    const focused = focusedElement();
    this.busy = true;
    this.clear();
    try {
      const result = await action();
      if (options.success) {
        const notice = typeof options.successNotice === 'function' ? options.successNotice(result) : options.successNotice;
        notify(typeof options.success === 'function' ? options.success(result) : options.success, 'success', notice);
      }
      return result;
    } catch (error) {
      this.code = error instanceof ApiError ? error.code : null;
      // Only an expired session goes to the login page; a wrong password (also a 401) is a refusal.
      if (error instanceof ApiError && error.code === 'unauthenticated') {
        forgetSession();
        navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
        return undefined;
      }
      const sorted = sortApiError(error, options.fields ?? [], options.fieldOfCode ?? {});
      if (options.form?.closed()) {
        const why = [sorted.general, ...Object.values<string | undefined>(sorted.fields)].filter((said) => said).join(' ');
        notify(options.form.notSaved(why), 'danger');
        return undefined;
      }
      this.fieldErrors = sorted.fields;
      this.error = sorted.general;
      if (sorted.general && options.errorAs !== 'inline') notify(sorted.general, 'danger');
      return undefined;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
      if (focused) void this.giveFocusBack(focused);
    }
  }

  /**
   * A button disabled while its change is sent drops the focus to the page (a keyboard or screen-reader
   * user would start again from the top): once it is enabled again, it gets the focus back, unless the
   * focus went somewhere meanwhile (the field with a problem, a dialog).
   */
  private async giveFocusBack(element: HTMLElement): Promise<void> {
    await this.host.updateComplete;
    if (element.isConnected && !element.matches(':disabled') && focusedElement() === null) element.focus({ preventScroll: true });
  }

  /** Forgets one field's problem, once that field is edited (the others stay until the next try). */
  clearField(field: F): void {
    if (!this.fieldErrors[field]) return;
    this.fieldErrors = { ...this.fieldErrors, [field]: undefined };
    this.host.requestUpdate();
  }

  /** A problem the page found before sending: said under its field as a refusal would be; nothing is sent. */
  refuse(field: F, problem: string): void {
    this.clear();
    this.fieldErrors = { [field]: problem } as FieldErrors<F>;
  }

  /** Forgets the last refusal (when the form is edited or closed). */
  clear(): void {
    this.error = null;
    this.code = null;
    this.fieldErrors = {};
    this.host.requestUpdate();
  }
}

/** The element with the focus, looking into shadow roots; null when the focus is on the page itself. */
function focusedElement(): HTMLElement | null {
  let element = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element instanceof HTMLElement && element !== document.body ? element : null;
}
