/**
 * Which path serves what, from the documented paths (progeny-api-spec.ts) respelled by the quirks
 * that move them. Paths are under /api/v3.
 *
 * Plain sandbox: every path ends with a slash, as documented. Without it a POST gets 404, like a
 * Django app that cannot redirect a POST (APPEND_SLASH raises an error in DEBUG; in production it
 * answers 301 and clients re-send the POST as a GET, losing the body — a 404 makes the mistake
 * visible instead); a GET without the slash is redirected (301), as APPEND_SLASH does.
 */
import { LEGACY_LIVENESS_PATH, SANDBOX_SERVICES, SERVICE_SPECS, TASK_PATH, TOKEN_OBTAIN_PATH, TOKEN_REFRESH_PATH, type SandboxService } from './progeny-api-spec';
import type { SandboxQuirk } from './sandbox-quirks';

export type Route = { kind: 'obtain' } | { kind: 'refresh' } | { kind: 'task' } | { kind: 'service'; service: SandboxService };

export type Resolution = { kind: 'route'; route: Route } | { kind: 'redirect'; status: 301 | 308; path: string } | { kind: 'none' };

const withoutSlash = (path: string) => path.replace(/\/$/, '');

export function createRouteTable(quirks: ReadonlySet<SandboxQuirk>) {
  const documented: Array<[string, Route]> = [
    [TOKEN_OBTAIN_PATH, { kind: 'obtain' }],
    [TOKEN_REFRESH_PATH, { kind: 'refresh' }],
    [TASK_PATH, { kind: 'task' }],
    ...SANDBOX_SERVICES.map((service): [string, Route] => [SERVICE_SPECS[service].path, { kind: 'service', service }]),
  ];
  const served = new Map<string, Route>();
  for (const [documentedPath, route] of documented) {
    let path = documentedPath;
    if (route.kind === 'service' && route.service === 'face_liveness' && quirks.has('liveness-path')) path = LEGACY_LIVENESS_PATH;
    if (route.kind === 'service' && route.service === 'register_face' && quirks.has('register-face-no-slash')) path = withoutSlash(path);
    if (quirks.has('slash-redirect')) path = withoutSlash(path);
    served.set(path, route);
  }
  const redirectSlashed = quirks.has('slash-redirect');

  return {
    resolve(path: string, method: string): Resolution {
      const route = served.get(path);
      if (route) return { kind: 'route', route };
      // A proxy normalising URLs: 308 keeps the method and the body, unlike 301.
      if (redirectSlashed && path.endsWith('/') && served.has(withoutSlash(path))) return { kind: 'redirect', status: 308, path: withoutSlash(path) };
      if (!redirectSlashed && !path.endsWith('/') && served.has(`${path}/`) && (method === 'GET' || method === 'HEAD')) return { kind: 'redirect', status: 301, path: `${path}/` };
      return { kind: 'none' };
    },
    /** The route label for logs: the path pattern, never ids or query strings. */
    label: (path: string): string => (served.has(path) ? `/api/v3${path}` : 'unknown'),
  };
}

export type RouteTable = ReturnType<typeof createRouteTable>;
