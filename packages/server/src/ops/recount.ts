/**
 * `yishi recount roll.json ballots.json`: recomputes a closed vote's result from its two published
 * files alone (core/votes/recount.ts) and says, check by check, whether it matches the published
 * result. Opens no database. Exit codes: 0 match, 1 mismatch, 2 bad input (docs/recount.md).
 */
import { readFileSync } from 'node:fs';
import { openBallotBallotsSchema, openBallotRollSchema, recountOpenBallot } from '@yishi/core';
import type { z } from 'zod';
import { sha256Hex } from '../services/ledger.service.js';

function readJson<S extends z.ZodType>(path: string, schema: S, what: string): z.infer<S> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new RecountInputError(`读不到文件 ${path} / Cannot read ${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new RecountInputError(`${path} 不是 JSON 文件 / ${path} is not JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RecountInputError(
      `${path} 不是${what}：${issue.path.join('.') || '(top)'} ${issue.message} / ${path} is not ${what === '名册文件' ? 'a roll file' : 'a ballots file'}`,
    );
  }
  return parsed.data;
}

class RecountInputError extends Error {}

export function recountCommand(args: readonly string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): number {
  const [rollPath, ballotsPath] = args;
  if (!rollPath || !ballotsPath) {
    err('用法 / Usage: yishi recount <roll.json> <ballots.json>');
    return 2;
  }
  try {
    const roll = readJson(rollPath, openBallotRollSchema, '名册文件');
    const ballots = readJson(ballotsPath, openBallotBallotsSchema, '选票文件');
    const outcome = recountOpenBallot(roll, ballots, sha256Hex);
    out(`重新计票 / Recount: ${roll.header.title} (${roll.header.voteId})`);
    out(`规则 / Rule: ${roll.header.ruleText['zh-CN']}`);
    for (const c of outcome.checks) {
      out(`${c.ok ? '✓' : '✗'} ${c.text['zh-CN']}`);
      out(`  ${c.text.en}`);
    }
    if (outcome.matches) {
      out(outcome.complete ? '结论：与公布的结果一致。' : '结论：能核对的部分都与公布的结果一致（不记名表决，见上）。');
      out(
        outcome.complete
          ? 'Conclusion: the published result is reproduced.'
          : 'Conclusion: everything that can be checked matches the published result (secret ballot, see above).',
      );
      return 0;
    }
    out('结论：与公布的结果不一致，或文件被改动过。');
    out('Conclusion: the files do NOT reproduce the published result, or they were altered.');
    return 1;
  } catch (error) {
    if (!(error instanceof RecountInputError)) throw error;
    err(error.message);
    return 2;
  }
}
