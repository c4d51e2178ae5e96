/**
 * Compound overview (小区概况): where it is, the key figures (buildings, units, owners, developer-held
 * units, total floor area), the buildings, the four parties' representatives and the station team.
 */
import {
  COMPOUND_STAFF,
  PARTIES,
  PARTY_LABELS,
  compoundEndpoints,
  type CompoundOverview,
  type CompoundRepresentative,
  type Party,
  type Role,
} from '@yishi/core';
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import { YishiElement } from '../../components/base/yishi-element.js';
import { renderLoad } from '../../components/common/load-state.js';
import { LoadController } from '../../controllers/load-controller.js';
import { formatArea } from '../../format/format.js';
import { pick, t } from '../../i18n.js';
import { holdsRoleAt } from '../../state/session.js';

/** Who opens the compound's accounts page and the staff page (as the home page's actions: pages/home/home-actions.ts). */
const ACTIVATION_ROLES: readonly Role[] = ['subdistrict_committee', 'community_staff', 'station_chief', 'station_deputy', 'building_head'];
const GRANTING_ROLES: readonly Role[] = ['subdistrict_committee', 'community_staff', 'station_chief'];

@customElement('yishi-compound-overview-page')
export class CompoundOverviewPage extends YishiElement {
  static override styles = [
    YishiElement.styles,
    css`
      .parties {
        display: grid;
        gap: var(--yishi-gap);
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 16rem), 1fr));
      }
      .parties > .card {
        margin-bottom: 0;
      }
      .party ul,
      .station ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .figure.wide {
        grid-column: 1 / -1;
      }
      .party li,
      .station li {
        padding: 0.35rem 0;
        border-top: 1px solid var(--yishi-border);
      }
      .party li:first-child,
      .station li:first-child {
        border-top: 0;
      }
      .rep-name {
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) params: Record<string, string> = {};
  private readonly overview = new LoadController(
    this,
    (signal) => api.call(compoundEndpoints.overview, { params: { compoundId: this.params.compoundId ?? '' }, signal }),
    () => [this.params.compoundId],
  );

  override render() {
    return renderLoad(this.overview, (o) => this.renderOverview(o));
  }

  private renderOverview(o: CompoundOverview) {
    const { compound, stats } = o;
    const mayManageRoster = holdsRoleAt(compound.id, COMPOUND_STAFF);
    // The next steps after a roster, from here (an administrator setting up the compound had no way on but the home page).
    const mayActivate = holdsRoleAt(compound.id, ACTIVATION_ROLES);
    const mayGrant = holdsRoleAt(compound.id, GRANTING_ROLES);
    return html`
      <h1>${compound.name}</h1>
      <p class="lead">
        ${t('overview.belongsTo', { subdistrict: compound.subdistrictName, community: compound.communityName })}
        ${compound.address ? html`<br />${t('overview.address', { address: compound.address })}` : nothing}
      </p>
      <div class="actions">
        ${mayManageRoster ? html`<a class="link-button" href=${`/compounds/${compound.id}/roster`}>${t('overview.roster')}</a>` : nothing}
        ${mayActivate ? html`<a class="link-button" href=${`/compounds/${compound.id}/activation`}>${t('overview.activation')}</a>` : nothing}
        ${mayGrant ? html`<a class="link-button" href="/staff">${t('overview.staff')}</a>` : nothing}
        <a class="link-button" href=${`/board/${compound.id}`}>${t('overview.board')}</a>
      </div>

      <h2 id="figures">${t('overview.figures')}</h2>
      <dl class="figures" aria-labelledby="figures">
        ${this.figure(t('overview.buildings'), t('overview.buildingsValue', { count: stats.buildings }))}
        ${this.figure(t('overview.units'), t('overview.unitsValue', { count: stats.units }))}
        ${this.figure(t('overview.owners'), t('overview.ownersValue', { count: stats.owners }))}
        ${this.figure(t('overview.developerHeld'), t('overview.unitsValue', { count: stats.developerHeldUnits }))}
        ${this.figure(t('overview.totalArea'), formatArea(stats.totalAreaCenti), true)}
      </dl>

      <h2>${t('overview.parties')}</h2>
      <p class="muted">${t('overview.partiesIntro')}</p>
      ${
        mayGrant && PARTIES.some((party) => o.parties[party].length === 0)
          ? html`<p><a class="tap-link" href="/staff">${t('overview.grantReps')}</a></p>`
          : nothing
      }
      <div class="parties">${PARTIES.map((party) => this.renderParty(party, o.parties[party]))}</div>

      <h2>${t('overview.station')}</h2>
      ${
        o.station.length === 0
          ? html`<p class="state-empty">${t('overview.noStation')}</p>`
          : html`<div class="station card">
              <ul>
                ${o.station.map((rep) => html`<li>${this.renderRep(rep)}</li>`)}
              </ul>
            </div>`
      }

      <h2 id="building-list">${t('overview.buildingList')}</h2>
      <div class="table-wrap" role="region" aria-labelledby="building-list" tabindex="0">
        <table>
          <thead>
            <tr>
              <th scope="col">${t('overview.building')}</th>
              <th scope="col" class="num">${t('overview.units')}</th>
              <th scope="col" class="num">${t('overview.area')}</th>
              <th scope="col">${t('overview.grid')}</th>
            </tr>
          </thead>
          <tbody>
            ${o.buildings.map(
              (b) =>
                html`<tr>
                  <th scope="row">${/^\d+$/.test(b.name) ? t('overview.buildingName', { name: b.name }) : b.name}</th>
                  <td class="num">${t('overview.unitsValue', { count: b.unitCount })}</td>
                  <td class="num">${formatArea(b.areaCenti)}</td>
                  <td>${b.gridName ?? '—'}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  private figure(label: string, value: string, wide = false) {
    return html`<div class=${wide ? 'figure wide' : 'figure'}>
      <dt>${label}</dt>
      <dd>${value}</dd>
    </div>`;
  }

  private renderParty(party: Party, reps: CompoundRepresentative[]) {
    return html`<section class="card party" aria-labelledby=${`party-${party}`}>
      <h3 id=${`party-${party}`}>${pick(PARTY_LABELS[party])}</h3>
      ${
        reps.length === 0
          ? html`<p class="muted">${t('overview.noRep')}</p>`
          : html`<ul>
              ${reps.map((rep) => html`<li>${this.renderRep(rep)}</li>`)}
            </ul>`
      }
    </section>`;
  }

  private renderRep(rep: CompoundRepresentative) {
    const detail = [rep.organisation, rep.title].filter(Boolean).join(' · ');
    return html`<span class="rep-name">${rep.name}</span>${detail ? html`<br /><span class="muted">${detail}</span>` : nothing}`;
  }
}
