import type { Route } from './route-kit.js';
import { artifactRoutes } from './routes-artifacts.js';
import { checkRoutes } from './routes-checks.js';
import { issueRoutes } from './routes-issues.js';

export type { Route, RouteContext } from './route-kit.js';

/** Every endpoint the fake answers. Add a route here to extend it. */
export const routes: Route[] = [...issueRoutes, ...checkRoutes, ...artifactRoutes];

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** The route for this method and path. A known path with another method is a 404, as on GitHub. */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    try {
      for (const [key, value] of Object.entries(m.groups ?? {})) params[key] = decodeURIComponent(value);
    } catch {
      return undefined; // malformed %-escape: GitHub answers 404 too
    }
    return { route, params };
  }
  return undefined;
}
