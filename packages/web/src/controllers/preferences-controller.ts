import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onPreferencesChange } from '../state/preferences.js';

/** Re-renders its element when the language or elder mode changes. Every element with words uses it. */
export class PreferencesController implements ReactiveController {
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = onPreferencesChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
