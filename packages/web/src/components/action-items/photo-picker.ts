/**
 * Choosing photos to send with something (a resident's concern, staff's progress or resolution):
 * each photo is made small on the phone (shrink-photo.ts) and uploaded as soon as it is chosen, so a
 * file that is not a photo is refused at once, in words, beside the field; the form then sends the
 * photos' ids. Thumbnails come from the shrunk copy, each with a button to remove it. Anything the
 * form adds (the resident's "show on the board" choice) goes in the default slot.
 *
 * Fires `yishi-photos-change` (detail: count, busy) whenever the photos or the work in progress
 * change, so the form can show its extra fields and hold its submit button while photos are sent.
 */
import type { ConcernPhoto } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { WriteController } from '../../controllers/write-controller.js';
import { t } from '../../i18n.js';
import { buttonStyles } from '../../styles/button-styles.js';
import { YishiElement } from '../base/yishi-element.js';
import { photoGridStyles } from './photo-grid-styles.js';
import { PhotoUnreadable, shrinkPhoto } from './shrink-photo.js';

/** A photo sent to the server and waiting for the form: its id, and a preview made from the shrunk copy. */
interface PendingPhoto {
  id: string;
  preview: string;
}

@customElement('yishi-photo-picker')
export class PhotoPicker extends YishiElement {
  static override styles = [
    YishiElement.styles,
    buttonStyles,
    photoGridStyles,
    css`
      ul.thumbs .button {
        min-height: var(--yishi-tap);
        font-size: 1rem;
      }
      fieldset.photos {
        border: 1px solid var(--yishi-border);
        border-radius: var(--yishi-radius);
        padding: 0.75rem 1rem 1rem;
        margin: 0;
        min-width: 0;
      }
      /*
       * The legend is the box's first line, inside its border: in elder mode on a phone it takes two lines,
       * and a legend drawn in the border put its first line above the box and its second below the border.
       * Floated, it is laid out with the fieldset's contents; the next line starts under it.
       */
      fieldset.photos legend {
        float: left;
        width: 100%;
        padding: 0;
        font-weight: 600;
      }
      fieldset.photos legend + * {
        clear: left;
      }
      ul.thumbs {
        margin: 0.5rem 0;
      }
      ul.thumbs li {
        display: grid;
        gap: 0.35rem;
      }
      label.add-photo {
        cursor: pointer;
        gap: 0.4rem;
      }
      label.add-photo:focus-within {
        outline: 3px solid var(--yishi-brand);
        outline-offset: 2px;
      }
      .field-error {
        color: var(--yishi-danger-text);
        font-weight: 600;
        margin: 0.5rem 0 0;
      }
      .hint {
        color: var(--yishi-muted);
        margin: 0.25rem 0 0;
      }
    `,
  ];

  @property() legend = '';
  @property() help = '';
  @property({ type: Number }) max = 4;
  /** Said when more photos are chosen than there is room for. */
  @property() limitMessage = '';
  /** Uploads one shrunk photo (api.upload of the form's photo endpoint). */
  @property({ attribute: false }) upload: ((file: Blob) => Promise<ConcernPhoto>) | null = null;
  /** A problem the form heard from the server about the photos (an expired one, say). */
  @property() error: string | null = null;
  @state() private photos: PendingPhoto[] = [];
  /** Photos being shrunk and sent. */
  @state() private busyCount = 0;
  private readonly write = new WriteController(this);

  /** The ids to send with the form, in the order chosen. */
  get ids(): string[] {
    return this.photos.map((p) => p.id);
  }

  /** The chosen photos' previews (object URLs of the shrunk copies), in the same order: for a confirmation to show them. */
  get previews(): string[] {
    return this.photos.map((p) => p.preview);
  }

  get busy(): boolean {
    return this.busyCount > 0;
  }

  /** After the form was sent: start again with no photos. */
  clear(): void {
    for (const photo of this.photos) URL.revokeObjectURL(photo.preview);
    this.photos = [];
    this.error = null;
    this.changed();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const photo of this.photos) URL.revokeObjectURL(photo.preview);
  }

  private changed(): void {
    this.dispatchEvent(new CustomEvent('yishi-photos-change', { detail: { count: this.photos.length, busy: this.busy }, bubbles: true, composed: true }));
  }

  override render() {
    const room = this.max - this.photos.length;
    return html`<fieldset class="photos">
      <legend>${this.legend}</legend>
      ${this.help ? html`<p class="hint">${this.help}</p>` : nothing}
      ${
        this.photos.length > 0
          ? html`<ul class="thumbs photo-grid">
              ${this.photos.map(
                (photo, i) =>
                  html`<li>
                    <img src=${photo.preview} alt=${t('concern.photoAlt', { n: i + 1 })} />
                    <button type="button" class="button" @click=${() => this.removePhoto(photo)}>${t('concern.removePhoto', { n: i + 1 })}</button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      ${
        room > 0
          ? html`<label class="link-button add-photo"
              ><span aria-hidden="true">＋</span>${this.photos.length === 0 ? t('concern.addPhoto') : t('concern.addMorePhoto', { room })}<input
                class="visually-hidden"
                type="file"
                name="photo"
                accept="image/*"
                multiple
                ?disabled=${this.busy}
                @change=${(ev: Event) => void this.add(ev)}
            /></label>`
          : nothing
      }
      <p class="hint" role="status">${this.busy ? t('concern.photoWorking') : ''}</p>
      ${this.error ? html`<p class="field-error" role="alert">${this.error}</p>` : nothing}
      <slot></slot>
    </fieldset>`;
  }

  private async add(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    const room = this.max - this.photos.length;
    this.error = files.length > room ? this.limitMessage : null;
    for (const file of files.slice(0, Math.max(0, room))) {
      this.busyCount += 1;
      this.changed();
      try {
        let small: Blob;
        try {
          small = await shrinkPhoto(file);
        } catch (error) {
          if (!(error instanceof PhotoUnreadable)) throw error;
          this.error = t('concern.photoUnreadable', { name: file.name });
          continue;
        }
        const upload = this.upload;
        const uploaded = upload ? await this.write.run(() => upload(small), { errorAs: 'inline' }) : undefined;
        if (!uploaded) {
          this.error = this.write.error;
          continue;
        }
        this.photos = [...this.photos, { id: uploaded.id, preview: URL.createObjectURL(small) }];
      } finally {
        this.busyCount -= 1;
        this.changed();
      }
    }
  }

  private removePhoto(photo: PendingPhoto): void {
    URL.revokeObjectURL(photo.preview);
    this.photos = this.photos.filter((p) => p !== photo);
    this.error = null;
    this.changed();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yishi-photo-picker': PhotoPicker;
  }
}
