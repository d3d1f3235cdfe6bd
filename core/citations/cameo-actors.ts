import type { Actor } from '../domain/library';

/**
 * Readable names for the actors of coded events (GDELT): its actor codes are a CAMEO country or
 * region code followed by role codes ("NGACOP" = police of Nigeria), and its actor names are the
 * words it matched in the article, in capitals ("PRESIDENT", "HALLE", "FOREIGN MINIST").
 */

/** CAMEO country (ISO 3166-1 alpha-3) and region codes; names that take "the" carry it. */
const COUNTRIES: Readonly<Record<string, string>> = Object.fromEntries(
  (
    'AFG Afghanistan|ALB Albania|DZA Algeria|AND Andorra|AGO Angola|ATG Antigua and Barbuda|ARG Argentina|ARM Armenia|AUS Australia|AUT Austria|' +
    'AZE Azerbaijan|BHS the Bahamas|BHR Bahrain|BGD Bangladesh|BRB Barbados|BLR Belarus|BEL Belgium|BLZ Belize|BEN Benin|BTN Bhutan|BOL Bolivia|' +
    'BIH Bosnia and Herzegovina|BWA Botswana|BRA Brazil|BRN Brunei|BGR Bulgaria|BFA Burkina Faso|BDI Burundi|KHM Cambodia|CMR Cameroon|CAN Canada|' +
    'CPV Cape Verde|CAF the Central African Republic|TCD Chad|CHL Chile|CHN China|COL Colombia|COM the Comoros|COG the Republic of the Congo|' +
    'COD the Democratic Republic of the Congo|CRI Costa Rica|CIV Côte d’Ivoire|HRV Croatia|CUB Cuba|CYP Cyprus|CZE the Czech Republic|DNK Denmark|' +
    'DJI Djibouti|DMA Dominica|DOM the Dominican Republic|ECU Ecuador|EGY Egypt|SLV El Salvador|GNQ Equatorial Guinea|ERI Eritrea|EST Estonia|' +
    'SWZ Eswatini|ETH Ethiopia|FJI Fiji|FIN Finland|FRA France|GAB Gabon|GMB the Gambia|GEO Georgia|DEU Germany|GHA Ghana|GRC Greece|GRD Grenada|' +
    'GTM Guatemala|GIN Guinea|GNB Guinea-Bissau|GUY Guyana|HTI Haiti|HND Honduras|HKG Hong Kong|HUN Hungary|ISL Iceland|IND India|IDN Indonesia|IRN Iran|' +
    'IRQ Iraq|IRL Ireland|ISR Israel|ITA Italy|JAM Jamaica|JPN Japan|JOR Jordan|KAZ Kazakhstan|KEN Kenya|KIR Kiribati|PRK North Korea|KOR South Korea|' +
    'KWT Kuwait|KGZ Kyrgyzstan|LAO Laos|LVA Latvia|LBN Lebanon|LSO Lesotho|LBR Liberia|LBY Libya|LIE Liechtenstein|LTU Lithuania|LUX Luxembourg|' +
    'MDG Madagascar|MWI Malawi|MYS Malaysia|MDV the Maldives|MLI Mali|MLT Malta|MHL the Marshall Islands|MRT Mauritania|MUS Mauritius|MEX Mexico|' +
    'FSM Micronesia|MDA Moldova|MCO Monaco|MNG Mongolia|MNE Montenegro|MAR Morocco|MOZ Mozambique|MMR Myanmar|NAM Namibia|NRU Nauru|NPL Nepal|' +
    'NLD the Netherlands|NZL New Zealand|NIC Nicaragua|NER Niger|NGA Nigeria|MKD North Macedonia|NOR Norway|OMN Oman|PAK Pakistan|PLW Palau|' +
    'PSE Palestine|PAN Panama|PNG Papua New Guinea|PRY Paraguay|PER Peru|PHL the Philippines|POL Poland|PRT Portugal|QAT Qatar|ROU Romania|' +
    'RUS Russia|RWA Rwanda|KNA Saint Kitts and Nevis|LCA Saint Lucia|VCT Saint Vincent and the Grenadines|WSM Samoa|SMR San Marino|' +
    'STP São Tomé and Príncipe|SAU Saudi Arabia|SEN Senegal|SRB Serbia|SYC Seychelles|SLE Sierra Leone|SGP Singapore|SVK Slovakia|SVN Slovenia|' +
    'SLB the Solomon Islands|SOM Somalia|ZAF South Africa|SSD South Sudan|ESP Spain|LKA Sri Lanka|SDN Sudan|SUR Suriname|SWE Sweden|CHE Switzerland|' +
    'SYR Syria|TWN Taiwan|TJK Tajikistan|TZA Tanzania|THA Thailand|TLS Timor-Leste|TGO Togo|TON Tonga|TTO Trinidad and Tobago|TUN Tunisia|TUR Turkey|' +
    'TKM Turkmenistan|TUV Tuvalu|UGA Uganda|UKR Ukraine|ARE the United Arab Emirates|GBR the United Kingdom|USA the United States|URY Uruguay|' +
    'UZB Uzbekistan|VUT Vanuatu|VAT the Vatican|VEN Venezuela|VNM Vietnam|YEM Yemen|ZMB Zambia|ZWE Zimbabwe|XKX Kosovo|KSV Kosovo|PRI Puerto Rico|' +
    'GRL Greenland|' +
    // CAMEO regions.
    'AFR Africa|ASA Asia|BLK the Balkans|CRB the Caribbean|CAU the Caucasus|CFR Central Africa|CAS Central Asia|CEU Central Europe|EAF East Africa|' +
    'EEU Eastern Europe|EUR Europe|LAM Latin America|MEA the Middle East|MDT the Mediterranean|NAF North Africa|NMR North America|PGS the Persian Gulf|' +
    'SCN Scandinavia|SAM South America|SAS South Asia|SEA Southeast Asia|SAF Southern Africa|WAF West Africa|WST the West|WEU Western Europe|' +
    'EIN the East Indies|NRD the Nordic countries|SCA Southern Africa'
  )
    .split('|')
    .map((entry) => [entry.slice(0, 3), entry.slice(4)]),
);

