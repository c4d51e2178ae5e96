/**
 * A minutes text (the line format of core's minutes-text.ts) rendered as headings, paragraphs and
 * lists with Lit templates: the text is user input, so it is never inserted as HTML.
 */
import { parseMinutesText } from '@yishi/core';
import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { YishiElement } from '../base/yishi-element.js';

@customElement('yishi-minutes-body')
export class MinutesBody extends YishiElement {
  static override styles = [
    YishiElement.styles,
    css`
      :host {
        line-break: strict;
        overflow-wrap: anywhere;
      }
      p {
        text-indent: 2em;
      }
      h2 {
        margin-top: 1.25rem;
      }
      h3 {
        margin-top: 1rem;
      }
    `,
  ];
  @property() body = '';

  override render() {
    return html`${parseMinutesText(this.body).map((block) => {
      if (block.kind === 'heading') return html`<h2>${block.text}</h2>`;
      if (block.kind === 'subheading') return html`<h3>${block.text}</h3>`;
      if (block.kind === 'paragraph') return html`<p>${block.text}</p>`;
      return html`<ul>
        ${block.items.map((item) => html`<li>${item}</li>`)}
      </ul>`;
    })}`;
  }
}
