import { describe, expect, it } from 'vitest';
import type { Actor } from '../domain/library';
import { codedActorName, nameInText, properCase } from './cameo-actors';
import { cameoPredicate } from './cameo-phrases';

describe('codedActorName (GDELT actor codes and names)', () => {
  const cases: [Pick<Actor, 'name' | 'code' | 'countryCode'>, string][] = [
    [{ name: 'United States', code: 'USA', countryCode: 'USA' }, 'the United States'],
    [{ name: 'Halle', code: 'DEU', countryCode: 'DEU' }, 'Germany'],
    [{ name: 'Syrian', code: 'SYR', countryCode: 'SYR' }, 'Syria'],
    [{ name: 'European', code: 'EUR', countryCode: 'EUR' }, 'Europe'],
    [{ name: 'Nigeria', code: 'NGACOP', countryCode: 'NGA' }, 'police in Nigeria'],
    [{ name: 'Malaysia', code: 'MYSGOV', countryCode: 'MYS' }, 'the government of Malaysia'],
    [{ name: 'Haifa', code: 'ISREDU', countryCode: 'ISR' }, 'educators in Israel'],
    [{ name: 'PRESIDENT', code: 'GOV', countryCode: null }, 'the president'],
    [{ name: 'Foreign Minist', code: 'GOV', countryCode: null }, 'the foreign ministry'],
    [{ name: 'House Of Commons', code: 'LEG', countryCode: null }, 'the House of Commons'],
    [{ name: 'Wells Fargo', code: 'MNCUSA', countryCode: 'USA' }, 'Wells Fargo'],
    [{ name: 'Security Check', code: 'COP', countryCode: null }, 'police'],
    [{ name: 'UNITED STATES', code: null, countryCode: null }, 'the United States'],
    [{ name: 'NATO', code: null, countryCode: null }, 'NATO'],
  ];
  it.each(cases)('%j → %s', (actor, expected) => expect(codedActorName(actor)).toBe(expected));
});

describe('names and predicates', () => {
  it.each([
    ['Military Forces of Sudan (2019-)', 'Military Forces of Sudan'],
    ['Protesters (Kosovo)', 'protesters in Kosovo'],
    ['Civilians (United States)', 'civilians in the United States'],
    ['Red Sea', 'the Red Sea'],
    ['Ministry of Commerce of China', 'the Ministry of Commerce of China'],
  ])('nameInText(%s) → %s', (raw, expected) => expect(nameInText(raw)).toBe(expected));

  it('properCase lowers particles and keeps acronyms', () => {
    expect(properCase('PRINCE OF WALES')).toBe('Prince of Wales');
    expect(properCase('Prince Of Wales')).toBe('Prince of Wales');
    expect(properCase('UN')).toBe('UN');
  });

  it.each([
    ['042', 'France', 'visited France'],
    ['042', '', 'made a visit'],
    ['0421', 'France', 'visited France'],
    ['040', 'China', 'consulted China'],
    ['1731', 'protesters', 'arrested or detained protesters'],
    ['190', '', 'engaged in fighting'],
    ['x1', 'China', null],
    ['99', 'China', null],
  ])('cameoPredicate(%s, %s) → %s', (code, object, expected) => expect(cameoPredicate(code, object)).toBe(expected));
});
