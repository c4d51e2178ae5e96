/**
 * A feature's words cut into parts by the modules that use them (build/split-strings.ts, in the
 * build). A page used to load every word of each feature it touches: the voting page carried the
 * whole objections feature for one link, the board ten features' words for a few headings each.
 *
 * Each key goes with the set of source modules that name it (a whole key as a string literal, or a
 * prefix such as `votes.status.` or `votes.status.${…}`); keys named by the same set of modules form
 * one part, and a module loads the parts it names. Keys no module names (a key built some way the
 * scan cannot see) go to every module of the feature, so a word the scan misses is still loaded
 * wherever the feature's words were before. Parts under MIN_PART_BYTES are merged into one part
 * per feature used by all their modules: a file has a fixed cost (a request, gzip's overhead) that
 * a few words do not repay.
 */

export type Table = Record<string, Record<string, string>>;

/** Below this many bytes of words (in the first language), a part joins the feature's common part. */
export const MIN_PART_BYTES = 150;

/** The string literals of a source that name keys: whole keys, and prefixes (ending in '.', or followed by `${`). */
export function namedTexts(source: string): { text: string; prefix: boolean }[] {
  return [...source.matchAll(/(['"`])([\w.-]+?)(\1|\$\{)/g)].map((m) => {
    const text = m[2] ?? '';
    return { text, prefix: m[3] === '${' || text.endsWith('.') };
  });
}

/** The keys a source names (`featureOfKey`: every key's feature), whole or by a prefix, repeats included. */
export function keysNamedIn(featureOfKey: ReadonlyMap<string, string>): (source: string) => string[] {
  const allKeys = [...featureOfKey.keys()];
  const prefixed = new Map<string, string[]>();
  const withPrefix = (text: string) =>
    prefixed.get(text) ??
    prefixed
      .set(
        text,
        allKeys.filter((k) => k.startsWith(text)),
      )
      .get(text)!;
  return (source) => namedTexts(source).flatMap(({ text, prefix }) => (featureOfKey.has(text) ? [text] : prefix ? withPrefix(text) : []));
}

export interface StringParts {
  /** The parts (`<feature>` plus a part number) a source file loads, or undefined for a file the plan has not seen. */
  partsOf(file: string): { feature: string; part: string }[] | undefined;
  /** The keys of one part. */
  keysOf(feature: string, part: string): string[];
}

/** Plans the parts from every source module of the app (path → code) and every feature's table. */
export function planParts(sources: ReadonlyMap<string, string>, tables: ReadonlyMap<string, Table>, firstLocale: string): StringParts {
  const featureOfKey = new Map<string, string>();
  for (const [feature, table] of tables) for (const key of Object.keys(table)) featureOfKey.set(key, feature);

  // Which modules name each key.
  const usersOfKey = new Map<string, Set<string>>();
  const usersOfFeature = new Map<string, Set<string>>();
  const keysIn = keysNamedIn(featureOfKey);
  for (const [file, code] of sources) {
    for (const key of keysIn(code)) {
      if (!usersOfKey.has(key)) usersOfKey.set(key, new Set());
      usersOfKey.get(key)!.add(file);
      const feature = featureOfKey.get(key)!;
      if (!usersOfFeature.has(feature)) usersOfFeature.set(feature, new Set());
      usersOfFeature.get(feature)!.add(file);
    }
  }

  const partsOfFile = new Map<string, { feature: string; part: string }[]>();
  const keysOfPart = new Map<string, string[]>();
  for (const [feature, table] of tables) {
    const everyone = usersOfFeature.get(feature);
    if (!everyone) continue;
    // Keys grouped by the exact set of modules that name them.
    const groups = new Map<string, { users: Set<string>; keys: string[]; bytes: number }>();
    for (const key of Object.keys(table)) {
      const users = usersOfKey.get(key) ?? everyone;
      const signature = [...users].sort().join('\n');
      const group = groups.get(signature) ?? groups.set(signature, { users, keys: [], bytes: 0 }).get(signature)!;
      group.keys.push(key);
      group.bytes += key.length + Buffer.byteLength(table[key]?.[firstLocale] ?? '');
    }
    const common = { users: new Set<string>(), keys: [] as string[] };
    const parts: { users: Set<string>; keys: string[] }[] = [];
    for (const group of groups.values()) {
      if (group.bytes >= MIN_PART_BYTES) parts.push(group);
      else {
        group.keys.forEach((k) => common.keys.push(k));
        group.users.forEach((u) => common.users.add(u));
      }
    }
    if (common.keys.length > 0) parts.push(common);
    parts.forEach(({ users, keys }, index) => {
      const part = String(index);
      keysOfPart.set(`${feature}:${part}`, keys);
      for (const file of users) {
        if (!partsOfFile.has(file)) partsOfFile.set(file, []);
        partsOfFile.get(file)!.push({ feature, part });
      }
    });
  }
  return {
    partsOf: (file) => (sources.has(file) ? (partsOfFile.get(file) ?? []) : undefined),
    keysOf: (feature, part) => keysOfPart.get(`${feature}:${part}`) ?? [],
  };
}
