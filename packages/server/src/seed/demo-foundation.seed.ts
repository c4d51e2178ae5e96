/**
 * The demo neighbourhood: 秀江街道 → 宜阳社区 → 都市春天小区 (3 buildings, 120 units, realistic areas,
 * one owner of two units, a co-owned flat, six flats still held by the developer) and the small
 * 翠苑小区 next door, with an account for every role. The README's table of demo accounts is this
 * list; keep them in step.
 */
import type { Party, StaffRole } from '@yishi/core';
import { hashPassword } from '../auth/password.js';
import { newId } from '../db/ids.js';
import type { Deps } from '../deps.js';

export const DEMO_PASSWORD = 'yishi2026';

export interface DemoAccount {
  username: string;
  phone: string;
  name: string;
  grants: Array<{ role: StaffRole; scope: string; party?: Party; organisation?: string; title?: string }>;
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
      { role: 'station_deputy', scope: 'DSCT', title: '副站长（社区干部）' },
      { role: 'party_rep', scope: 'DSCT', party: 'community', organisation: '宜阳社区居委会' },
    ],
  },
  {
    username: 'wangge',
    phone: '13700000005',
    name: '孙浩',
    grants: [
      { role: 'station_deputy', scope: 'DSCT', title: '副站长（专职网格员）' },
      { role: 'grid_worker', scope: 'DSCT#1', title: '第一网格网格员' },
    ],
  },
  {
    username: 'wuye',
    phone: '13700000006',
    name: '吴涛',
    grants: [
      { role: 'station_deputy', scope: 'DSCT', title: '副站长（物业负责人）' },
      { role: 'party_rep', scope: 'DSCT', party: 'property_manager', organisation: '春天物业服务有限公司' },
    ],
  },
  {
    username: 'yeweihui',
    phone: '13700000007',
    name: '郑国华',
    grants: [
      { role: 'station_deputy', scope: 'DSCT', title: '副站长（业委会主任）' },
      { role: 'party_rep', scope: 'DSCT', party: 'owners_committee', organisation: '都市春天小区业主委员会', title: '业委会主任' },
    ],
    owns: ['2-1-801'],
  },
  { username: 'zhujian', phone: '13700000008', name: '黄伟', grants: [{ role: 'party_rep', scope: 'DSCT', party: 'department', organisation: '区住房和城乡建设局' }] },
  { username: 'chengguan', phone: '13700000009', name: '林峰', grants: [{ role: 'party_rep', scope: 'DSCT', party: 'department', organisation: '区城市管理局' }] },
  { username: 'loudong', phone: '13700000010', name: '何秀英', grants: [{ role: 'building_head', scope: 'DSCT/1', title: '1栋楼栋长' }], owns: ['1-2-602'] },
  { username: 'yezhu', phone: '13800000001', name: '王建国', grants: [], owns: ['1-1-301', '2-2-502'] },
  { username: 'yezhu2', phone: '13800000002', name: '刘洋', grants: [], owns: ['1-1-101'] },
  { username: 'jumin', phone: '13600000001', name: '赵磊', grants: [], livesIn: ['2-1-602'] },
  { username: 'cuiyuan', phone: '13700000011', name: '马超', grants: [{ role: 'station_chief', scope: 'CY', title: '翠苑小区站长' }] },
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = ['秀兰', '桂英', '建华', '志强', '丽娟', '海燕', '国庆', '建军', '玉兰', '小红', '德明', '淑珍', '文斌', '春梅', '永刚', '晓东', '红霞', '明辉', '子涵', '雨轩', '浩然', '欣怡', '思远', '静怡', '宇航', '佳琪', '振华', '凤英', '金凤', '卫东'];

