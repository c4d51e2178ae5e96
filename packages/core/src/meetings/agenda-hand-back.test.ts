import { describe, expect, it } from 'vitest';
import type { AgendaItemSnapshot } from './agenda-doc.js';
import { agendaHandBack } from './agenda-hand-back.js';

const item = (docItemId: string, order: number, fields: Partial<AgendaItemSnapshot> = {}): AgendaItemSnapshot => ({
  docItemId,
  title: `议题${docItemId}`,
  party: '',
  minutes: 15,
  notes: '',
  links: [],
  order,
  ...fields,
});

describe('agendaHandBack', () => {
  it('is empty when the member’s copy is the frozen agenda', () => {
    const frozen = [item('a', 1), item('b', 2)];
    expect(agendaHandBack(frozen, frozen)).toEqual([]);
  });

  it('names each change that missed the freeze, at its place on the frozen agenda', () => {
    const frozen = [item('a', 1, { title: '停车位' }), item('b', 2, { title: '路灯' }), item('c', 3, { title: '绿化' })];
    const mine = [
      item('b', 0.5, { title: '路灯' }),
      item('a', 1, { title: '地下停车位', notes: '物业本月答复', party: 'property_manager', minutes: 20, links: ['concern:1'] }),
      item('new', 4, { title: '垃圾分类亭', notes: '东门' }),
    ];
    expect(agendaHandBack(mine, frozen)).toEqual([
      { kind: 'moved', position: 2, title: '路灯' },
      { kind: 'changed', position: 1, field: 'title', mine: '地下停车位', frozen: '停车位' },
      { kind: 'changed', position: 1, field: 'party', mine: 'property_manager', frozen: '' },
      { kind: 'changed', position: 1, field: 'minutes', mine: '20', frozen: '15' },
      { kind: 'changed', position: 1, field: 'notes', mine: '物业本月答复', frozen: '' },
      { kind: 'changed', position: 1, field: 'links', mine: 'concern:1', frozen: '' },
      { kind: 'added', title: '垃圾分类亭', notes: '东门' },
      { kind: 'removed', position: 3, title: '绿化' },
    ]);
  });
});
