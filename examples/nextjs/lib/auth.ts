/**
 * Stand-in for your own session check (a signed session cookie, your auth library). This example has no
 * sign-in, so it only refuses requests that another site makes from a visitor's browser: browsers mark
 * those `sec-fetch-site: cross-site`. Replace it before this proxy serves real merchant data.
 */
export function isSignedInMerchant(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  return site === null || site === 'same-origin';
}
