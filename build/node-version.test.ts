import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { atLeast, nodeVersionProblem, parseMinimum, parseVersion, requiredNodeRange } from './scripts/node-version.mjs';

describe('the Node version check of npm start and npm test', () => {
  it.each([
    { version: 'v20.20.2', ok: false },
    { version: 'v22.11.9', ok: false },
    { version: 'v22.12.0', ok: true },
    { version: 'v22.23.5', ok: true },
    { version: 'v24.1.0', ok: true },
    { version: 'v23.0.0-pre', ok: true },
    { version: 'v9.99.99', ok: false },
  ])('$version against >=22.12: ok $ok', ({ version, ok }) => {
    expect(atLeast(parseVersion(version), parseMinimum('>=22.12'))).toBe(ok);
  });

  it('says in one sentence what is needed, what runs, where to get it', () => {
    const sentence = nodeVersionProblem({ range: '>=22.12', version: 'v20.20.2', execPath: '/usr/bin/node', command: 'npm test' });
    expect(sentence).toBe(
      'Briefing Desk needs Node.js 22.12 or newer, but npm test is running Node.js 20.20.2 (/usr/bin/node); install Node.js 22 LTS or newer from https://nodejs.org/en/download (or with your package manager or nvm), then run npm test again.',
    );
    expect(nodeVersionProblem({ range: '>=22.12', version: 'v22.12.0', execPath: '/usr/bin/node', command: 'npm start' })).toBeNull();
  });

  it('reads the requirement from package.json, which states >=22.12', () => {
    expect(requiredNodeRange()).toBe('>=22.12');
    expect(parseMinimum(requiredNodeRange())).toEqual([22, 12, 0]);
  });

  it('refuses a range it cannot check rather than passing every version', () => {
    expect(() => parseMinimum('^22.12 || >=24')).toThrow(/engines\.node/);
    expect(() => parseMinimum(undefined)).toThrow(/engines\.node/);
  });

  it('npm start and npm test check before anything else', () => {
    for (const [script, command] of [['start.mjs', 'npm start'], ['test.mjs', 'npm test']]) {
      const source = readFileSync(new URL(`./scripts/${script}`, import.meta.url), 'utf8');
      const check = source.indexOf(`requireSupportedNode('${command}')`);
      expect(check, script).toBeGreaterThan(0);
      // Before the install and the build, which would otherwise print engine warnings or fail first.
      expect(check, script).toBeLessThan(source.search(/^(await ensure\(|installIfNeeded\(\))/m));
    }
  });
});