/** CAMEO actor role codes: [alone, of a country — `{c}` marks the country]. */
const ROLES: Readonly<Record<string, readonly [string, string]>> = {
  GOV: ['the government', 'the government of {c}'],
  COP: ['police', 'police in {c}'],
  MIL: ['the military', 'the armed forces of {c}'],
  SPY: ['intelligence services', 'the intelligence services of {c}'],
  JUD: ['a court', 'judicial authorities in {c}'],
  LEG: ['legislators', 'legislators in {c}'],
  OPP: ['the opposition', 'the opposition in {c}'],
  PTY: ['a political party', 'a political party in {c}'],
  REB: ['rebels', 'rebels in {c}'],
  INS: ['insurgents', 'insurgents in {c}'],
  SEP: ['separatists', 'separatists in {c}'],
  UAF: ['unidentified armed forces', 'unidentified armed forces in {c}'],
  CRM: ['criminals', 'criminals in {c}'],
  CVL: ['civilians', 'civilians in {c}'],
  BUS: ['a business', 'businesses in {c}'],
  MNC: ['a multinational company', 'a multinational company in {c}'],
  MED: ['the media', 'media in {c}'],
  EDU: ['educators', 'educators in {c}'],
  LAB: ['labour groups', 'labour groups in {c}'],
  AGR: ['farmers', 'farmers in {c}'],
  HLH: ['health officials', 'health officials in {c}'],
  HRI: ['human rights groups', 'human rights groups in {c}'],
  ENV: ['environmental groups', 'environmental groups in {c}'],
  DEV: ['development organisations', 'development organisations in {c}'],
  ELI: ['prominent figures', 'prominent figures in {c}'],
  REF: ['refugees', 'refugees in {c}'],
  IMG: ['migrants', 'migrants in {c}'],
  REL: ['religious leaders', 'religious leaders in {c}'],
  RAD: ['radicals', 'radicals in {c}'],
  MOD: ['moderates', 'moderates in {c}'],
  SET: ['settlers', 'settlers in {c}'],
  NGO: ['a non-governmental organisation', 'a non-governmental organisation in {c}'],
  IGO: ['an intergovernmental organisation', 'an intergovernmental organisation in {c}'],
};

