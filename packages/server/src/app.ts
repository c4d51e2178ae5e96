/**
 * createApp builds the whole HTTP application from its dependencies and never listens: tests call
 * app.request(), main.ts serves it. Order matters: headers and context first, then the API (with
 * body limits and the same-origin check), then the built web app with its client-side routes.
 */
import { relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { DomainError } from '@yishi/core';
import { Hono, type Context } from 'hono';
import { compress } from 'hono/compress';
import { getCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import type { Deps } from './deps.js';
import { apiBodyLimit } from './http/body.js';
import type { AppEnv } from './http/context.js';
import { errorResponse, handleError } from './http/errors.js';
import { CONTENT_SECURITY_POLICY, requestContext, sameOriginWrites } from './http/middleware.js';
import { API_REFERENCE_CSS, buildOpenApi, renderApiReference } from './http/openapi.js';
import { withPageAnswers } from './http/page-answers.js';
import { htmlInLocale, pageHtml, partLinks } from './http/page-html.js';
import { pageSession, withSession } from './http/page-session.js';
import { LOCALE_COOKIE } from './http/session-cookie.js';
import { mountRoutes, type RouteDef } from './http/route.js';
import { allRoutes } from './routes/index.js';

export function createApp(deps: Deps, routes: readonly RouteDef[] = allRoutes): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.notFound((c) => errorResponse(c, new DomainError('not_found')));

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
      crossOriginEmbedderPolicy: false,
      referrerPolicy: 'same-origin',
      strictTransportSecurity: deps.config.secureCookies ? 'max-age=15552000' : false,
    }),
  );
  // Old phones on slow networks: text responses (pages, scripts, JSON) go out gzipped.
  app.use('*', compress());
  app.use('*', requestContext(deps));
  app.use(
    '/api/*',
    apiBodyLimit(deps.config.maxBodyBytes, () => {
      throw new DomainError('body_too_large', { limit: `${Math.round(deps.config.maxBodyBytes / 1024 / 1024)} MB` });
    }),
  );
  app.use('/api/*', sameOriginWrites(deps.config.trustedOrigins));

  const openApi = buildOpenApi(routes);
  app.get('/api/openapi.json', (c) => c.json(openApi));
  app.get('/api/docs', (c) => c.html(renderApiReference(openApi)));
  app.get('/api/docs.css', (c) => c.body(API_REFERENCE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));

  mountRoutes(app, routes);
  app.all('/api/*', (c) => errorResponse(c, new DomainError('not_found')));

  const webDist = deps.config.webDist;
  if (webDist) {
    const root = relative(process.cwd(), webDist) || '.';
    app.use('/assets/*', async (c, next) => {
      await next();
      if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    });
    // The service worker and the app manifest keep their names from build to build: the browser asks each time
    // (a stale sw.js would keep phones on an old version), and the update prompt sees a new build at once.
    for (const path of ['/sw.js', '/manifest.webmanifest']) {
      app.use(path, async (c, next) => {
        await next();
        if (c.res.status === 200) c.header('Cache-Control', 'no-cache');
      });
    }
    const htmlFor = pageHtml(webDist);
    const partsOf = partLinks(webDist);
    const inLocale = htmlInLocale(webDist);
    const page = async (c: Context<AppEnv>) => {
      // About its visitor (who is logged in, http/page-session.ts): kept by no cache.
      c.header('Cache-Control', 'no-store');
      const session = await pageSession(c);
      // Its files in the language the visitor chose on this device (the app reads the same cookie when it has no choice stored).
      const locale = getCookie(c, LOCALE_COOKIE) === 'en' ? 'en' : 'zh-CN';
      const html = withSession(inLocale(htmlFor(c.req.path), locale), session);
      // The page's first answer too, for the pages that have one (all need a login).
      return c.html(session.me ? await withPageAnswers(app, c, html, (path, names) => inLocale(partsOf(path, names), locale)) : html);
    };
    // The home page too, which the static files would answer with index.html as built.
    app.get('/', page);
    // The build writes each script and style sheet already compressed (web/build/precompress.ts):
    // Brotli or gzip as the browser accepts, with no compression work per download.
    app.use('*', serveStatic({ root, precompressed: true }));
    app.get('*', page);
  }
  return app;
}
