import { describe, expect, it } from 'vitest';
import { loadConfig, publicOriginOf, schedulesOf } from './config.ts';

describe('WAYPOINT_PUBLIC_ORIGIN', () => {
  it('defaults to the listen address (null) when the server listens on one interface', () => {
    expect(loadConfig({}).publicOrigin).toBeNull();
  });

  it('is kept as an origin, without a trailing slash', () => {
    expect(publicOriginOf('https://waypoint.example.gov/', '127.0.0.1')).toBe('https://waypoint.example.gov');
    expect(publicOriginOf('http://127.0.0.1:8080', '127.0.0.1')).toBe('http://127.0.0.1:8080');
  });

  it.each([
    'waypoint.example.gov',
    'ftp://waypoint.example.gov',
    'https://waypoint.example.gov/app',
    'https://user@waypoint.example.gov',
    'https://waypoint.example.gov?x=1',
  ])('%s is refused by name', (raw) => {
    expect(() => publicOriginOf(raw, '127.0.0.1')).toThrow(/WAYPOINT_PUBLIC_ORIGIN/);
  });

  it('is required when HOST listens on every interface', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/WAYPOINT_PUBLIC_ORIGIN/);
    expect(loadConfig({ HOST: '0.0.0.0', WAYPOINT_PUBLIC_ORIGIN: 'https://waypoint.example.gov' }).publicOrigin).toBe(
      'https://waypoint.example.gov',
    );
  });
});

describe('WAYPOINT_TRUSTED_PROXIES', () => {
  it('is a comma-separated list of proxies, none by default', () => {
    expect(loadConfig({}).trustedProxies).toBeNull();
    expect(loadConfig({ WAYPOINT_TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1' }).trustedProxies).toEqual(['10.0.0.0/8', '127.0.0.1']);
  });
});

describe('WAYPOINT_SCHEDULES', () => {
  it("replaces the named jobs' schedules, cron by job name", () => {
    expect(schedulesOf('reassessment=30 3 * * *; passive-closure-review=0 1 * * 1-5')).toEqual({
      reassessment: '30 3 * * *',
      'passive-closure-review': '0 1 * * 1-5',
    });
  });

  it('is empty when not set', () => {
    expect(loadConfig({}).schedules).toEqual({});
  });

  it.each(['reassessment', '=30 3 * * *', 'reassessment=daily'])('%s is refused by name', (raw) => {
    expect(() => schedulesOf(raw)).toThrow(/WAYPOINT_SCHEDULES must be job=cron pairs/);
  });
});
