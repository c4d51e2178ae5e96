/**
 * The demo neighbourhood, built the way a real subdistrict builds its own: first-run setup creates
 * 秀江街道 and its administrator; the administrator adds 宜阳社区 with 都市春天小区 (3 buildings, 120
 * units, realistic areas, one owner of two units, a co-owned flat, six flats still held by the
 * developer) and the small 翠苑小区 next door, and imports their rosters; staff are granted their
 * roles and accept their invitations; the demo owners activate with one-time codes the station
 * chief issues. Every step is a service a user's action calls. The README's table of demo accounts
 * is DEMO_ACCOUNTS; keep them in step.
 */
import type { Party, StaffRole } from '@yishi/core';
import type { Actor, PlaceChain } from '../auth/actor.js';
import { listBuildingsIn, listGridsIn } from '../db/repositories/place-tree.repository.js';
import { resolvePlaceChain } from '../db/repositories/places.repository.js';
import type { Deps } from '../deps.js';
import { setUsername } from '../services/account.service.js';
import { activateAccount, issueCodeForPerson } from '../services/activation.service.js';
import { loadActor, logout, type ClientInfo } from '../services/auth.service.js';
import { grantRole } from '../services/grants.service.js';
import { createCommunity, createCompound } from '../services/places.service.js';
import { importRoster } from '../services/roster.service.js';
import { completeSetup } from '../services/setup.service.js';

export const DEMO_PASSWORD = 'yishi2026';

export interface DemoAccount {
  username: string;
  phone: string;
  name: string;
  /** Who grants it: the administrator (jiedao) or the station chief of 都市春天 (zhanzhang). */
  grants: Array<{ role: StaffRole; scope: string; party?: Party; organisation?: string; title?: string; by?: 'zhanzhang' }>;
  /** Units (building-entrance-room in 都市春天) this account's person owns. */
  owns?: string[];
  livesIn?: string[];
}

/** Scopes are written as place keys: XJ, YY, DSCT, CY, DSCT/1 (building), DSCT#1 (grid). */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'jiedao', phone: '13700000001', name: '李红梅', grants: [{ role: 'subdistrict_committee', scope: 'XJ', title: '街道党工委委员' }] },
  { username: 'shequ', phone: '13700000002', name: '张敏', grants: [{ role: 'community_staff', scope: 'YY', title: '社区党委书记' }] },
  { username: 'zhanzhang', phone: '13700000003', name: '陈志强', grants: [{ role: 'station_chief', scope: 'DSCT', title: '站长（街道包联干部）' }] },
  {
    username: 'fuzhan',
    phone: '13700000004',
    name: '周丽',
    grants: [
      { role: 'station_deputy', scope: 'DSCT', title: '副站长（社区干部）', by: 'zhanzhang' },
      { role: 'party_rep', scope: 'DSCT', party: 'community', organisation: '宜阳社区居委会', by: 'zhanzhang' },
    ],
  },
  {
    username: 'wangge',
    phone: '13700000005',
    name: '孙浩',
    grants: [
      { role: 'station_deputy', scope: 'DSCT', title: '副站长（专职网格员）', by: 'zhanzhang' },
      { role: 'grid_worker', scope: 'DSCT#1', title: '第一网格网格员', by: 'zhanzhang' },
    ],
  },
  {
    username: 'wuye',
    phone: '13700000006',
    name: '吴涛',
    grants: [
      { role: 'station_deputy', scope: 'DSCT', title: '副站长（物业负责人）', by: 'zhanzhang' },
      { role: 'party_rep', scope: 'DSCT', party: 'property_manager', organisation: '春天物业服务有限公司', by: 'zhanzhang' },
    ],
  },
  {
    username: 'yeweihui',
    phone: '13700000007',
    name: '郑国华',
    grants: [
      { role: 'station_deputy', scope: 'DSCT', title: '副站长（业委会主任）', by: 'zhanzhang' },
      { role: 'party_rep', scope: 'DSCT', party: 'owners_committee', organisation: '都市春天小区业主委员会', title: '业委会主任', by: 'zhanzhang' },
    ],
    owns: ['2-1-801'],
  },
  {
    username: 'zhujian',
    phone: '13700000008',
    name: '黄伟',
    grants: [{ role: 'party_rep', scope: 'DSCT', party: 'department', organisation: '区住房和城乡建设局', by: 'zhanzhang' }],
  },
  {
    username: 'chengguan',
    phone: '13700000009',
    name: '林峰',
    grants: [{ role: 'party_rep', scope: 'DSCT', party: 'department', organisation: '区城市管理局', by: 'zhanzhang' }],
  },
  {
    username: 'loudong',
    phone: '13700000010',
    name: '何秀英',
    grants: [{ role: 'building_head', scope: 'DSCT/1', title: '1栋楼栋长', by: 'zhanzhang' }],
    owns: ['1-2-602'],
  },
  { username: 'yezhu', phone: '13800000001', name: '王建国', grants: [], owns: ['1-1-301', '2-2-502'] },
  { username: 'yezhu2', phone: '13800000002', name: '刘洋', grants: [], owns: ['1-1-101'] },
  { username: 'jumin', phone: '13600000001', name: '赵磊', grants: [], livesIn: ['2-1-602'] },
  { username: 'cuiyuan', phone: '13700000011', name: '马超', grants: [{ role: 'station_chief', scope: 'CY', title: '翠苑小区站长' }] },
];

