/**
 * Whether the app is online, for a page that changes what it offers offline (issue 19): ballots, sign-offs and
 * publication need the server's answer, so offline their buttons give way to words. Offline is what the browser says
 * (`navigator.onLine` and its events), or a session the server could not confirm (state/session.ts took the copy kept
 * on this device, and keeps asking): a phone on one dead bar often still calls itself online. Online does not promise
 * the server answers: a request can still fail, and the page says so as it always did.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isSessionFromDevice, onSessionChange } from '../state/session.js';

/** Online by the rule above. */
export const isOnline = (): boolean => navigator.onLine && !isSessionFromDevice();

export class OnlineController implements ReactiveController {
  online = isOnline();
  private stopListening: (() => void) | null = null;
  private readonly changed = () => {
    const online = isOnline();
    if (online === this.online) return;
    this.online = online;
    this.host.requestUpdate();
  };

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.online = isOnline();
    window.addEventListener('online', this.changed);
    window.addEventListener('offline', this.changed);
    this.stopListening = onSessionChange(this.changed);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.changed);
    window.removeEventListener('offline', this.changed);
    this.stopListening?.();
  }
}
