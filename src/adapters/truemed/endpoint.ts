/** Where a Truemed call goes: the fetcher's and the actions client's shared URL rule. */
import { PaymentSessionsError } from '../../core/errors';

/** `${base}${endpointPath}`, a relative base resolved against the page's location. */
export function resolveEndpoint(base: string, endpointPath: string): string {
  const path = `${base}${endpointPath}`;
  if (/^[a-z][a-z\d+.-]*:/i.test(base)) return path;
  const location = (globalThis as { location?: { href?: unknown } }).location;
  if (typeof location?.href === 'string') {
    try {
      return new URL(path, location.href).href;
    } catch {
      // Fall through to the readable error below (e.g. an `about:blank` page).
    }
  }
  throw new PaymentSessionsError({
    kind: 'network',
    message: `Cannot resolve the relative baseUrl ${JSON.stringify(base)}: there is no page location here. Pass an absolute URL (https://…) when fetching outside a browser.`,
  });
}