/** 刘洋's flat is co-owned with 陈静. */
const CO_OWNER = { unit: '1-1-101', name: '陈静', phone: '13800000003' };

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = [
  '秀兰',
  '桂英',
  '建华',
  '志强',
  '丽娟',
  '海燕',
  '国庆',
  '建军',
  '玉兰',
  '小红',
  '德明',
  '淑珍',
  '文斌',
  '春梅',
  '永刚',
  '晓东',
  '红霞',
  '明辉',
  '子涵',
  '雨轩',
  '浩然',
  '欣怡',
  '思远',
  '静怡',
  '宇航',
  '佳琪',
  '振华',
  '凤英',
  '金凤',
  '卫东',
];

const COMPOUNDS = [
  { code: 'DSCT', name: '都市春天小区', address: '宜阳路 88 号', buildings: 3, entrances: 2, floors: 10 },
  { code: 'CY', name: '翠苑小区', address: '宜阳路 120 号', buildings: 1, entrances: 1, floors: 6 },
] as const;

/** The device the seed's sessions are recorded with (they are ended right away). */
const SEED_CLIENT: ClientInfo = { ip: '127.0.0.1', userAgent: 'Yishi demo seed' };

/** A fixed pseudo-random sequence, so the demo is the same on every machine. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/**
 * The two compounds' rosters as the community office keeps them: a header row and one row per unit
 * (building, entrance, room, registered area, owners and phones, developer-held, grid, residents).
 */
export function demoRosters(): Record<(typeof COMPOUNDS)[number]['code'], string[][]> {
  const random = sequence(278);
  const owners = new Map<string, Array<{ name: string; phone: string }>>();
  const residents = new Map<string, Array<{ name: string; phone: string }>>();
  for (const account of DEMO_ACCOUNTS) {
    for (const unit of account.owns ?? []) owners.set(`DSCT:${unit}`, [{ name: account.name, phone: account.phone }]);
    for (const unit of account.livesIn ?? []) residents.set(`DSCT:${unit}`, [{ name: account.name, phone: account.phone }]);
  }
  owners.get(`DSCT:${CO_OWNER.unit}`)!.push({ name: CO_OWNER.name, phone: CO_OWNER.phone });

  const header = ['楼栋', '单元', '房号', '面积', '面积类型', '业主', '手机', '开发商持有', '网格', '居民', '居民手机'];
  const rosters = { DSCT: [header], CY: [header] } as Record<(typeof COMPOUNDS)[number]['code'], string[][]>;
  let n = 0;
  for (const spec of COMPOUNDS) {
    for (let b = 1; b <= spec.buildings; b++) {
      const grid = b <= 2 ? '第一网格' : '第二网格';
      // Two flats per landing; the layouts differ by entrance, as in most 2000s compounds.
      const layouts = [
        [8956, 11230],
        [12875, 14320],
      ];
      for (let e = 1; e <= spec.entrances; e++) {
        for (let floor = 1; floor <= spec.floors; floor++) {
          for (let r = 1; r <= 2; r++) {
            const room = `${floor}${String(r).padStart(2, '0')}`;
            const key = `${spec.code}:${b}-${e}-${room}`;
            const area = layouts[e - 1]![r - 1]! + (b - 1) * 44 + (floor === spec.floors ? 1210 : 0);
            const developerHeld = spec.code === 'DSCT' && b === 3 && e === 2 && floor >= 8;
            let listed = owners.get(key);
            if (!listed && !developerHeld) {
              n++;
              const name = SURNAMES[Math.floor(random() * SURNAMES.length)]! + GIVEN[Math.floor(random() * GIVEN.length)]!;
              listed = [{ name, phone: `1390000${String(n).padStart(4, '0')}` }];
            }
            const living = residents.get(key) ?? [];
            rosters[spec.code].push([
              String(b),
              String(e),
              room,
              `${Math.trunc(area / 100)}.${String(area % 100).padStart(2, '0')}`,
              '登记',
              (listed ?? []).map((o) => o.name).join('、'),
              (listed ?? []).map((o) => o.phone).join('、'),
              developerHeld ? '是' : '否',
              grid,
              living.map((p) => p.name).join('、'),
              living.map((p) => p.phone).join('、'),
            ]);
          }
        }
      }
    }
  }
  return rosters;
}