/** A fixed pseudo-random sequence, so the demo is the same on every machine. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

export async function seedDemoFoundation(deps: Deps): Promise<void> {
  const { db } = deps;
  const now = deps.clock().toISOString();
  const random = sequence(278);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await db.transaction().execute(async (trx) => {
    const place = new Map<string, { kind: string; id: string }>();
    const subdistrictId = newId();
    await trx.insertInto('subdistricts').values({ id: subdistrictId, name: '秀江街道', code: 'XJ', created_at: now }).execute();
    place.set('XJ', { kind: 'subdistrict', id: subdistrictId });
    const communityId = newId();
    await trx.insertInto('communities').values({ id: communityId, subdistrict_id: subdistrictId, name: '宜阳社区', code: 'YY', created_at: now }).execute();
    place.set('YY', { kind: 'community', id: communityId });

    const unitIds = new Map<string, string>();
    const compounds = [
      { code: 'DSCT', name: '都市春天小区', address: '宜阳路 88 号', buildings: 3, entrances: 2, floors: 10 },
      { code: 'CY', name: '翠苑小区', address: '宜阳路 120 号', buildings: 1, entrances: 1, floors: 6 },
    ];
    for (const spec of compounds) {
      const compoundId = newId();
      await trx
        .insertInto('compounds')
        .values({ id: compoundId, community_id: communityId, name: spec.name, code: spec.code, address: spec.address, quorum_rule: 'all_parties', created_at: now })
        .execute();
      place.set(spec.code, { kind: 'compound', id: compoundId });
      const gridIds: string[] = [];
      for (const gridName of spec.buildings > 1 ? ['1', '2'] : ['1']) {
        const gridId = newId();
        await trx.insertInto('grids').values({ id: gridId, compound_id: compoundId, name: `第${gridName === '1' ? '一' : '二'}网格` }).execute();
        place.set(`${spec.code}#${gridName}`, { kind: 'grid', id: gridId });
        gridIds.push(gridId);
      }
      for (let b = 1; b <= spec.buildings; b++) {
        const buildingId = newId();
        const gridId = b <= 2 ? gridIds[0]! : (gridIds[1] ?? gridIds[0]!);
        await trx.insertInto('buildings').values({ id: buildingId, compound_id: compoundId, grid_id: gridId, name: String(b), created_at: now }).execute();
        place.set(`${spec.code}/${b}`, { kind: 'building', id: buildingId });
        // Two flats per landing; the layouts differ by entrance, as in most 2000s compounds.
        const layouts = [
          [8956, 11230],
          [12875, 14320],
        ];
        for (let e = 1; e <= spec.entrances; e++) {
          for (let floor = 1; floor <= spec.floors; floor++) {
            for (let r = 1; r <= 2; r++) {
              const room = `${floor}${String(r).padStart(2, '0')}`;
              const base = layouts[e - 1]![r - 1]!;
              const area = base + (b - 1) * 44 + (floor === spec.floors ? 1210 : 0);
              const developerHeld = spec.code === 'DSCT' && b === 3 && e === 2 && floor >= 8;
              const unitId = newId();
              await trx
                .insertInto('units')
                .values({
                  id: unitId,
                  compound_id: compoundId,
                  building_id: buildingId,
                  entrance: String(e),
                  room,
                  area_centi: area,
                  area_source: 'registered',
                  developer_held: developerHeld ? 1 : 0,
                  created_at: now,
                  updated_at: now,
                })
                .execute();
              unitIds.set(`${spec.code}:${b}-${e}-${room}`, unitId);
            }
          }
        }
      }
    }

    const personIdByPhone = new Map<string, string>();
    const addPerson = async (name: string, phone: string | null): Promise<string> => {
      if (phone && personIdByPhone.has(phone)) return personIdByPhone.get(phone)!;
      const id = newId();
      await trx.insertInto('persons').values({ id, name, phone, created_at: now }).execute();
      if (phone) personIdByPhone.set(phone, id);
      return id;
    };
    const own = (unitKey: string, personId: string) =>
      trx.insertInto('ownerships').values({ unit_id: unitIds.get(unitKey)!, person_id: personId, created_at: now }).execute();

    // Accounts first, so their units get their named owners.
    const taken = new Set<string>();
    for (const account of DEMO_ACCOUNTS) {
      const needsPerson = Boolean(account.owns?.length || account.livesIn?.length);
      const personId = needsPerson ? await addPerson(account.name, account.phone) : null;
      for (const unit of account.owns ?? []) {
        await own(`DSCT:${unit}`, personId!);
        taken.add(`DSCT:${unit}`);
      }
      for (const unit of account.livesIn ?? []) {
        await trx.insertInto('residencies').values({ unit_id: unitIds.get(`DSCT:${unit}`)!, person_id: personId!, created_at: now }).execute();
      }
      const userId = newId();
      await trx
        .insertInto('users')
        .values({ id: userId, person_id: personId, username: account.username, phone: account.phone, display_name: account.name, password_hash: passwordHash, locale: 'zh-CN', disabled: 0, created_at: now })
        .execute();
      for (const grant of account.grants) {
        const scope = place.get(grant.scope)!;
        await trx
          .insertInto('role_assignments')
          .values({ id: newId(), user_id: userId, role: grant.role, scope_kind: scope.kind, scope_id: scope.id, party: grant.party ?? null, organisation: grant.organisation ?? null, title: grant.title ?? null })
          .execute();
      }
    }
    // 刘洋's flat is co-owned with 陈静.
    await own('DSCT:1-1-101', await addPerson('陈静', '13800000003'));

    // Every other sold unit gets an owner of its own; the developer's units none.
    const developerHeld = new Set((await trx.selectFrom('units').select('id').where('developer_held', '=', 1).execute()).map((u) => u.id));
    let n = 0;
    for (const [key, unitId] of unitIds) {
      if (taken.has(key) || developerHeld.has(unitId)) continue;
      n++;
      const name = SURNAMES[Math.floor(random() * SURNAMES.length)]! + GIVEN[Math.floor(random() * GIVEN.length)]!;
      await own(key, await addPerson(name, `1390000${String(n).padStart(4, '0')}`));
    }
  });
}
