import { rewriteAppSetCookie } from './app-cookies';

describe('rewriteAppSetCookie', () => {
  it('drops cookies named like the console\'s', () => {
    expect(rewriteAppSetCookie('pd_access=forged; Path=/; HttpOnly', '/apps/kuma/')).toBeNull();
    expect(rewriteAppSetCookie('pd_refresh=x; Path=/api/v1/auth', null)).toBeNull();
    expect(rewriteAppSetCookie('__Host-pd_access=x; Path=/; Secure', null)).toBeNull();
  });

  it('moves the app\'s paths below its prefix, so its cookies never reach the console', () => {
    expect(rewriteAppSetCookie('session=abc; Path=/; HttpOnly; SameSite=Lax', '/apps/kuma/')).toBe('session=abc; Path=/apps/kuma/; HttpOnly; SameSite=Lax');
    expect(rewriteAppSetCookie('token=1; path=/api', '/apps/kuma/')).toBe('token=1; Path=/apps/kuma/api');
    expect(rewriteAppSetCookie('lang=en', '/apps/kuma/')).toBe('lang=en; Path=/apps/kuma/');
  });

  it('drops Domain, so a cookie is never for the parent domain the console shares', () => {
    expect(rewriteAppSetCookie('sid=1; Domain=.example.lan; Path=/; Secure', null)).toBe('sid=1; Path=/; Secure');
    expect(rewriteAppSetCookie('sid=1; domain=apps.example.lan', '/apps/kuma/')).toBe('sid=1; Path=/apps/kuma/');
  });
});
