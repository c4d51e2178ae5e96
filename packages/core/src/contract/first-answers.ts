/**
 * The pages whose first answers need no round trip after the page's code has loaded. The server writes
 * them into the page's HTML for a visitor logged in (packages/server/src/http/page-answers.ts); the web
 * app asks for them as it starts to load the page, beside its check of who is logged in, when the HTML
 * carries none (a page the service worker answered from its copy, a move within the app), and the page's
 * own request takes the answer (packages/web/src/api/answers-in-page.ts).
 *
 * Each page is a route of the web app (packages/web/src/routes.ts); each answer the path of a GET
 * endpoint of the contract, filled with the page's parameters of the same names, as the page's code
 * asks for it. For the pages people open on a phone on a weak signal: the voting page an owner opens
 * from a text message (the vote and the owner's proxies), the meeting page in the meeting room and
 * the page a resident asks a question from.
 */
export const FIRST_ANSWERS: readonly { page: string; answers: readonly string[] }[] = [
  { page: '/votes/:voteId', answers: ['/votes/:voteId', '/votes/:voteId/proxies/mine'] },
  { page: '/meetings/:meetingId', answers: ['/meetings/:meetingId'] },
  { page: '/meetings/:meetingId/ask', answers: ['/meetings/:meetingId'] },
];
