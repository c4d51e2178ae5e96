/**
 * The name of someone who asked at an evening talk, as staff typed it in the hall ("3栋 李阿姨",
 * "5号楼王先生"): the question records the building apart, so the name is shown without it; and the
 * public hall and board show it masked.
 */

/** A leading building, unit and flat: "3栋", "5号楼", "2幢1单元", "12号楼 301室", followed by a space or a mark. */
const BUILDING_PREFIX = /^\s*[0-9A-Za-z一二三四五六七八九十]+\s*(?:号楼|栋|幢|座)(?:\s*[0-9一二三四五六七八九十]+\s*单元)?(?:\s*\d+\s*室?)?[\s,，、·:：-]*/u;

/** How a neighbour is called in the hall: a surname and one of these names nobody. */
const FORMS_OF_ADDRESS = new Set([
  '阿姨',
  '先生',
  '女士',
  '大爷',
  '大妈',
  '大娘',
  '奶奶',
  '爷爷',
  '叔叔',
  '阿婆',
  '婆婆',
  '伯伯',
  '师傅',
  '老师',
  '大姐',
  '大哥',
]);

/** Words for a neighbour that name nobody: shown as they are. */
const NOBODY_IN_PARTICULAR = new Set(['居民', '业主', '住户', '租户', '老人', '居民代表', '业主代表']);

/** "3栋 李阿姨" → "李阿姨": the building typed into the name, when the question has its building. */
export function askerNameWithoutBuilding(name: string): string {
  const bare = name.replace(BUILDING_PREFIX, '').trim();
  return bare === '' ? name.trim() : bare;
}

/**
 * The asker as the public sees them: a surname and a form of address as said ("李阿姨", "老王"),
 * a word that names nobody ("3栋居民" → "居民"), else the surname and a star ("王建国" → "王*"). Never the building: "3栋 李阿姨" used to become "3*".
 */
export function maskAskerName(name: string): string {
  const chars = [...askerNameWithoutBuilding(name)];
  if (chars.length <= 1 || NOBODY_IN_PARTICULAR.has(chars.join(''))) return chars.join('');
  if (FORMS_OF_ADDRESS.has(chars.slice(1).join(''))) return chars.join('');
  if (chars.length === 2 && (chars[0] === '老' || chars[0] === '小')) return chars.join('');
  return `${chars[0]}*`;
}
