/**
 * The base of every Yishi element that shows words: the shared page styles, and the preferences
 * controller, so a switch of language or of elder mode re-renders every open element at once (an
 * element that forgets it stays in the old language until a reload). Extend it instead of
 * LitElement; add styles with `static override styles = [YishiElement.styles, css`…`]`.
 */
import { LitElement, type CSSResultGroup } from 'lit';
import { PreferencesController } from '../../controllers/preferences-controller.js';
import { pageStyles } from '../../styles/page-styles.js';

export class YishiElement extends LitElement {
  static override styles: CSSResultGroup = pageStyles;

  protected readonly preferences = new PreferencesController(this);
}
