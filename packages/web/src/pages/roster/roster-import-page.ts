import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { pageStyles } from '../../styles/page-styles.js';

@customElement('yishi-roster-import-page')
export class RosterImportPage extends LitElement {
  static override styles = pageStyles;
  @property({ attribute: false }) params: Record<string, string> = {};
  override render() {
    return html`<h1>花名册导入</h1>`;
  }
}