export async function seedDemoFoundation(deps: Deps): Promise<void> {
  const { db } = deps;
  const admin = DEMO_ACCOUNTS[0]!;
  const setup = await completeSetup(deps, { token: null, subdistrict: '秀江街道', name: admin.name, phone: admin.phone, password: DEMO_PASSWORD });
  const actors = new Map<string, Actor>();
  const actorOf = async (username: string, userId: string) => {
    const actor = (await loadActor(deps, userId))!;
    actors.set(username, actor);
    return actor;
  };
  const jiedao = await actorOf(admin.username, setup.userId);
  await setUsername(deps, jiedao, admin.username);

  const places = new Map<string, { kind: 'subdistrict' | 'community' | 'compound' | 'building' | 'grid'; id: string }>();
  places.set('XJ', { kind: 'subdistrict', id: setup.subdistrictId });
  const community = await createCommunity(deps, setup.subdistrictId, '宜阳社区');
  places.set('YY', { kind: 'community', id: community.id });
  const rosters = demoRosters();
  for (const spec of COMPOUNDS) {
    const compound = await createCompound(deps, community.id, { name: spec.name, code: spec.code, address: spec.address });
    places.set(spec.code, { kind: 'compound', id: compound.id });
    await importRoster(deps, { compoundId: compound.id, userId: setup.userId, dryRun: false, rows: rosters[spec.code] });
    for (const building of await listBuildingsIn(db, [compound.id])) {
      places.set(`${spec.code}/${building.name}`, { kind: 'building', id: building.id });
    }
    for (const grid of await listGridsIn(db, [compound.id])) {
      places.set(`${spec.code}#${grid.name === '第一网格' ? 1 : 2}`, { kind: 'grid', id: grid.id });
    }
  }

  // Staff: granted by the administrator or the station chief; each accepts the invitation.
  for (const account of DEMO_ACCOUNTS.slice(1)) {
    let userId: string | null = null;
    for (const grant of account.grants) {
      const place = places.get(grant.scope)!;
      const chain = (await resolvePlaceChain(db, place.kind, place.id)) as PlaceChain;
      const by = actors.get(grant.by ?? 'jiedao')!;
      const result = await grantRole(deps, by, place, chain, {
        name: account.name,
        phone: account.phone,
        role: grant.role,
        party: grant.party ?? null,
        organisation: grant.organisation ?? null,
        title: grant.title ?? null,
      });
      userId = result.grant.userId;
      if (result.invitation) await acceptCode(deps, result.invitation.code);
    }
    // Owners and residents: the station chief issues each a one-time code at the service station.
    if (!userId) {
      const unitKey = (account.owns ?? account.livesIn)![0]!;
      const [building, entrance, room] = unitKey.split('-') as [string, string, string];
      const unit = await db
        .selectFrom('units')
        .innerJoin('buildings', 'buildings.id', 'units.building_id')
        .select('units.id')
        .where('units.compound_id', '=', places.get('DSCT')!.id)
        .where('buildings.name', '=', building)
        .where('units.entrance', '=', entrance)
        .where('units.room', '=', room)
        .executeTakeFirstOrThrow();
      const person = await db.selectFrom('persons').select('id').where('phone', '=', account.phone).executeTakeFirstOrThrow();
      const issued = await issueCodeForPerson(deps, actors.get('zhanzhang')!, unit.id, person.id);
      userId = await acceptCode(deps, issued.code);
    }
    const actor = await actorOf(account.username, userId);
    await setUsername(deps, actor, account.username);
  }
}

/** The person opens the code, agrees to the privacy notice and chooses the demo password. */
async function acceptCode(deps: Deps, code: string): Promise<string> {
  const session = await activateAccount(deps, { code, consent: true, password: DEMO_PASSWORD }, SEED_CLIENT);
  await logout(deps, session.token);
  return session.userId;
}
