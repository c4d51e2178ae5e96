/**
 * Demo action items in 都市春天小区 so the board, the ledger and the dashboard look lived-in: three
 * signed off with numbers (DSCT-<year>-0001 …) and rated, one resolved awaiting sign-off, some in
 * progress (one of them overdue, in red), one just listed. Times are set relative to "now".
 */
import sharp from 'sharp';
import type { Actor } from '../auth/actor.js';
import { listCompounds } from '../db/repositories/places.repository.js';
import type { Deps } from '../deps.js';
import { addProgress, createActionItem, resolveActionItem, type NewActionItemInput } from '../services/action-items.service.js';
import { rateActionItem, signOffActionItem } from '../services/action-item-sign-off.service.js';
import { uploadEvidencePhoto } from '../services/photos.service.js';
import type { SeedTimeline } from './timeline.js';
import { demoActors } from './demo-actors.js';

const DAY = 86_400_000;

interface Step {
  daysAgo: number;
  run: (deps: Deps) => Promise<unknown>;
}

const ACCOUNTS = ['shequ', 'jumin', 'yezhu', 'yezhu2', 'wuye', 'zhanzhang', 'loudong', 'zhujian', 'wangge'] as const;

/** Adds the items' listings and steps to `timeline`, which runs them with the meetings' in time order. */
export async function seedActionItems(deps: Deps, timeline: SeedTimeline): Promise<void> {
  const compound = (await listCompounds(deps.db)).find((c) => c.code === 'DSCT');
  if (!compound) return;
  const who = await demoActors(deps, ACCOUNTS);
  const base = deps.clock().getTime();
  const at = (daysAgo: number, hour = 2): Deps => ({ ...deps, clock: () => new Date(base - daysAgo * DAY + hour * 3_600_000 - (base % DAY)) });

  /** An item listed `daysAgo`: its id is there once the timeline has run its listing (before any of its steps). */
  const list = (daysAgo: number, input: Omit<NewActionItemInput, 'compoundId' | 'createdByUserId' | 'description'> & { description?: string }) => {
    const item = { id: '' };
    const when = at(daysAgo);
    timeline.add(when.clock(), async () => {
      const created = await deps.db
        .transaction()
        .execute((trx) => createActionItem(trx, when, { compoundId: compound.id, description: '', createdByUserId: who('shequ').userId, ...input }));
      item.id = created.id;
    });
    return item;
  };
  const evening = (id: string) => ({ kind: 'evening_question' as const, id, meetingId: null });

  const lamp = list(24, {
    title: '小区东门路灯不亮，夜间出行不便',
    source: evening('demo-q-lamp'),
    responsibleUnit: 'property_manager',
    handlerName: '吴涛',
    measures: '物业电工排查线路，更换损坏灯具',
  });
  const corridor = list(24, {
    title: '3栋楼道堆放杂物，存在消防隐患',
    source: evening('demo-q-corridor'),
    responsibleUnit: 'community',
    handlerName: '周丽',
    measures: '楼栋长逐户劝导，物业统一清运',
  });
  const lift = list(14, {
    title: '2栋电梯运行异响',
    description: '电梯运行时有明显异响',
    source: { kind: 'concern', id: 'demo-concern-lift' },
    raisedByUserId: who('jumin').userId,
    urgency: 'complex',
    responsibleUnit: 'property_manager',
    handlerName: '吴涛',
  });
  const garage = list(16, {
    title: '地下车库雨后积水',
    source: evening('demo-q-garage'),
    responsibleUnit: 'department:区住房和城乡建设局',
    handlerName: '黄伟',
    measures: '住建局协调施工单位疏通排水管',
  });
  const charging = list(4, {
    title: '非机动车充电桩不足',
    source: { kind: 'council_outcome', id: 'demo-outcome-charging' },
    responsibleUnit: 'property_manager',
    handlerName: '吴涛',
    measures: '物业在2栋、3栋之间增设两组充电桩',
  });
  const bins = list(3, {
    title: '垃圾分类投放点有异味',
    source: { kind: 'concern', id: 'demo-concern-bins' },
    raisedByUserId: who('yezhu').userId,
    responsibleUnit: 'property_manager',
  });
  list(1, {
    title: '绿化带缺株补种',
    source: { kind: 'proposal', id: 'demo-proposal-green' },
    responsibleUnit: 'owners_committee',
    handlerName: '郑国华',
    measures: '业委会提出补种方案，使用公共收益',
  });

  // Evidence photos go in the way staff's do: uploaded, checked and re-encoded, then sent with the step by id.
  const photo = async (d: Deps, itemId: string, actor: Actor, scene: Scene) => [(await uploadEvidencePhoto(d, actor, itemId, await scenePhoto(scene))).id];

  const steps: Step[] = [
    {
      daysAgo: 23,
      run: async (d) =>
        addProgress(d, lamp.id, who('wuye'), { text: '物业电工已到场排查，确认为线路老化', photos: await photo(d, lamp.id, who('wuye'), 'dark') }),
    },
    {
      daysAgo: 22,
      run: async (d) =>
        resolveActionItem(d, lamp.id, who('wuye'), { evidence: '更换东门两处灯具及线路，夜间照明恢复', photos: await photo(d, lamp.id, who('wuye'), 'lit') }),
    },
    { daysAgo: 21, run: (d) => signOffActionItem(d, lamp.id, who('zhanzhang'), { resolution: '路灯已修复，经居民代表现场确认' }) },
    { daysAgo: 22, run: (d) => addProgress(d, corridor.id, who('loudong'), { text: '楼栋长已逐户劝导，12户已自行清理', photos: [] }) },
    { daysAgo: 20, run: (d) => resolveActionItem(d, corridor.id, who('wuye'), { evidence: '剩余杂物由物业统一清运完毕', photos: [] }) },
    { daysAgo: 19, run: (d) => signOffActionItem(d, corridor.id, who('shequ'), { resolution: '楼道已清理，纳入物业日常巡查' }) },
    // An urgent complex concern is due the day it was reported (4 hours): fixed and signed off that afternoon.
    { daysAgo: 14, run: (d) => addProgress(d, lift.id, who('wuye'), { text: '维保人员已到场', photos: [], onSite: true }) },
    { daysAgo: 13.95, run: (d) => resolveActionItem(d, lift.id, who('wuye'), { evidence: '更换导靴衬垫，异响消除，维保单位出具检测记录', photos: [] }) },
    { daysAgo: 13.9, run: (d) => signOffActionItem(d, lift.id, who('zhanzhang'), { resolution: '电梯已检修，运行正常' }) },
    { daysAgo: 18, run: (d) => rateActionItem(d, lamp.id, who('yezhu'), { rating: 'satisfied', comment: '晚上回家亮堂了' }) },
    { daysAgo: 17, run: (d) => rateActionItem(d, corridor.id, who('yezhu2'), { rating: 'basically_satisfied', comment: '' }) },
    { daysAgo: 11, run: (d) => rateActionItem(d, lift.id, who('jumin'), { rating: 'satisfied', comment: '处理及时' }) },
    { daysAgo: 15, run: (d) => addProgress(d, garage.id, who('zhujian'), { text: '住建局已联系施工单位勘察排水管线', photos: [] }) },
    { daysAgo: 3, run: (d) => addProgress(d, charging.id, who('wuye'), { text: '已选定安装位置，正在报供电部门', photos: [] }) },
    {
      daysAgo: 1,
      run: async (d) =>
        resolveActionItem(d, bins.id, who('wangge'), {
          evidence: '投放点已清洗消毒，增加每日清运一次',
          photos: await photo(d, bins.id, who('wangge'), 'bins'),
        }),
    },
  ];
  for (const step of steps) {
    const when = at(step.daysAgo, 3);
    timeline.add(when.clock(), () => step.run(when));
  }
}

