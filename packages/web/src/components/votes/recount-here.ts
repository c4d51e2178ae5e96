/**
 * A closed vote recounted in the visitor's own browser: the two files anyone can download (the roll
 * and the ballots with the whole ballot log), fetched as published and handed to the same recount
 * the `yishi recount` command runs (core's recountOpenBallot: the log's hash chain, the roll against
 * the ballots, the tally against the published result), each check said as the command says it.
 * SHA-256 by @noble/hashes, as the chain's checks need it synchronously. Loaded with its words only
 * when someone asks for it (open-ballot-files.ts), so the board carries neither.
 */
import { recountOpenBallot, type OpenBallotBallots, type OpenBallotRoll, type RecountOutcome } from '@yishi/core';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { html, type TemplateResult } from 'lit';
import { pick, t } from '../../i18n.js';

const sha256Hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));

async function published(url: string): Promise<unknown> {
  const answer = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!answer.ok) throw new Error(`${url}: ${answer.status}`);
  return answer.json();
}

/** The recount's checks, ✓ or ✗ in words, and its conclusion; or why it could not run. */
export async function recountView(rollUrl: string, ballotsUrl: string): Promise<TemplateResult> {
  let files: [unknown, unknown];
  try {
    files = await Promise.all([published(rollUrl), published(ballotsUrl)]);
  } catch {
    return html`<p class="bad">${t('openBallot.recountUnreachable')}</p>`;
  }
  let outcome: RecountOutcome;
  try {
    // The recount checks the files entry by entry; one too broken to read at all is said so.
    outcome = recountOpenBallot(files[0] as OpenBallotRoll, files[1] as OpenBallotBallots, sha256Hex);
  } catch {
    return html`<p class="bad">${t('openBallot.recountBroken')}</p>`;
  }
  const conclusion = outcome.matches ? (outcome.complete ? 'openBallot.recountMatches' : 'openBallot.recountMatchesPart') : 'openBallot.recountDiffers';
  return html`<ul>
      ${outcome.checks.map((c) => html`<li class=${c.ok ? 'ok' : 'bad'}>${c.ok ? '✓' : '✗'} ${pick(c.text)}</li>`)}
    </ul>
    <p class=${outcome.matches ? 'ok' : 'bad'}><strong>${t(conclusion)}</strong></p>`;
}
