/**
 * The accounts endpoints: first-run setup, places, staff and grants, activation and SMS login,
 * account care and activation letters. Declared once; the server implements them, the web app calls
 * them, the OpenAPI document describes them.
 */
import { z } from 'zod';
import { endpoint } from '../contract/endpoint.js';
import {
  accessCodeSchema,
  activateSchema,
  activationHouseholdsQuerySchema,
  activationHouseholdsSchema,
  activationLookupSchema,
  activationStatusSchema,
  communityInputSchema,
  compoundInputSchema,
  compoundPatchSchema,
  GRANT_SCOPE_KINDS,
  grantInputSchema,
  grantResultSchema,
  invitationSchema,
  issueCodeInputSchema,
  issuedCodeSchema,
  lettersInputSchema,
  lettersPreviewQuerySchema,
  lettersPreviewSchema,
  loginResultSchema,
  mySessionsSchema,
  passwordChangeSchema,
  placeCreatedSchema,
  placesTreeSchema,
  setupSchema,
  setupStatusSchema,
  smsCodeRequestSchema,
  smsCodeSentSchema,
  smsLoginSchema,
  staffOverviewSchema,
  usernameSchema,
} from './accounts.schema.js';

const id = z.string().min(1).max(40);
const compoundParams = z.object({ compoundId: id });
const grantParams = z.object({ grantId: id });

export const setupEndpoints = {
  status: endpoint({
    method: 'get',
    path: '/setup/status',
    summary: 'Whether this installation still needs its first administrator',
    tags: ['setup'],
    response: setupStatusSchema,
  }),
  complete: endpoint({
    method: 'post',
    path: '/setup',
    summary: 'Create the subdistrict and its first administrator with the one-time token from the server log; logs the administrator in',
    description: 'Works once. Refused with 409 setup_done when the installation has accounts, 403 setup_token_invalid for a token that is not in the database.',
    tags: ['setup'],
    body: setupSchema,
    status: 201,
    response: loginResultSchema,
  }),
};

export const placeEndpoints = {
  tree: endpoint({
    method: 'get',
    path: '/places',
    summary: 'The subdistricts, communities and compounds I administer',
    tags: ['places'],
    response: placesTreeSchema,
  }),
  addCommunity: endpoint({
    method: 'post',
    path: '/subdistricts/:subdistrictId/communities',
    summary: 'Add a community (社区) to a subdistrict',
    tags: ['places'],
    params: z.object({ subdistrictId: id }),
    body: communityInputSchema,
    status: 201,
    response: placeCreatedSchema,
  }),
  renameCommunity: endpoint({
    method: 'patch',
    path: '/communities/:communityId',
    summary: 'Rename a community',
    tags: ['places'],
    params: z.object({ communityId: id }),
    body: communityInputSchema,
    response: placeCreatedSchema,
  }),
  addCompound: endpoint({
    method: 'post',
    path: '/communities/:communityId/compounds',
    summary: 'Add a compound (小区) with its code (used in sign-off numbers) and its notice-board address',
    tags: ['places'],
    params: z.object({ communityId: id }),
    body: compoundInputSchema,
    status: 201,
    response: placeCreatedSchema,
  }),
  changeCompound: endpoint({
    method: 'patch',
    path: '/compounds/:compoundId',
    summary: "Rename a compound or change its notice board's address (its code never changes: sign-off numbers carry it)",
    tags: ['places'],
    params: compoundParams,
    body: compoundPatchSchema,
    response: placeCreatedSchema,
  }),
};

export const staffEndpoints = {
  overview: endpoint({
    method: 'get',
    path: '/staff',
    summary: 'Where I may grant roles, the grants there, and the record of grants and revocations',
    tags: ['staff'],
    response: staffOverviewSchema,
  }),
  grant: endpoint({
    method: 'post',
    path: '/places/:scopeKind/:scopeId/grants',
    summary: "Grant a role at a place; creates the person's account where needed and returns a one-time invitation",
    description: 'The person is found by phone; the name must match. An account that is not set up yet gets an invitation link (shown once).',
    tags: ['staff'],
    params: z.object({ scopeKind: z.enum(GRANT_SCOPE_KINDS), scopeId: id }),
    body: grantInputSchema,
    status: 201,
    response: grantResultSchema,
  }),
  revoke: endpoint({
    method: 'delete',
    path: '/grants/:grantId',
    summary: 'Revoke a grant (recorded with who and when)',
    tags: ['staff'],
    params: grantParams,
    status: 204,
  }),
  reinvite: endpoint({
    method: 'post',
    path: '/grants/:grantId/invitation',
    summary: 'A new invitation for a person who has not set up their account yet (the earlier link stops working)',
    tags: ['staff'],
    params: grantParams,
    response: invitationSchema,
  }),
};

