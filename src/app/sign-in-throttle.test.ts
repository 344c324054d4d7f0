import { describe, expect, it } from 'vitest';
import { clientKey, SIGN_IN_FREE_ATTEMPTS, SIGN_IN_MAX_WAIT_SECONDS, waitAfterAttempt } from './sign-in-throttle.ts';

describe('sign-in back-off', () => {
  it('the free attempts cost no wait', () => {
    for (let n = 1; n < SIGN_IN_FREE_ATTEMPTS; n++) expect(waitAfterAttempt(n)).toBe(0);
  });

  it('each attempt past the free ones waits twice as long as the one before, up to the cap', () => {
    for (let n = SIGN_IN_FREE_ATTEMPTS; n < SIGN_IN_FREE_ATTEMPTS + 10; n++) {
      expect(waitAfterAttempt(n + 1)).toBe(Math.min(2 * waitAfterAttempt(n), SIGN_IN_MAX_WAIT_SECONDS));
    }
    expect(waitAfterAttempt(10_000)).toBe(SIGN_IN_MAX_WAIT_SECONDS);
  });
});

describe('client keys', () => {
  it('an IPv4 address is its own key, also when mapped into IPv6', () => {
    expect(clientKey('203.0.113.9')).toBe('203.0.113.9');
    expect(clientKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('IPv6 addresses of one /64 network share a key', () => {
    expect(clientKey('2001:db8:0:1::1')).toBe(clientKey('2001:0db8:0000:0001:ffff:1:2:3'));
    expect(clientKey('2001:db8:0:1::1')).not.toBe(clientKey('2001:db8:0:2::1'));
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
  });
});
