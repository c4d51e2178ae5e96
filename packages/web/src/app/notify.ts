type Variant = 'primary' | 'success' | 'neutral' | 'warning' | 'danger';

/**
 * A toast at the corner of the screen (Shoelace's toast stack); text only, escaped. Shoelace's
 * alert is loaded on the first toast, not with the shell.
 */
export function notify(message: string, variant: Variant = 'primary', duration = 5000): void {
  void import('@shoelace-style/shoelace/dist/components/alert/alert.js').then(() => {
    const alert = Object.assign(document.createElement('sl-alert'), { variant, closable: true, duration });
    alert.textContent = message;
    document.body.append(alert);
    void alert.toast();
  });
}
