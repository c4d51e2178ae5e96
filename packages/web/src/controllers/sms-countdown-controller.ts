/**
 * The wait before another SMS code may be asked for, per phone, ticking once a second so the send
 * button can say "52 秒后可重新获取". The wait is the server's (`resendAfter`), measured against the
 * server's own clock through the code's lifetime (`expiresAt` − 5 minutes is when it was sent), so
 * a phone whose clock is wrong still counts the right 60 seconds. Waits outlive the page: going from
 * the login page to the activation page with the same phone keeps counting.
 */
import { ACCESS_CODE_TTL_MS } from '@yishi/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Phone → the moment (device clock) another code may be asked for. */
const waits = new Map<string, number>();
/** The phone a code was last sent to, offered to the next page that asks for one (never in the URL). */
let lastPhone = '';

export interface SmsCodeSent {
  resendAfter: string;
  expiresAt: string;
  purpose: 'login' | 'activate';
}

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

  /** Starts the wait the server set for a code it has just sent. */
  started(phone: string, sent: Pick<SmsCodeSent, 'resendAfter' | 'expiresAt'>): void {
    const sentAt = Date.parse(sent.expiresAt) - ACCESS_CODE_TTL_MS.sms;
    const waitMs = Math.max(0, Date.parse(sent.resendAfter) - sentAt);
    waits.set(phone, Date.now() + waitMs);
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
