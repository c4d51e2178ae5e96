/**
 * The address people reach Yishi at (the server's YISHI_PUBLIC_URL), for every absolute URL a page
 * prints or puts in a QR code: a hall screen opened at a LAN address, or the board opened through
 * another name, still hands residents the public address. Asked once per page load; until the answer
 * arrives (or if it never does) the page's own origin stands in.
 */
import { boardEndpoints } from '@yishi/core';
import { api } from './client.js';

let asked: Promise<string> | null = null;

export function publicUrl(): Promise<string> {
  asked ??= api.call(boardEndpoints.site, {}).then(
    (site) => site.publicUrl,
    () => {
      asked = null;
      return location.origin;
    },
  );
  return asked;
}
