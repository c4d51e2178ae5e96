/**
 * The wait before another SMS code may be asked for, per phone, ticking once a second so the send
 * button can say "52 秒后可重新获取". The wait is the server's, in seconds from now
 * (`resendInSeconds`), so a phone whose clock is wrong still counts the right 60 seconds; a refusal
 * because a code was just sent carries its own seconds. Waits outlive the page: going from
 * the login page to the activation page with the same phone keeps counting.
 */
import type { SmsCodeSent } from '@yishi/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { api, isApiError } from '../api/client.js';

/** Phone → the moment (device clock) another code may be asked for. */
const waits = new Map<string, number>();
/** The phone a code was last sent to, offered to the next page that asks for one (never in the URL). */
let lastPhone = '';

export type { SmsCodeSent };

export function lastSmsPhone(): string {
  return lastPhone;
}

export class SmsCountdownController implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The phone the page is about (its input's value). */
    private readonly phone: () => string,
  ) {
    host.addController(this);
  }

  /** Whole seconds until another code may be asked for this phone; 0 when it may. */
  get secondsLeft(): number {
    const until = waits.get(this.phone().trim());
    return until ? Math.max(0, Math.ceil((until - Date.now()) / 1000)) : 0;
  }

  /**
   * Asks the server to send a code to the phone and starts the wait it sets. When the server refuses
   * because a code was sent moments ago (from another page, say), the wait it names starts too; the
   * refusal is rethrown for the page to show.
   */
  async request(phone: string): Promise<SmsCodeSent> {
    try {
      const sent = await api.post<SmsCodeSent>('/api/auth/sms-code', { phone });
      this.wait(phone, sent.resendInSeconds);
      return sent;
    } catch (error) {
      const seconds = isApiError(error, 'sms_too_soon') ? (error.details as { seconds?: unknown } | null)?.seconds : undefined;
      if (typeof seconds === 'number') this.wait(phone, seconds);
      throw error;
    }
  }

  private wait(phone: string, seconds: number): void {
    waits.set(phone, Date.now() + Math.max(0, seconds) * 1000);
    lastPhone = phone;
    this.tick();
  }

  hostConnected(): void {
    this.tick();
  }

  hostDisconnected(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Re-renders now, and every second while some wait is running. */
  private readonly tick = (): void => {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.host.requestUpdate();
    const now = Date.now();
    if ([...waits.values()].some((until) => until > now)) this.timer = setTimeout(this.tick, 1000);
  };
}
