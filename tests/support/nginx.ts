/**
 * A private nginx (Debian package) in front of several test servers, configured with the very site
 * file operators deploy (deploy/nginx/yishi.conf) — only the listen port and the upstream list are
 * replaced. Runs in the foreground on 127.0.0.1 with every path under a temporary folder.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackage, freePort } from '../../packages/server/src/testing/redis-server.js';

const NGINX = '/usr/sbin/nginx';
const SITE = fileURLToPath(new URL('../../deploy/nginx/yishi.conf', import.meta.url));

export interface TestNginx {
  url: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

/** The deployed site file with our port and upstreams. Throws if the file no longer has those lines. */
export function renderSite(listenPort: number, upstreamPorts: number[]): string {
  const site = readFileSync(SITE, 'utf8');
  const servers = /^(\s*)server 127\.0\.0\.1:\d+ (.*);$/gm;
  const first = servers.exec(site);
  if (!first || !/^\s*listen 80;$/m.test(site)) throw new Error('deploy/nginx/yishi.conf has no upstream server or listen line to replace');
  const [, indent, params] = first;
  const upstream = upstreamPorts.map((port) => `${indent}server 127.0.0.1:${port} ${params};`).join('\n');
  let replaced = false;
  return site.replace(servers, () => (replaced ? '' : ((replaced = true), upstream))).replace(/^\s*listen 80;$/m, `    listen 127.0.0.1:${listenPort};`);
}

export async function startNginx(upstreamPorts: number[]): Promise<TestNginx> {
  if (!ensureDebianPackage(NGINX, 'nginx-light')) throw new Error('nginx is not installed and cannot be installed here');
  const dir = mkdtempSync(join(tmpdir(), 'yishi-nginx-'));
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub));
  const port = await freePort();
  writeFileSync(join(dir, 'yishi.conf'), renderSite(port, upstreamPorts));
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/yishi.conf;
}
`,
  );
  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  // Ready when it answers (any status: the upstreams may still be starting).
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    const ok = await fetch(`${url}/api/health`).then(
      () => true,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`nginx did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    process: child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