/** Roles whose GDELT name is usually the organisation's own ("WELLS FARGO", "HOUSE OF COMMONS"). */
const NAMED_ROLES = new Set(['GOV', 'LEG', 'JUD', 'MNC', 'BUS', 'NGO', 'IGO', 'MED', 'EDU', 'PTY']);

/** Common nouns GDELT gives as names: written as a reader expects them. */
const GENERIC_NAMES: Readonly<Record<string, string>> = {
  PRESIDENT: 'the president',
  'PRIME MINISTER': 'the prime minister',
  'FOREIGN MINISTER': 'the foreign minister',
  'FOREIGN MINIST': 'the foreign ministry',
  'FOREIGN MINISTRY': 'the foreign ministry',
  MINISTER: 'a minister',
  MINISTRY: 'a ministry',
  GOVERNMENT: 'the government',
  ADMINISTRATION: 'the administration',
  AUTHORITIES: 'the authorities',
  OFFICIAL: 'an official',
  OFFICIALS: 'officials',
  POLICE: 'police',
  MILITARY: 'the military',
  ARMY: 'the army',
  SOLDIER: 'soldiers',
  MEDIA: 'the media',
  COMPANY: 'a company',
  BANK: 'a bank',
  BUSINESS: 'a business',
  COURT: 'a court',
  'SUPREME COURT': 'the supreme court',
  JUDGE: 'a judge',
  LAWMAKER: 'lawmakers',
  PARLIAMENT: 'parliament',
  CONGRESS: 'Congress',
  SENATE: 'the Senate',
  PROTESTER: 'protesters',
  PROTESTERS: 'protesters',
  STUDENT: 'students',
  SCHOOL: 'a school',
  UNIVERSITY: 'a university',
  CITIZEN: 'citizens',
  RESIDENTS: 'residents',
  COMMUNITY: 'the community',
  PEOPLE: 'people',
  GUNMAN: 'a gunman',
  ATTACKER: 'attackers',
  MILITANT: 'militants',
  REBEL: 'rebels',
  TERRORIST: 'terrorists',
  PRISON: 'a prison',
  HOSPITAL: 'a hospital',
};

const SMALL_WORDS = /^(of|and|the|for|in|on|at|to|de|du|des|la|le|el|al|von|van|der)$/i;

/** "HOUSE OF COMMONS" or "House Of Commons" → "House of Commons"; short capitals stay (NATO, UN). */
export function properCase(raw: string): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  const upper = name === name.toUpperCase() && /[A-Z]/.test(name);
  if (upper && name.length <= 4 && !name.includes(' ')) return name;
  return name
    .split(' ')
    .map((word, index) => {
      if (index > 0 && SMALL_WORDS.test(word)) return word.toLowerCase();
      if (!upper && word !== word.toUpperCase()) return word;
      if (!upper) return word.length <= 4 ? word : word.charAt(0) + word.slice(1).toLowerCase();
      return word.charAt(0) + word.slice(1).toLowerCase();
    })
    .join(' ');
}

/** Names that take "the" in running text ("the United States", "the Ministry of Commerce of China"). */
const TAKES_ARTICLE =
  /^(United (States|Kingdom|Nations|Arab Emirates)|European (Union|Commission|Council|Parliament)|Netherlands|Philippines|Ministry|Department|General Administration|Office|Kremlin|Pentagon|White House|Czech Republic|Democratic Republic|Central African Republic|Gulf States|US Department|UK Ministry|House of|Senate|Supreme Court|Federal|National|State Department|World (Bank|Trade Organization|Health Organization)|International|Council|Commission|Security Council|Bank of|Foreign Ministry|Ministry)\b/;

