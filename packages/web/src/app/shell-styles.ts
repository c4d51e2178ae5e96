/**
 * The app shell's look: the skip link, the header (home link, language and elder-mode switches,
 * account), the routed page's <main>, and how the header folds on a phone. For app/yishi-app.ts.
 */
import { css } from 'lit';

export const shellStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 100vh;
  }
  .skip {
    position: absolute;
    left: 0.5rem;
    top: -10rem;
    background: var(--yishi-surface);
    padding: 0.5rem 1rem;
    z-index: 10;
  }
  .skip:focus {
    top: 0.5rem;
  }
  header {
    background: var(--yishi-surface);
    border-bottom: 1px solid var(--yishi-border);
  }
  .bar {
    max-width: var(--yishi-page-width);
    margin: 0 auto;
    padding: 0.5rem 1rem;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
  }
  .brand {
    display: inline-flex;
    align-items: baseline;
    gap: 0.5rem;
    min-height: var(--yishi-tap);
    align-items: center;
    text-decoration: none;
    color: var(--yishi-text);
    font-weight: 700;
    font-size: 1.25rem;
    margin-right: auto;
  }
  .brand small {
    font-weight: 400;
    font-size: 0.875rem;
    color: var(--yishi-muted);
  }
  .tools,
  .preferences {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  /* The shell draws its own button and switch (styles/switch-styles.ts; no Shoelace in the first download); they look like the pages' Shoelace ones. */
  .tool-button {
    min-height: var(--yishi-tap);
    padding: 0 1rem;
    border: 1px solid var(--sl-color-neutral-300, #cbd5e1);
    border-radius: var(--sl-border-radius-medium, 0.25rem);
    background: var(--yishi-surface);
    color: var(--yishi-text);
    font: inherit;
    font-size: 1rem;
    font-weight: 600;
    cursor: pointer;
  }
  .tool-button:hover {
    background: var(--sl-color-primary-50);
    border-color: var(--sl-color-primary-300);
    color: var(--sl-color-primary-700);
  }
  .tool-button[disabled] {
    opacity: 0.5;
    cursor: wait;
  }
  .who {
    color: var(--yishi-muted);
    font-size: 0.9375rem;
  }
  /* The bell's room while its code comes (loadBell), so the header does not move when it appears. */
  yishi-notification-bell:not(:defined) {
    display: inline-block;
    min-width: var(--yishi-tap);
    min-height: var(--yishi-tap);
  }
  .account-link {
    display: inline-flex;
    align-items: center;
    min-height: var(--yishi-tap);
    padding: 0 0.25rem;
    font-weight: 600;
  }
  /* The notices' place (app/notify.ts): they stand fixed at the bottom of the window (styles/notices.css). */
  .notices {
    display: contents;
  }
  main {
    flex: 1;
    width: 100%;
    max-width: var(--yishi-page-width);
    margin: 0 auto;
    /* While a notice shows, room for it at the page's end (app/notice-placement.ts), so nothing stays under it. */
    padding: 1rem 1rem max(3rem, var(--yishi-notice-room, 0px));
  }
  main:focus {
    outline: none;
  }
  /* A bare page (the hall screen) has the whole window. */
  main.bare {
    max-width: none;
    padding: 0;
  }
  /* Printed pages (the notice board for the physical 公示栏) carry the page alone: no header, no skip link. */
  @media print {
    header,
    .skip {
      display: none;
    }
    main {
      max-width: none;
      padding: 0;
    }
  }
  @media (max-width: 40rem) {
    .brand small,
    .who {
      display: none;
    }
    /* Row one: the name, the bell, the account and logging out; row two: elder mode and the language.
       Narrower buttons and gaps so that each row still fits a 360-pixel phone in elder mode's larger type. */
    .bar {
      column-gap: 0.5rem;
    }
    .tools,
    .preferences {
      gap: 0.5rem 0.25rem;
    }
    .tool-button {
      padding: 0 0.625rem;
    }
    .account-link {
      padding: 0;
    }
    /* One row on a phone; the language under the switch when even that is too narrow (200 % zoom: 180 px). */
    .preferences.with-elder {
      flex-basis: 100%;
      justify-content: space-between;
    }
  }
`;
