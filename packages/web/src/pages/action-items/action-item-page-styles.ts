/** The look of an action item's page (action-item-page.ts): its facts, timeline, photos, step forms and rating choices. */
import { css } from 'lit';
import { badgeStyles } from '../../components/action-items/action-item-badges.js';
import { photoGridStyles } from '../../components/action-items/photo-grid-styles.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { nativeFieldStyles } from '../../styles/native-field-styles.js';

export const actionItemPageStyles = [
  buttonStyles,
  nativeFieldStyles,
  badgeStyles,
  photoGridStyles,
  css`
    .badges {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-bottom: 1rem;
    }
    /* The names as wide as the longest (four characters), the rest of the line for the facts: in elder mode on a phone a date took three lines beside a fixed 6rem. */
    dl.facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.4rem 1rem;
      margin: 0;
    }
    dl.facts dt {
      color: var(--yishi-muted);
    }
    dl.facts dd {
      margin: 0;
    }
    /* Narrow (a phone in elder mode: under 17 of its own em): each name over its fact, which gets the whole line. */
    .facts-card {
      container: facts / inline-size;
    }
    @container facts (max-width: 17em) {
      dl.facts {
        grid-template-columns: 1fr;
        gap: 0;
      }
      dl.facts dd {
        margin-bottom: 0.5rem;
      }
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
    /*
     * A step form inside a card (the sign-off card) stands apart from what comes before it: the evidence photos
     * above the sign-off form, and the sign-off form's button above the return form. The two forms are not
     * adjacent siblings (the sign-off's confirmation dialog sits between them), so a "form + form" rule missed
     * them and each touched the one before.
     */
    .card > form.fields:not(:first-child) {
      margin-top: var(--sl-spacing-large);
    }
    .signed {
      font-size: 1.25rem;
    }
    img.photo {
      max-width: 10rem;
      max-height: 10rem;
      border-radius: var(--yishi-radius);
      margin: 0.25rem 0.25rem 0 0;
      /* Its row ends at the photo, not at the line's descent below it: what follows starts at the same distance as after a button. */
      vertical-align: top;
    }
    .card > h2:first-child {
      margin-top: 0;
    }
    ul.resident-photos a {
      display: block;
    }
  `,
];
