/** The look of an action item's page (action-item-page.ts): its facts, timeline, photos, step forms and rating choices. */
import { css } from 'lit';
import { badgeStyles } from '../../components/action-items/action-item-badges.js';
import { photoGridStyles } from '../../components/action-items/photo-grid-styles.js';
import { formStyles } from '../../styles/form-styles.js';

export const actionItemPageStyles = [
  formStyles,
  badgeStyles,
  photoGridStyles,
  css`
    .badges {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-bottom: 1rem;
    }
    dl.facts {
      display: grid;
      grid-template-columns: minmax(6rem, auto) 1fr;
      gap: 0.4rem 1rem;
      margin: 0;
    }
    dl.facts dt {
      color: var(--yishi-muted);
    }
    dl.facts dd {
      margin: 0;
    }
    /* Words people typed keep their line breaks. */
    .typed {
      white-space: pre-wrap;
    }
    ol.timeline {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    ol.timeline li {
      border-left: 3px solid var(--yishi-border);
      padding: 0.25rem 0 0.75rem 0.9rem;
    }
    .when {
      color: var(--yishi-muted);
      font-size: 0.9375rem;
    }
    .card form.fields + form.fields {
      margin-top: 1.25rem;
    }
    .signed {
      font-size: 1.25rem;
    }
    img.photo {
      max-width: 10rem;
      max-height: 10rem;
      border-radius: var(--yishi-radius);
      margin: 0.25rem 0.25rem 0 0;
    }
    .field-error {
      color: var(--yishi-danger-text);
      font-weight: 600;
      margin: 0.25rem 0 0;
    }
    .card > h2:first-child {
      margin-top: 0;
    }
    ul.resident-photos a {
      display: block;
    }
    /* The rating choices as rows as wide as the form and at least a tap target tall (48 px in elder mode). */
    sl-radio-group.rating sl-radio {
      border: 1px solid var(--yishi-border);
      border-radius: var(--yishi-radius);
      padding: 0 0.75rem;
      margin: 0 0 0.5rem;
    }
    sl-radio-group.rating sl-radio::part(base) {
      width: 100%;
      min-height: var(--yishi-tap);
      align-items: center;
    }
  `,
];