/** ACLED's group actors of a country ("Protesters (Kosovo)", "Civilians (Ukraine)"). */
const GROUP_OF_COUNTRY =
  /^(Protesters|Rioters|Civilians|Students|Journalists|Farmers|Women|Refugees|Prisoners|Teachers|Lawyers|Health Workers|Labou?r Group|Fishers|Migrants|Settlers) \(([^()]+)\)$/;

/** Seas, gulfs and peninsulas take "the" ("the Red Sea", "the Arabian Peninsula", "the Gulf of Aden"). */
const GEOGRAPHIC_ARTICLE = /^[A-Z][\w-]*( [A-Z][\w-]*)? (Sea|Ocean|Gulf|Peninsula|Strait|Channel|Desert|Mountains|Islands)$|^(Gulf|Strait|Bay|Horn|Sea|Isle) of /;

/** A name as it reads in a sentence: proper case, "the" where English puts one, no ACLED year range. */
export function nameInText(raw: string): string {
  // ACLED dates its state actors: "Military Forces of Sudan (2019-)".
  const name = properCase(raw.replace(/\s*\(\d{4}-(\d{4})?\)\s*$/, ''));
  // ACLED names groups by their country: "Protesters (Kosovo)" reads "protesters in Kosovo".
  const group = GROUP_OF_COUNTRY.exec(name);
  if (group) return `${group[1]!.toLowerCase()} in ${nameInText(group[2]!)}`;
  if (GEOGRAPHIC_ARTICLE.test(name)) return `the ${name}`;
  if (/^the /i.test(name)) return `the ${name.slice(4)}`;
  return TAKES_ARTICLE.test(name) ? `the ${name}` : name;
}

/** A country or region name from its CAMEO/ISO alpha-3 code, or null. */
export function countryName(code: string | null | undefined): string | null {
  if (!code) return null;
  return COUNTRIES[code.trim().toUpperCase()] ?? null;
}

/**
 * How a coded actor reads in a sentence: the country for a country code ("DEU" named "HALLE" is
 * Germany), the role of a country ("NGACOP" → "police in Nigeria"), a generic name in lower case
 * ("PRESIDENT" → "the president"), an organisation's own name ("WELLS FARGO" → "Wells Fargo").
 */
export function codedActorName(actor: Pick<Actor, 'name' | 'code' | 'countryCode'>): string {
  const rawName = actor.name.trim();
  const upperName = rawName.toUpperCase();
  const code = (actor.code ?? '').trim().toUpperCase();
  const chunks = code.match(/.{3}/g) ?? [];
  const country = countryName(chunks[0]) ?? countryName(actor.countryCode);
  const leadIsCountry = countryName(chunks[0]) !== null;
  const roles = chunks.filter((chunk) => ROLES[chunk]);
  const role = roles[0];
  const generic = GENERIC_NAMES[upperName];
  // An organisation named by GDELT (Wells Fargo, House of Commons) reads best under its own name.
  if (!leadIsCountry && role && NAMED_ROLES.has(role) && rawName && !generic && !isCountryName(rawName)) {
    return nameInText(rawName);
  }
  if (role) {
    const [alone, ofCountry] = ROLES[role]!;
    if (generic && !country) return generic;
    if (country) return ofCountry.replace('{c}', country);
    return alone;
  }
  if (leadIsCountry && country) return country;
  if (generic) return generic;
  if (country && (!rawName || isCountryName(rawName))) return country;
  return rawName ? nameInText(rawName) : (country ?? '');
}

function isCountryName(name: string): boolean {
  const lower = name.trim().toLowerCase();
  return Object.values(COUNTRIES).some((country) => country.replace(/^the /, '').toLowerCase() === lower);
}
