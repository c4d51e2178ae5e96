/**
 * The recount as an owner does it: download a closed vote's two published files from a real server,
 * save them, and run `yishi recount` on them as a child process — no database. Then a file with one
 * choice changed is caught. And `yishi verify-ledger --heads FILE` against the heads downloaded from
 * the board.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

const CLI = fileURLToPath(new URL('../../packages/server/dist/cli.js', import.meta.url));

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

let server: TestServer;
let dir: string;
let compoundId: string;
let voteId: string;
beforeAll(async () => {
  server = await startTestServer({ web: false });
  dir = mkdtempSync(join(tmpdir(), 'yishi-recount-'));
  compoundId = (await server.deps.db.selectFrom('compounds').select('id').where('code', '=', 'DSCT').executeTakeFirstOrThrow()).id;
  const board = (await (await fetch(`${server.url}/api/public/compounds/${compoundId}/votes`)).json()) as { items: Array<{ id: string; title: string }> };
  voteId = board.items.find((v) => v.title === '续筹专项维修资金（每平方米 20 元）')!.id;
}, 60_000);
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function download(path: string, name: string): Promise<string> {
  const res = await fetch(`${server.url}/api/public/votes/${voteId}/open-ballot/${path}`);
  expect(res.status).toBe(200);
  const file = join(dir, name);
  writeFileSync(file, await res.text());
  return file;
}

describe('yishi recount on the published files', () => {
  it('reproduces the published result from the files alone; one changed choice is caught; a broken file is said so', async () => {
    const roll = await download('roll.json', 'roll.json');
    const ballots = await download('ballots.json', 'ballots.json');
    const ok = await cli(['recount', roll, ballots], { YISHI_DB: join(dir, 'no-such.db') });
    expect(ok.stdout).toContain('✓ 投票日志');
    expect(ok.stdout).toMatch(/✓ 参与：\d+ 票/);
    expect(ok.stdout).toContain('结论：能核对的部分都与公布的结果一致');
    expect(ok.stdout).not.toContain('✗');
    expect(ok.code).toBe(0);

    // One choice changed in the ballots and, to hide it, in the log: the chain breaks.
    const files = JSON.parse(readFileSync(ballots, 'utf8')) as {
      ballots: Array<{ receiptCode: string; choices: string[] }>;
      log: Array<{ receiptCode: string; choices: string[] }>;
    };
    const first = files.ballots[0]!;
    first.choices = first.choices.includes('yes') ? ['no'] : ['yes'];
    for (const e of files.log) if (e.receiptCode === first.receiptCode) e.choices = first.choices;
    const tampered = join(dir, 'ballots-tampered.json');
    writeFileSync(tampered, JSON.stringify(files));
    const caught = await cli(['recount', roll, tampered]);
    expect(caught.code).toBe(1);
    expect(caught.stdout).toMatch(/✗ 投票日志的哈希链在第 \d+ 条断开/);
    expect(caught.stdout).toContain('结论：与公布的结果不一致，或文件被改动过。');

    const bad = await cli(['recount', roll, roll]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/不是选票文件/);
  }, 60_000);

  it('verify-ledger holds the chains against the heads downloaded from the board', async () => {
    // The server publishes the heads when it starts (its periodic job's first run).
    let text = '';
    for (let i = 0; i < 50 && !/"latest":\[\{/.test(text); i += 1) {
      if (i) await new Promise((r) => setTimeout(r, 100));
      text = await (await fetch(`${server.url}/api/public/compounds/${compoundId}/anchors`)).text();
    }
    expect(text).toMatch(/"chain":"ledger"/);
    const heads = join(dir, 'heads.json');
    writeFileSync(heads, text);
    const checked = await cli(['verify-ledger', '--heads', heads], { YISHI_DB: server.deps.config.databasePath });
    expect(checked.stdout).toMatch(/OK {6}\d+ \/ \d+ published heads \(file\) match the chains/);
    expect(checked.stdout).not.toMatch(/\b0 \/ 0 published heads \(file\)/);
    expect(checked.code).toBe(0);
  }, 60_000);
});