export const activationEndpoints = {
  lookup: endpoint({
    method: 'post',
    path: '/activation/lookup',
    summary: 'What an activation, staff or invitation code opens: whose account, which units (names masked)',
    tags: ['activation'],
    body: accessCodeSchema,
    response: activationLookupSchema,
  }),
  lookupSms: endpoint({
    method: 'post',
    path: '/activation/lookup-sms',
    summary: 'What the SMS code sent to a phone opens, as for a letter code: whose account, which units (names masked)',
    description:
      'Checks the code without using it: it still sets the account up on the last step. A wrong code counts against the code and the address as on activation.',
    tags: ['activation'],
    body: smsLoginSchema,
    response: activationLookupSchema,
  }),
  sendSmsCode: endpoint({
    method: 'post',
    path: '/auth/sms-code',
    summary: 'Send a 6-digit code by SMS to a phone on a roster or of an account (to activate, or to log in)',
    description: 'At most one a minute and ten a day per phone, thirty an hour per address. Without an SMS provider the code goes to the server log.',
    tags: ['activation'],
    body: smsCodeRequestSchema,
    response: smsCodeSentSchema,
  }),
  activate: endpoint({
    method: 'post',
    path: '/activation',
    summary: 'Set up an account with a code (letter, staff, invitation) or a phone and its SMS code; consent required; logs in',
    tags: ['activation'],
    body: activateSchema,
    response: loginResultSchema,
  }),
  loginWithSms: endpoint({
    method: 'post',
    path: '/auth/login-sms',
    summary: 'Log in with a phone and the SMS code sent to it',
    tags: ['auth'],
    body: smsLoginSchema,
    response: loginResultSchema,
  }),
  status: endpoint({
    method: 'get',
    path: '/compounds/:compoundId/activation',
    summary: 'Who has set up an account, counted per building (a building head sees their building)',
    tags: ['activation'],
    params: compoundParams,
    response: activationStatusSchema,
  }),
  households: endpoint({
    method: 'get',
    path: '/compounds/:compoundId/activation/households',
    summary: 'The households a page at a time, each with whether they have set up an account (a building head sees their building; phones masked for them)',
    tags: ['activation'],
    params: compoundParams,
    query: activationHouseholdsQuerySchema,
    response: activationHouseholdsSchema,
  }),
  previewLetters: endpoint({
    method: 'get',
    path: '/compounds/:compoundId/activation-letters/preview',
    summary: 'Before printing: how many letters, whose earlier letter they cancel, and who keeps a letter printed for another building',
    tags: ['activation'],
    params: compoundParams,
    query: lettersPreviewQuerySchema,
    response: lettersPreviewSchema,
  }),
  printLetters: endpoint({
    method: 'post',
    path: '/compounds/:compoundId/activation-letters',
    summary: 'Print activation letters (PDF, two per A4 page) for the households without an account, for one building or all',
    description:
      "Issues a one-time code per person (valid 30 days) and replaces their earlier letter. A building's letters leave out people holding an open letter printed for another building. A building head prints their own building only.",
    tags: ['activation'],
    params: compoundParams,
    body: lettersInputSchema,
    produces: 'application/pdf',
  }),
  issueCode: endpoint({
    method: 'post',
    path: '/units/:unitId/access-codes',
    summary:
      'A one-time code for an owner or resident of the unit: activates their account or replaces a forgotten password; the helper never sees the password',
    tags: ['account'],
    params: z.object({ unitId: id }),
    body: issueCodeInputSchema,
    status: 201,
    response: issuedCodeSchema,
  }),
};

export const accountEndpoints = {
  changePassword: endpoint({
    method: 'put',
    path: '/me/password',
    summary: 'Change my password (the current one is required if I have one); my other sessions end',
    tags: ['account'],
    body: passwordChangeSchema,
    status: 204,
  }),
  setUsername: endpoint({
    method: 'put',
    path: '/me/username',
    summary: 'Choose a login name to use besides my phone number',
    tags: ['account'],
    body: usernameSchema,
    status: 204,
  }),
  sessions: endpoint({ method: 'get', path: '/me/sessions', summary: 'The devices I am logged in on', tags: ['account'], response: mySessionsSchema }),
  endSession: endpoint({
    method: 'delete',
    path: '/me/sessions/:sessionId',
    summary: 'Sign one of my devices out',
    tags: ['account'],
    params: z.object({ sessionId: z.string().min(1).max(100) }),
    status: 204,
  }),
  endOtherSessions: endpoint({
    method: 'post',
    path: '/me/sessions/end-others',
    summary: 'Sign out everywhere except this device',
    tags: ['account'],
    status: 204,
  }),
};