type Scene = 'dark' | 'lit' | 'bins';

/** A small made-up photo of the work (a street lamp off or on, clean bins): drawn, not taken, so it carries nothing personal. */
async function scenePhoto(scene: Scene): Promise<{ bytes: Uint8Array; contentType: 'image/jpeg' }> {
  const sky = scene === 'dark' ? '#1d2733' : '#2f4b6e';
  const drawing =
    scene === 'bins'
      ? '<rect x="90" y="250" width="120" height="170" rx="10" fill="#2e8b57"/><rect x="250" y="250" width="120" height="170" rx="10" fill="#4682b4"/><rect x="410" y="250" width="120" height="170" rx="10" fill="#b8860b"/>'
      : `<rect x="310" y="120" width="16" height="320" fill="#6b6b6b"/><rect x="260" y="100" width="116" height="30" rx="12" fill="#8a8a8a"/>${
          scene === 'lit'
            ? '<circle cx="318" cy="150" r="70" fill="#ffe9a8" opacity="0.55"/><circle cx="318" cy="140" r="18" fill="#fff6cc"/>'
            : '<circle cx="318" cy="140" r="18" fill="#444"/>'
        }`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><rect width="640" height="480" fill="${sky}"/><rect y="420" width="640" height="60" fill="#555"/>${drawing}</svg>`;
  const bytes = await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
  return { bytes, contentType: 'image/jpeg' };
}
