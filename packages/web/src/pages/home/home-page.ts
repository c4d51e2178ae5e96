/**
 * The per-role home: a greeting, what needs me now (components/home/home-todo.ts: votes to cast,
 * my concerns, outcomes to rate; for staff overdue items, minutes to publish, today's meetings,
 * votes closing), the roles I hold, and for each of my compounds the actions my roles there allow. The actions come from
 * home-actions.ts, so a feature that lists its page there shows up here for exactly those roles without touching this file.
 * Administrators (subdistrict committee, community staff) also get the "开始使用" checklist until
 * their compounds are set up.
 */
import '../../components/home/home-todo.js';
import '../../components/home/setup-checklist.js';
import { ROLE_LABELS, type Me, type MyCompound, type MyGrant, type Role, type StaffRole } from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { fillPath, pathParams } from '../../app/router.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { formatArea } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { HOME_ACTIONS, type HomeAction } from './home-actions.js';
import { currentMe } from '../../state/session.js';

function allows(action: HomeAction, roles: readonly Role[]): boolean {
  return action.roles.includes('public') || roles.some((role) => action.roles.includes(role));
}

/** Actions on one compound (their page's only parameter is :compoundId). */
export function compoundActions(compound: Pick<MyCompound, 'id' | 'myRoles'>): Array<{ href: string; label: string }> {
  return HOME_ACTIONS.filter((action) => pathParams(action.path).join() === 'compoundId' && allows(action, compound.myRoles)).map((action) => ({
    href: fillPath(action.path, { compoundId: compound.id }),
    label: t(action.label),
  }));
}

/** Actions with no parameters, for anyone holding one of their roles anywhere. */
function globalActions(me: Me): Array<{ href: string; label: string }> {
  const roles = new Set<Role>([...me.grants.map((g) => g.role), ...me.compounds.flatMap((c) => c.myRoles)]);
  return HOME_ACTIONS.filter((action) => action.path !== '/' && pathParams(action.path).length === 0 && allows(action, [...roles])).map((action) => ({
    href: action.path,
    label: t(action.label),
  }));
}

/** The roles that build the subdistrict: communities, compounds and their staff. */
const ADMIN_ROLES: readonly StaffRole[] = ['subdistrict_committee', 'community_staff'];

function isAdministrator(me: Me): boolean {
  return me.grants.some((g) => ADMIN_ROLES.includes(g.role));
}

/** The account page is everybody's; linked here unless it is already among the actions. */
const ACCOUNT_AMONG_ACTIONS = HOME_ACTIONS.some((action) => action.path === '/account');

function describeGrant(grant: MyGrant): string {
  const parts = [pick(grant.roleLabel)];
  if (grant.organisation) parts.push(grant.organisation);
  if (grant.title) parts.push(grant.title);
  return parts.join(' · ');
}

@customElement('yishi-home-page')
export class HomePage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    css`
      .roles {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        list-style: none;
        padding: 0;
        margin: 0;
      }
      .roles li {
        background: var(--sl-color-primary-50);
        border: 1px solid var(--sl-color-primary-200);
        border-radius: 999px;
        padding: 0.15rem 0.75rem;
      }
      .compound h3 {
        font-size: 1.2rem;
      }
      yishi-setup-checklist {
        display: block;
        margin-top: 1.25rem;
      }
      yishi-home-todo {
        display: block;
        margin-top: 1rem;
      }
      .compound .where {
        color: var(--yishi-muted);
        font-size: 0.9375rem;
        margin-bottom: 0.25rem;
      }
    `,
  ];

  override render() {
    const me = currentMe();
    if (!me) return nothing;
    const everywhere = globalActions(me);
    const admin = isAdministrator(me);
    const ownedCount = me.ownedUnitIds.length;
    return html`
      <h1>${t('home.greeting', { name: me.displayName })}</h1>
      <yishi-home-todo></yishi-home-todo>
      <h2>${t('home.roles')}</h2>
      <ul class="roles">
        ${me.grants.map((grant) => html`<li>${describeGrant(grant)}</li>`)} ${ownedCount > 0 ? html`<li>${pick(ROLE_LABELS.owner)}</li>` : nothing}
        ${me.residentUnitIds.length > 0 ? html`<li>${pick(ROLE_LABELS.resident)}</li>` : nothing}
      </ul>
      <nav class="actions" aria-label=${t('home.actions')}>
        ${everywhere.map((a) => html`<a class="link-button" href=${a.href}>${a.label}</a>`)}
        ${ACCOUNT_AMONG_ACTIONS ? nothing : html`<a class="link-button" href="/account">${t('shell.account')}</a>`}
      </nav>
      ${admin ? html`<yishi-setup-checklist></yishi-setup-checklist>` : nothing}
      <h2>${t('home.compounds')}</h2>
      ${
        me.compounds.length === 0
          ? admin
            ? html`<p class="state state-empty">${t('admin.home.noCompounds')} <a href="/admin/places">${t('admin.home.toPlaces')}</a></p>`
            : html`<p class="state state-empty">${t('home.noCompounds')}</p>`
          : html`<div class="cards">${me.compounds.map((c) => this.renderCompound(c, me))}</div>`
      }
    `;
  }

  private renderUnits(compound: MyCompound, me: Me) {
    const owned = me.ownedUnits.filter((u) => u.compoundId === compound.id);
    const lived = me.residentUnits.filter((u) => u.compoundId === compound.id);
    if (owned.length > 0) {
      return html`<p>${t('home.myUnits', { count: owned.length })}</p>
        <ul class="units">
          ${owned.map((u) => html`<li>${u.label}（${formatArea(u.areaCenti)}）</li>`)}
        </ul>`;
    }
    if (lived.length > 0) return html`<p>${t('home.myResidence')} · ${lived.map((u) => u.label).join('、')}</p>`;
    return nothing;
  }

  private renderCompound(compound: MyCompound, me: Me) {
    const actions = compoundActions(compound);
    const roles = compound.myRoles.map((role) => pick(ROLE_LABELS[role])).join('、');
    return html`<section class="card compound" aria-labelledby=${`c-${compound.id}`}>
      <h3 id=${`c-${compound.id}`}>${compound.name}</h3>
      <p class="where">${compound.subdistrictName} · ${compound.communityName}</p>
      <p>${roles}</p>
      ${this.renderUnits(compound, me)}
      <nav class="actions" aria-label=${`${compound.name} · ${t('home.actions')}`}>
        ${actions.map((a, i) => html`<a class=${i === 0 ? 'link-button primary' : 'link-button'} href=${a.href}>${a.label}</a>`)}
      </nav>
    </section>`;
  }
}
